import * as tf from '@tensorflow/tfjs';
import { isPlainObject } from '../json';
import { readTopology } from './topologyInfo';

/**
 * `tf.loadLayersModel` from memory that, when building fails half-way, disposes the weights of the layers it had
 * already built (tfjs leaves them behind). Only variables created after the artifacts were handed over, and named
 * after a layer of this topology, are disposed, so a model trained meanwhile elsewhere is never touched.
 */
export async function loadCleanly(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  let before: ReadonlySet<string> = new Set();
  const handler: tf.io.IOHandler = {
    load: async () => {
      before = new Set(Object.keys(tf.engine().registeredVariables));
      return artifacts;
    },
  };
  try {
    return await tf.loadLayersModel(handler);
  } catch (e) {
    const layerNames = layerNamesOf(artifacts.modelTopology);
    for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
      if (!before.has(name) && layerNames.has(name.split('/')[0]!)) variable.dispose();
    }
    throw e;
  }
}

/** Names of the layers in a topology (its variables are named `layer/weight`). */
function layerNamesOf(topology: tf.io.ModelArtifacts['modelTopology']): Set<string> {
  const names = new Set<string>();
  if (!isPlainObject(topology)) return names;
  try {
    for (const l of readTopology(topology).layers) {
      if (l.name !== null) names.add(l.name);
    }
  } catch {
    // an unreadable topology fails before any layer is built
  }
  return names;
}
