import { DATASET_IDS, type DatasetId } from '../engine/data/registry';
import {
  COLOUR_STUDENT_PRESETS,
  COLOUR_TEACHER_PRESETS,
  IMAGE_STUDENT_PRESETS,
  IMAGE_TEACHER_PRESETS,
  STUDENT_PRESETS,
  TEACHER_PRESETS,
} from '../engine/models/presets';
import { SOFT_TERMS, type SoftTerm } from '../engine/losses';
import type { RkdSource } from '../engine/losses/rkd';
import { type ArchField, type ArchPlace, type ArchProblem } from '../engine/models/archProblems';
import { MAX_CNN_LAYERS, MAX_FILTERS, MAX_MLP_HIDDEN, MAX_UNITS } from '../engine/models/plan';
import type { ArchSpec } from '../engine/models/spec';
import type { AugmentMode, OptimizerName } from '../engine/train/types';
import { MAX_COMPARE_SEEDS, METHOD_IDS, type MethodId } from '../engine/train/compareMethods';
import { BACKEND_NAMES, type BackendChoice } from '../worker/protocol';

/** The user's experiment settings as the UI holds them (architectures by preset id). */
export interface StudioConfig {
  dataset: DatasetId;
  samples: number;
  noise: number;
  teacherId: string;
  studentId: string;
  /** The teacher's edited layers (layer editor), or null when the preset is used. */
  teacherCustom: ArchSpec | null;
  /** The student's edited layers (layer editor), or null when the preset is used. */
  studentCustom: ArchSpec | null;
  temperature: number;
  alpha: number;
  scaleByT2: boolean;
  softTerm: SoftTerm;
  teacherLive: boolean;
  repeats: number;
  sweep: SweepMode;
  sweepTemperatures: number[];
  sweepAlphas: number[];
  hintEnabled: boolean;
  hintBeta: number;
  hintTeacherLayer: number;
  hintStudentLayer: number;
  /** DKD's target-class weight α_DKD (soft term 'dkd'). */
  dkdAlpha: number;
  /** DKD's non-target-class weight β_DKD. */
  dkdBeta: number;
  /** DKD's linear warm-up, in epochs (0: none). */
  dkdWarmup: number;
  /** Z-score both models' logits before the softmax at T (KL and DKD). */
  logitStandardize: boolean;
  /** Add attention transfer (CNN pairs). */
  atEnabled: boolean;
  /** Attention-transfer weight β. */
  atBeta: number;
  /** Teacher conv blocks matched by attention transfer, paired in order with `atStudentLayers`. */
  atTeacherLayers: number[];
  atStudentLayers: number[];
  /** Add relational KD. */
  rkdEnabled: boolean;
  /** RKD distance-term weight. */
  rkdDistance: number;
  /** RKD angle-term weight. */
  rkdAngle: number;
  /** RKD on the logits or on hidden blocks. */
  rkdSource: RkdSource;
  rkdTeacherLayer: number;
  rkdStudentLayer: number;
  transferSize: number;
  excludeClasses: number[];
  augment: AugmentMode;
  /** Random horizontal flips of colour images (teacher; students too when `augment` is `all`). */
  flip: boolean;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  backend: BackendChoice;
  /** Fraction of the training set held out for validation (sweeps and the bias correction are read on it). */
  validationFraction: number;
  /** Retrain the teacher for every extra seed (the spread then includes the teacher's variance). */
  teacherPerSeed: boolean;
  /** Standardise CSV features with the training split's mean and deviation. */
  standardize: boolean;
  /** After the main run, compare distillation methods over seeds (settings chosen on validation). */
  compare: boolean;
  /** The methods compared (AT only runs for CNN pairs). */
  compareMethods: MethodId[];
  /** Seeds per method in the comparison. */
  compareSeeds: number;
  /** Teachers in the ensemble the students learn from (1: a single teacher, no ensemble). */
  ensembleSize: number;
  /** Put a teaching assistant between teacher and student. */
  assistantEnabled: boolean;
  /** The assistant's preset (one of the dataset family's teacher or student presets). */
  assistantId: string;
  /** The presets of teachers 2…K of the ensemble, in order (`same`, or missing: the teacher's architecture). */
  ensembleTeacherIds: string[];
}

