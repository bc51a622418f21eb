import { datasetMeta } from '../data/meta';
import { DATASETS } from '../data/registry';
import { hiddenLayerOptions, validateArch } from '../models/spec';
import { MAX_SWEEP_POINTS, sweepPoints } from './sweep';
import { englishHintAdapterProblem, hintAdapterProblem, planHintAdapter } from './hintAdapter';
import { englishMethodProblem, methodProblem } from './methodProblems';
import { compareProblem, englishCompareProblem } from './compareProblems';
import { englishTeamProblem, teamProblem } from './teamProblems';
import type { ExperimentConfig } from './types';

/** A reason the experiment cannot run, or null. Guards the engine against bad input that slipped past the UI. */
export function validateConfig(c: ExperimentConfig): string | null {
  if (!c.userData && !DATASETS[c.dataset]) return `Unknown dataset "${String(c.dataset)}".`;
  const dataset = datasetMeta(c);
  if (!(c.temperature > 0) || !Number.isFinite(c.temperature)) return `Temperature must be greater than 0 (got ${c.temperature}).`;
  if (!(c.alpha >= 0 && c.alpha <= 1)) return `Alpha must be between 0 and 1 (got ${c.alpha}).`;
  if (!Number.isInteger(c.epochs) || c.epochs < 1) return `Epochs must be a whole number ≥ 1 (got ${c.epochs}).`;
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) return `Batch size must be a whole number ≥ 1 (got ${c.batchSize}).`;
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) return `Learning rate must be greater than 0 (got ${c.learningRate}).`;
  if (!Number.isInteger(c.seed)) return `Seed must be a whole number (got ${c.seed}).`;
  if (!Number.isInteger(c.transferSize) || c.transferSize < 0) return `The transfer set size must be a whole number ≥ 0 (got ${c.transferSize}).`;
  const badClass = c.excludeClasses.find((k) => !Number.isInteger(k) || k < 0 || k >= dataset.numClasses);
  if (badClass !== undefined) return `Class ${badClass} does not exist in this dataset (classes 0–${dataset.numClasses - 1}).`;
  if (c.excludeClasses.length >= dataset.numClasses) return 'At least one class must stay in the transfer set.';
  if (!Number.isInteger(c.repeats) || c.repeats < 1 || c.repeats > 10) return `Seeds must be a whole number from 1 to 10 (got ${c.repeats}).`;
  if (c.sweep) {
    if (c.sweep.temperatures.some((t) => !(t > 0) || !Number.isFinite(t))) return 'Every swept temperature must be greater than 0.';
    if (c.sweep.alphas.some((a) => !(a >= 0 && a <= 1))) return 'Every swept alpha must be between 0 and 1.';
    const n = sweepPoints(c.sweep, c.temperature, c.alpha).length;
    if (n > MAX_SWEEP_POINTS) return `A sweep may have at most ${MAX_SWEEP_POINTS} points (this one has ${n}).`;
  }
  const teacher = validateArch(c.teacher, dataset.inputShape, dataset.numClasses);
  if (teacher) return `Teacher: ${teacher}`;
  const student = validateArch(c.student, dataset.inputShape, dataset.numClasses);
  if (student) return `Student: ${student}`;
  if (c.hint) {
    if (!(c.hint.beta >= 0) || !Number.isFinite(c.hint.beta)) return `The hint weight β must be ≥ 0 (got ${c.hint.beta}).`;
    if (!hiddenLayerOptions(c.teacher, dataset.inputShape)[c.hint.teacherLayer]) return 'The hint needs a teacher hidden layer: pick one that exists.';
    if (!hiddenLayerOptions(c.student, dataset.inputShape)[c.hint.studentLayer]) return 'The hint needs a student hidden layer: pick one that exists.';
    const t = hiddenLayerOptions(c.teacher, dataset.inputShape)[c.hint.teacherLayer]!;
    const s = hiddenLayerOptions(c.student, dataset.inputShape)[c.hint.studentLayer]!;
    const problem = hintAdapterProblem(planHintAdapter(s.shape, t.shape));
    if (problem) return englishHintAdapterProblem(problem);
  }
  if (c.softTerm !== 'kl' && c.softTerm !== 'mse' && c.softTerm !== 'dkd') return `Unknown soft term "${String(c.softTerm)}".`;
  const method = methodProblem(c, dataset.inputShape);
  if (method) return englishMethodProblem(method);
  const compare = compareProblem(c, dataset.inputShape);
  if (compare) return englishCompareProblem(compare);
  const team = teamProblem(c, dataset.inputShape, dataset.numClasses);
  if (team) return englishTeamProblem(team);
  return null;
}
