import type { ExperimentHooks } from '../engine/train/experiment';

type Evaluated = NonNullable<ExperimentHooks['onEvaluated']>;

/** One `onEvaluated` hook that runs each given hook in turn (absent ones are skipped). */
export function allEvaluated(...hooks: (Evaluated | undefined)[]): Evaluated {
  const present = hooks.filter((h): h is Evaluated => h !== undefined);
  return async (phase, epoch, model, logits) => {
    for (const hook of present) await hook(phase, epoch, model, logits);
  };
}
