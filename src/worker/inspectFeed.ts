import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { inspectExamples, type InspectExamples } from '../engine/inspect/examples';
import { logitsOn } from '../engine/inspect/logits';
import type { Phase } from '../engine/train/types';
import type { WorkerEvent } from './protocol';
import { ALWAYS_OPEN, type ViewFeed, type ViewGate } from './viewFeeds';

/** Posts one typed event to the UI, transferring the given buffers. */
type PostFn = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** A model's latest evaluation as the feed keeps it: the epoch, and the evaluation's logits (null when only the model was given). */
interface Evaluated {
  epoch: number;
  logits: Float32Array | null;
}

/**
 * Feeds the classroom views while they are open: posts the inspected test examples once per run, then each main-run
 * model's logits on them after evaluated epochs (buffers are transferred, never copied twice). While the views are
 * closed it only remembers each model's latest evaluation; `fill` posts it when they open.
 */
export class InspectFeed implements ViewFeed {
  private readonly x: Float32Array;
  private readonly inputShape: number[];
  private readonly count: number;
  /** The examples until they are posted (once, before any logits). */
  private examples: InspectExamples | null;
  private broken = false;
  /** Each model's latest evaluation (the logits are the evaluation's own array, never posted: copies are). */
  private readonly latest = new Map<Phase, Evaluated>();
  /** The epoch of each model's logits the page has. */
  private readonly sent = new Map<Phase, number>();
  /** The evaluation `wantsLogits` declined while the view was open (the spacing said no): it posts nothing. */
  private spaced: { phase: Phase; epoch: number } | null = null;

  /** Creates the feed of run `runId`; posts the examples (inputs and labels) at once when the view is open. */
  constructor(
    private readonly runId: number,
    data: Dataset,
    private readonly post: PostFn,
    /** Which epochs get logits (default: every epoch). */
    private readonly spacing: { allow(epoch: number): boolean; wouldAllow(epoch: number): boolean } | null = null,
    /** Whether the view is open, and the models a catch-up uses when the evaluation kept no logits (default: always open). */
    private readonly view: ViewGate = ALWAYS_OPEN,
  ) {
    const { examples, x } = inspectExamples(data);
    this.x = x;
    this.inputShape = examples.inputShape;
    this.count = examples.count;
    this.examples = examples;
    if (view.isOpen()) this.postExamples();
  }

  /** How many leading test examples' logits the feed wants from each evaluation (so it needs no forward pass of its own). */
  get logitCount(): number {
    return this.count;
  }

  /**
   * The `wantsLogits` hook: an evaluation keeps (reads back) the inspected examples' logits only when the view is open
   * and the spacing will let them be posted; a closed view is caught up from the model when it opens (`fill`).
   */
  readonly wantsLogits = (phase: Phase, epoch: number): boolean => {
    if (this.count === 0 || this.broken || !this.view.isOpen()) return false;
    const want = this.spacing?.wouldAllow(epoch) ?? true;
    this.spaced = want ? null : { phase, epoch };
    return want;
  };

  /**
   * The `onEvaluated` hook: remembers the evaluation and, while the view is open (and the spacing allows), posts the
   * model's logits on the inspected examples — the evaluation's own when it kept them (copied: the evaluation keeps its
   * array), else one forward pass of the (borrowed) model. A failure here only stops the feed, never the run.
   */
  readonly onEvaluated = async (phase: Phase, epoch: number, model: tf.LayersModel | null, evaluated: Float32Array | null): Promise<void> => {
    if (this.count === 0 || this.broken) return;
    const kept = evaluated && evaluated.length % this.count === 0 && evaluated.length > 0 ? evaluated : null;
    if (!kept && !model) return; // a teacher known by its logits always hands them over
    this.latest.set(phase, { epoch, logits: kept });
    if (!this.view.isOpen()) return;
    const spaced = this.spaced;
    this.spaced = null;
    // Declined for the spacing: no forward pass of its own to make up for the logits it chose not to keep.
    if (!kept && spaced?.phase === phase && spaced.epoch === epoch) return;
    if (this.spacing && !this.spacing.allow(epoch)) return;
    await this.send(phase, epoch, kept, model);
  };

  /** Catches an opened view up: the examples, then each model's latest logits the page does not have yet. */
  async fill(): Promise<void> {
    this.postExamples();
    for (const [phase, { epoch, logits }] of [...this.latest]) {
      if (this.broken || this.sent.get(phase) === epoch) continue;
      const model = logits ? null : this.view.modelOf(phase);
      if (logits || model) await this.send(phase, epoch, logits, model);
    }
  }

  /** Posts one model's logits: a copy of the kept ones, or the model's own on the examples. */
  private async send(phase: Phase, epoch: number, kept: Float32Array | null, model: tf.LayersModel | null): Promise<void> {
    let logits: Float32Array;
    try {
      logits = kept ? kept.slice() : await logitsOn(model!, this.x, this.count, this.inputShape);
    } catch {
      this.broken = true;
      return;
    }
    this.postExamples();
    this.sent.set(phase, epoch);
    this.post({ type: 'inspectLogits', runId: this.runId, phase, epoch, logits }, [logits.buffer as ArrayBuffer]);
  }

  /** Posts the examples the first time (their buffers are transferred). */
  private postExamples(): void {
    const examples = this.examples;
    if (!examples) return;
    this.examples = null;
    const transfer: Transferable[] = [examples.labels.buffer as ArrayBuffer];
    if (examples.pixels) transfer.push(examples.pixels.buffer as ArrayBuffer);
    if (examples.features) transfer.push(examples.features.buffer as ArrayBuffer);
    this.post({ type: 'inspectExamples', runId: this.runId, examples }, transfer);
  }
}
