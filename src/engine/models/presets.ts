import type { ArchSpec } from './spec';

/** A named architecture offered in the Teacher or Student menu. */
export interface ArchPreset {
  /** Stable id used in URLs and menus. */
  id: string;
  /** Menu label. */
  label: string;
  /** The architecture. */
  spec: ArchSpec;
}

/** Teacher presets: wide enough to fit the toy sets well. */
export const TEACHER_PRESETS: readonly ArchPreset[] = [
  { id: 'mlp-64-64', label: 'MLP 64·64 (tanh)', spec: { kind: 'mlp', hidden: [64, 64], activation: 'tanh' } },
  { id: 'mlp-128-128', label: 'MLP 128·128 (relu)', spec: { kind: 'mlp', hidden: [128, 128], activation: 'relu' } },
  { id: 'mlp-256-256-256', label: 'MLP 256·256·256 (relu)', spec: { kind: 'mlp', hidden: [256, 256, 256], activation: 'relu' } },
];

/** Student presets: small enough that compression is real. */
export const STUDENT_PRESETS: readonly ArchPreset[] = [
  { id: 'mlp-8', label: 'MLP 8 (tanh)', spec: { kind: 'mlp', hidden: [8], activation: 'tanh' } },
  { id: 'mlp-16', label: 'MLP 16 (tanh)', spec: { kind: 'mlp', hidden: [16], activation: 'tanh' } },
  { id: 'mlp-4', label: 'MLP 4 (tanh)', spec: { kind: 'mlp', hidden: [4], activation: 'tanh' } },
  { id: 'mlp-8-8', label: 'MLP 8·8 (relu)', spec: { kind: 'mlp', hidden: [8, 8], activation: 'relu' } },
];

/** Looks up a preset by id in a list, falling back to the first entry. */
export function findPreset(list: readonly ArchPreset[], id: string): ArchPreset {
  return list.find((p) => p.id === id) ?? list[0]!;
}
