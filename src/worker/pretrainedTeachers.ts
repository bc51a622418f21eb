import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { ImportFailure, firstSentence, importError } from '../engine/import/errors';
import { loadCleanly } from '../engine/import/loadCleanly';
import { toLogitsTopology } from '../engine/import/logitsOutput';
import { checkInputShape, checkOutputClasses } from '../engine/import/topologyInfo';
import { validateModelFiles, type ImportError } from '../engine/import/validateModelFiles';
import type { OnnxTeacher } from '../engine/import/onnxRun';
import { preprocessingProblem } from '../engine/import/onnxPreprocess';
import { precomputedTeacherProblem } from '../engine/train/precomputedTeacher';
import { loadOrt, type OrtSetup } from './onnxRuntime';
import type { ExperimentConfig } from '../engine/train/types';
import { TEACHER_GONE, type PickedModelFile, type PretrainedTeacherInfo, type TeacherDatasetShape } from './modelMessages';

/** A loaded teacher and what the UI was told about it: a tfjs model, or an opened ONNX session. */
type HeldTeacher =
  | { kind: 'tfjs'; model: tf.LayersModel; info: PretrainedTeacherInfo }
  | { kind: 'onnx'; onnx: OnnxTeacher; info: PretrainedTeacherInfo };

/** The teacher a run uses: a tfjs model, or an ONNX teacher whose logits the run computes once. */
export type RunTeacher = { kind: 'tfjs'; model: tf.LayersModel } | { kind: 'onnx'; onnx: OnnxTeacher; params: number };