/** The two settings the live sliders move many times a second, also during a run. */
export const LIVE_FIELDS = ['temperature', 'alpha'] as const satisfies readonly (keyof StudioConfig)[];

/** One of `LIVE_FIELDS`. */
export type LiveField = (typeof LIVE_FIELDS)[number];

/** The settings without T and α: what the controls that don't show those two render from. */
export type SettledConfig = Omit<StudioConfig, LiveField>;

/** Every preset id, teachers' and students' of every family (the assistant may be any of them). */
const ALL_PRESET_IDS: readonly string[] = [
  ...new Set([...TEACHER_PRESETS, ...IMAGE_TEACHER_PRESETS, ...COLOUR_TEACHER_PRESETS, ...STUDENT_PRESETS, ...IMAGE_STUDENT_PRESETS, ...COLOUR_STUDENT_PRESETS].map((p) => p.id)),
];

/** An ensemble teacher with the run's teacher architecture (its preset or its edited layers). */
export const SAME_AS_TEACHER = 'same';

/** Every teacher preset id of every family (an ensemble's teachers 2…K may be any of their family's), or `same`. */
const ALL_TEACHER_IDS: readonly string[] = [SAME_AS_TEACHER, ...new Set([...TEACHER_PRESETS, ...IMAGE_TEACHER_PRESETS, ...COLOUR_TEACHER_PRESETS].map((p) => p.id))];

/** What a sweep varies: nothing, the temperature, alpha, or both (a grid). */
export type SweepMode = 'off' | 'temperature' | 'alpha' | 'both';

/** A declared config field: its default and the rule that accepts or rejects a raw value. */
type Field<K extends keyof StudioConfig> =
  | { kind: 'number'; default: StudioConfig[K]; min: number; max: number; integer: boolean }
  | { kind: 'numberList'; default: StudioConfig[K]; min: number; max: number; maxLength: number; minLength?: number; integer?: boolean }
  | { kind: 'enum'; default: StudioConfig[K]; values: readonly StudioConfig[K][] }
  | { kind: 'enumList'; default: StudioConfig[K]; values: readonly string[]; maxLength: number; repeatsAndEmpty?: boolean }
  | { kind: 'boolean'; default: StudioConfig[K] }
  | { kind: 'arch'; default: StudioConfig[K] };

/**
 * The one table that defines every config field (defaults and bounds); UI, storage and validation all read it.
 * The defaults are the first lesson: the teacher learns from all 1,200 spiral points, both students from a
 * 60-point transfer set (batch 16, T = 2, α = 0.9), where distillation beats scratch by more than the
 * seed-to-seed spread (`tests/unit/default-recipe-gain.test.ts`).
 */
