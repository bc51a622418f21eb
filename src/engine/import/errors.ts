/** Every reason a model can be rejected on import; each has its own user-facing message. */
export type ImportErrorCode =
  | 'empty-file'
  | 'keras-h5'
  | 'bad-json'
  | 'not-object'
  | 'graph-model'
  | 'wrong-format'
  | 'missing-topology'
  | 'malformed-topology'
  | 'unknown-topology'
  | 'no-layers'
  | 'no-input-shape'
  | 'multiple-inputs'
  | 'multiple-outputs'
  | 'input-shape-mismatch'
  | 'output-classes-mismatch'
  | 'missing-manifest'
  | 'bad-manifest'
  | 'unsupported-dtype'
  | 'bad-quantization'
  | 'duplicate-file'
  | 'missing-weight-file'
  | 'misnamed-weight-file'
  | 'weight-size-mismatch'
  | 'non-finite-weights'
  | 'bad-topology'
  | 'weights-mismatch'
  | 'load-failed'
  | 'predict-failed';

/** Why a model was rejected: a stable code for tests and UI logic, and a message for people. */
export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

/** A failed check, thrown inside the validator and turned into a result at its edge. */
export class ImportFailure extends Error {
  /** The error to report. */
  readonly error: ImportError;

  /** Creates a failure with its code and message. */
  constructor(code: ImportErrorCode, message: string) {
    super(message);
    this.name = 'ImportFailure';
    this.error = { code, message };
  }
}

/** Throws an `ImportFailure` (for use in expressions). */
export function fail(code: ImportErrorCode, message: string): never {
  throw new ImportFailure(code, message);
}

/** `[28, 28, 1]`-style text of a shape (unknown dimensions as `?`). */
export function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** A byte count with thousands separators, e.g. `1,024 bytes`. */
export function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** The first sentence of an error's message, for quoting library errors. */
export function firstSentence(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n')[0]!.trim();
  const end = line.search(/\.\s/);
  return end > 0 ? line.slice(0, end + 1) : line;
}
