import { describe, expect, it } from 'vitest';
import { paramCount, type ArchSpec, type CnnLayer } from '../../src/engine/models/spec';
import { analyseRows, statsOf, statsText } from '../../src/ui/controls/arch/archStatsText';
import { addRow, convertKind, defaultLayer, editRows, moveItem, removeItem, replaceItem } from '../../src/ui/controls/arch/rows';

const IMG = [28, 28, 1];
const conv = (kernel: number, batchNorm = false): Extract<CnnLayer, { type: 'conv' }> => ({ type: 'conv', filters: 4, kernel, stride: 1, activation: 'relu', ...(batchNorm ? { batchNorm } : {}) });

describe('row edits', () => {
  it('move, remove and replace return copies', () => {
    const list = [1, 2, 3];
    expect(moveItem(list, 0, 1)).toEqual([2, 1, 3]);
    expect(moveItem(list, 2, 1)).toEqual([1, 2, 3]);
    expect(moveItem(list, 0, -1)).toEqual([1, 2, 3]);
    expect(removeItem(list, 1)).toEqual([1, 3]);
    expect(replaceItem(list, 2, 9)).toEqual([1, 2, 9]);
    expect(list).toEqual([1, 2, 3]);
  });

  it('adds a row: an MLP repeats its last width, a CNN gets a dense layer with the last activation', () => {
    expect(addRow({ kind: 'mlp', hidden: [8], activation: 'tanh' })).toEqual({ kind: 'mlp', hidden: [8, 8], activation: 'tanh' });
    expect(addRow({ kind: 'mlp', hidden: [], activation: 'tanh' })).toMatchObject({ hidden: [16] });
    expect(addRow({ kind: 'cnn', layers: [{ ...conv(3), activation: 'gelu' }, { type: 'flatten' }] })).toMatchObject({
      layers: [{ type: 'conv' }, { type: 'flatten' }, { type: 'dense', units: 64, activation: 'gelu' }],
    });
    expect(editRows({ kind: 'cnn', layers: [conv(3), { type: 'flatten' }] }, (rows) => moveItem(rows, 0, 1))).toMatchObject({
      layers: [{ type: 'flatten' }, { type: 'conv' }],
    });
  });

  it('changing a layer type gives that type its defaults and keeps the activation', () => {
    expect(defaultLayer('conv', { type: 'dense', units: 5, activation: 'tanh' })).toEqual({ type: 'conv', filters: 16, kernel: 3, stride: 1, activation: 'tanh' });
    expect(defaultLayer('maxpool')).toEqual({ type: 'maxpool', size: 2 });
    expect(defaultLayer('dropout')).toEqual({ type: 'dropout', rate: 0.25 });
  });

  it('converts between MLP and CNN with the same parameter count', () => {
    const mlp: ArchSpec = { kind: 'mlp', hidden: [32, 16], activation: 'gelu', dropout: 0.3 };
    const cnn = convertKind(mlp, 'cnn');
    expect(cnn).toEqual({
      kind: 'cnn',
      layers: [
        { type: 'dense', units: 32, activation: 'gelu' },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 16, activation: 'gelu' },
        { type: 'dropout', rate: 0.3 },
      ],
    });
    expect(paramCount(cnn, IMG, 10)).toBe(paramCount(mlp, IMG, 10));
    expect(convertKind(cnn, 'mlp')).toEqual(mlp);
    expect(convertKind({ kind: 'cnn', layers: [conv(3)] }, 'mlp')).toEqual({ kind: 'mlp', hidden: [], activation: 'relu' });
  });
});

describe('row analysis', () => {
  it('gives each row its output shape and parameters, and the output layer', () => {
    const spec: ArchSpec = { kind: 'cnn', layers: [conv(3, true), { type: 'maxpool', size: 2 }, { type: 'dense', units: 8, activation: 'relu' }] };
    const a = analyseRows(spec, IMG, 10);
    expect(a.rows).toEqual([
      { shape: [26, 26, 4], params: 9 * 4 + 4 * 4 },
      { shape: [13, 13, 4], params: 0 },
      { shape: [8], params: 13 * 13 * 4 * 8 + 8 },
    ]);
    expect(a.output).toEqual({ shape: [10], params: 90 });
    expect(a.failedRow).toBeNull();
    const mlp = analyseRows({ kind: 'mlp', hidden: [8, 16], activation: 'tanh', dropout: 0.5 }, [2], 3);
    expect(mlp.rows).toEqual([{ shape: [8], params: 24 }, { shape: [16], params: 144 }]);
    expect(mlp.output).toEqual({ shape: [3], params: 51 });
  });

  it('marks the row where the spec breaks and shows no shapes after it', () => {
    const a = analyseRows({ kind: 'cnn', layers: [conv(3), conv(30), { type: 'flatten' }] }, IMG, 10);
    expect(a.rows).toEqual([{ shape: [26, 26, 4], params: 40 }, null, null]);
    expect(a.failedRow).toBe(1);
    expect(a.output).toBeNull();
    const zero = analyseRows({ kind: 'mlp', hidden: [8, 0], activation: 'relu' }, [2], 3);
    expect(zero.failedRow).toBe(1);
    expect(analyseRows({ kind: 'mlp', hidden: [8], activation: 'relu', dropout: 2 }, [2], 3).failedRow).toBeNull();
  });

  it('summarises a buildable spec like the preset line and nothing for a broken one', () => {
    const stats = statsOf({ kind: 'mlp', hidden: [8], activation: 'tanh' }, [2], 3);
    expect(stats && statsText(stats)).toBe('MLP 2→8→3 · 51 parameters · 0.2 KB · 80 FLOPs/example');
    expect(statsOf({ kind: 'mlp', hidden: [0], activation: 'tanh' }, [2], 3)).toBeNull();
  });
});
