import { useTranslation } from 'react-i18next';
import type { ExperimentConfig } from '../../engine/train/types';

/** Under a saved run trained on the user's own data: what was kept (settings and results) and what was not (the pictures or the file). */
export function UploadNote({ config }: { config: ExperimentConfig }) {
  const { t } = useTranslation('history');
  const data = config.userData;
  if (!data) return null;
  const text = data.imageFolder
    ? t('dataNote.images', { size: String(data.imageFolder.size), classes: String(data.numClasses), images: String(data.trainCount + data.testCount) })
    : t('dataNote.upload');
  return <span className="hint history-data-note">{text}</span>;
}
