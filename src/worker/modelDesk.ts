import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import type { ExperimentConfig, ExperimentResults } from '../engine/train/types';
import { importError } from '../engine/import/errors';
import { buildPreparedDataset } from '../engine/export/preparedDataset';
import { errorText } from './backends';
import { assertNever } from './protocol';
import type { ModelRequest } from './modelMessages';
import { PretrainedStore } from './pretrainedTeachers';
import type { Post } from './runner';
import { quantizedPreview, studentZip, type FinishedStudent } from './studentDownloads';

/** The worker's model requests: student downloads (zip, quantised previews) and pretrained teachers. */
export class ModelDesk {
  /** Loaded teachers, looked up by runs. */
  readonly teachers = new PretrainedStore();
  private finished: FinishedStudent | null = null;

  /** Creates the desk; answers leave through `post`. */
  constructor(private readonly post: Post) {}

  /** Remembers the finished run's student (borrowed: the worker disposes it) and what its report needs. */
  setFinished(runId: number, model: tf.LayersModel, config: ExperimentConfig, results: ExperimentResults, data: Dataset | null, teacherWeights: Float32Array[] | null = null): void {
    this.finished = data ? { runId, model, config, results, data, backend: tf.getBackend() ?? 'unknown', finishedAt: new Date().toISOString(), teacherWeights } : null;
  }

  /** Forgets the finished student (before the worker disposes it). */
  clearFinished(): void {
    this.finished = null;
  }

  /** Handles one model request; the switch is exhaustive over `ModelRequest`. */
  async handle(msg: ModelRequest): Promise<void> {
    switch (msg.type) {
      case 'buildStudentZip':
        return this.zip(msg);
      case 'previewQuantized':
        return this.preview(msg);
      case 'buildOnnx':
        return this.onnx(msg);
      case 'buildPreparedDataset':
        return this.preparedDataset(msg);
      case 'loadTeacher':
        return this.loadTeacher(msg);
      case 'loadOnnxTeacher':
        return this.loadOnnxTeacher(msg);
      case 'removeTeacher':
        this.teachers.remove(msg.id);
        return;
      default:
        assertNever(msg);
    }
  }

  private student(runId: number, requestId: number): FinishedStudent | null {
    if (this.finished?.runId === runId) return this.finished;
    this.post({ type: 'modelExportFailed', requestId, message: 'There is no finished student to export. Run an experiment first.' });
    return null;
  }

  private async zip(msg: Extract<ModelRequest, { type: 'buildStudentZip' }>): Promise<void> {
    const s = this.student(msg.runId, msg.requestId);
    if (!s) return;
    try {
      const { bytes, weightBytes } = await studentZip(s, msg.quantization);
      const buffer = bytes.buffer as ArrayBuffer;
      this.post({ type: 'studentZip', requestId: msg.requestId, runId: msg.runId, quantization: msg.quantization, bytes: buffer, weightBytes }, [buffer]);
    } catch (e) {
      this.post({ type: 'modelExportFailed', requestId: msg.requestId, message: errorText(e) });
    }
  }

  private async preview(msg: Extract<ModelRequest, { type: 'previewQuantized' }>): Promise<void> {
    const s = this.student(msg.runId, msg.requestId);
    if (!s) return;
    try {
      const r = await quantizedPreview(s, msg.quantization);
      this.post({ type: 'quantizedPreview', requestId: msg.requestId, runId: msg.runId, quantization: msg.quantization, ...r });
    } catch (e) {
      this.post({ type: 'modelExportFailed', requestId: msg.requestId, message: errorText(e) });
    }
  }

  private async onnx(msg: Extract<ModelRequest, { type: 'buildOnnx' }>): Promise<void> {
    const s = this.student(msg.runId, msg.requestId);
    if (!s) return;
    try {
      const { onnxPrecisionOf, sha256Hex, studentOnnx, teacherOnnx } = await import('./onnxExport'); // onnx-proto on first use
      const precision = onnxPrecisionOf(msg.quantization);
      let file;
      if (msg.which === 'student') file = await studentOnnx(s.model, s.config, s.data, precision);
      else if (s.teacherWeights && !s.config.pretrainedTeacher) file = await teacherOnnx(s.teacherWeights, s.config, s.data, precision);
      else throw new Error('The teacher of this run was loaded from a file, so the studio has no teacher of its own to export.');
      const sha256 = await sha256Hex(file.bytes);
      const buffer = file.bytes.slice().buffer as ArrayBuffer;
      this.post({ type: 'onnxFile', requestId: msg.requestId, runId: msg.runId, which: msg.which, quantization: msg.quantization, bytes: buffer, sha256 }, [buffer]);
    } catch (e) {
      this.post({ type: 'modelExportFailed', requestId: msg.requestId, message: errorText(e) });
    }
  }

  private preparedDataset(msg: Extract<ModelRequest, { type: 'buildPreparedDataset' }>): void {
    const s = this.student(msg.runId, msg.requestId);
    if (!s) return;
    try {
      const bytes = buildPreparedDataset(s.data, s.config);
      const buffer = bytes.buffer as ArrayBuffer;
      this.post({ type: 'preparedDataset', requestId: msg.requestId, runId: msg.runId, bytes: buffer }, [buffer]);
    } catch (e) {
      this.post({ type: 'modelExportFailed', requestId: msg.requestId, message: errorText(e) });
    }
  }

  private async loadOnnxTeacher(msg: Extract<ModelRequest, { type: 'loadOnnxTeacher' }>): Promise<void> {
    try {
      const r = await this.teachers.loadOnnx(msg.name, new Uint8Array(msg.bytes), msg.dataset);
      if ('code' in r) this.post({ type: 'teacherRejected', requestId: msg.requestId, code: r.code, value: r.value, message: r.message });
      else this.post({ type: 'teacherLoaded', requestId: msg.requestId, info: r });
    } catch (e) {
      this.post({ type: 'teacherRejected', requestId: msg.requestId, ...importError('load-failed', 'unexpected', { detail: errorText(e) }) });
    }
  }

  private async loadTeacher(msg: Extract<ModelRequest, { type: 'loadTeacher' }>): Promise<void> {
    try {
      const r = await this.teachers.load(msg.modelJsonName, msg.modelJson, msg.files, msg.dataset);
      if ('code' in r) this.post({ type: 'teacherRejected', requestId: msg.requestId, code: r.code, value: r.value, message: r.message });
      else this.post({ type: 'teacherLoaded', requestId: msg.requestId, info: r });
    } catch (e) {
      this.post({ type: 'teacherRejected', requestId: msg.requestId, ...importError('load-failed', 'unexpected', { detail: errorText(e) }) });
    }
  }
}
