import { useTranslation } from 'react-i18next';
import { MAX_HISTORY_FILE_BYTES } from '../../store/history/historyFile';
import type { ImportResult } from '../../store/history/historySlice';

/** The outcome of the last import: how many runs came in, or exactly what is wrong with the file (a polite live region). */
export function ImportMessage({ result }: { result: ImportResult | null }) {
  const { t } = useTranslation('history');
  let content = null;
  if (result?.ok) content = <p className="history-imported">{t('file.imported', { added: String(result.added), skipped: String(result.skipped) })}</p>;
  else if (result) {
    content = (
      <p role="alert" className="error">
        {t(`file.${result.code}`, { run: String((result.run ?? 0) + 1), field: result.field ?? '', limit: String(MAX_HISTORY_FILE_BYTES / 1024 / 1024) })}
      </p>
    );
  }
  return <div aria-live="polite">{content}</div>;
}
