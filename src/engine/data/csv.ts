import Papa from 'papaparse';
import { DataError } from './dataErrors';
import { sniffBinaryText } from './sniffBinary';
import type { MissingRule } from './missing';
import { indexClasses, requireTwoClasses, type LabeledData } from './userData';

/** Most classes a CSV label column may have (more usually means the wrong column was chosen). */
export const MAX_CSV_CLASSES = 100;

/** What the UI shows before the user picks the label column. */
export interface CsvPreview {
  /** Column names (from the header row, or `column 1`, `column 2`, … when there is none). */
  headers: string[];
  /** True when the first row was taken as the header. */
  hasHeader: boolean;
  /** The first data rows, as text. */
  rows: string[][];
  /** Number of data rows (header excluded, blank lines skipped). */
  rowCount: number;
  /** Index of the suggested label column (the last one). */
  suggestedLabelColumn: number;
  /** The delimiter papaparse detected. */
  delimiter: string;
  /** The empty and non-numeric cells of every column, over all data rows. */
  holes: CsvPreviewHoles;
}

/** Most distinct non-numeric texts of a column the preview names (e.g. `NaN`, `?`). */
export const MAX_HOLE_SAMPLES = 3;

/** Per column (file order): its missing cells, and what each choice of label column would drop or fill. */
export interface CsvPreviewHoles {
  /** Empty cells of each column. */
  empty: number[];
  /** Non-empty cells that are not numbers (`NaN`, `?`, text) of each column. */
  notNumber: number[];
  /** Up to `MAX_HOLE_SAMPLES` distinct non-numeric texts of each column, in order of appearance. */
  samples: string[][];
  /** With column j as the label: rows with a label and at least one missing feature cell (what "drop" removes). */
  featureRows: number[];
  /** With column j as the label: missing feature cells in rows with a label (what "fill" fills). */
  featureCells: number[];
}

/** A data row with its 1-based line number in the file. */
interface CsvRow {
  line: number;
  cells: string[];
}

