import type { CsvPreview } from '../../engine/data/csv';

/** One feature column with missing cells, as the preview lists it. */
export interface MissingColumn {
  name: string;
  empty: number;
  notNumber: number;
  /** Distinct non-numeric texts seen in it (a few). */
  samples: string[];
}

/** What each missing-value choice would do to a previewed CSV with a given label column. */
export interface MissingPlan {
  /** Data rows in the file. */
  total: number;
  /** Feature columns with missing cells (empty or not a number), in file order. */
  columns: MissingColumn[];
  /** Rows with an empty label: always dropped. */
  emptyLabels: number;
  /** Rows with a label and a missing feature cell: what "drop" removes. */
  featureRows: number;
  /** Missing feature cells in rows with a label: what "fill" fills. */
  featureCells: number;
}

/** The missing values of a previewed CSV when `labelColumn` is the label, or null when it has none. */
export function missingPlan(preview: CsvPreview, labelColumn: number): MissingPlan | null {
  const h = preview.holes;
  const columns = preview.headers
    .map((name, j) => ({ name, empty: h.empty[j] ?? 0, notNumber: h.notNumber[j] ?? 0, samples: h.samples[j] ?? [] }))
    .filter((c, j) => j !== labelColumn && c.empty + c.notNumber > 0);
  const emptyLabels = h.empty[labelColumn] ?? 0;
  if (columns.length === 0 && emptyLabels === 0) return null;
  return { total: preview.rowCount, columns, emptyLabels, featureRows: h.featureRows[labelColumn] ?? 0, featureCells: h.featureCells[labelColumn] ?? 0 };
}
