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

  it('names a comparison trial with its method, setting and seed', () => {
    const trial = { kind: 'compare', arm: 'rkd', seed: 2, seeds: 3, value: 5, trial: 9, trials: 12 } as const;
    expect(describeContext(trial, en, i18n.getFixedT('en', 'compare'))).toBe('RKD at β = 5 (angle 10), seed 2 of 3 (comparison trial 9 of 12)');
    expect(describeContext(trial, zh, i18n.getFixedT('zh-CN', 'compare'))).toBe('RKD（β = 5（角度 10）），第 2 个种子，共 3 个（方法比较第 9/12 次训练）');
    const scratch = { ...trial, arm: 'scratch', value: null } as const;
    expect(describeContext(scratch, en, i18n.getFixedT('en', 'compare'))).toBe('Scratch, seed 2 of 3 (comparison trial 9 of 12)');
  });

  it('names the latency measurement', () => {
    expect(describeContext({ kind: 'latency' }, en)).toBe('measuring inference latency');
    expect(describeContext({ kind: 'latency' }, zh)).toBe('正在测量推理延迟');
  });
});
