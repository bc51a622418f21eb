import * as tf from '@tensorflow/tfjs';

/** Bytes per stored element for every dtype or quantisation dtype tfjs can decode. */
export const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Number of elements of a tensor shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Stored byte length of one manifest entry, honouring its quantisation (string weights are not supported). */
export function weightSpecByteLength(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization ? spec.quantization.dtype : spec.dtype;
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (bytes === undefined) throw new Error(`Weight "${spec.name}" has dtype ${dtype}, which has no fixed byte size.`);
  return shapeSize(spec.shape) * bytes;
}

/** The artifacts' weight data as one contiguous ArrayBuffer (throws when there is none). */
export function weightBuffer(artifacts: tf.io.ModelArtifacts): ArrayBuffer {
  if (artifacts.weightData === undefined) throw new Error('The model artifacts carry no weight data.');
  return tf.io.CompositeArrayBuffer.join(artifacts.weightData);
}

/** The artifacts' weight specs (throws when there are none). */
export function weightSpecs(artifacts: tf.io.ModelArtifacts): tf.io.WeightsManifestEntry[] {
  if (!artifacts.weightSpecs) throw new Error('The model artifacts carry no weight specs.');
  return artifacts.weightSpecs;
}

/** The `model.json` object of tfjs layers format for artifacts whose weights live in one file `weightsPath`. */
export function toModelJson(artifacts: tf.io.ModelArtifacts, weightsPath: string): tf.io.ModelJSON {
  if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('The model artifacts carry no JSON topology.');
  }
  return {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: weightSpecs(artifacts) }],
  };
}

/** Copies the bytes of a view into a fresh, exactly-sized ArrayBuffer. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
