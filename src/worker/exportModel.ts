import * as tf from '@tensorflow/tfjs';

/** Serialises a layers model to tfjs artifacts (topology, weight specs, one weight buffer) for transfer to the UI. */
export async function serializeModel(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightData) throw new Error('The model produced no weights to save.');
  return { ...artifacts, weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData) };
}
