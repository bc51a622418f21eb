import { DATASETS } from '../data/registry';
import { datasetMeta } from '../data/meta';
import type { MissingValues } from '../data/missing';
import type { FeatureScaling } from '../data/types';
import { hiddenLayerOptions } from '../models/spec';
import { DKD_DEFAULTS } from '../losses/dkd';
import { englishMethodProblem, methodProblem } from '../train/methodProblems';
import { sweepPoints } from '../train/sweep';
import { englishTeamProblem, teamProblem } from '../train/teamProblems';
import type { ExperimentConfig, Phase } from '../train/types';
import { pytorchArch } from './pytorchModel';
import { pyValue } from './pythonLiteral';
import SCRIPT_BODY from './distill_experiment.py?raw';

/** A live T/α change of the run (as the loss chart marks it): `step` is the first step of `phase` whose loss used it. */
export interface HyperChange {
  phase: Phase | null;
  step: number;
  temperature: number;
  alpha: number;
}

/** Extra inputs of an export besides the run's config. */
export interface PyTorchExportOptions {
  /** Live T/α changes made during the run, in order. */
  changes?: readonly HyperChange[];
  /** Address the studio serves `datasets/` from, written into the script as the default `--data-url`. */
  dataUrl?: string;
}

/** Why a run cannot become a script: a code the UI words (English sentence in `message` for logs and tests). */
export class PyTorchExportError extends Error {
  constructor(
    readonly code: 'loadedTeacher' | 'uploadNotCsv' | 'invalid',
    readonly params: Record<string, string | number> = {},
  ) {
    super(
      code === 'loadedTeacher'
        ? `This run's teacher was loaded from a file (${String(params.name)}); the script can only rebuild teachers designed in the studio.`
        : code === 'uploadNotCsv'
          ? 'This run trained on an uploaded idx file; the script reads uploads only as CSV.'
          : String(params.detail),
    );
    this.name = 'PyTorchExportError';
  }
}

/** File name of the exported PyTorch script. */
export const PYTORCH_FILE = 'distill_experiment.py';

/** The marker line of the script body that the experiment replaces. */
const MARKER = 'EXPERIMENT = None  # the studio writes the experiment here when it exports the script';

const invalid = (detail: string): never => {
  throw new PyTorchExportError('invalid', { detail });
};

