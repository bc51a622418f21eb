import { describe, expect, it } from 'vitest';
import { englishArchProblem, type ArchProblem } from '../../src/engine/models/archProblems';
import { planArch } from '../../src/engine/models/plan';
import { archProblem, validateArch, type ArchSpec } from '../../src/engine/models/spec';
import { archShapeProblem } from '../../src/store/configFields';
import { fieldError } from './fieldText';
import { i18n } from '../../src/ui/i18n';
import { describeArchProblem } from '../../src/ui/controls/arch/archProblemText';

const en = i18n.getFixedT('en', 'app');
const zh = i18n.getFixedT('zh-CN', 'app');

const conv = { kind: 'layer', n: 2, type: 'conv' } as const;

/** One value of every code (the Record makes a new code without a sample a type error). */
const SAMPLES: { [C in ArchProblem['code']]: Extract<ArchProblem, { code: C }> } = {
  inputShape: { code: 'inputShape', shape: '0,2' },
  classes: { code: 'classes', got: '1' },
  mlpDropout: { code: 'mlpDropout', got: '1.5' },
  mlpHiddenList: { code: 'mlpHiddenList' },
  mlpTooManyHidden: { code: 'mlpTooManyHidden', max: 8, got: 9 },
  cnnLayersList: { code: 'cnnLayersList' },
  cnnTooManyLayers: { code: 'cnnTooManyLayers', max: 24, got: 25 },
  unknownKind: { code: 'unknownKind', kind: 'rnn' },
  activation: { code: 'activation', place: { kind: 'mlp' }, got: 'sigmoid' },
  tooManyValues: { code: 'tooManyValues', layer: 1, shape: '26×26×4000', values: 2704000, max: 2000000 },
  widthWhole: { code: 'widthWhole', place: { kind: 'hidden', n: 2 }, got: '0' },
  widthMax: { code: 'widthMax', place: { kind: 'hidden', n: 1 }, max: 8192, got: 9000 },
  convNeedsImage: { code: 'convNeedsImage', place: { kind: 'layer', n: 1, type: 'conv' }, input: '2' },
  convAfterFlatten: { code: 'convAfterFlatten', place: conv },
  filtersWhole: { code: 'filtersWhole', place: conv, got: '2.5' },
  filtersMax: { code: 'filtersMax', place: conv, max: 1024, got: 2048 },
  kernelWhole: { code: 'kernelWhole', place: conv, got: '0' },
  kernelFit: { code: 'kernelFit', place: conv, kernel: 9, h: 8, w: 8 },
  strideWhole: { code: 'strideWhole', place: conv, got: '0' },
  poolNeedsImage: { code: 'poolNeedsImage', place: { kind: 'layer', n: 3, type: 'maxpool' } },
  poolWhole: { code: 'poolWhole', place: { kind: 'layer', n: 3, type: 'maxpool' }, got: '0' },
  poolFit: { code: 'poolFit', place: { kind: 'layer', n: 3, type: 'maxpool' }, size: 4, h: 3, w: 3 },
  dropoutRange: { code: 'dropoutRange', place: { kind: 'layer', n: 4, type: 'dropout' }, got: '1' },
  unknownLayer: { code: 'unknownLayer', place: { kind: 'layer', n: 1, type: 'lstm' } },
  emptyOutput: { code: 'emptyOutput', place: conv, shape: '0×0×8' },
  tooManyParams: { code: 'tooManyParams', params: 60000000, max: 50000000 },
  tooManyFlops: { code: 'tooManyFlops', gflops: '2.4', max: 2 },
  shapeNotObject: { code: 'shapeNotObject' },
  shapeUnknownProperty: { code: 'shapeUnknownProperty', place: conv, name: 'bias' },
  shapeHiddenList: { code: 'shapeHiddenList' },
  shapeTooManyHidden: { code: 'shapeTooManyHidden', max: 8, got: 9 },
  shapeLayersList: { code: 'shapeLayersList' },
  shapeTooManyLayers: { code: 'shapeTooManyLayers', max: 24, got: 30 },
  shapeUnknownKind: { code: 'shapeUnknownKind', got: '"rnn"' },
  shapeLayerNotObject: { code: 'shapeLayerNotObject', place: { kind: 'layer', n: 2 } },
  shapeUnknownType: { code: 'shapeUnknownType', place: { kind: 'layer', n: 2 }, got: '"lstm"' },
  shapeWhole: { code: 'shapeWhole', place: { kind: 'layer', n: 2 }, field: 'kernel', max: 1024, got: 'nothing' },
  shapeRate: { code: 'shapeRate', place: { kind: 'mlp' }, field: 'dropout', got: '2' },
  shapeActivation: { code: 'shapeActivation', place: { kind: 'cnn' }, got: '"selu"' },
  shapeBatchNorm: { code: 'shapeBatchNorm', place: { kind: 'layer', n: 1 } },
};

const IMAGE = [8, 8, 1];
const mlp = (hidden: unknown[], extra: Record<string, unknown> = {}): ArchSpec => ({ kind: 'mlp', hidden, activation: 'relu', ...extra }) as ArchSpec;
const cnn = (layers: unknown[]): ArchSpec => ({ kind: 'cnn', layers }) as ArchSpec;

