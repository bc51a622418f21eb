import { datasetMeta } from '../../engine/data/meta';
import { toPyTorchScript, type PyTorchExportSpec } from '../../engine/export/pytorchScript';
import type { ExperimentConfig } from '../../engine/train/types';

/** File name of the exported PyTorch script. */
export const PYTORCH_FILE = 'distill_experiment.py';

/** The PyTorch export spec of a run's config (the dataset's shape from its metadata). */
export function pytorchSpecOf(config: ExperimentConfig): PyTorchExportSpec {
  const meta = datasetMeta(config);
  return {
    dataset: config.userData ? config.userData.id : config.dataset,
    inputShape: [...meta.inputShape],
    numClasses: meta.numClasses,
    teacher: config.teacher,
    student: config.student,
    loss: {
      soft: config.softTerm,
      temperature: config.temperature,
      alpha: config.alpha,
      scaleByT2: config.scaleByT2,
      ...(config.hint ? { hint: config.hint } : {}),
    },
    optimizer: config.optimizer,
    learningRate: config.learningRate,
    epochs: config.epochs,
    batchSize: config.batchSize,
    seed: config.seed,
    samples: config.samples,
    noise: config.noise,
  };
}

/** The Python script that reruns a run's experiment in PyTorch (throws with the reason when it cannot). */
export function pytorchScriptOf(config: ExperimentConfig): string {
  return toPyTorchScript(pytorchSpecOf(config));
}
