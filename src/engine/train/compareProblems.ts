import { RKD_MAX_BATCH } from '../losses/rkd';
import { attentionPair, MAX_COMPARE_SEEDS, METHOD_IDS, type MethodId } from './compareMethods';
import type { ExperimentConfig } from './types';

/** Why a method comparison cannot run, as a code with parameters. */
export type CompareProblem =
  | { code: 'seeds'; got: number }
  | { code: 'unknownMethod'; method: string }
  | { code: 'repeated'; method: MethodId }
  | { code: 'atNeedsCnn' }
  | { code: 'atNeedsTeacherModel' }
  | { code: 'rkdBatch'; max: number; got: number }
  | { code: 'withTeam' };

/** The first problem of the run's comparison for these models (and a teacher known only by its logits), or null. */
export function compareProblem(cfg: ExperimentConfig, inputShape: readonly number[], teacherHasModel = true): CompareProblem | null {
  const c = cfg.compare;
  if (!c) return null;
  if (!Number.isInteger(c.seeds) || c.seeds < 1 || c.seeds > MAX_COMPARE_SEEDS) return { code: 'seeds', got: c.seeds };
  // Every method distils from the run's one teacher, on the same footing as the main run's distillation.
  if (cfg.ensemble || cfg.assistant) return { code: 'withTeam' };
  const seen = new Set<string>();
  for (const m of c.methods) {
    if (!(METHOD_IDS as readonly string[]).includes(m)) return { code: 'unknownMethod', method: String(m) };
    if (seen.has(m)) return { code: 'repeated', method: m };
    seen.add(m);
  }
  if (seen.has('at')) {
    // Attention maps are spatial: an MLP has no height and width to attend over.
    if (cfg.teacher.kind !== 'cnn' || cfg.student.kind !== 'cnn' || !attentionPair(cfg, inputShape)) return { code: 'atNeedsCnn' };
    if (!teacherHasModel || cfg.pretrainedTeacher) return { code: 'atNeedsTeacherModel' };
  }
  if (seen.has('rkd') && cfg.batchSize > RKD_MAX_BATCH) return { code: 'rkdBatch', max: RKD_MAX_BATCH, got: cfg.batchSize };
  return null;
}

/** The English sentence of a comparison problem (the worker's run error). */
export function englishCompareProblem(p: CompareProblem): string {
  switch (p.code) {
    case 'seeds':
      return `A method comparison needs 1 to ${MAX_COMPARE_SEEDS} seeds (got ${p.got}).`;
    case 'unknownMethod':
      return `Unknown method "${p.method}" in the comparison.`;
    case 'repeated':
      return `The method "${p.method}" is listed twice in the comparison.`;
    case 'atNeedsCnn':
      return 'Attention transfer is compared only between a convolutional teacher and student: remove AT from the comparison or pick CNNs.';
    case 'atNeedsTeacherModel':
      return 'Attention transfer needs the teacher\'s feature maps, and a loaded teacher gives only its logits: remove AT from the comparison.';
    case 'withTeam':
      return 'A method comparison distils every method from one teacher: turn the teacher ensemble and the teaching assistant off to compare methods.';
    case 'rkdBatch':
      return `RKD's angle term compares every triple of a batch: use at most ${p.max} examples per batch (got ${p.got}) to compare RKD.`;
  }
}