/** Real architectures that `planArch` rejects, with the input they are planned for. */
const BAD_PLANS: [ArchSpec, number[], number][] = [
  [mlp([8]), [2], 1],
  [mlp([8], { activation: 'sigmoid' }), [2], 3],
  [mlp([8], { dropout: 1 }), [2], 3],
  [mlp([1, 2, 3, 4, 5, 6, 7, 8, 9]), [2], 3],
  [mlp([8, 0]), [2], 3],
  [mlp([8, 9000], { dropout: 0.5 }), [2], 3],
  [mlp([8192, 8192]), [784], 10],
  [cnn([{ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu' }]), [2], 3],
  [cnn([{ type: 'flatten' }, { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 2.5, kernel: 3, stride: 1, activation: 'relu' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 2048, kernel: 3, stride: 1, activation: 'relu' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 8, kernel: 9, stride: 1, activation: 'relu' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 8, kernel: 3, stride: 0, activation: 'relu' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'selu' }]), IMAGE, 3],
  [cnn([{ type: 'dense', units: 8, activation: 'relu' }, { type: 'maxpool', size: 2 }]), IMAGE, 3],
  [cnn([{ type: 'maxpool', size: 9 }]), IMAGE, 3],
  [cnn([{ type: 'dropout', rate: 1 }]), IMAGE, 3],
  [cnn([{ type: 'lstm' }]), IMAGE, 3],
  [cnn([{ type: 'conv', filters: 1024, kernel: 3, stride: 1, activation: 'relu' }]), [64, 64, 1], 3],
  [{ kind: 'rnn' } as unknown as ArchSpec, IMAGE, 3],
];

/** Untrusted values that the stored-shape check rejects. */
const BAD_SHAPES: unknown[] = [
  'mlp',
  { kind: 'mlp', hidden: [8], activation: 'relu', bias: true },
  { kind: 'mlp', hidden: 8, activation: 'relu' },
  { kind: 'mlp', hidden: [8, 0], activation: 'relu' },
  { kind: 'mlp', hidden: [8], activation: 'relu', dropout: 2 },
  { kind: 'rnn' },
  { kind: 'cnn', layers: [{ type: 'flatten' }, 3] },
  { kind: 'cnn', layers: [{ type: 'lstm' }] },
  { kind: 'cnn', layers: [{ type: 'conv', filters: 8, stride: 1, activation: 'relu' }] },
  { kind: 'cnn', layers: [{ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', batchNorm: 'yes' }] },
  { kind: 'cnn', layers: [{ type: 'maxpool', size: 2, stride: 2 }] },
  { kind: 'cnn', layers: [{ type: 'dropout', rate: -1 }] },
  { kind: 'cnn', layers: {} },
];

describe('describeArchProblem', () => {
  it('words every code in English exactly as the engine, and in real Chinese', () => {
    for (const value of Object.values(SAMPLES)) {
      const english = describeArchProblem(value, en);
      const chinese = describeArchProblem(value, zh);
      expect(english).toBe(englishArchProblem(value));
      expect(chinese).not.toBe(english);
      expect(chinese).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese).not.toMatch(/\{\{|archProblem\./);
    }
  });

  it('keeps the parameters in the Chinese sentence', () => {
    expect(describeArchProblem(SAMPLES.kernelFit, zh)).toBe('第 2 层（conv）：9×9 的卷积核放不进它得到的 8×8 输入。');
    expect(describeArchProblem(SAMPLES.tooManyParams, zh)).toBe('60,000,000 个参数对浏览器标签页来说太多了；最多 50,000,000 个。');
    expect(describeArchProblem(SAMPLES.shapeWhole, zh)).toBe('第 2 层：卷积核尺寸必须是 1 到 1024 之间的整数（当前为 nothing）。');
    expect(describeArchProblem(SAMPLES.widthWhole, zh)).toBe('隐藏层 2：宽度必须是 ≥ 1 的整数（当前为 0）。');
  });

  it('renders real rejected architectures in English byte for byte as validateArch, covering distinct codes', () => {
    const codes = new Set<string>();
    for (const [spec, input, classes] of BAD_PLANS) {
      const plan = planArch(spec, input, classes);
      expect(plan.ok).toBe(false);
      if (plan.ok) continue;
      const problem = archProblem(spec, input, classes);
      expect(problem).toEqual(plan.problem);
      expect(describeArchProblem(plan.problem, en)).toBe(validateArch(spec, input, classes));
      expect(describeArchProblem(plan.problem, zh)).toMatch(/[\u4e00-\u9fff]/);
      codes.add(plan.problem.code);
    }
    expect(codes.size).toBe(BAD_PLANS.length - 1); // "activation" twice: MLP and conv
  });

  it('renders real rejected stored shapes in English byte for byte as fieldError', () => {
    const codes = new Set<string>();
    for (const value of BAD_SHAPES) {
      const problem = archShapeProblem(value);
      expect(problem).not.toBeNull();
      if (!problem) continue;
      expect(describeArchProblem(problem, en)).toBe(fieldError('teacherCustom', value));
      codes.add(problem.code);
    }
    expect(codes.size).toBe(10);
    expect(archShapeProblem({ kind: 'mlp', hidden: [8], activation: 'relu' })).toBeNull();
  });

  it('keeps the exact English wording the layer editor has always shown', () => {
    const plan = planArch(cnn([{ type: 'conv', filters: 8, kernel: 9, stride: 1, activation: 'relu' }]), IMAGE, 3);
    expect(plan.ok ? null : plan.error).toBe('Layer 1 (conv): a 9×9 kernel does not fit the 8×8 input it gets.');
    expect(fieldError('studentCustom', { kind: 'cnn', layers: [{ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', x: 1 }] })).toBe(
      'Layer 1 (conv): unknown property "x".',
    );
  });
});
