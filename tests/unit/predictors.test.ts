import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { imageFeatures } from '../../src/engine/data/images/imageSet';
import { buildModel } from '../../src/engine/models/build';
import { Predictors } from '../../src/worker/predictors';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

beforeAll(async () => {
  await useCpu();
});

describe('Try it yourself: the worker’s predictors', () => {
  it('answer with an ONNX teacher’s scores beside the students’ logits, and forget them with the run', async () => {
    const config = toyConfig();
    const p = new Predictors();
    const asked: number[][] = [];
    // A stand-in for an ONNX teacher: logits (x0 + x1, x0 − x1, 0) for each input.
    const scores = async (x: Float32Array, count: number) => {
      asked.push(Array.from(x));
      return Float32Array.from({ length: count * 3 }, (_, i) => [x[0]! + x[1]!, x[0]! - x[1]!, 0][i % 3]!);
    };
    const hook = p.feed(4, config, [2], 3, scores);
    // Before any student is trained, the teacher alone answers.
    const early = await p.predict(4, Float32Array.of(1, 2), 1);
    expect(early).toEqual({ logits: { teacher: Float32Array.of(3, -1, 0), scratch: null, distill: null }, numClasses: 3 });
    const scratch = buildModel(config.student, [2], 3, 'scratch_src', { seed: 3 });
    await hook('scratch', 1, scratch, null);
    const before = tf.memory().numTensors;
    const answer = await p.predict(4, Float32Array.of(0.5, 0.25), 1);
    expect(tf.memory().numTensors).toBe(before);
    if ('problem' in answer) throw new Error(answer.problem);
    expect(Array.from(answer.logits.teacher!)).toEqual([0.75, 0.25, 0]);
    const own = tf.tidy(() => Array.from((scratch.predict(tf.tensor2d([[0.5, 0.25]])) as tf.Tensor).dataSync()));
    Array.from(answer.logits.scratch!).forEach((v, k) => expect(v).toBeCloseTo(own[k]!, 6));
    expect(answer.logits.distill).toBeNull();
    expect(asked).toEqual([[1, 2], [0.5, 0.25]]);
    expect(await p.predict(3, Float32Array.of(0, 0), 1)).toEqual({ problem: 'staleRun' });
    expect(await p.predict(4, Float32Array.of(0, 0, 0), 1)).toEqual({ problem: 'badInput' });
    p.clear();
    expect(await p.predict(4, Float32Array.of(0, 0), 1)).toEqual({ problem: 'noRun' });
    scratch.dispose();
  });

  it('a prepared picture becomes the models’ input as the set’s images do: each byte / 255, channels last', () => {
    expect(Array.from(imageFeatures(Uint8Array.of(0, 51, 255, 128)))).toEqual([0, 0.2, 1, 128 / 255].map(Math.fround));
  });
});