export const CONFIG_FIELDS: { [K in keyof StudioConfig]: Field<K> } = {
  dataset: { kind: 'enum', default: 'spiral', values: DATASET_IDS },
  samples: { kind: 'number', default: 1500, min: 150, max: 10000, integer: true },
  noise: { kind: 'number', default: 0.08, min: 0, max: 0.5, integer: false },
  teacherId: { kind: 'enum', default: TEACHER_PRESETS[0]!.id, values: [...TEACHER_PRESETS, ...IMAGE_TEACHER_PRESETS, ...COLOUR_TEACHER_PRESETS].map((p) => p.id) },
  studentId: { kind: 'enum', default: STUDENT_PRESETS[0]!.id, values: [...STUDENT_PRESETS, ...IMAGE_STUDENT_PRESETS, ...COLOUR_STUDENT_PRESETS].map((p) => p.id) },
  teacherCustom: { kind: 'arch', default: null },
  studentCustom: { kind: 'arch', default: null },
  temperature: { kind: 'number', default: 2, min: 0.5, max: 20, integer: false },
  alpha: { kind: 'number', default: 0.9, min: 0, max: 1, integer: false },
  scaleByT2: { kind: 'boolean', default: true },
  softTerm: { kind: 'enum', default: 'kl', values: SOFT_TERMS },
  teacherLive: { kind: 'boolean', default: false },
  repeats: { kind: 'number', default: 1, min: 1, max: 10, integer: true },
  sweep: { kind: 'enum', default: 'off', values: ['off', 'temperature', 'alpha', 'both'] },
  sweepTemperatures: { kind: 'numberList', default: [1, 2, 4, 8, 20], min: 0.5, max: 20, maxLength: 10 },
  sweepAlphas: { kind: 'numberList', default: [0, 0.25, 0.5, 0.75, 1], min: 0, max: 1, maxLength: 10 },
  hintEnabled: { kind: 'boolean', default: false },
  hintBeta: { kind: 'number', default: 1, min: 0, max: 1000, integer: false },
  hintTeacherLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  hintStudentLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  // DKD: the paper's α 1 and β 8 (CIFAR-100); its warm-up was 20 of 240 epochs, here 5 of the studio's shorter runs.
  dkdAlpha: { kind: 'number', default: 1, min: 0, max: 100, integer: false },
  dkdBeta: { kind: 'number', default: 8, min: 0, max: 100, integer: false },
  dkdWarmup: { kind: 'number', default: 5, min: 0, max: 500, integer: true },
  logitStandardize: { kind: 'boolean', default: false },
  atEnabled: { kind: 'boolean', default: false },
  atBeta: { kind: 'number', default: 1000, min: 0, max: 100000, integer: false },
  atTeacherLayers: { kind: 'numberList', default: [0], min: 0, max: 31, maxLength: 8, integer: true },
  atStudentLayers: { kind: 'numberList', default: [0], min: 0, max: 31, maxLength: 8, integer: true },
  rkdEnabled: { kind: 'boolean', default: false },
  rkdDistance: { kind: 'number', default: 25, min: 0, max: 1000, integer: false },
  rkdAngle: { kind: 'number', default: 50, min: 0, max: 1000, integer: false },
  rkdSource: { kind: 'enum', default: 'logits', values: ['logits', 'hidden'] },
  rkdTeacherLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  rkdStudentLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  transferSize: { kind: 'number', default: 60, min: 0, max: 100000, integer: true },
  excludeClasses: { kind: 'numberList', default: [], min: 0, max: 99, maxLength: 10, minLength: 0, integer: true },
  augment: { kind: 'enum', default: 'off', values: ['off', 'teacher', 'all'] },
  flip: { kind: 'boolean', default: false },
  epochs: { kind: 'number', default: 30, min: 1, max: 500, integer: true },
  batchSize: { kind: 'number', default: 16, min: 1, max: 4096, integer: true },
  learningRate: { kind: 'number', default: 0.02, min: 1e-6, max: 1e6, integer: false },
  optimizer: { kind: 'enum', default: 'adam', values: ['adam', 'sgd'] },
  seed: { kind: 'number', default: 1, min: 0, max: 2147483647, integer: true },
  backend: { kind: 'enum', default: 'auto', values: ['auto', ...BACKEND_NAMES] },
  validationFraction: { kind: 'number', default: 0.1, min: 0.05, max: 0.5, integer: false },
  teacherPerSeed: { kind: 'boolean', default: false },
  standardize: { kind: 'boolean', default: true },
  compare: { kind: 'boolean', default: false },
  compareMethods: { kind: 'enumList', default: ['kl', 'mse', 'dkd'], values: METHOD_IDS, maxLength: METHOD_IDS.length },
  compareSeeds: { kind: 'number', default: 3, min: 1, max: MAX_COMPARE_SEEDS, integer: true },
  ensembleSize: { kind: 'number', default: 1, min: 1, max: 5, integer: true },
  assistantEnabled: { kind: 'boolean', default: false },
  assistantId: { kind: 'enum', default: 'mlp-16', values: ALL_PRESET_IDS },
  ensembleTeacherIds: { kind: 'enumList', default: [], values: ALL_TEACHER_IDS, maxLength: 4, repeatsAndEmpty: true },
};

/** Every field's default. */
export const DEFAULT_CONFIG: StudioConfig = Object.fromEntries(
  Object.entries(CONFIG_FIELDS).map(([k, f]) => [k, f.default]),
) as unknown as StudioConfig;

