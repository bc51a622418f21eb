import Papa from 'papaparse';
import { DataError } from './dataErrors';
import { sniffBinaryText } from './sniffBinary';
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
    first.cells.every((c) => !isNumeric(c)) || first.cells.some((c, j) => !isNumeric(c) && (second ? isNumeric(second.cells[j] ?? '') : false));
  const headers = hasHeader ? first.cells.map((c, j) => c || `column ${j + 1}`) : first.cells.map((_, j) => `column ${j + 1}`);
  return { headers, hasHeader, rows: hasHeader ? records.slice(1) : records, delimiter: result.meta.delimiter };
}

/** Headers, the first rows and a suggested label column (the last), for a preview before parsing. */
export function previewCsv(text: string, maxRows = 5, fileName = 'the file'): CsvPreview {
  const { headers, hasHeader, rows, delimiter } = readTable(text, fileName);
  return {
    headers,
    hasHeader,
    rows: rows.slice(0, maxRows).map((r) => r.cells),
    rowCount: rows.length,
    suggestedLabelColumn: headers.length - 1,
    delimiter,
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
 * in sorted order); the first row is
 * the header unless it looks like data. Throws a message naming the line and column of any bad cell.
 */
export function parseCsvDataset(text: string, labelColumn: string | number, fileName = 'the file'): LabeledData {
  const { headers, hasHeader, rows } = readTable(text, fileName);
  const labelIdx = resolveColumn(headers, labelColumn);
  const labelName = headers[labelIdx]!;
  if (headers.length < 2) throw new DataError({ code: 'noFeatures' });
  if (rows.length === 0) throw new DataError({ code: 'noRows' });
  const nFeatures = headers.length - 1;
  const x = new Float32Array(rows.length * nFeatures);
  const labels: string[] = [];
  rows.forEach(({ line, cells }, i) => {
    if (cells.length !== headers.length) {
      throw new DataError({ code: 'columnCount', line, found: cells.length, expected: headers.length, header: hasHeader });
    }
    let k = 0;
    cells.forEach((cell, j) => {
      if (j === labelIdx) return;
      if (cell === '') throw new DataError({ code: 'emptyCell', line, column: headers[j]! });
      if (!isNumeric(cell)) throw new DataError({ code: 'notNumber', line, column: headers[j]!, cell });
      x[i * nFeatures + k++] = Number(cell);
    });
    const label = cells[labelIdx]!;
    if (label === '') throw new DataError({ code: 'emptyLabel', line, column: labelName });
    labels.push(label);
  });
  const numeric = labels.every((l) => isNumeric(l));
  const { y, classNames } = numeric
    ? indexClasses(labels.map(Number), (a, b) => a - b)
    : indexClasses(labels, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  requireTwoClasses(classNames, { kind: 'labelColumn', name: labelName });
  if (classNames.length > MAX_CSV_CLASSES) {
    throw new DataError({ code: 'tooManyClasses', column: labelName, count: classNames.length, max: MAX_CSV_CLASSES });
  }
  return {
    x,
    y,
    count: rows.length,
    inputShape: [nFeatures],
    classNames,
    numClasses: classNames.length,
    featureNames: headers.filter((_, j) => j !== labelIdx),
    columns: [...headers],
    labelName,
  };
}
