import { datasetMeta } from '../engine/data/meta';
import { benchmarkTrainingStep, type StepBenchmarkSpec } from '../engine/train/backendStepTimer';
import type { ExperimentConfig } from '../engine/train/types';
import { chooseBackend } from './backends';
import type { BackendGate } from './backendGate';
import type { BackendChoice, BackendInfo } from './protocol';

/**
 * Batch the step benchmark times. Backends compare alike at small batches, and a CNN step at batch 128 on
 * a software renderer takes seconds, so the benchmark stays short by timing at most this many examples.
 */
export const BENCH_MAX_BATCH = 16;

/** The benchmark spec of a config: what decides which backend is fastest. */
export function benchSpecOf(config: ExperimentConfig): StepBenchmarkSpec {
  const entry = datasetMeta(config);
  return {
    teacher: config.teacher,
    student: config.student,
    inputShape: entry.inputShape,
    numClasses: entry.numClasses,
    batchSize: Math.min(config.batchSize, BENCH_MAX_BATCH),
  };
}

/** Cache key of a backend decision: the choice plus the architectures and batch it was measured for. */
export function planKey(config: ExperimentConfig, choice: BackendChoice): string {
  return `${choice}|${JSON.stringify(benchSpecOf(config))}`;
}

/**
 * Chooses backends through the worker's backend gate (benchmarks switch the global tfjs backend, so a selection runs
 * alone, after the tfjs work queued before it) and caches Auto's decision per architecture.
 */
export class BackendPlanner {
  private readonly cache = new Map<string, BackendInfo>();

  /** Creates a planner that selects through `gate` and reports each fresh Auto measurement. */
  constructor(
    private readonly gate: BackendGate,
    private readonly onMeasured: (key: string, info: BackendInfo) => void,
  ) {}

  /** Seeds the cache with decisions measured on earlier visits. */
  restore(entries: [string, BackendInfo][]): void {
    for (const [key, info] of entries) if (!this.cache.has(key)) this.cache.set(key, info);
  }

  /**
   * Chooses and activates the backend for a config; waits for any selection or tfjs work queued before it. A request
   * that `isStale()` says was superseded while it waited resolves to null without benchmarking.
   */
  plan(config: ExperimentConfig, choice: BackendChoice, isStale: () => boolean = () => false): Promise<BackendInfo | null> {
    return this.gate.select(() =>
      isStale()
        ? Promise.resolve(null)
        : chooseBackend(choice, (alone) => benchmarkTrainingStep(benchSpecOf(config), alone ? 0 : undefined, alone ? 1 : undefined), this.cache, planKey(config, 'auto'), this.onMeasured),
    );
  }
}