/** Why a raw value is not acceptable for a field, as a code with parameters (the UI words it). */
export type FieldProblem =
  | { code: 'number' }
  | { code: 'whole' }
  | { code: 'range'; min: number; max: number }
  | { code: 'listEmpty' }
  | { code: 'listLong'; max: number }
  | { code: 'listNumbers' }
  | { code: 'listWhole' }
  | { code: 'listRange'; min: number; max: number }
  | { code: 'unknownValue'; value: string }
  | { code: 'listRepeated'; value: string }
  | { code: 'boolean' }
  | { code: 'arch'; problem: ArchProblem };

/** Why a raw value is not acceptable for a field, or null when it is. */
export function fieldProblem<K extends keyof StudioConfig>(key: K, value: unknown): FieldProblem | null {
  const f = CONFIG_FIELDS[key] as Field<K>;
  switch (f.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'number' };
      if (f.integer && !Number.isInteger(value)) return { code: 'whole' };
      if (value < f.min || value > f.max) return { code: 'range', min: f.min, max: f.max };
      return null;
    case 'numberList':
      if (!Array.isArray(value) || value.length < (f.minLength ?? 1)) return { code: 'listEmpty' };
      if (value.length > f.maxLength) return { code: 'listLong', max: f.maxLength };
      if (value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return { code: 'listNumbers' };
      if (f.integer && value.some((v: number) => !Number.isInteger(v))) return { code: 'listWhole' };
      if (value.some((v: number) => v < f.min || v > f.max)) return { code: 'listRange', min: f.min, max: f.max };
      return null;
    case 'enum':
      return (f.values as readonly unknown[]).includes(value) ? null : { code: 'unknownValue', value: shown(value) };
    case 'enumList': {
      if (!Array.isArray(value) || (value.length === 0 && !f.repeatsAndEmpty)) return { code: 'listEmpty' };
      if (value.length > f.maxLength) return { code: 'listLong', max: f.maxLength };
      const unknown = (value as unknown[]).find((v) => !f.values.includes(v as string));
      if (unknown !== undefined) return { code: 'unknownValue', value: shown(unknown) };
      if (f.repeatsAndEmpty) return null;
      const repeated = (value as string[]).find((v, i) => value.indexOf(v) !== i);
      return repeated === undefined ? null : { code: 'listRepeated', value: repeated };
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : { code: 'boolean' };
    case 'arch': {
      if (value === null) return null;
      const problem = archShapeProblem(value);
      return problem ? { code: 'arch', problem } : null;
    }
  }
}

/** Kernel, stride and pool sizes at most (the real bound, the input size, is checked by `validateArch`). */
const MAX_WINDOW = 1024;

/** The properties each CNN layer type may have (`type` included). */
const CNN_LAYER_KEYS: Readonly<Record<string, readonly string[]>> = {
  conv: ['type', 'filters', 'kernel', 'stride', 'activation', 'batchNorm'],
  maxpool: ['type', 'size'],
  flatten: ['type'],
  dense: ['type', 'units', 'activation'],
  dropout: ['type', 'rate'],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A short rendering of an untrusted value for a message. */
const shown = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? typeof v).slice(0, 40));
const extraKey = (o: Record<string, unknown>, allowed: readonly string[]): string | undefined => Object.keys(o).find((k) => !allowed.includes(k));
const wholeError = (v: unknown, max: number, place: ArchPlace, field: ArchField): ArchProblem | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? null : { code: 'shapeWhole', place, field, max, got: shown(v) };
const rateError = (v: unknown, place: ArchPlace, field: ArchField): ArchProblem | null =>
  typeof v === 'number' && v >= 0 && v < 1 ? null : { code: 'shapeRate', place, field, got: shown(v) };
const activationError = (v: unknown, place: ArchPlace): ArchProblem | null =>
  v === 'relu' || v === 'tanh' || v === 'gelu' ? null : { code: 'shapeActivation', place, got: shown(v) };

