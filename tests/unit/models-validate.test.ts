import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/models/build';
import { validateArch, type ArchSpec, type CnnLayer } from '../../src/engine/models/spec';
import { useCpu } from './tfSetup';

const IMG = [28, 28, 1];
const conv = (over: Partial<Extract<CnnLayer, { type: 'conv' }>> = {}): CnnLayer => ({
  type: 'conv',
  filters: 8,
  kernel: 3,
  stride: 1,
  activation: 'relu',
  ...over,
});
const cnn = (...layers: CnnLayer[]): ArchSpec => ({ kind: 'cnn', layers });
const mlp = (hidden: number[], extra: Partial<Extract<ArchSpec, { kind: 'mlp' }>> = {}): ArchSpec => ({
  kind: 'mlp',
  hidden,
  activation: 'relu',
  ...extra,
});
/** A value the type system forbids, as it might arrive from stale local storage. */
const untyped = <T>(v: unknown): T => v as T;

beforeAll(async () => {
  await useCpu();
});

describe('validateArch accepts good specs', () => {
  it.each<[string, ArchSpec, number[], number]>([
    ['toy MLP', mlp([64, 64]), [2], 3],
    ['MLP without hidden layers', mlp([]), [2], 3],
    ['MLP on images with dropout and gelu', mlp([32], { activation: 'gelu', dropout: 0.5 }), IMG, 10],
    ['CNN with every layer type', cnn(conv({ batchNorm: true }), { type: 'maxpool', size: 2 }, { type: 'dropout', rate: 0.25 }, { type: 'flatten' }, { type: 'dense', units: 16, activation: 'tanh' }, { type: 'dropout', rate: 0 }), IMG, 10],
    ['CNN without a dense layer', cnn(conv(), { type: 'maxpool', size: 2 }), IMG, 10],
    ['kernel exactly the input size', cnn(conv({ kernel: 28 })), IMG, 10],
    ['dense-only CNN on points', cnn({ type: 'dense', units: 4, activation: 'tanh' }), [2], 3],
    ['stride larger than kernel', cnn(conv({ kernel: 2, stride: 5 })), IMG, 10],
  ])('%s', (_name, spec, shape, classes) => {
    expect(validateArch(spec, shape, classes)).toBeNull();
  });
});

describe('validateArch rejects with a clear message', () => {
  it.each<[string, ArchSpec, number[], number, RegExp]>([
    ['zero width', mlp([0]), [2], 3, /Hidden layer 1: width must be a whole number ≥ 1 \(got 0\)/],
    ['fractional width', mlp([8, 2.5]), [2], 3, /Hidden layer 2: width must be a whole number/],
    ['too wide', mlp([10000]), [2], 3, /width must be ≤ 8192/],
    ['too many hidden layers', mlp(Array<number>(9).fill(4)), [2], 3, /At most 8 hidden layers/],
    ['MLP dropout 1', mlp([8], { dropout: 1 }), [2], 3, /Dropout must be at least 0 and below 1 \(got 1\)/],
    ['MLP dropout negative', mlp([8], { dropout: -0.1 }), [2], 3, /Dropout must be at least 0 and below 1/],
    ['unknown activation', mlp([8], { activation: untyped('sigmoid') }), [2], 3, /unknown activation "sigmoid"/],
    ['conv on points', cnn(conv()), [2], 3, /convolutions need an image input.*\[2\]/],
    ['conv after dense', cnn({ type: 'dense', units: 4, activation: 'relu' }, conv()), IMG, 10, /Layer 2 \(conv\): a convolution must come before any flatten or dense layer/],
    ['conv after flatten', cnn({ type: 'flatten' }, conv()), IMG, 10, /must come before any flatten/],
    ['zero filters', cnn(conv({ filters: 0 })), IMG, 10, /filters must be a whole number ≥ 1 \(got 0\)/],
    ['too many filters', cnn(conv({ filters: 5000 })), IMG, 10, /filters must be ≤ 1024/],
    ['kernel larger than the input', cnn(conv({ kernel: 29 })), IMG, 10, /a 29×29 kernel does not fit the 28×28 input/],
    ['kernel larger after shrinking', cnn(conv({ kernel: 13 }), conv({ kernel: 17 })), IMG, 10, /Layer 2 \(conv\): a 17×17 kernel does not fit the 16×16 input/],
    ['zero kernel', cnn(conv({ kernel: 0 })), IMG, 10, /kernel size must be a whole number ≥ 1/],
    ['zero stride', cnn(conv({ stride: 0 })), IMG, 10, /stride must be a whole number ≥ 1 \(got 0\)/],
    ['pool larger than input', cnn(conv({ kernel: 26 }), { type: 'maxpool', size: 4 }), IMG, 10, /a 4×4 pool does not fit the 3×3 input/],
    ['pool size zero', cnn({ type: 'maxpool', size: 0 }), IMG, 10, /pool size must be a whole number ≥ 1/],
    ['pool after dense', cnn({ type: 'dense', units: 4, activation: 'relu' }, { type: 'maxpool', size: 2 }), IMG, 10, /pooling needs an image-shaped input/],
    ['pooling down to nothing', cnn({ type: 'maxpool', size: 2 }, { type: 'maxpool', size: 2 }, { type: 'maxpool', size: 2 }, { type: 'maxpool', size: 2 }, { type: 'maxpool', size: 2 }), IMG, 10, /Layer 5 \(maxpool\): a 2×2 pool does not fit the 1×1 input/],
    ['CNN dropout 1', cnn(conv(), { type: 'dropout', rate: 1 }), IMG, 10, /Layer 2 \(dropout\): dropout must be at least 0 and below 1 \(got 1\)/],
    ['CNN dense zero units', cnn({ type: 'dense', units: 0, activation: 'relu' }), IMG, 10, /Layer 1 \(dense\): width must be a whole number ≥ 1 \(got 0\)/],
    ['unknown layer type', cnn(untyped<CnnLayer>({ type: 'lstm' })), IMG, 10, /Layer 1 \(lstm\): unknown layer type/],
    ['too many layers', cnn(...Array<CnnLayer>(25).fill({ type: 'dropout', rate: 0.1 })), IMG, 10, /At most 24 layers/],
    ['over 50M parameters', mlp([8192, 8192]), IMG, 10, /parameters is too many for a browser tab; at most 50,000,000/],
    ['tab-killing activations', cnn(conv({ filters: 1024, kernel: 1 }), conv({ filters: 1024, kernel: 1 })), [64, 64, 3], 10, /outputs 64×64×1024 = 4,194,304 values per example/],
    ['tab-killing FLOPs', cnn(conv({ filters: 512 }), conv({ filters: 512 }), conv({ filters: 512 })), [40, 40, 3], 10, /GFLOPs per example is too slow/],
    ['bad input shape', mlp([4]), [0], 3, /input shape must be whole numbers ≥ 1/],
    ['one class', mlp([4]), [2], 1, /number of classes must be a whole number ≥ 2/],
    ['unknown kind', untyped<ArchSpec>({ kind: 'transformer' }), [2], 3, /Unknown architecture kind "transformer"/],
  ])('%s', (_name, spec, shape, classes, message) => {
    const error = validateArch(spec, shape, classes);
    expect(error).toMatch(message);
    // buildModel refuses with the same message instead of crashing inside tfjs.
    expect(() => buildModel(spec, shape, classes, 'bad')).toThrow(error ?? 'unreachable');
  });
});
