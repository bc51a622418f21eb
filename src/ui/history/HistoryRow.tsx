import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortDatasetName } from '../../store/history/fromRun';
import type { HistoryRecord } from '../../store/history/records';
import { pct, signedPoints } from '../results/format';
import { RenameForm } from './RenameForm';
import { UploadNote } from './UploadNote';

/** What a row can ask the panel to do. */
export interface RowActions {
  open: (record: HistoryRecord) => void;
  toggleCompare: (id: string) => void;
  remove: (id: string) => void;
  rename: (id: string, name: string) => void;
  download: (record: HistoryRecord) => void;
}

/** One saved run: its figures and the Open / Compare / Student / Rename / Delete (with confirmation) buttons. */
export function HistoryRow({ record, picked, openLocked, actions }: { record: HistoryRecord; picked: boolean; openLocked: boolean; actions: RowActions }) {
  const { t, i18n } = useTranslation('history');
  const [mode, setMode] = useState<'buttons' | 'confirm' | 'rename'>('buttons');
  const { name, results } = record;
  return (
    <tr>
      <th scope="row" className="history-name">
        {mode === 'rename' ? (
          <RenameForm
            name={name}
            onSave={(next) => {
              actions.rename(record.id, next);
              setMode('buttons');
            }}
            onCancel={() => setMode('buttons')}
          />
        ) : (
          name
        )}
      </th>
      <td className="history-date">{new Date(record.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })}</td>
      <td>
        {shortDatasetName(record.config)}
        <UploadNote config={record.config} />
      </td>
      <td>{pct(results.distilled.accuracy)}</td>
      <td>{pct(results.scratch.accuracy)}</td>
      <td>{pct(results.teacher.accuracy)}</td>
      <td>{signedPoints(results.gainPoints)}</td>
      <td className="history-actions">
        {mode === 'confirm' ? (
          <span className="history-confirm">
            <span>{t('action.confirmQuestion')}</span>
            <button type="button" className="small danger" aria-label={t('action.confirmLabel', { name })} onClick={() => actions.remove(record.id)}>
              {t('action.confirm')}
            </button>
            <button type="button" className="small" aria-label={t('action.cancelLabel', { name })} onClick={() => setMode('buttons')} autoFocus>
              {t('action.cancel')}
            </button>
          </span>
        ) : (
          <div className="history-buttons">
            <button type="button" className="small" aria-label={t('action.openLabel', { name })} disabled={openLocked} title={openLocked ? t('action.openLocked') : undefined} onClick={() => actions.open(record)}>
              {t('action.open')}
            </button>
            <button type="button" className="small" aria-label={t('action.compareLabel', { name })} aria-pressed={picked} onClick={() => actions.toggleCompare(record.id)}>
              {t('action.compare')}
            </button>
            {record.student ? (
              <button type="button" className="small" aria-label={t('action.downloadLabel', { name })} onClick={() => actions.download(record)}>
                {t('action.download')}
              </button>
            ) : null}
            <button type="button" className="small" aria-label={t('action.renameLabel', { name })} onClick={() => setMode('rename')}>
              {t('action.rename')}
            </button>
            <button type="button" className="small" aria-label={t('action.deleteLabel', { name })} onClick={() => setMode('confirm')}>
              {t('action.delete')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
