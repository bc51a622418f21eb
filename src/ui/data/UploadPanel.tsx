import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStudio } from '../../store';
import type { UploadState } from '../../store/uploadSlice';
import { studioWorker } from '../bridge/studioWorker';
import { SelectField } from '../controls/SelectField';
import { acceptFiles } from './acceptFiles';
import { CsvPreviewTable } from './CsvPreviewTable';
import { describeDataError } from './dataErrorText';
import { FileDrop } from './FileDrop';
import { loadFolder, walkDropped } from './imageFiles';
import { ImageFolderPanel } from './ImageFolderPanel';
import { ImageSetPreview, SkippedFiles } from './ImageSetPreview';
import { missingPlan } from './missingPlan';
import { MissingValuesChoice } from './MissingValuesChoice';
import { UploadSummary } from './UploadSummary';
import { UploadThumbs } from './UploadThumbs';

/** One line saying what is happening to the user's files. */
function statusText(t: TFunction<'app'>, u: UploadState, waiting: string | null): string {
  const files = u.fileNames.join(' + ');
  if (waiting) return /idx1|label/i.test(waiting) ? t('upload.waitingImages', { name: waiting }) : t('upload.waitingLabels', { name: waiting });
  switch (u.status) {
    case 'idle':
      return u.preview ? t('upload.chooseLabel', { files }) : t('upload.needUpload');
    case 'inspecting':
      return t('upload.inspecting', { files });
    case 'loading':
      return t('upload.loading', { files });
    case 'ready':
      return t('upload.ready', { name: u.meta?.name ?? files });
    case 'failed':
      return files ? t('upload.failedFiles', { files }) : t('upload.failed');
  }
}

/** The "Your data" panel: drop or pick files, preview a CSV and choose its label column, then use the data. */
export function UploadPanel({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const upload = useStudio((s) => s.upload);
  const setLabelColumn = useStudio((s) => s.setLabelColumn);
  const setMissingRule = useStudio((s) => s.setMissingRule);
  const [waiting, setWaiting] = useState<File | null>(null);
  const busy = upload.status === 'inspecting' || upload.status === 'loading';
  const plan = upload.kind === 'csv' && upload.preview ? missingPlan(upload.preview, upload.labelColumn) : null;
  const onFiles = (files: File[]) => {
    void acceptFiles(files, waiting).then(setWaiting);
  };
  return (
    <div className="upload-panel">
      <FileDrop
        disabled={locked || busy}
        label={t('upload.files')}
        hint={t('upload.filesHint')}
        onFiles={onFiles}
        onFolders={(entries) => void walkDropped(entries).then(loadFolder)}
      />
      <p className="upload-status" aria-live="polite">
        {statusText(t, upload, waiting?.name ?? null)}
      </p>
      <ImageFolderPanel disabled={locked || busy} />
      {busy && upload.kind !== 'images' ? <progress aria-label={upload.status === 'loading' ? t('upload.parsing') : t('upload.reading')} /> : null}
      {upload.error ? (
        <p className="field-error" role="alert">
          {upload.dataError ? describeDataError(upload.dataError, t) : upload.error}
        </p>
      ) : null}
      {upload.status === 'failed' && upload.imageSkipped.length > 0 ? <SkippedFiles skipped={upload.imageSkipped} /> : null}
      {upload.kind === 'csv' && upload.preview ? (
        <>
          <CsvPreviewTable preview={upload.preview} labelColumn={upload.labelColumn} />
          <SelectField
            label={t('upload.labelColumn')}
            value={String(upload.labelColumn)}
            disabled={locked || busy}
            options={upload.preview.headers.map((h, j) => ({ value: String(j), label: h }))}
            onChange={(v) => setLabelColumn(Number(v))}
          />
          {plan ? (
            <MissingValuesChoice
              plan={plan}
              labelName={upload.preview.headers[upload.labelColumn] ?? ''}
              rule={upload.missingRule}
              disabled={locked || busy}
              onChange={setMissingRule}
            />
          ) : null}
          <button type="button" disabled={locked || busy || upload.csvText === null} onClick={() => studioWorker.loadCsv()}>
            {t('upload.use')}
          </button>
        </>
      ) : null}
      {upload.status === 'ready' && upload.meta ? (
        <>
          <UploadSummary meta={upload.meta} upload={upload} />
          {upload.summary && upload.imageReport ? <ImageSetPreview summary={upload.summary} report={upload.imageReport} /> : null}
          {upload.summary && !upload.imageReport ? <UploadThumbs summary={upload.summary} /> : null}
        </>
      ) : null}
    </div>
  );
}
