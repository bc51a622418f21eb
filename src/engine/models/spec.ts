/** Activation functions offered for hidden layers. */
export type Activation = 'relu' | 'tanh';

/** A multilayer perceptron: hidden widths and one activation; the output layer is added to match the dataset. */
export interface MlpSpec {
  kind: 'mlp';
  /** Widths of the hidden layers, input to output. */
  hidden: number[];
  /** Activation after each hidden layer. */
  activation: Activation;
}

/** Any architecture the studio can build (CNNs join this union later). */
export type ArchSpec = MlpSpec;

/** Number of trainable parameters of an architecture for the given input size and class count. */
export function paramCount(spec: ArchSpec, inputSize: number, numClasses: number): number {
  let total = 0;
  let fanIn = inputSize;
  for (const width of [...spec.hidden, numClasses]) {
    total += fanIn * width + width;
    fanIn = width;
  }
  return total;
}

/** Short human-readable description, e.g. `MLP 2→64→64→3`. */
export function describeArch(spec: ArchSpec, inputSize: number, numClasses: number): string {
  return `MLP ${[inputSize, ...spec.hidden, numClasses].join('→')}`;
}

/** A reason the architecture cannot be built, or null when it is valid. */
export function validateArch(spec: ArchSpec): string | null {
  if (spec.hidden.length > 8) return 'At most 8 hidden layers.';
  for (const w of spec.hidden) {
    if (!Number.isInteger(w) || w < 1) return `Layer widths must be whole numbers ≥ 1 (got ${w}).`;
    if (w > 4096) return `Layer widths must be ≤ 4096 (got ${w}).`;
  }
  return null;
}
