/** A kernel a backend lacks, parsed from tfjs's "Kernel 'X' not registered for backend 'y'" error. */
export function missingKernel(message: string): { kernel: string; backend: string } | null {
  const m = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(message);
  return m ? { kernel: m[1]!, backend: m[2]! } : null;
}

/** What the training kernels a backend may lack compute, for messages. */
const KERNEL_PURPOSE: Record<string, string> = {
  Conv2DBackpropFilter: 'the gradient of convolution weights',
  Conv2DBackpropInput: 'the gradient through a convolution',
  MaxPoolGrad: 'the gradient through max-pooling',
  FusedBatchNorm: 'batch normalisation',
};

/** A clear, user-facing sentence for a missing kernel (instead of tfjs's raw error). */
export function missingKernelMessage(kernel: string, backend: string): string {
  const purpose = KERNEL_PURPOSE[kernel];
  return `The ${backend} backend cannot train this architecture: tfjs has no ${kernel} kernel for it${purpose ? ` (${purpose})` : ''}. Choose Auto, WebGL, WebGPU or CPU.`;
}

