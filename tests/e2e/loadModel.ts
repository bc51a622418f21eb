import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';

/** Loads a tfjs layers model from `model.json` + weights files on disk, with a custom IO handler. */
export async function loadLayersModelFromFiles(jsonPath: string, weightsPath: string): Promise<tf.LayersModel> {
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as tf.io.ModelJSON;
  const bytes = readFileSync(weightsPath);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.loadLayersModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData,
      format: json.format,
    }),
  });
}

export { tf };
