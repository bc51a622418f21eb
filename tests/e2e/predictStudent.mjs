// Loads a downloaded student (model.json + weights.bin in a folder) with @tensorflow/tfjs in its own Node.js
// process, through a custom IO handler reading the files, and prints its logits on the inputs of report.json's
// check section as JSON: { params, logits }. Usage: node predictStudent.mjs <folder>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const dir = process.argv[2];
await tf.setBackend('cpu');
const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
const [weightsPath] = json.weightsManifest[0].paths;
const bytes = readFileSync(join(dir, weightsPath));
const model = await tf.loadLayersModel({
  load: async () => ({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    format: json.format,
  }),
});
const { inputs, inputShape } = report.check;
const logits = tf.tidy(() => model.predict(tf.tensor(inputs.flat(), [inputs.length, ...inputShape])).arraySync());
process.stdout.write(JSON.stringify({ params: model.countParams(), logits }));
