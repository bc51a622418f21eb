import { useStudio } from '../../store';
import type { ModelEvent, ModelRequest, QuantizationChoice } from '../../worker/modelMessages';
import { saveBlob } from './saveBlob';
import { PREPARED_FILE } from '../../engine/export/preparedDataset';

/** File name of a student zip at a precision. */
export function studentZipName(q: QuantizationChoice): string {
  return q === 'none' ? 'student.zip' : `student-${q}.zip`;
}

/** File name of an ONNX download: `student.onnx`, `teacher-float16.onnx`, … (uint8 exports keep float32 ONNX weights). */
export function onnxFileName(which: 'student' | 'teacher', q: QuantizationChoice): string {
  return q === 'float16' ? `${which}-float16.onnx` : `${which}.onnx`;
}

/** The request for the finished run's student zip (marks the export as busy). */
export function studentZipRequest(runId: number, quantization: QuantizationChoice): ModelRequest {
  const requestId = useStudio.getState().beginModelRequest('zip');
  return { type: 'buildStudentZip', requestId, runId, quantization };
}

/** Applies a model event from the worker to the store; a zip is saved as a download. */
export function applyModelEvent(event: ModelEvent): void {
  const current = event.requestId === useStudio.getState().models.requestId;
  if (event.type === 'studentZip' && current) saveBlob(event.bytes, studentZipName(event.quantization), 'application/zip');
  if (event.type === 'preparedDataset' && current) saveBlob(event.bytes, PREPARED_FILE, 'application/octet-stream');
  if (event.type === 'onnxFile' && current) saveBlob(event.bytes, onnxFileName(event.which, event.quantization), 'application/octet-stream');
  useStudio.getState().applyModelEvent(event);
}
