import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../store/history/historySlice';

/** The outcome of the last import: how many runs came in, or exactly what is wrong with the file. */
export function ImportMessage({ result }: { result: ImportResult | null }) {
  const { t } = useTranslation('history');
  if (!result) return null;
  if (result.ok) {
    return (
      <p role="status" className="history-imported">
        {t('file.imported', { added: String(result.added), skipped: String(result.skipped) })}
      </p>
    );
  }
  const params = { run: String((result.run ?? 0) + 1), field: result.field ?? '' };
  return (
    <p role="alert" className="error">
      {t(`file.${result.code}`, params)}
    </p>
  );
}
