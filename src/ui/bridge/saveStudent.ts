import type { io } from '@tensorflow/tfjs-core';

/** Saves a serialised student as `student.json` + `student.weights.bin` via tfjs's downloads:// handler (needs window). */
export async function saveStudentFiles(artifacts: io.ModelArtifacts): Promise<void> {
  const tfc = await import('@tensorflow/tfjs-core');
  const [handler] = tfc.io.getSaveHandlers('downloads://student');
  if (!handler?.save) throw new Error('The browser cannot save downloads here.');
  await handler.save(artifacts);
}