/** Why an untrusted CNN layer is not a CnnLayer's exact shape, or null. */
function cnnLayerShapeProblem(l: unknown, n: number): ArchProblem | null {
  const at: ArchPlace = { kind: 'layer', n };
  if (!isRecord(l)) return { code: 'shapeLayerNotObject', place: at };
  const allowed = typeof l.type === 'string' && Object.hasOwn(CNN_LAYER_KEYS, l.type) ? CNN_LAYER_KEYS[l.type] : undefined;
  if (!allowed) return { code: 'shapeUnknownType', place: at, got: shown(l.type) };
  const extra = extraKey(l, allowed);
  if (extra !== undefined) return { code: 'shapeUnknownProperty', place: { kind: 'layer', n, type: String(l.type) }, name: extra.slice(0, 40) };
  switch (l.type) {
    case 'conv':
      return (
        wholeError(l.filters, MAX_FILTERS, at, 'filters') ??
        wholeError(l.kernel, MAX_WINDOW, at, 'kernel') ??
        wholeError(l.stride, MAX_WINDOW, at, 'stride') ??
        activationError(l.activation, at) ??
        (l.batchNorm === undefined || typeof l.batchNorm === 'boolean' ? null : { code: 'shapeBatchNorm', place: at })
      );
    case 'maxpool':
      return wholeError(l.size, MAX_WINDOW, at, 'poolSize');
    case 'dense':
      return wholeError(l.units, MAX_UNITS, at, 'units') ?? activationError(l.activation, at);
    case 'dropout':
      return rateError(l.rate, at, 'dropoutRate');
    default:
      return null;
  }
}

/** Why an untrusted value is not an ArchSpec's exact JSON shape (kind, layer types, numbers in range, activations), as a code + parameters, or null. */
export function archShapeProblem(value: unknown): ArchProblem | null {
  if (!isRecord(value)) return { code: 'shapeNotObject' };
  if (value.kind === 'mlp') {
    const extra = extraKey(value, ['kind', 'hidden', 'activation', 'dropout']);
    if (extra !== undefined) return { code: 'shapeUnknownProperty', place: { kind: 'mlp' }, name: extra.slice(0, 40) };
    if (!Array.isArray(value.hidden)) return { code: 'shapeHiddenList' };
    if (value.hidden.length > MAX_MLP_HIDDEN) return { code: 'shapeTooManyHidden', max: MAX_MLP_HIDDEN, got: value.hidden.length };
    for (const [i, w] of (value.hidden as unknown[]).entries()) {
      const bad = wholeError(w, MAX_UNITS, { kind: 'hidden', n: i + 1 }, 'width');
      if (bad) return bad;
    }
    return activationError(value.activation, { kind: 'mlp' }) ?? (value.dropout === undefined ? null : rateError(value.dropout, { kind: 'mlp' }, 'dropout'));
  }
  if (value.kind !== 'cnn') return { code: 'shapeUnknownKind', got: shown(value.kind) };
  const extra = extraKey(value, ['kind', 'layers']);
  if (extra !== undefined) return { code: 'shapeUnknownProperty', place: { kind: 'cnn' }, name: extra.slice(0, 40) };
  if (!Array.isArray(value.layers)) return { code: 'shapeLayersList' };
  if (value.layers.length > MAX_CNN_LAYERS) return { code: 'shapeTooManyLayers', max: MAX_CNN_LAYERS, got: value.layers.length };
  for (const [i, l] of (value.layers as unknown[]).entries()) {
    const bad = cnnLayerShapeProblem(l, i + 1);
    if (bad) return bad;
  }
  return null;
}

/** Builds a valid config from untrusted input (storage, later URLs); bad or missing fields take their defaults. */
export function sanitizeConfig(raw: unknown): { config: StudioConfig; rejected: (keyof StudioConfig)[] } {
  const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const config = { ...DEFAULT_CONFIG } as Record<keyof StudioConfig, unknown>;
  const rejected: (keyof StudioConfig)[] = [];
  for (const key of Object.keys(CONFIG_FIELDS) as (keyof StudioConfig)[]) {
    if (!(key in src)) continue;
    if (fieldProblem(key, src[key]) === null) config[key] = src[key];
    else rejected.push(key);
  }
  return { config: config as unknown as StudioConfig, rejected };
}
