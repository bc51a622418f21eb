import type { ArchSpec } from '../models/spec';
import type { OptimizerName } from '../train/types';
import { dataSourceFor, pytorchDataCode } from './pytorchData';
import { pytorchModelCode, type PyTorchModelCode } from './pytorchModel';
import { PYTORCH_TRAINING_CODE } from './pytorchTraining';
import { pyBool, pyFloat, pyInt, pyIntTuple, pyStr } from './pythonLiteral';

/** A FitNets hint: match a student hidden block to a teacher hidden block through a learned linear adapter. */
export interface HintSpec {
  /** Teacher hidden block, as indexed by `hiddenLayerOptions`. */
  teacherLayer: number;
  /** Student hidden block, as indexed by `hiddenLayerOptions`. */
  studentLayer: number;
  /** Weight β of the hint term. */
  beta: number;
}

/** The distillation objective of the exported script. */
export interface PyTorchLossSpec {
  /** `kl`: α·(T²)·KL(softmax(z_t/T) ‖ softmax(z_s/T)); `mse`: α·MSE(z_s, z_t). Both add (1 − α)·CE. */
  soft: 'kl' | 'mse';
  temperature: number;
  alpha: number;
  scaleByT2: boolean;
  hint?: HintSpec;
}

/** Everything the exported PyTorch script reproduces. */
export interface PyTorchExportSpec {
  /** Dataset id: `mnist`/`fashion-mnist` load via torchvision, known 2-D sets are generated, anything else reads CSV. */
  dataset: string;
  /** One example's shape, channels-last as in the studio (e.g. `[28, 28, 1]` or `[2]`). */
  inputShape: number[];
  numClasses: number;
  teacher: ArchSpec;
  student: ArchSpec;
  loss: PyTorchLossSpec;
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Generated sets only: number of points (default 600) and noise (default 0.1). */
  samples?: number;
  noise?: number;
}

const header = (title: string): string => `# ${'-'.repeat(75)}\n# ${title}\n# ${'-'.repeat(75)}`;

function modelFunction(name: string, description: string, code: PyTorchModelCode): string {
  const modules = code.modules.map((m) => `        ${m}`).join('\n');
  return `def build_${name}():
    """${description} (${code.params} parameters, as TensorFlow.js counts them)."""
    return Net([
${modules}
    ], taps=[${code.taps.join(', ')}])`;
}

/** Throws a clear error when the spec cannot become a script (architectures are checked by the studio's planner). */
function checkSpec(s: PyTorchExportSpec): void {
  const fail = (msg: string): never => {
    throw new RangeError(msg);
  };
  if (s.loss.soft !== 'kl' && s.loss.soft !== 'mse') fail(`Unknown soft term "${String(s.loss.soft)}".`);
  if (!(s.loss.temperature > 0) || !Number.isFinite(s.loss.temperature)) fail(`Temperature must be > 0 (got ${s.loss.temperature}).`);
  if (!(s.loss.alpha >= 0 && s.loss.alpha <= 1)) fail(`Alpha must be within [0, 1] (got ${s.loss.alpha}).`);
  if (s.optimizer !== 'adam' && s.optimizer !== 'sgd') fail(`Unknown optimizer "${String(s.optimizer)}".`);
  if (!(s.learningRate > 0) || !Number.isFinite(s.learningRate)) fail(`Learning rate must be > 0 (got ${s.learningRate}).`);
  for (const [what, v] of [['Epochs', s.epochs], ['Batch size', s.batchSize]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) fail(`${what} must be a whole number ≥ 1 (got ${v}).`);
  }
  if (!Number.isSafeInteger(s.seed)) fail(`Seed must be a whole number (got ${s.seed}).`);
  const hint = s.loss.hint;
  if (hint && (!(hint.beta >= 0) || !Number.isFinite(hint.beta))) fail(`Hint weight β must be ≥ 0 (got ${hint.beta}).`);
}