/** SHA-256 (hex) of byte arrays, each preceded by its length: the identity of a teacher's files. */
export async function fingerprintOf(parts: readonly Uint8Array[]): Promise<string> {
  const total = parts.reduce((n, p) => n + 8 + p.byteLength, 0);
  const all = new Uint8Array(total);
  const view = new DataView(all.buffer);
  let at = 0;
  for (const p of parts) {
    view.setBigUint64(at, BigInt(p.byteLength), true);
    all.set(p, at + 8);
    at += 8 + p.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Pretrained teachers the user loaded, held in the worker by id (the model never goes to the UI). Only the
 * latest is kept: loading another or removing it disposes the previous model.
 */
export class PretrainedStore {
  private held: { id: string; teacher: HeldTeacher } | null = null;
  private nextId = 1;

  /** Validates model.json + weight files against the dataset and keeps the model (its softmax output turned into logits). */
  async load(modelJsonName: string, modelJson: string, files: readonly PickedModelFile[], dataset: TeacherDatasetShape): Promise<PretrainedTeacherInfo | ImportError> {
    const picked = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    const byName = [...picked].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const fingerprint = await fingerprintOf([new TextEncoder().encode(modelJson), ...byName.map((f) => f.bytes)]);
    const checked = await validateModelFiles(modelJson, picked, dataset, { modelJsonName });
    if (!checked.ok) return checked.error;
    const topology = checked.artifacts.modelTopology as Record<string, unknown>;
    const logits = toLogitsTopology(topology);
    let model: tf.LayersModel;
    try {
      model = await loadCleanly({ ...checked.artifacts, modelTopology: logits.topology });
    } catch (e) {
      return importError('load-failed', 'loadFailed', { detail: firstSentence(e) });
    }
    const id = `teacher-${this.nextId++}`;
    const s = checked.summary;
    const info: PretrainedTeacherInfo = {
      ref: { id, name: modelJsonName, fingerprint },
      params: s.params,
      layerTypes: logits.changed && s.layerTypes[s.layerTypes.length - 1] !== 'Dense' ? s.layerTypes.slice(0, -1) : s.layerTypes,
      inputShape: s.inputShape,
      numClasses: s.numClasses,
      quantization: s.quantization,
      softmaxRemoved: logits.changed,
      warnings: s.warnings,
    };
    this.clear();
    this.held = { id, teacher: { kind: 'tfjs', model, info } };
    return info;
  }

  /** Checks an ONNX file against the dataset in onnxruntime-web (loaded now if it is not yet) and keeps its session. */
  async loadOnnx(name: string, bytes: Uint8Array, dataset: TeacherDatasetShape, load: () => Promise<OrtSetup> = loadOrt): Promise<PretrainedTeacherInfo | ImportError> {
    const fingerprint = await fingerprintOf([bytes]);
    let setup: OrtSetup;
    try {
      setup = await load();
    } catch (e) {
      return importError('onnx-unsupported', 'onnxSession', { detail: `onnxruntime-web could not be loaded (${firstSentence(e)})` });
    }
    const { openOnnxTeacher } = await import('../engine/import/onnxRun'); // onnx-proto loads with the first ONNX file
    const opened = await openOnnxTeacher(setup.ort, bytes, dataset, { sessionOptions: { executionProviders: ['wasm'], graphOptimizationLevel: 'all' } });
    if (!opened.ok) return opened.error;
    const plan = opened.teacher.plan;
    const id = `teacher-${this.nextId++}`;
    const info: PretrainedTeacherInfo = {
      ref: { id, name, fingerprint },
      params: plan.params,
      layerTypes: plan.ops,
      inputShape: [...dataset.inputShape],
      numClasses: dataset.numClasses,
      quantization: [],
      softmaxRemoved: false,
      warnings: [],
      format: 'onnx',
      onnx: { opset: plan.opset, producer: plan.producer, layout: plan.layout, fixedBatch: plan.fixedBatch, threads: setup.threads },
    };
    this.clear();
    this.held = { id, teacher: { kind: 'onnx', onnx: opened.teacher, info } };
    return info;
  }

  /** Forgets (and disposes) the teacher kept under `id`, if it is the one held. */
  remove(id: string): void {
    if (this.held?.id === id) this.clear();
  }

  /** True when a teacher is kept under `id`. */
  has(id: string): boolean {
    return this.held?.id === id;
  }

  /**
   * The teacher a run's config asks for, checked against the run's data: null when the config trains its own,
   * the model when it fits, or a message saying why it cannot be used.
   */
  forRun(config: ExperimentConfig, data: Dataset): RunTeacher | null | { error: string } {
    const ref = config.pretrainedTeacher;
    if (!ref) return null;
    if (this.held?.id !== ref.id) return { error: TEACHER_GONE };
    if (config.hint) return { error: 'The hint term needs a teacher built by the studio: turn the hint off or remove the loaded teacher.' };
    const held = this.held.teacher;
    if (held.kind === 'onnx') {
      const d = held.onnx.dataset;
      const fits = d.numClasses === data.numClasses && d.inputShape.length === data.inputShape.length && d.inputShape.every((v, i) => v === data.inputShape[i]);
      if (!fits) return { error: `The loaded teacher does not fit ${data.name}: it was checked for inputs [${d.inputShape.join(', ')}] with ${d.numClasses} classes.` };
      const problem = precomputedTeacherProblem(config, data.inputShape.length === 3);
      if (problem) return { error: problem };
      const prep = ref.preprocessing ?? null;
      const prepProblem = prep ? preprocessingProblem(prep, data.inputShape.length === 3 ? data.inputShape[2]! : 1) : null;
      if (prepProblem) return { error: `The loaded teacher's preprocessing does not fit ${data.name}: ${prepProblem}` };
      // The run's own copy of the teacher carries the preprocessing the run's config states.
      return { kind: 'onnx', onnx: { ...held.onnx, preprocessing: prep }, params: held.info.params };
    }
    const model = held.model;
    try {
      checkInputShape(model.inputs[0]!.shape.slice(1), data.inputShape);
      checkOutputClasses(model.outputs[0]!.shape[1] ?? -1, data.numClasses);
    } catch (e) {
      if (e instanceof ImportFailure) return { error: `The loaded teacher does not fit ${data.name}: ${e.error.message}` };
      throw e;
    }
    return { kind: 'tfjs', model };
  }

  private clear(): void {
    const held = this.held?.teacher;
    if (held?.kind === 'tfjs') held.model.dispose();
    if (held?.kind === 'onnx') void held.onnx.session.release().catch(() => {});
    this.held = null;
  }
}
