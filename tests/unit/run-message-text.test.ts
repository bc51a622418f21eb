import { describe, expect, it } from 'vitest';
import { missingKernelMessage } from '../../src/engine/parity';
import { i18n } from '../../src/ui/i18n';
import { describeRunMessage } from '../../src/ui/runMessageText';
import { UPLOAD_GONE } from '../../src/worker/protocol';

const en = i18n.getFixedT('en', 'app');
const zh = i18n.getFixedT('zh-CN', 'app');

describe('describeRunMessage', () => {
  it('words a run that failed on a backend, keeping tfjs’s error text', () => {
    const m = { code: 'runFailed', backend: 'webgl', error: 'Failed to compile fragment shader.' } as const;
    expect(describeRunMessage(m, en)).toBe('The run failed on webgl: Failed to compile fragment shader.');
    expect(describeRunMessage(m, zh)).toBe('运行在 webgl 上失败：Failed to compile fragment shader.');
  });

  it('explains a missing kernel exactly as the engine’s English sentence, and in Chinese', () => {
    for (const kernel of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'FusedBatchNorm', 'SomeOtherKernel']) {
      expect(describeRunMessage({ code: 'missingKernel', kernel, backend: 'wasm' }, en)).toBe(missingKernelMessage(kernel, 'wasm'));
    }
    expect(describeRunMessage({ code: 'missingKernel', kernel: 'Conv2DBackpropFilter', backend: 'wasm' }, zh)).toBe(
      'wasm 后端无法训练此架构：tfjs 没有它所需的 Conv2DBackpropFilter 算子（卷积权重的梯度）。请选择“自动”、WebGL、WebGPU 或 CPU。',
    );
    expect(describeRunMessage({ code: 'missingKernel', kernel: 'SomeOtherKernel', backend: 'wasm' }, zh)).toBe(
      'wasm 后端无法训练此架构：tfjs 没有它所需的 SomeOtherKernel 算子。请选择“自动”、WebGL、WebGPU 或 CPU。',
    );
  });

  it('words lost uploads and worker errors; already-worded texts pass through', () => {
    expect(describeRunMessage({ code: 'uploadGone' }, en)).toBe(UPLOAD_GONE);
    expect(describeRunMessage({ code: 'uploadGone' }, zh)).toBe('你上传的数据已不在内存中——请重新添加文件。');
    expect(describeRunMessage({ code: 'workerError', error: 'x is undefined' }, en)).toBe('Worker error: x is undefined');
    expect(describeRunMessage({ code: 'workerError', error: 'x is undefined' }, zh)).toBe('工作线程错误：x is undefined');
    expect(describeRunMessage({ code: 'text', text: 'Row 3 has 2 columns, expected 3.' }, zh)).toBe('Row 3 has 2 columns, expected 3.');
  });

  it('words the UI’s own crash and download messages in both languages', () => {
    expect(en('failure.workerCrashed', { error: 'Simulated worker crash' })).toBe('The training worker crashed: Simulated worker crash.');
    expect(zh('failure.workerCrashed', { error: zh('failure.unknownError') })).toBe('训练工作线程崩溃：未知错误。');
    expect(en('failure.downloadFailed', { error: 'quota' })).toBe('Download failed: quota');
    expect(zh('failure.crashWhileReading', { message: zh('failure.workerUnreadable') })).toBe('训练工作线程发送了一条无法读取的消息。它在读取你的文件时停止：请尝试更小的文件。');
  });
});
