import { describe, expect, it } from 'vitest';
import type { ArchSpec } from '../../src/engine/models/spec';
import { DEFAULT_CONFIG, sanitizeConfig } from '../../src/store/configFields';
import { fieldError } from './fieldText';
import { menuPreset, studentPreset, teacherPreset, toExperimentConfig } from '../../src/store/configSlice';

const MLP: ArchSpec = { kind: 'mlp', hidden: [8, 16], activation: 'relu', dropout: 0.2 };
const CNN: ArchSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 32, activation: 'gelu' },
    { type: 'dropout', rate: 0.5 },
  ],
};
/** A CNN whose first layer is replaced by `layer` (as it might arrive from a URL). */
const cnnWith = (layer: unknown): unknown => ({ kind: 'cnn', layers: [layer] });

describe("the 'arch' config field", () => {
  it('accepts null (preset in use) and well-formed MLP and CNN specs', () => {
    expect(DEFAULT_CONFIG.teacherCustom).toBeNull();
    expect(DEFAULT_CONFIG.studentCustom).toBeNull();
    for (const v of [null, MLP, CNN, { kind: 'mlp', hidden: [], activation: 'tanh' }, { kind: 'cnn', layers: [] }]) {
      expect(fieldError('teacherCustom', v)).toBeNull();
      expect(fieldError('studentCustom', v)).toBeNull();
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'mlp', /must be an object/],
    ['an array', [MLP], /must be an object/],
    ['a wrong kind', { kind: 'rnn', layers: [] }, /Unknown architecture kind "rnn"/],
    ['a missing kind', { hidden: [8], activation: 'relu' }, /Unknown architecture kind nothing/],
    ['missing hidden widths', { kind: 'mlp', activation: 'relu' }, /hidden widths must be a list/],
    ['a missing activation', { kind: 'mlp', hidden: [8] }, /unknown activation nothing/],
    ['an unknown activation', { kind: 'mlp', hidden: [8], activation: 'sigmoid' }, /unknown activation "sigmoid"/],
    ['a zero width', { kind: 'mlp', hidden: [8, 0], activation: 'relu' }, /Hidden layer 2: width must be a whole number from 1 to 8192 \(got 0\)/],
    ['a negative width', { kind: 'mlp', hidden: [-4], activation: 'relu' }, /got -4/],
    ['a fractional width', { kind: 'mlp', hidden: [2.5], activation: 'relu' }, /whole number/],
    ['a huge width', { kind: 'mlp', hidden: [1e9], activation: 'relu' }, /from 1 to 8192/],
    ['a string width', { kind: 'mlp', hidden: ['8'], activation: 'relu' }, /got "8"/],
    ['too many hidden layers', { kind: 'mlp', hidden: Array(9).fill(4), activation: 'relu' }, /at most 8 hidden layers/],
    ['dropout 1', { ...MLP, dropout: 1 }, /dropout must be at least 0 and below 1/],
    ['a NaN dropout', { ...MLP, dropout: Number.NaN }, /got NaN/],
    ['an extra MLP property', { ...MLP, evil: true }, /unknown property "evil"/],
    ['layers that are not a list', { kind: 'cnn', layers: { 0: { type: 'flatten' } } }, /layers must be a list/],
    ['too many layers', { kind: 'cnn', layers: Array(25).fill({ type: 'flatten' }) }, /at most 24 layers/],
    ['a layer that is not an object', cnnWith(null), /Layer 1 must be an object/],
    ['an unknown layer type', cnnWith({ type: 'lstm', units: 4 }), /Layer 1: unknown layer type "lstm"/],
    ['a missing layer type', cnnWith({ units: 4, activation: 'relu' }), /unknown layer type nothing/],
    ['a prototype key as type', cnnWith({ type: 'constructor' }), /unknown layer type "constructor"/],
    ['NaN filters', cnnWith({ type: 'conv', filters: Number.NaN, kernel: 3, stride: 1, activation: 'relu' }), /filters must be a whole number from 1 to 1024 \(got NaN\)/],
    ['infinite kernel', cnnWith({ type: 'conv', filters: 8, kernel: Infinity, stride: 1, activation: 'relu' }), /kernel size .* \(got Infinity\)/],
    ['a missing stride', cnnWith({ type: 'conv', filters: 8, kernel: 3, activation: 'relu' }), /stride .* \(got nothing\)/],
    ['a non-boolean batch norm', cnnWith({ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', batchNorm: 'yes' }), /batch norm must be true or false/],
    ['a conv activation typo', cnnWith({ type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'Relu' }), /unknown activation "Relu"/],
    ['a zero pool size', cnnWith({ type: 'maxpool', size: 0 }), /pool size must be a whole number/],
    ['huge dense units', cnnWith({ type: 'dense', units: 1e12, activation: 'relu' }), /units must be a whole number from 1 to 8192/],
    ['a negative dropout rate', cnnWith({ type: 'dropout', rate: -0.1 }), /dropout rate must be at least 0/],
    ['an extra layer property', cnnWith({ type: 'flatten', units: 3 }), /Layer 1 \(flatten\): unknown property "units"/],
  ])('rejects %s with a message', (_what, value, message) => {
    expect(fieldError('studentCustom', value)).toMatch(message);
  });

  it('keeps messages about long untrusted text short', () => {
    const message = fieldError('teacherCustom', { kind: 'x'.repeat(10_000) }) ?? '';
    expect(message.length).toBeLessThan(120);
  });

  it('sanitizeConfig keeps good specs and falls back to the preset (null) for bad ones', () => {
    const good = sanitizeConfig({ teacherCustom: CNN, studentCustom: MLP });
    expect(good.config.teacherCustom).toEqual(CNN);
    expect(good.config.studentCustom).toEqual(MLP);
    expect(good.rejected).toEqual([]);
    const bad = sanitizeConfig({ teacherCustom: { kind: 'mlp', hidden: [0], activation: 'relu' }, studentCustom: 'DROP TABLE', epochs: 3 });
    expect(bad.config.teacherCustom).toBeNull();
    expect(bad.config.studentCustom).toBeNull();
    expect(bad.config.epochs).toBe(3);
    expect(bad.rejected.sort()).toEqual(['studentCustom', 'teacherCustom']);
  });
});

describe('custom architecture resolution', () => {
  it('uses the presets when nothing is edited', () => {
    const e = toExperimentConfig(DEFAULT_CONFIG);
    expect(e.teacher).toEqual(menuPreset(DEFAULT_CONFIG, 'teacher').spec);
    expect(e.student).toEqual(menuPreset(DEFAULT_CONFIG, 'student').spec);
    expect(teacherPreset(DEFAULT_CONFIG).id).toBe(DEFAULT_CONFIG.teacherId);
  });

  it('uses edited layers for the experiment, keeping the menu preset to reset to', () => {
    const c = { ...DEFAULT_CONFIG, studentCustom: MLP };
    const e = toExperimentConfig(c);
    expect(e.student).toEqual(MLP);
    expect(e.teacher).toEqual(menuPreset(c, 'teacher').spec);
    expect(studentPreset(c)).toMatchObject({ id: 'custom', spec: MLP });
    expect(menuPreset(c, 'student').id).toBe(DEFAULT_CONFIG.studentId);
    expect(toExperimentConfig({ ...c, teacherCustom: CNN }).teacher).toEqual(CNN);
  });
});