/** The CSV split into header and rows. */
interface CsvTable {
  headers: string[];
  hasHeader: boolean;
  rows: CsvRow[];
  delimiter: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when a cell is a plain decimal number (no hex, no Infinity, not empty). */
function isNumeric(cell: string): boolean {
  return NUMBER.test(cell.trim());
}

/** Parses CSV text into rows with papaparse (delimiter auto-detected); throws on binary content, empty text and broken quoting. */
function readTable(text: string, fileName: string): CsvTable {
  const clean = text.replace(/^\ufeff/, '');
  const binary = sniffBinaryText(clean);
  if (binary) throw new DataError({ code: 'binaryFile', name: fileName, kind: binary });
  if (clean.trim() === '') throw new DataError({ code: 'csvEmpty' });
  const result = Papa.parse<string[]>(clean, { header: false, dynamicTyping: false, skipEmptyLines: false });
  const error = result.errors.find((e) => e.type !== 'Delimiter');
  if (error) throw new DataError({ code: 'csvSyntax', line: (error.row ?? 0) + 1, detail: error.message });
  const records: CsvRow[] = [];
  result.data.forEach((cells, i) => {
    if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
    records.push({ line: i + 1, cells: cells.map((c) => c.trim()) });
  });
  const first = records[0];
  if (!first) throw new DataError({ code: 'csvEmpty' });
  const second = records[1];
  const hasHeader =
    // An empty cell is a missing value, not a column name: it never makes the first row a header on its own.
    first.cells.every((c) => !isNumeric(c)) || first.cells.some((c, j) => c !== '' && !isNumeric(c) && (second ? isNumeric(second.cells[j] ?? '') : false));
  const headers = hasHeader ? first.cells.map((c, j) => c || `column ${j + 1}`) : first.cells.map((_, j) => `column ${j + 1}`);
  return { headers, hasHeader, rows: hasHeader ? records.slice(1) : records, delimiter: result.meta.delimiter };
}

/** Counts the empty and non-numeric cells of every column, and what dropping or filling them means for each label column. */
function countHoles(headers: readonly string[], rows: readonly CsvRow[]): CsvPreviewHoles {
  const n = headers.length;
  const zeros = () => new Array<number>(n).fill(0);
  const holes: CsvPreviewHoles = { empty: zeros(), notNumber: zeros(), samples: headers.map(() => []), featureRows: zeros(), featureCells: zeros() };
  for (const { cells } of rows) {
    const bad: boolean[] = [];
    let badCount = 0;
    for (let j = 0; j < n; j++) {
      const cell = cells[j] ?? '';
      bad[j] = !isNumeric(cell);
      if (!bad[j]) continue;
      badCount++;
      if (cell === '') holes.empty[j]!++;
      else {
        holes.notNumber[j]!++;
        const samples = holes.samples[j]!;
        if (samples.length < MAX_HOLE_SAMPLES && !samples.includes(cell)) samples.push(cell);
      }
    }
    for (let j = 0; j < n; j++) {
      if (cells[j] === '' || cells[j] === undefined) continue; // no label: the row is dropped whatever the rule
      const features = badCount - (bad[j] ? 1 : 0);
      holes.featureCells[j]! += features;
      if (features > 0) holes.featureRows[j]!++;
    }
  }
  return holes;
}

/** Headers, the first rows, a suggested label column (the last) and the missing cells per column, for a preview before parsing. */
export function previewCsv(text: string, maxRows = 5, fileName = 'the file'): CsvPreview {
  const { headers, hasHeader, rows, delimiter } = readTable(text, fileName);
  return {
    headers,
    hasHeader,
    rows: rows.slice(0, maxRows).map((r) => r.cells),
    rowCount: rows.length,
    suggestedLabelColumn: headers.length - 1,
    delimiter,
    holes: countHoles(headers, rows),
  };
}

/** Resolves a label column given by name (exact, then case-insensitive) or 0-based index. */
function resolveColumn(headers: readonly string[], labelColumn: string | number): number {
  if (typeof labelColumn === 'number') {
    if (Number.isInteger(labelColumn) && labelColumn >= 0 && labelColumn < headers.length) return labelColumn;
    throw new DataError({ code: 'labelIndexMissing', column: labelColumn, columns: headers.length });
  }
  const name = labelColumn.trim();
  let j = headers.indexOf(name);
  if (j < 0) j = headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  if (j < 0) throw new DataError({ code: 'labelNameMissing', name: labelColumn, columns: headers.join(', ') });
  return j;
}

/**
 * Parses a CSV table of numeric feature columns plus one label column (by name or 0-based index).
 * Labels may be numbers (classes in numeric order; `1` and `1.0` are the same class, named `1`) or text (classes
 * in sorted order); the first row is the header unless it looks like data.
 * Without `missing`, an empty or non-numeric feature cell or an empty label throws a message naming its line and
 * column. With it, a row with an empty label is dropped, and a row with a missing feature cell (empty or not a
 * number) is dropped (`drop`) or kept with NaN there (`fill`: `toUserDataset` fills it after the split); `holes` records it.
 */
export function parseCsvDataset(text: string, labelColumn: string | number, fileName = 'the file', missing?: MissingRule): LabeledData {
  const { headers, hasHeader, rows } = readTable(text, fileName);
  const labelIdx = resolveColumn(headers, labelColumn);
  const labelName = headers[labelIdx]!;
  if (headers.length < 2) throw new DataError({ code: 'noFeatures' });
  if (rows.length === 0) throw new DataError({ code: 'noRows' });
  const nFeatures = headers.length - 1;
  const values: number[] = [];
  const labels: string[] = [];
  const missingPerFeature = new Array<number>(nFeatures).fill(0);
  let droppedForLabel = 0;
  let droppedForFeatures = 0;
  for (const { line, cells } of rows) {
    if (cells.length !== headers.length) {
      throw new DataError({ code: 'columnCount', line, found: cells.length, expected: headers.length, header: hasHeader });
    }
    const row: number[] = [];
    cells.forEach((cell, j) => {
      if (j === labelIdx) return;
      if (isNumeric(cell)) row.push(Number(cell));
      else if (missing) {
        missingPerFeature[row.length]!++;
        row.push(Number.NaN);
      } else if (cell === '') throw new DataError({ code: 'emptyCell', line, column: headers[j]! });
      else throw new DataError({ code: 'notNumber', line, column: headers[j]!, cell });
    });
    const label = cells[labelIdx]!;
    if (label === '') {
      if (!missing) throw new DataError({ code: 'emptyLabel', line, column: labelName });
      droppedForLabel++;
      continue;
    }
    if (missing === 'drop' && row.some(Number.isNaN)) {
      droppedForFeatures++;
      continue;
    }
    values.push(...row);
    labels.push(label);
  }
  if (labels.length === 0 && missing) throw new DataError({ code: 'allRowsDropped', rows: rows.length });
  const numeric = labels.every((l) => isNumeric(l));
  const { y, classNames } = numeric
    ? indexClasses(labels.map(Number), (a, b) => a - b)
    : indexClasses(labels, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  requireTwoClasses(classNames, { kind: 'labelColumn', name: labelName });
  if (classNames.length > MAX_CSV_CLASSES) {
    throw new DataError({ code: 'tooManyClasses', column: labelName, count: classNames.length, max: MAX_CSV_CLASSES });
  }
  const anyHoles = droppedForLabel > 0 || missingPerFeature.some((c) => c > 0);
  return {
    x: Float32Array.from(values),
    y,
    count: labels.length,
    inputShape: [nFeatures],
    classNames,
    numClasses: classNames.length,
    featureNames: headers.filter((_, j) => j !== labelIdx),
    columns: [...headers],
    labelName,
    ...(missing && anyHoles ? { holes: { rule: missing, droppedForLabel, droppedForFeatures, missingPerFeature } } : {}),
  };
}
