import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { inspectExamples } from '../engine/inspect/examples';
import { logitsOn } from '../engine/inspect/logits';
import type { Phase } from '../engine/train/types';
import type { WorkerEvent } from './protocol';

/** Posts one typed event to the UI, transferring the given buffers. */
type PostFn = (event: WorkerEvent, transfer?: Transferable[]) => void;

/**
 * Feeds the classroom views: posts the inspected test examples once per run, then each main-run model's logits
 * on them after every evaluated epoch (buffers are transferred, never copied twice).
 */
export class InspectFeed {
  private readonly x: Float32Array;
  private readonly inputShape: number[];
  private readonly count: number;
  private broken = false;

  /** Creates the feed and posts the examples (inputs and labels) for run `runId`. */
  constructor(
    private readonly runId: number,
    data: Dataset,
    private readonly post: PostFn,
    /** Which epochs get logits (default: every epoch). */
    private readonly spacing: { allow(epoch: number): boolean } | null = null,
  ) {
    const { examples, x } = inspectExamples(data);
    this.x = x;
    this.inputShape = examples.inputShape;
    this.count = examples.count;
    const transfer: Transferable[] = [examples.labels.buffer as ArrayBuffer];
    if (examples.pixels) transfer.push(examples.pixels.buffer as ArrayBuffer);
    if (examples.features) transfer.push(examples.features.buffer as ArrayBuffer);
    post({ type: 'inspectExamples', runId, examples }, transfer);
  }

  /** How many leading test examples' logits the feed wants from each evaluation (so it needs no forward pass of its own). */
  get logitCount(): number {
    return this.count;
  }

  /**
   * The `onEvaluated` hook: posts the model's logits on the inspected examples — the evaluation's own when it kept
   * them (copied: the evaluation keeps its array), else one forward pass of the (borrowed) model. A failure here
   * only stops the feed, never the run.
   */
  readonly onEvaluated = async (phase: Phase, epoch: number, model: tf.LayersModel | null, evaluated: Float32Array | null): Promise<void> => {
    if (this.count === 0 || this.broken) return;
    const kept = evaluated && evaluated.length % this.count === 0 && evaluated.length > 0 ? evaluated : null;
    if (!kept && !model) return; // a teacher known by its logits always hands them over
    if (this.spacing && !this.spacing.allow(epoch)) return;
    let logits: Float32Array;
    try {
      logits = kept ? kept.slice() : await logitsOn(model!, this.x, this.count, this.inputShape);
    } catch {
      this.broken = true;
      return;
    }
    this.post({ type: 'inspectLogits', runId: this.runId, phase, epoch, logits }, [logits.buffer as ArrayBuffer]);
  };
}
