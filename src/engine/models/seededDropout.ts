import * as tf from '@tensorflow/tfjs';
import { deriveSeed, Rng } from '../rng';

/** Constructor arguments of `SeededDropout`. */
export interface SeededDropoutArgs {
  /** Fraction of inputs zeroed in training mode, in [0, 1). */
  rate: number;
  /** Seed of this layer's mask stream. */
  seed: number;
  /** Layer name. */
  name?: string;
}

/**
 * Inverted dropout whose masks come from the studio's own seeded generator: the k-th training-mode call of a
 * layer with seed s always draws the same mask (on every backend), and successive calls draw different masks.
 * `tf.layers.dropout({ seed })` cannot do this: it passes the same seed to `randomUniform` on every call, so it
 * would drop the same units at every step; without a seed it uses `Math.random`.
 * It serialises as a standard Keras `Dropout` (same config fields), so exported models load with
 * `tf.loadLayersModel` anywhere, as an identity at inference, exactly like this layer.
 */
export class SeededDropout extends tf.layers.Layer {
  /** Serialised class name: a plain Keras/tfjs Dropout layer. */
  static className = 'Dropout';
  /** Fraction dropped in training mode. */
  readonly rate: number;
  /** Seed of the mask stream. */
  readonly seed: number;
  private calls = 0;

  /** Creates the layer (see `SeededDropoutArgs`). */
  constructor(args: SeededDropoutArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.rate = args.rate;
    this.seed = args.seed >>> 0;
    this.supportsMasking = true;
  }

  /** Training-mode calls so far (the position in the mask stream; saved in checkpoints so a resumed run draws the same masks). */
  get callCount(): number {
    return this.calls;
  }

  /** Moves the mask stream to a position saved by a checkpoint. */
  set callCount(n: number) {
    this.calls = n;
  }

  /** Same shape out as in. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** Identity at inference; in training mode multiplies by the next seeded keep-mask divided by (1 − rate). */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return x;
    const rng = new Rng(deriveSeed(this.seed, `mask-${this.calls++}`));
    const keep = 1 - this.rate;
    const scale = 1 / keep;
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < keep ? scale : 0;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
  }

  /** Keras Dropout config: rate, noiseShape (none) and seed. */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noiseShape: null, seed: this.seed };
  }
}
