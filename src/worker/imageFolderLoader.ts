/// <reference lib="webworker" />
/*
 * The worker side of an image-folder upload: unzip (guarded), check the tree and the limits, screen each file from
 * its header, decode it with the browser's decoder (createImageBitmap + OffscreenCanvas, orientation neutralised so
 * the engine applies it), prepare it in pure engine code, and keep the set in the upload store. Progress is posted
 * as files are decoded; a newer request abandons an older one. Nothing is kept unless the whole set loads.
 */
import type { SkippedFile } from '../engine/data/images/classTree';
import { MAX_INPUT_BYTES, toMB } from '../engine/data/images/limits';
import { assembleImageSet, planImageSet, screenImage, type ImagePrep, type KeptImage } from '../engine/data/images/imageSet';
import { readZip } from '../engine/data/images/zipEntries';
import { DataError } from '../engine/data/dataErrors';
import { errorText } from './backends';
import { decodeAndPrepare } from './decodeRgba';
import type { LoadImagesRequest } from './imageMessages';
import type { WorkerEvent } from './protocol';
import { withDataError, type UploadStore } from './uploads';

/** Shortest interval between two progress events. */
const PROGRESS_MS = 50;

/** Id of the newest image request: an older one still decoding stops at its next file. */
let latest = -1;

/** Raised inside a load that a newer request has replaced. */
class Superseded extends Error {}

/** The paths, bytes and known folders of the request's files (a zip is read here, behind its bomb guard). */
function filesOf(msg: LoadImagesRequest): { paths: string[]; bytes: Uint8Array[]; folders: string[] } {
  const src = msg.source;
  const total = src.kind === 'zip' ? src.bytes.byteLength : src.buffers.reduce((a, b) => a + b.byteLength, 0);
  if (total > MAX_INPUT_BYTES) throw new DataError({ code: 'imageInputTooLarge', sizeMB: toMB(total), limitMB: toMB(MAX_INPUT_BYTES) });
  if (src.kind === 'files') return { paths: src.paths, bytes: src.buffers.map((b) => new Uint8Array(b)), folders: src.folders };
  const zip = readZip(new Uint8Array(src.bytes));
  return { paths: zip.files.map((f) => f.path), bytes: zip.files.map((f) => f.bytes), folders: zip.folders };
}

/** Screens and decodes every candidate file, posting progress; returns the kept images and the files set aside. */
async function decodeAll(msg: LoadImagesRequest, post: (e: WorkerEvent) => void): Promise<{ classNames: string[]; kept: KeptImage[]; skipped: SkippedFile[]; decoded: number; decodeMs: number }> {
  const prep: ImagePrep = { size: msg.size, fit: msg.fit };
  const { paths, bytes, folders } = filesOf(msg);
  const tree = planImageSet(paths, folders, msg.size);
  const skipped = [...tree.skipped];
  const kept: KeptImage[] = [];
  const total = tree.files.reduce((a, f) => a + f.length, 0);
  const started = performance.now();
  let done = 0;
  let decoded = 0;
  let lastPost = 0;
  post({ type: 'imagesProgress', requestId: msg.requestId, done, total });
  for (let label = 0; label < tree.files.length; label++) {
    for (const file of tree.files[label]!) {
      if (latest !== msg.requestId) throw new Superseded();
      const raw = bytes[file.index]!;
      const screened = screenImage(raw);
      if (!screened.ok) {
        skipped.push({ path: file.path, ...screened.skip });
      } else {
        try {
          kept.push({ label, rgb: await decodeAndPrepare(raw, screened.format, prep) });
          decoded += 1;
        } catch {
          skipped.push({ path: file.path, reason: 'undecodable' });
        }
      }
      bytes[file.index] = new Uint8Array(0); // the file's bytes are no longer needed
      done += 1;
      const now = performance.now();
      if (now - lastPost >= PROGRESS_MS || done === total) {
        lastPost = now;
        post({ type: 'imagesProgress', requestId: msg.requestId, done, total });
      }
    }
  }
  return { classNames: tree.classNames, kept, skipped, decoded, decodeMs: performance.now() - started };
}

/** Loads an image set into the upload store and answers with `uploadReady` (meta, summary, report) or `uploadFailed`. */
export async function loadImageFolder(msg: LoadImagesRequest, uploads: UploadStore, post: (e: WorkerEvent, transfer?: Transferable[]) => void): Promise<void> {
  latest = msg.requestId;
  let skipped: SkippedFile[] = [];
  try {
    const result = await decodeAll(msg, post);
    skipped = result.skipped;
    const data = assembleImageSet(result.classNames, result.kept, msg.size);
    const { meta, summary } = uploads.addImages(data, msg.source.name, msg.seed, { size: msg.size, fit: msg.fit, classCounts: data.classCounts, skipped: skipped.length });
    const images = { classCounts: data.classCounts, skipped, decoded: result.decoded, decodeMs: result.decodeMs };
    post({ type: 'uploadReady', requestId: msg.requestId, meta, summary, images }, summary.gallery.map((g) => g.pixels.buffer as ArrayBuffer));
  } catch (e) {
    if (e instanceof Superseded) return;
    post({ type: 'uploadFailed', requestId: msg.requestId, message: errorText(e), ...withDataError(e), skipped });
  }
}
