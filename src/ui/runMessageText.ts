import type { TFunction } from 'i18next';
import type { RunMessage } from '../worker/runMessage';

/** Kernels whose purpose the missing-kernel message explains (tfjs kernel name → catalogue key). */
const KERNEL_PURPOSE_KEYS = {
  Conv2DBackpropFilter: 'failure.purposeConvFilter',
  Conv2DBackpropInput: 'failure.purposeConvInput',
  MaxPoolGrad: 'failure.purposeMaxPool',
  FusedBatchNorm: 'failure.purposeBatchNorm',
} as const;

/** True for a kernel the catalogue explains. */
function isExplainedKernel(kernel: string): kernel is keyof typeof KERNEL_PURPOSE_KEYS {
  return Object.hasOwn(KERNEL_PURPOSE_KEYS, kernel);
}

/** Why a run failed, as one sentence in the language of `t` (tfjs's and the parsers' texts stay as they came). */
export function describeRunMessage(message: RunMessage, t: TFunction<'app'>): string {
  switch (message.code) {
    case 'text':
      return message.text;
    case 'runFailed':
      return t('failure.runFailed', { backend: message.backend, error: message.error });
    case 'missingKernel': {
      const { kernel, backend } = message;
      const purpose = isExplainedKernel(kernel) ? t('failure.purpose', { purpose: t(KERNEL_PURPOSE_KEYS[kernel]) }) : '';
      return t('failure.missingKernel', { backend, kernel, purpose });
    }
    case 'uploadGone':
      return t('failure.uploadGone');
    case 'workerError':
      return t('failure.workerError', { error: message.error });
  }
}
