import type { ArchSpec } from '../engine/models/spec';
import type { ExperimentConfig, Phase } from '../engine/train/types';
import { BackendGate } from './backendGate';
import { BackendPlanner } from './backendPlanner';
import type { BackendName, OpenViews, WorkerEvent } from './protocol';
import { predictors } from './predictors';
import { Run, type Post } from './runner';
import { UploadStore } from './uploads';
import { viewFeeds } from './viewFeeds';

/** The views the studio opens on: Train, which shows neither classroom feed. */
export const DEFAULT_PAGE_VIEWS: OpenViews = { knowledge: false, boundaries: false };

/** One phase of a real run as the studio trains it: wall time from its start to the next phase (or the results). */
export interface AppPhaseFigures {
  seconds: number;
  /** Training examples per second over the whole phase, evaluation, checkpoints and messages included. */
  examplesPerSecond: number;
}

/** What one real run measured. */
export interface AppFigures {
  phases: Partial<Record<Phase, AppPhaseFigures>>;
  /** Seconds from the end of the last phase to the end of the run: the results (latency timing, samples). */
  resultsSeconds: number;
  /** Events the run posted, and the bytes of their ArrayBuffers (checkpoints, logits). */
  events: number;
  transferredBytes: number;
}

/** A real MNIST experiment of the bench's recipe, `epochs` per phase (default 1), as the studio runs it. */
export function appBenchConfig(teacher: ArchSpec, student: ArchSpec, batchSize: number, epochs = 1): ExperimentConfig {
  return {
    dataset: 'mnist',
    userData: null,
    samples: 0,
    noise: 0,
    teacher,
    student,
    temperature: 4,
    alpha: 0.7,
    scaleByT2: true,
    softTerm: 'kl',
    teacherLive: false,
    repeats: 1,
    sweep: null,
    hint: null,
    transferSize: 0,
    excludeClasses: [],
    augment: 'off',
    epochs,
    batchSize,
    optimizer: 'adam',
    learningRate: 1e-3,
    seed: 1,
  };
}

/**
 * Runs a whole experiment through the worker's own `Run` (data loading, the three phases with evaluation after each
 * epoch, checkpoints, the classroom feeds, delta batching) on a forced backend, forwarding every event to the page as
 * the training worker does, and reports each phase's throughput. The classroom views are `views` (default: the
 * studio's first page, where both are closed). Releases everything the run kept (its student, the predictors' copies)
 * before returning.
 */
export async function runAppBench(config: ExperimentConfig, backend: BackendName, forward: Post, views: OpenViews = DEFAULT_PAGE_VIEWS): Promise<AppFigures> {
  viewFeeds.setOpen(views);
  const starts: { phase: Phase; at: number; examples: number }[] = [];
  let resultsAt: number | null = null;
  let events = 0;
  let transferredBytes = 0;
  const post: Post = (event: WorkerEvent, transfer?: Transferable[]) => {
    events++;
    for (const t of transfer ?? []) if (t instanceof ArrayBuffer) transferredBytes += t.byteLength;
    if (event.type === 'phase' && event.context === null) {
      starts.push({ phase: event.phase, at: performance.now(), examples: event.epochs * event.stepsPerEpoch * config.batchSize });
    }
    // The results' latency timing is announced as a phase of its own: it ends the last training phase.
    if (event.type === 'phase' && event.context?.kind === 'latency') resultsAt = performance.now();
    forward(event, transfer);
  };
  const run = new Run(1, config, backend, post, new BackendPlanner(new BackendGate(() => Promise.resolve()), () => {}), new UploadStore());
  const outcome = await run.execute();
  const end = performance.now();
  if (!outcome) throw new Error('The app run did not finish.');
  // What the studio keeps after a run (the distilled student, the predictors' copies) is released, so the bench can
  // check that the run left no tensor behind.
  outcome.dispose();
  predictors.clear();
  const phasesEnd = resultsAt ?? end;
  const phases: AppFigures['phases'] = {};
  starts.forEach((s, i) => {
    const seconds = ((starts[i + 1]?.at ?? phasesEnd) - s.at) / 1000;
    phases[s.phase] = { seconds, examplesPerSecond: s.examples / seconds };
  });
  return { phases, resultsSeconds: (end - phasesEnd) / 1000, events, transferredBytes };
}
