import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { artifactsFromStudent, runFromRecord } from '../../store/history/fromRun';
import { encodeHistoryFile, HISTORY_FILE_NAME, MAX_HISTORY_FILE_BYTES } from '../../store/history/historyFile';
import type { HistoryRecord } from '../../store/history/records';
import { isFinished } from '../../store/runState';
import { saveStudentFiles } from '../bridge/saveStudent';
import { ComparePanel } from './ComparePanel';
import { downloadText } from './fileIo';
import { HistoryRow, type RowActions } from './HistoryRow';
import { ImportMessage } from './ImportMessage';
import { ViewingBanner } from './ViewingBanner';
import './history.css';

/** Every finished run of this browser: open one in the main charts, compare two, delete, export and import. */
export function HistoryPanel() {
  const { t } = useTranslation('history');
  const history = useStudio((s) => s.history);
  const liveBusy = useStudio((s) => !isFinished((s.viewing ? s.viewing.live : s.run).status));
  const [fileError, setFileError] = useState<string | null>(null);

  const actions: RowActions = {
    open: (record) => useStudio.getState().viewSavedRun(runFromRecord(record), record.name),
    toggleCompare: (id) => useStudio.getState().toggleCompare(id),
    remove: (id) => void useStudio.getState().deleteHistoryRun(id),
    rename: (id, name) => void useStudio.getState().renameHistoryRun(id, name),
    download: (record) => {
      if (!record.student) return;
      saveStudentFiles(artifactsFromStudent(record.student)).catch((e: unknown) => setFileError(t('file.downloadFailed', { detail: String(e) })));
    },
  };
  const exportAll = () => {
    try {
      setFileError(null);
      downloadText(HISTORY_FILE_NAME, encodeHistoryFile(history.runs));
    } catch (e) {
      setFileError(t('file.exportFailed', { detail: String(e) }));
    }
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setFileError(null);
    if (file.size > MAX_HISTORY_FILE_BYTES) {
      useStudio.getState().refuseLargeHistoryFile();
      input.value = '';
      return;
    }
    let text: string | null = null;
    try {
      text = await file.text();
    } catch {
      text = null;
    }
    // Unreadable files go through the same validation path, which reports them.
    await useStudio.getState().importHistory(text ?? '\u0000');
    input.value = '';
  };
  const picked = history.compare.map((id) => history.runs.find((r) => r.id === id)).filter((r): r is HistoryRecord => r !== undefined);

  return (
    <section className="history" aria-labelledby="history-heading">
      <ViewingBanner />
      <h2 id="history-heading">{t('heading')}</h2>
      <p className="hint">{t('intro')}</p>
      {history.warning ? (
        <p role="alert" className="error">
          {t(`warning.${history.warning.code}`, { detail: history.warning.detail })}
        </p>
      ) : null}
      <div className="history-files">
        <button type="button" onClick={exportAll} disabled={history.runs.length === 0}>
          {t('file.export')}
        </button>
        <label className="history-import">
          {t('file.import')}
          <input type="file" accept=".json,application/json" onChange={(e) => void importFile(e)} />
        </label>
      </div>
      <ImportMessage result={history.importResult} />
      {fileError ? (
        <p role="alert" className="error">
          {fileError}
        </p>
      ) : null}
      {!history.ready ? (
        <p>{t('reading')}</p>
      ) : history.runs.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="history-table">
          <table>
            <caption>{t('table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.name')}</th>
                <th scope="col">{t('table.date')}</th>
                <th scope="col">{t('table.dataset')}</th>
                <th scope="col">{t('table.distilled')}</th>
                <th scope="col">{t('table.scratch')}</th>
                <th scope="col">{t('table.teacher')}</th>
                <th scope="col">{t('table.gain')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {history.runs.map((r) => (
                <HistoryRow key={r.id} record={r} picked={history.compare.includes(r.id)} openLocked={liveBusy} actions={actions} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {picked.length === 1 ? <p className="hint">{t('compare.pickAnother')}</p> : null}
      {picked.length === 2 ? <ComparePanel a={picked[0]!} b={picked[1]!} onClose={() => picked.forEach((r) => actions.toggleCompare(r.id))} /> : null}
    </section>
  );
}
