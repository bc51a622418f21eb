import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/ui/i18n';
import { describeContext } from '../../src/ui/phaseContextText';

const en = i18n.getFixedT('en', 'app');
const zh = i18n.getFixedT('zh-CN', 'app');

describe('describeContext', () => {
  it('names a seed trial', () => {
    expect(describeContext({ kind: 'seed', seed: 2, of: 3 }, en)).toBe('seed 2 of 3');
    expect(describeContext({ kind: 'seed', seed: 2, of: 3 }, zh)).toBe('第 2 个种子，共 3 个');
  });

  it('names a sweep point with its T and α', () => {
    const point = { kind: 'sweep', point: 1, of: 4, temperature: 8, alpha: 0.25 } as const;
    expect(describeContext(point, en)).toBe('sweep point 1 of 4: T=8, α=0.25');
    expect(describeContext(point, zh)).toBe('第 1 个扫描点，共 4 个：T=8，α=0.25');
  });

  it('names the latency measurement', () => {
    expect(describeContext({ kind: 'latency' }, en)).toBe('measuring inference latency');
    expect(describeContext({ kind: 'latency' }, zh)).toBe('正在测量推理延迟');
  });
});
