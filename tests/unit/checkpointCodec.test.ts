import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/engine/train/crc32';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../src/engine/train/checkpointCodec';

const tensor = (name: string, shape: number[], f: (i: number) => number) => ({
  name,
  shape,
  values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)),
});

const CHECKPOINT: Checkpoint = {
  phase: 'distill',
  epoch: 3,
  step: 412,
  optimizerStep: 1200,
  weights: [
    tensor('dense_1/kernel', [2, 16], (i) => Math.sin(i) / 3),
    tensor('dense_1/bias', [16], (i) => i * 1e-3),
    tensor('logits/kernel', [16, 3], (i) => [Number.NaN, Infinity, -Infinity, -0, 1e-45, 3.4e38][i % 6]!),
    tensor('empty', [0, 4], () => 0),
    tensor('scalar', [], () => 42),
  ],
  optimizerState: [tensor('dense_1/kernel/m', [2, 16], (i) => i), tensor('dense_1/kernel/v', [2, 16], (i) => i * i)],
  metrics: { loss: [0.9, 0.5, 0.31], name: 'näme ☃', nested: { ok: true, none: null } },
};

const bits = (v: Float32Array): number[] => Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));

function expectSame(a: Checkpoint, b: Checkpoint): void {
  expect({ ...b, weights: undefined, optimizerState: undefined }).toEqual({ ...a, weights: undefined, optimizerState: undefined });
  for (const key of ['weights', 'optimizerState'] as const) {
    expect(b[key]?.length).toBe(a[key]?.length);
    a[key]?.forEach((t, i) => {
      const u = b[key]![i]!;
      expect(u.name).toBe(t.name);
      expect(u.shape).toEqual(t.shape);
      expect(bits(u.values)).toEqual(bits(t.values)); // bit-exact, NaN and -0 included
    });
  }
}

/** Flips one byte of a copy of the buffer. */
function corrupt(buffer: ArrayBuffer, at: number): ArrayBuffer {
  const copy = buffer.slice(0);
  new Uint8Array(copy)[at]! ^= 0xff;
  return copy;
}

describe('checkpoint codec', () => {
  it('round-trips every field exactly, with and without optimiser state', () => {
    const buffer = encodeCheckpoint(CHECKPOINT);
    expectSame(CHECKPOINT, decodeCheckpoint(buffer));
    const { optimizerState: _o, ...noOptimizer } = CHECKPOINT;
    const decoded = decodeCheckpoint(encodeCheckpoint(noOptimizer));
    expect('optimizerState' in decoded).toBe(false);
    expectSame(noOptimizer, decoded);
  });

  it('is compact: a small header plus 4 bytes per value', () => {
    const values = [...CHECKPOINT.weights, ...CHECKPOINT.optimizerState!].reduce((n, t) => n + t.values.length, 0);
    const size = encodeCheckpoint(CHECKPOINT).byteLength;
    expect(size - values * 4).toBeLessThan(600);
    expect(size % 4).toBe(0);
  });

  it('copies values out of subarray views correctly', () => {
    const big = Float32Array.from({ length: 10 }, (_, i) => i);
    const c: Checkpoint = { ...CHECKPOINT, weights: [{ name: 'w', shape: [3], values: big.subarray(5, 8) }], optimizerState: [] };
    expect(Array.from(decodeCheckpoint(encodeCheckpoint(c)).weights[0]!.values)).toEqual([5, 6, 7]);
  });

  it('reports truncated and corrupt input clearly', () => {
    const buffer = encodeCheckpoint(CHECKPOINT);
    const headerEnd = new DataView(buffer).getUint32(8, true) + 24;
    const cases: [ArrayBuffer, RegExp | string][] = [
      [new ArrayBuffer(0), 'The checkpoint is truncated: 0 bytes, fewer than the 24-byte prefix.'],
      [buffer.slice(0, buffer.byteLength - 4), `The checkpoint is truncated: ${buffer.byteLength - 4} bytes, expected ${buffer.byteLength}.`],
      [buffer.slice(0, 30), /The checkpoint is truncated: 30 bytes, expected/],
      [new Uint8Array([...new Uint8Array(buffer), 0, 0, 0, 0]).buffer, /The checkpoint is too long/],
      [corrupt(buffer, 0), 'This is not a Distill Studio checkpoint (wrong magic bytes).'],
      [corrupt(buffer, 4), 'Unsupported checkpoint version 254 (this studio reads version 1).'],
      [corrupt(buffer, 30), 'The checkpoint header is corrupt (checksum mismatch).'],
      [corrupt(buffer, headerEnd + 8), 'The checkpoint weights are corrupt (checksum mismatch).'],
      [corrupt(buffer, buffer.byteLength - 1), 'The checkpoint weights are corrupt (checksum mismatch).'],
      [corrupt(buffer, 16), /The checkpoint is (truncated|too long)/],
    ];
    for (const [input, message] of cases) {
      expect(() => decodeCheckpoint(input)).toThrow(CheckpointError);
      expect(() => decodeCheckpoint(input)).toThrow(message);
    }
  });

  it('rejects a well-formed file whose header does not describe the payload', () => {
    // Re-encode with a header that lies about a shape, fixing the header CRC so only the content check can catch it.
    const buffer = encodeCheckpoint({ ...CHECKPOINT, optimizerState: [] });
    const view = new DataView(buffer);
    const headerLength = view.getUint32(8, true);
    const text = new TextDecoder().decode(new Uint8Array(buffer, 24, headerLength)).replace('"shape":[2,16]', '"shape":[2,15]');
    const header = new TextEncoder().encode(text);
    expect(header.length).toBe(headerLength);
    new Uint8Array(buffer).set(header, 24);
    view.setUint32(12, crc32(header), true);
    expect(() => decodeCheckpoint(buffer)).toThrow('The checkpoint header lists 95 values but the payload holds 97.');
  });

  it('refuses to encode inconsistent input', () => {
    expect(() => encodeCheckpoint({ ...CHECKPOINT, weights: [{ name: 'w', shape: [2, 2], values: new Float32Array(3) }] })).toThrow(
      'Tensor "w" has shape [2, 2] but 3 values.',
    );
    expect(() => encodeCheckpoint({ ...CHECKPOINT, epoch: -1 })).toThrow('epoch must be a whole number ≥ 0 (got -1).');
    expect(() => encodeCheckpoint({ ...CHECKPOINT, phase: 'warmup' as Checkpoint['phase'] })).toThrow('Unknown phase "warmup".');
  });
});

describe('crc32', () => {
  /** The textbook byte-at-a-time CRC-32 (reflected 0xEDB88320), computed bit by bit. */
  const bitwise = (bytes: Uint8Array): number => {
    let c = 0xffffffff;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };

  it('gives the standard check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('equals the bit-by-bit CRC on every length and offset around the 8-byte blocks', () => {
    const data = new Uint8Array(300);
    let s = 12345;
    for (let i = 0; i < data.length; i++) data[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
    for (let start = 0; start < 9; start++) {
      for (let len = 0; len <= 40; len++) expect(crc32(data.subarray(start, start + len))).toBe(bitwise(data.subarray(start, start + len)));
    }
    expect(crc32(data)).toBe(bitwise(data));
  });
});
