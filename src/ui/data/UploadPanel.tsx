import { useState } from 'react';
import { useStudio } from '../../store';
import { NEED_UPLOAD, type UploadState } from '../../store/uploadSlice';
import { studioWorker } from '../bridge/studioWorker';
import { SelectField } from '../controls/SelectField';
import { acceptFiles } from './acceptFiles';
import { CsvPreviewTable } from './CsvPreviewTable';
import { FileDrop } from './FileDrop';
import { UploadSummary } from './UploadSummary';
import { UploadThumbs } from './UploadThumbs';

/** One line saying what is happening to the user's files. */
function statusText(u: UploadState, waiting: string | null): string {
  const files = u.fileNames.join(' + ');
  if (waiting) return `${waiting} is an idx file: now add its ${/idx1|label/i.test(waiting) ? 'images' : 'labels'} file.`;
  switch (u.status) {
    case 'idle':
      return u.preview ? `${files}: choose the label column, then press “Use this data”.` : NEED_UPLOAD;
    case 'inspecting':
      return `Reading the columns of ${files}…`;
    case 'loading':
      return `Parsing ${files} in the worker…`;
    case 'ready':
      return `Using ${u.meta?.name ?? files}.`;
    case 'failed':
      return files ? `${files} could not be used.` : 'The data could not be used.';
  }
}

/** The "Your data" panel: drop or pick files, preview a CSV and choose its label column, then use the data. */
export function UploadPanel({ locked }: { locked: boolean }) {
  const upload = useStudio((s) => s.upload);
  const setLabelColumn = useStudio((s) => s.setLabelColumn);
  const [waiting, setWaiting] = useState<File | null>(null);
  const busy = upload.status === 'inspecting' || upload.status === 'loading';
  const onFiles = (files: File[]) => {
    void acceptFiles(files, waiting).then(setWaiting);
  };
  return (
    <div className="upload-panel">
      <FileDrop disabled={locked || busy} onFiles={onFiles} />
      <p className="upload-status" aria-live="polite">
        {statusText(upload, waiting?.name ?? null)}
      </p>
      {busy ? <progress aria-label={upload.status === 'loading' ? 'Parsing your data' : 'Reading your file'} /> : null}
      {upload.error ? (
        <p className="field-error" role="alert">
          {upload.error}
        </p>
      ) : null}
      {upload.kind === 'csv' && upload.preview ? (
        <>
          <CsvPreviewTable preview={upload.preview} labelColumn={upload.labelColumn} />
          <SelectField
            label="Label column"
            value={String(upload.labelColumn)}
            disabled={locked || busy}
            options={upload.preview.headers.map((h, j) => ({ value: String(j), label: h }))}
            onChange={(v) => setLabelColumn(Number(v))}
          />
          <button type="button" disabled={locked || busy || upload.csvText === null} onClick={() => studioWorker.loadCsv()}>
            Use this data
          </button>
        </>
      ) : null}
      {upload.status === 'ready' && upload.meta ? (
        <>
          <UploadSummary meta={upload.meta} upload={upload} />
          {upload.summary ? <UploadThumbs summary={upload.summary} /> : null}
        </>
      ) : null}
    </div>
  );
}
