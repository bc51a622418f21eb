import { DATASET_IDS, type DatasetId } from '../engine/data/registry';
import { IMAGE_STUDENT_PRESETS, IMAGE_TEACHER_PRESETS, STUDENT_PRESETS, TEACHER_PRESETS } from '../engine/models/presets';
import type { SoftTerm } from '../engine/losses';
import type { OptimizerName } from '../engine/train/types';
import { BACKEND_NAMES, type BackendChoice } from '../worker/protocol';

/** The user's experiment settings as the UI holds them (architectures by preset id). */
export interface StudioConfig {
  dataset: DatasetId;
  samples: number;
  noise: number;
  teacherId: string;
  studentId: string;
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
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  backend: BackendChoice;
}

/** What a sweep varies: nothing, the temperature, alpha, or both (a grid). */
export type SweepMode = 'off' | 'temperature' | 'alpha' | 'both';

/** A declared config field: its default and the rule that accepts or rejects a raw value. */
type Field<K extends keyof StudioConfig> =
  | { kind: 'number'; default: StudioConfig[K]; min: number; max: number; integer: boolean }
  | { kind: 'numberList'; default: StudioConfig[K]; min: number; max: number; maxLength: number }
  | { kind: 'enum'; default: StudioConfig[K]; values: readonly StudioConfig[K][] }
  | { kind: 'boolean'; default: StudioConfig[K] };

/** The one table that defines every config field (defaults and bounds); UI, storage and validation all read it. */
export const CONFIG_FIELDS: { [K in keyof StudioConfig]: Field<K> } = {
  dataset: { kind: 'enum', default: 'spiral', values: DATASET_IDS },
  samples: { kind: 'number', default: 1500, min: 150, max: 10000, integer: true },
  noise: { kind: 'number', default: 0.08, min: 0, max: 0.5, integer: false },
  teacherId: { kind: 'enum', default: TEACHER_PRESETS[0]!.id, values: [...TEACHER_PRESETS, ...IMAGE_TEACHER_PRESETS].map((p) => p.id) },
  studentId: { kind: 'enum', default: STUDENT_PRESETS[0]!.id, values: [...STUDENT_PRESETS, ...IMAGE_STUDENT_PRESETS].map((p) => p.id) },
  temperature: { kind: 'number', default: 4, min: 0.5, max: 20, integer: false },
  alpha: { kind: 'number', default: 0.7, min: 0, max: 1, integer: false },
  scaleByT2: { kind: 'boolean', default: true },
  softTerm: { kind: 'enum', default: 'kl', values: ['kl', 'mse'] },
  teacherLive: { kind: 'boolean', default: false },
  repeats: { kind: 'number', default: 1, min: 1, max: 10, integer: true },
  sweep: { kind: 'enum', default: 'off', values: ['off', 'temperature', 'alpha', 'both'] },
  sweepTemperatures: { kind: 'numberList', default: [1, 2, 4, 8, 20], min: 0.5, max: 20, maxLength: 10 },
  sweepAlphas: { kind: 'numberList', default: [0, 0.25, 0.5, 0.75, 1], min: 0, max: 1, maxLength: 10 },
  hintEnabled: { kind: 'boolean', default: false },
  hintBeta: { kind: 'number', default: 1, min: 0, max: 1000, integer: false },
  hintTeacherLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  hintStudentLayer: { kind: 'number', default: 0, min: 0, max: 31, integer: true },
  epochs: { kind: 'number', default: 30, min: 1, max: 500, integer: true },
  batchSize: { kind: 'number', default: 32, min: 1, max: 4096, integer: true },
  learningRate: { kind: 'number', default: 0.02, min: 1e-6, max: 1e6, integer: false },
  optimizer: { kind: 'enum', default: 'adam', values: ['adam', 'sgd'] },
  seed: { kind: 'number', default: 1, min: 0, max: 2147483647, integer: true },
  backend: { kind: 'enum', default: 'auto', values: ['auto', ...BACKEND_NAMES] },
};

/** Every field's default. */
export const DEFAULT_CONFIG: StudioConfig = Object.fromEntries(
  Object.entries(CONFIG_FIELDS).map(([k, f]) => [k, f.default]),
) as unknown as StudioConfig;

/** Why a raw value is not acceptable for a field, or null when it is. */
export function fieldError<K extends keyof StudioConfig>(key: K, value: unknown): string | null {
  const f = CONFIG_FIELDS[key] as Field<K>;
  switch (f.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Enter a number.';
      if (f.integer && !Number.isInteger(value)) return 'Enter a whole number.';
      if (value < f.min || value > f.max) return `Must be between ${f.min} and ${f.max}.`;
      return null;
    case 'numberList':
      if (!Array.isArray(value) || value.length === 0) return 'Enter one or more numbers separated by commas.';
      if (value.length > f.maxLength) return `At most ${f.maxLength} values.`;
      if (value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return 'Enter numbers separated by commas.';
      if (value.some((v: number) => v < f.min || v > f.max)) return `Each value must be between ${f.min} and ${f.max}.`;
      return null;
    case 'enum':
      return (f.values as readonly unknown[]).includes(value) ? null : `Unknown value ${JSON.stringify(value)}.`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be true or false.';
  }
}

/** Builds a valid config from untrusted input (storage, later URLs); bad or missing fields take their defaults. */
export function sanitizeConfig(raw: unknown): { config: StudioConfig; rejected: (keyof StudioConfig)[] } {
  const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const config = { ...DEFAULT_CONFIG } as Record<keyof StudioConfig, unknown>;
  const rejected: (keyof StudioConfig)[] = [];
  for (const key of Object.keys(CONFIG_FIELDS) as (keyof StudioConfig)[]) {
    if (!(key in src)) continue;
    if (fieldError(key, src[key]) === null) config[key] = src[key];
    else rejected.push(key);
  }
  return { config: config as unknown as StudioConfig, rejected };
}
