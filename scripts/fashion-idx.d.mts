/** One official split as raw idx bytes. */
export interface IdxSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Reads an idx file (gzip or raw) and checks its magic number and length. */
export function readIdx(path: string, magic: number): { dims: number[]; data: Uint8Array };

/** Reads one official split (images + labels) of a source directory. */
export function readSplit(dir: string, prefix: string): IdxSplit;

/** The uncompressed bundle of a Fashion-MNIST idx directory holding `expected` training and test images. */
export function fashionBundle(dir: string, expected?: { train: number; test: number }): { train: IdxSplit; test: IdxSplit; bundle: Uint8Array };
