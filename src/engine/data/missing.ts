import { DataError } from './dataErrors';
import type { Split } from './types';

/** What becomes of a row with a missing feature cell: dropped, or each such cell filled with its column's training-split mean. */
export type MissingRule = 'drop' | 'fill';

/** The missing cells of a CSV as parsed (before the split): the rule chosen and what it removed. */
export interface CsvHoles {
  /** The user's choice for missing feature cells. */
  rule: MissingRule;
  /** Rows dropped because their label was empty (always dropped). */
  droppedForLabel: number;
  /** Rows dropped because a feature cell was missing (rule `drop`; 0 for `fill`). */
  droppedForFeatures: number;
  /** Missing feature cells (empty or not a number) per feature column, in feature order, over every data row. */
  missingPerFeature: number[];
}

/**
 * How a CSV's missing values were handled, as recorded in the run, report.json and every export: the counts, and
 * for rule `fill` the value each feature's missing cells got (the mean of its non-missing training-split values,
 * summed in doubles in row order; the cells hold it rounded to float32).
 */
export interface MissingValues extends CsvHoles {
  /** Feature cells filled (rule `fill`; 0 for `drop`). */
  filledCells: number;
  /** Rule `fill`: the fill value of each feature column, in feature order (doubles, written in full). */
  fill?: number[];
}

/**
 * Mean of each feature's non-missing (non-NaN) values of a split, in doubles summed in row order; NaN for a feature
 * with no value in the split.
 */
export function fillValues(split: Split, len: number): number[] {
  const sum = new Array<number>(len).fill(0);
  const count = new Array<number>(len).fill(0);
  for (let i = 0; i < split.count; i++) {
    for (let j = 0; j < len; j++) {
      const v = split.x[i * len + j]!;
      if (Number.isNaN(v)) continue;
      sum[j]! += v;
      count[j]!++;
    }
  }
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : Number.NaN));
}

/** Replaces every missing (NaN) feature of a split in place with that feature's fill value; returns how many cells it filled. */
export function fillSplit(split: Split, len: number, fill: readonly number[]): number {
  let filled = 0;
  for (let i = 0; i < split.count * len; i++) {
    if (!Number.isNaN(split.x[i]!)) continue;
    split.x[i] = fill[i % len]!;
    filled++;
  }
  return filled;
}

/** Indices of the features that have a missing cell somewhere in the splits. */
function featuresWithHoles(splits: readonly Split[], len: number): Set<number> {
  const holes = new Set<number>();
  for (const s of splits) for (let i = 0; i < s.count * len; i++) if (Number.isNaN(s.x[i]!)) holes.add(i % len);
  return holes;
}

/**
 * Applies the rule to freshly split data in place: for `fill`, the training split's means fill both splits (throws,
 * naming the column, when a column with holes has no value in the training split). Returns the record of what was done.
 */
export function resolveHoles(holes: CsvHoles, train: Split, test: Split, len: number, featureNames: readonly string[]): MissingValues {
  if (holes.rule === 'drop') return { ...holes, filledCells: 0 };
  const fill = fillValues(train, len);
  for (const j of featuresWithHoles([train, test], len)) {
    if (Number.isNaN(fill[j]!)) throw new DataError({ code: 'noValuesToFill', column: featureNames[j] ?? `feature ${j + 1}` });
  }
  const filledCells = fillSplit(train, len, fill) + fillSplit(test, len, fill);
  // A column without any value in the training split has no mean: it had no holes either (checked above), so 0 stands in.
  return { ...holes, filledCells, fill: fill.map((v) => (Number.isNaN(v) ? 0 : v)) };
}
