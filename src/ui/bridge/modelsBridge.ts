import { useStudio } from '../../store';
import { currentMeta } from '../../store/configSlice';
import type { PickedModelFile, QuantizationChoice } from '../../worker/modelMessages';
import { studentZipRequest } from './modelsEvents';
import { studioWorker } from './studioWorker';
import { importError } from '../../engine/import/errors';
import { filesTooLarge } from '../../engine/import/teacherLimits';

/** Asks the worker for the finished student as a zip at the chosen precision (saved when it answers). */
export function downloadStudentZip(): void {
  const { run, models } = useStudio.getState();
  studioWorker.request(studentZipRequest(run.id, models.quantization));
}

/** Asks the worker for the finished run's student or teacher as an ONNX file (saved when it answers). */
export function downloadOnnx(which: 'student' | 'teacher'): void {
  const { run, models, beginModelRequest } = useStudio.getState();
  const requestId = beginModelRequest('onnx');
  studioWorker.request({ type: 'buildOnnx', requestId, runId: run.id, which, quantization: models.quantization });
}

/** Asks the worker for the finished run's prepared dataset (pixels, labels and rows; saved when it answers). */
export function downloadPreparedDataset(): void {
  const { run, beginModelRequest } = useStudio.getState();
  const requestId = beginModelRequest('dataset');
  studioWorker.request({ type: 'buildPreparedDataset', requestId, runId: run.id });
}

/** Asks the worker for the weights' size and the test accuracy of the finished student stored at precision `dtype`. */
export function previewQuantized(dtype: QuantizationChoice): void {
  const { run, beginModelRequest } = useStudio.getState();
  const requestId = beginModelRequest('preview');
  studioWorker.request({ type: 'previewQuantized', requestId, runId: run.id, quantization: dtype });
}

/**
 * Sends picked teacher files to the worker: the one `.json` file is the model.json, the rest weight files.
 * Without exactly one .json file the pick is rejected here with a message.
 */
export async function loadTeacherFiles(files: File[]): Promise<void> {
  const names = files.map((f) => f.name);
  const state = useStudio.getState();
  const onnxFile = files.find((f) => /\.onnx$/i.test(f.name));
  if (onnxFile) return loadOnnxTeacherFile(onnxFile, names);
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1) {
    const error =
      jsons.length === 0 ? importError('missing-manifest', 'noModelJson') : importError('missing-manifest', 'severalModelJson', { names: jsons.map((f) => f.name).join(', ') });
    state.rejectTeacherFiles(names, error);
    return;
  }
  const tooLarge = filesTooLarge(files.map((f) => f.size));
  if (tooLarge) {
    state.rejectTeacherFiles(names, tooLarge);
    return;
  }
  const json = jsons[0]!;
  const requestId = state.beginModelRequest('teacher', names);
  let modelJson: string;
  let weights: PickedModelFile[];
  try {
    modelJson = await json.text();
    weights = await Promise.all(files.filter((f) => f !== json).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  } catch (e) {
    state.rejectTeacherFiles(names, importError('load-failed', 'unreadable', { detail: e instanceof Error ? e.message : String(e) }));
    return;
  }
  if (useStudio.getState().models.requestId !== requestId) return; // superseded while reading
  const meta = currentMeta(useStudio.getState().config);
  studioWorker.request(
    { type: 'loadTeacher', requestId, modelJsonName: json.name, modelJson, files: weights, dataset: { inputShape: [...meta.inputShape], numClasses: meta.numClasses } },
    weights.map((w) => w.bytes),
  );
}

/** Sends a picked `.onnx` file to the worker, which checks it with onnxruntime-web (other picked files are ignored). */
async function loadOnnxTeacherFile(file: File, names: string[]): Promise<void> {
  const state = useStudio.getState();
  const requestId = state.beginModelRequest('teacher', names);
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (e) {
    state.rejectTeacherFiles(names, importError('load-failed', 'unreadable', { detail: e instanceof Error ? e.message : String(e) }));
    return;
  }
  if (useStudio.getState().models.requestId !== requestId) return; // superseded while reading
  const meta = currentMeta(useStudio.getState().config);
  studioWorker.request({ type: 'loadOnnxTeacher', requestId, name: file.name, bytes, dataset: { inputShape: [...meta.inputShape], numClasses: meta.numClasses } }, [bytes]);
}

/** Stops using the loaded teacher and lets the worker dispose it. */
export function removeTeacher(): void {
  const { models, removeTeacher: forget } = useStudio.getState();
  const id = models.teacher.info?.ref.id;
  forget();
  if (id) studioWorker.request({ type: 'removeTeacher', id });
}
