import { useStudio } from '../../store';
import { studioWorker } from '../bridge/studioWorker';
import { i18n } from '../i18n';
import { SNIFF_BYTES, sniffBinary } from '../../engine/data/sniffBinary';
import { classifyFiles } from './classifyFiles';
import { describeDataError } from './dataErrorText';
import { isZipFile, loadZip } from './imageFiles';

/** The reason a file could not be read, for the alert. */
function readError(name: string, e: unknown): string {
  return i18n.t('app:upload.couldNotRead', { name, error: e instanceof Error ? e.message : String(e) });
}

/**
 * Reads newly picked or dropped files and hands them to the worker: a CSV goes to the preview, an idx
 * pair is decoded at once. Returns the idx file that now waits for its partner (or null).
 */
export async function acceptFiles(files: readonly File[], pending: File | null): Promise<File | null> {
  // A zip is an image folder: decoded in the worker like a dropped or picked folder.
  const [only] = files;
  if (files.length === 1 && only && isZipFile(only)) {
    await loadZip(only);
    return null;
  }
  const pick = classifyFiles(files, pending);
  const { failUpload } = useStudio.getState();
  switch (pick.kind) {
    case 'error':
      failUpload(pick.message, files.map((f) => f.name));
      return null;
    case 'idxHalf':
      return pick.file;
    case 'csv': {
      let text: string;
      try {
        // A binary file (an image renamed .csv, a zip) is named for what it is instead of being previewed as text.
        const kind = sniffBinary(new Uint8Array(await pick.file.slice(0, SNIFF_BYTES).arrayBuffer()));
        if (kind) {
          failUpload(describeDataError({ code: 'binaryFile', name: pick.file.name, kind }, i18n.getFixedT(null, 'app')), [pick.file.name]);
          return null;
        }
        text = await pick.file.text();
      } catch (e) {
        failUpload(readError(pick.file.name, e), [pick.file.name]);
        return null;
      }
      studioWorker.inspectCsv(pick.file.name, text);
      return null;
    }
    case 'idx': {
      const { images, labels } = pick;
      try {
        const [imagesBytes, labelsBytes] = await Promise.all([images.arrayBuffer(), labels.arrayBuffer()]);
        studioWorker.loadIdx({ name: images.name, bytes: imagesBytes }, { name: labels.name, bytes: labelsBytes });
      } catch (e) {
        failUpload(readError(i18n.t('app:upload.eitherFile', { images: images.name, labels: labels.name }), e), [images.name, labels.name]);
      }
      return null;
    }
  }
}