/** The T/α schedule of the distillation from the run's live changes: `[{ step, temperature, alpha }]`, first step it applies. */
export function hyperSchedule(changes: readonly HyperChange[]): { step: number; temperature: number; alpha: number }[] {
  const byStep = new Map<number, { step: number; temperature: number; alpha: number }>();
  for (const c of changes) {
    if (!(c.temperature > 0) || !(c.alpha >= 0 && c.alpha <= 1)) invalid(`A recorded T/α change is out of range (T ${c.temperature}, α ${c.alpha}).`);
    // The engine records the first distillation step whose loss used a change; changes recorded elsewhere (an extra trial's,
    // or an old record's teacher or scratch phase) are in force from the first step.
    const step = c.phase === 'distill' ? Math.max(1, c.step) : 1;
    byStep.delete(step);
    byStep.set(step, { step, temperature: c.temperature, alpha: c.alpha });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** The studio's standardisation statistics, checked (one finite mean and positive deviation per feature). */
function checkedScaling({ mean, std }: FeatureScaling, features: number): FeatureScaling {
  if (mean.length !== features || std.length !== features) invalid(`The standardisation has ${mean.length} means and ${std.length} deviations for ${features} features.`);
  if (!mean.every(Number.isFinite) || !std.every((v) => Number.isFinite(v) && v > 0)) invalid('The standardisation statistics are not finite numbers.');
  return { mean: [...mean], std: [...std] };
}

/** The studio's missing-value record, checked (a known rule; one finite fill value per feature for `fill`). */
function checkedMissing(m: MissingValues, features: number): MissingValues {
  if (m.rule !== 'drop' && m.rule !== 'fill') invalid(`Unknown missing-value rule "${String(m.rule)}".`);
  if (m.fill && (m.fill.length !== features || !m.fill.every(Number.isFinite))) invalid(`The missing-value fill has ${m.fill.length} values for ${features} features, or one is not a finite number.`);
  return { ...m, missingPerFeature: [...m.missingPerFeature], ...(m.fill ? { fill: [...m.fill] } : {}) };
}

/** Fraction of an image folder held out for testing (the worker's upload store, UPLOAD_TEST_FRACTION, splits every upload so). */
const IMAGE_FOLDER_TEST_FRACTION = 0.2;

/** The data section of the experiment: how the script gets exactly the studio's examples. */
function dataSpec(cfg: ExperimentConfig, dataUrl: string | undefined): Record<string, unknown> {
  if (cfg.userData?.imageFolder) {
    // The user's pictures: the script reads the studio's prepared dataset (--data, the exact pixels) or decodes the
    // folder itself with PIL (--images), resized and split as the studio did.
    const f = cfg.userData.imageFolder;
    return {
      kind: 'prepared',
      name: cfg.userData.name,
      classNames: cfg.userData.classNames,
      folder: { size: f.size, fit: f.fit, splitSeed: f.splitSeed, testFraction: IMAGE_FOLDER_TEST_FRACTION, classCounts: f.classCounts },
    };
  }
  if (cfg.userData) {
    const csv = cfg.userData.csv;
    if (!csv) throw new PyTorchExportError('uploadNotCsv');
    const standardize = csv.standardize ?? cfg.standardize !== false;
    const scaling = standardize && csv.featureScaling ? checkedScaling(csv.featureScaling, csv.columns.length - 1) : null;
    const missing = csv.missing ? checkedMissing(csv.missing, csv.columns.length - 1) : null;
    return {
      kind: 'csv',
      name: cfg.userData.name,
      columns: csv.columns,
      labelColumn: csv.labelColumn,
      classNames: cfg.userData.classNames,
      testFraction: csv.testFraction,
      splitSeed: csv.splitSeed,
      standardize,
      // The studio's own statistics (doubles, written in full), so the script's standardised data is byte-identical.
      ...(scaling ? { featureScaling: scaling } : {}),
      // The studio's missing-value rule and fill values (doubles, in full): the script drops and fills the same cells.
      ...(missing ? { missing } : {}),
    };
  }
  const entry = DATASETS[cfg.dataset];
  if (entry.toy) return { kind: 'toy', id: cfg.dataset, name: entry.name, samples: cfg.samples, noise: cfg.noise };
  const files = 'files' in entry ? (entry.files ?? []) : [];
  // A generated image set (the colour shapes) has no shipped file: the script reads the studio's prepared dataset.
  if (files.length === 0) return { kind: 'prepared', id: cfg.dataset, name: entry.name, classNames: entry.classNames, folder: null };
  return { kind: 'bundle', id: cfg.dataset, name: entry.name, files, url: dataUrl ? `${dataUrl.replace(/\/+$/, '')}/datasets` : null };
}

/** The experiment the script runs, as plain data (also written into the script as a Python literal). */
export function pytorchExperiment(cfg: ExperimentConfig, options: PyTorchExportOptions = {}): Record<string, unknown> {
  if (cfg.pretrainedTeacher) throw new PyTorchExportError('loadedTeacher', { name: cfg.pretrainedTeacher.name });
  const meta = datasetMeta(cfg);
  const { inputShape, numClasses } = meta;
  if (cfg.softTerm !== 'kl' && cfg.softTerm !== 'mse' && cfg.softTerm !== 'dkd') invalid(`Unknown soft term "${String(cfg.softTerm)}".`);
  if (cfg.optimizer !== 'adam' && cfg.optimizer !== 'sgd') invalid(`Unknown optimizer "${String(cfg.optimizer)}".`);
  if (!(cfg.temperature > 0) || !Number.isFinite(cfg.temperature)) invalid(`Temperature must be > 0 (got ${cfg.temperature}).`);
  if (!(cfg.alpha >= 0 && cfg.alpha <= 1)) invalid(`Alpha must be within [0, 1] (got ${cfg.alpha}).`);
  if (!(cfg.learningRate > 0) || !Number.isFinite(cfg.learningRate)) invalid(`Learning rate must be > 0 (got ${cfg.learningRate}).`);
  for (const [what, v] of [['Epochs', cfg.epochs], ['Batch size', cfg.batchSize], ['Seeds', cfg.repeats]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) invalid(`${what} must be a whole number ≥ 1 (got ${v}).`);
  }
  if (!Number.isSafeInteger(cfg.seed)) invalid(`Seed must be a whole number (got ${cfg.seed}).`);
  let teacher, student;
  try {
    teacher = pytorchArch(cfg.teacher, inputShape, numClasses);
    student = pytorchArch(cfg.student, inputShape, numClasses);
  } catch (e) {
    return invalid(e instanceof Error ? e.message : String(e));
  }
  let hint: Record<string, number> | null = null;
  if (cfg.hint) {
    const h = cfg.hint;
    const t = hiddenLayerOptions(cfg.teacher, inputShape)[h.teacherLayer];
    const s = hiddenLayerOptions(cfg.student, inputShape)[h.studentLayer];
    if (!t) invalid(`The teacher has ${teacher.taps.length} hidden blocks; hint layer ${h.teacherLayer} does not exist.`);
    if (!s) invalid(`The student has ${student.taps.length} hidden blocks; hint layer ${h.studentLayer} does not exist.`);
    if (!(h.beta >= 0) || !Number.isFinite(h.beta)) invalid(`Hint weight β must be ≥ 0 (got ${h.beta}).`);
    hint = { teacherLayer: h.teacherLayer, studentLayer: h.studentLayer, beta: h.beta, teacherWidth: t!.width, studentWidth: s!.width };
  }
  const methodIssue = methodProblem(cfg, inputShape);
  if (methodIssue) invalid(englishMethodProblem(methodIssue));
  // DKD, logit standardisation, attention transfer and RKD only when used: the classic runs' scripts stay as they were.
  const methods = {
    ...(cfg.softTerm === 'dkd' ? { dkd: cfg.dkd ?? DKD_DEFAULTS } : {}),
    ...(cfg.logitStandardize ? { standardize: true } : {}),
    ...(cfg.attention ? { attention: cfg.attention } : {}),
    ...(cfg.rkd ? { rkd: cfg.rkd } : {}),
  };
  const teamIssue = teamProblem(cfg, inputShape, numClasses);
  if (teamIssue) invalid(englishTeamProblem(teamIssue));
  // A teacher ensemble and a teaching assistant only when used, like the methods above.
  const team = {
    ...(cfg.ensemble ? { ensemble: { size: cfg.ensemble.size, ...(cfg.ensemble.members ? { members: cfg.ensemble.members.map((a) => pytorchArch(a, inputShape, numClasses)) } : {}) } } : {}),
    ...(cfg.assistant ? { assistant: pytorchArch(cfg.assistant, inputShape, numClasses) } : {}),
  };
  const { pretrainedTeacher: _unused, ...config } = cfg;
  return {
    data: dataSpec(cfg, options.dataUrl),
    inputShape,
    numClasses,
    classNames: meta.classNames,
    teacher,
    student,
    loss: { soft: cfg.softTerm, temperature: cfg.temperature, alpha: cfg.alpha, scaleByT2: cfg.scaleByT2, hint, ...methods },
    schedule: hyperSchedule(options.changes ?? []),
    transfer: { size: cfg.transferSize, exclude: cfg.excludeClasses },
    // The studio's validation hold-out (seeded, stratified; no model trains on it).
    validationFraction: cfg.validationFraction ?? 0,
    augment: cfg.augment,
    // Random horizontal flips (colour images): where the shifts apply, and for the teacher even without shifts.
    flip: cfg.flip === true,
    optimizer: cfg.optimizer,
    sweep: cfg.sweep ? sweepPoints(cfg.sweep, cfg.temperature, cfg.alpha) : null,
    config: { ...config, pretrainedTeacher: null },
    ...team,
  };
}

/** The docstring at the top of the script: what it does and how to run it. */
function docstring(exp: Record<string, unknown>, cfg: ExperimentConfig): string {
  const data = exp.data as { kind: string; name: string; columns?: string[]; labelColumn?: string; featureScaling?: FeatureScaling };
  const dataLine =
    data.kind === 'csv'
      ? 'Data: the CSV file you uploaded, given with --csv PATH (--help lists the columns it must have).' +
        (data.featureScaling
          ? "\nIts features are standardised with the studio's mean and deviation (EXPERIMENT data featureScaling), also\nfor another file with the same columns."
          : '')
      : data.kind === 'bundle'
        ? `Data: the studio's ${data.name} file (--data-dir with public/datasets, or downloaded from --data-url); --full-dataset for torchvision's.`
        : data.kind === 'prepared'
          ? `Data: ${data.name}, from the studio's prepared dataset (--data FILE: "Export the prepared dataset", the studio's
exact pixels, split and rows)` +
            (cfg.userData?.imageFolder
              ? ', or decoded from the class-per-folder tree with PIL (--images DIR; its pixels differ slightly from the\nbrowser\'s).'
              : '.')
          : `Data: ${data.name}, generated from the seed with the studio's formulas.`;
  return `"""Knowledge distillation experiment exported from Distill Studio (PyTorch, runs unchanged under torchrun).

Trains a teacher on the true labels, a student from scratch and the same student (same initial weights, same
batches) distilled from the teacher, exactly as the studio did: the same data and split, transfer set, classes left
out, augmentation, hint, soft term, T^2 switch, T/alpha schedule, seeds and sweep. Initial weights and batch order
use the studio's own random numbers; dropout masks and float rounding differ, so results agree within the
seed-to-seed spread.
${dataLine.replace(/"""/g, "'''")}

    pip install torch numpy                      # or: apt install python3-torch python3-numpy
    python3 ${PYTORCH_FILE} --help
    python3 ${PYTORCH_FILE} --device cuda --out run1                       # one GPU
    torchrun --nproc_per_node=8 ${PYTORCH_FILE} --device cuda --out run8   # all GPUs of a node (nccl)
    torchrun --nproc_per_node=2 ${PYTORCH_FILE} --device cpu               # two CPU processes (gloo)

Writes under --out: teacher.pt, scratch_student.pt, distilled_student.pt (state_dicts), teacher_tfjs/ and
student_tfjs/ (TensorFlow.js layers model.json + weights.bin: load the teacher in the studio with "Teacher: load a
pretrained model...") and report.json (the studio's history format: History -> Import).
Defaults are the studio's settings: ${cfg.epochs} epoch(s), batch ${cfg.batchSize}, ${cfg.optimizer} lr ${cfg.learningRate}, seed ${cfg.seed}.
"""`;
}

/** A complete, self-contained Python script that reruns a studio run in PyTorch (throws `PyTorchExportError` when it cannot). */
export function toPyTorchScript(cfg: ExperimentConfig, options: PyTorchExportOptions = {}): string {
  const exp = pytorchExperiment(cfg, options);
  if (!SCRIPT_BODY.includes(MARKER)) throw new Error('The script template lost its EXPERIMENT marker.');
  const body = SCRIPT_BODY.replace(MARKER, `# The studio's experiment (edit with care; the command line overrides epochs, batch size, lr and seeds).\nEXPERIMENT = ${pyValue(exp)}`);
  return `#!/usr/bin/env python3\n${docstring(exp, cfg)}\n${body}`;
}
