import type { ExperimentConfig } from '../../engine/train/types';
import type { HistoryRecord } from './records';
import type { EpochRow } from '../runState';

/** One setting whose value differs between two runs (`path` like `temperature` or `student.hidden`). */
export interface SettingDiff {
  path: string;
  a: string;
  b: string;
}

/** Flattens a config into `path → printed value` (arrays and nested objects of primitives kept readable). */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, value === undefined ? '—' : Array.isArray(value) ? JSON.stringify(value) : String(value));
}

/** The settings that differ between two configs, in the first config's key order (then keys only the second has). */
export function diffSettings(a: ExperimentConfig, b: ExperimentConfig): SettingDiff[] {
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const keys = [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))];
  return keys.flatMap((path) => {
    const va = fa.get(path) ?? '—';
    const vb = fb.get(path) ?? '—';
    return va === vb ? [] : [{ path, a: va, b: vb }];
  });
}

/** One chart row per epoch with both runs' scratch and distilled accuracy (`aScratch`, `aDistill`, `bScratch`, `bDistill`). */
export interface CompareRow {
  epoch: number;
  aScratch?: number;
  aDistill?: number;
  bScratch?: number;
  bDistill?: number;
}

/** Merges two runs' epoch rows into one series per run and student, keyed by epoch. */
export function compareRows(a: HistoryRecord, b: HistoryRecord): CompareRow[] {
  const rows = new Map<number, CompareRow>();
  const put = (list: EpochRow[], scratch: 'aScratch' | 'bScratch', distill: 'aDistill' | 'bDistill') => {
    for (const r of list) {
      const row = rows.get(r.epoch) ?? { epoch: r.epoch };
      if (r.scratch !== undefined) row[scratch] = r.scratch;
      if (r.distill !== undefined) row[distill] = r.distill;
      rows.set(r.epoch, row);
    }
  };
  put(a.epochRows, 'aScratch', 'aDistill');
  put(b.epochRows, 'bScratch', 'bDistill');
  return [...rows.values()].sort((x, y) => x.epoch - y.epoch);
}