/** A complete, self-contained Python script that reruns the experiment in PyTorch (teacher, scratch, distilled). */
export function toPyTorchScript(spec: PyTorchExportSpec): string {
  checkSpec(spec);
  const teacher = pytorchModelCode(spec.teacher, spec.inputShape, spec.numClasses);
  const student = pytorchModelCode(spec.student, spec.inputShape, spec.numClasses);
  const { loss } = spec;
  const hint = loss.hint;
  if (hint) {
    if (!Number.isInteger(hint.teacherLayer) || hint.teacherLayer < 0 || hint.teacherLayer >= teacher.taps.length) {
      throw new RangeError(`The teacher has ${teacher.taps.length} hidden blocks; hint layer ${hint.teacherLayer} does not exist.`);
    }
    if (!Number.isInteger(hint.studentLayer) || hint.studentLayer < 0 || hint.studentLayer >= student.taps.length) {
      throw new RangeError(`The student has ${student.taps.length} hidden blocks; hint layer ${hint.studentLayer} does not exist.`);
    }
  }
  const source = dataSourceFor(spec.dataset, spec.inputShape);
  const requirements = source === 'torchvision' ? 'torch numpy torchvision' : 'torch numpy';
  const settings = [
    `DATASET = ${pyStr(spec.dataset)}`,
    `INPUT_SHAPE = ${pyIntTuple(spec.inputShape, 'Input shape')}  # one example, channels-last (height, width, channels) as in TensorFlow.js`,
    `NUM_CLASSES = ${pyInt(spec.numClasses, 'Number of classes')}`,
    `SEED = ${pyInt(spec.seed, 'Seed')}`,
    `EPOCHS = ${pyInt(spec.epochs, 'Epochs')}  # of every phase`,
    `BATCH_SIZE = ${pyInt(spec.batchSize, 'Batch size')}`,
    `OPTIMIZER = ${pyStr(spec.optimizer)}  # "adam" (TensorFlow.js defaults: betas 0.9/0.999, eps 1e-7) or "sgd" (plain)`,
    `LEARNING_RATE = ${pyFloat(spec.learningRate, 'Learning rate')}`,
    `SOFT_TERM = ${pyStr(loss.soft)}  # "kl": soft targets at temperature T (Hinton 2015); "mse": logit matching (Ba & Caruana 2014)`,
    `TEMPERATURE = ${pyFloat(loss.temperature, 'Temperature')}`,
    `ALPHA = ${pyFloat(loss.alpha, 'Alpha')}  # weight of the soft term; the cross-entropy gets 1 - ALPHA`,
    `SCALE_BY_T2 = ${pyBool(loss.scaleByT2)}  # multiply the KL term by T ** 2 (ignored for "mse")`,
    `USE_HINT = ${pyBool(hint !== undefined)}  # FitNets hint through a learned linear adapter`,
    `HINT_TEACHER_BLOCK = ${hint ? pyInt(hint.teacherLayer) : '0'}`,
    `HINT_STUDENT_BLOCK = ${hint ? pyInt(hint.studentLayer) : '0'}`,
    `HINT_BETA = ${hint ? pyFloat(hint.beta, 'Hint weight') : '0.0'}`,
    `HINT_TEACHER_WIDTH = ${hint ? pyInt(teacher.tapWidths[hint.teacherLayer]!) : '0'}  # flattened width of the teacher block`,
    `HINT_STUDENT_WIDTH = ${hint ? pyInt(student.tapWidths[hint.studentLayer]!) : '0'}  # flattened width of the student block`,
  ].join('\n');
  const data = pytorchDataCode({
    datasetId: spec.dataset,
    inputShape: spec.inputShape,
    samples: spec.samples ?? 600,
    noise: spec.noise ?? 0.1,
    testFraction: 0.2,
  });
  return `#!/usr/bin/env python3
"""Knowledge distillation experiment exported from Distill Studio, as a self-contained PyTorch script.

Trains a teacher on the true labels, a small student from scratch, and the same student (same initial
weights, same batches) distilled from the teacher; then compares the three on the test set.

    pip install ${requirements}
    python distill_experiment.py

Distilled loss: ALPHA * [T ** 2 *] KL(softmax(z_t / T) || softmax(z_s / T)) + (1 - ALPHA) * CE(y, z_s)
(or ALPHA * MSE(z_s, z_t) + (1 - ALPHA) * CE), plus HINT_BETA * MSE(adapter(h_s), h_t) with a hint.
The architectures are those of the studio (channels-last flatten order, 'valid' convolutions,
Glorot-uniform kernels, zero biases); random draws differ from the browser's, so numbers will too.
"""
import copy
import math
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

${header('Settings (from the studio)')}
${settings}

${header('Data')}
${data}


${header('Models')}
class FlattenNHWC(nn.Module):
    """Flattens N x C x H x W in channels-last order (H, W, C), as TensorFlow.js does."""

    def forward(self, x):
        if x.dim() == 4:
            x = x.permute(0, 2, 3, 1)
        return x.flatten(1)


class Net(nn.Module):
    """A plain stack of layers that can also return the outputs of its hidden blocks (hint candidates)."""

    def __init__(self, layers, taps):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.taps = list(taps)

    def forward(self, x, with_hidden=False):
        hidden = []
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if with_hidden and i in self.taps:
                hidden.append(x)
        return (x, hidden) if with_hidden else x


${modelFunction('teacher', 'The teacher', teacher)}


${modelFunction('student', 'The student', student)}


${PYTORCH_TRAINING_CODE}
`;
}
