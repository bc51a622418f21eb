import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';

/** "Viewing saved run …" with a way back to the current run; nothing while the live run is shown. */
export function ViewingBanner() {
  const { t } = useTranslation('history');
  const viewing = useStudio((s) => s.viewing);
  const backToLiveRun = useStudio((s) => s.backToLiveRun);
  const folder = useStudio((s) => s.run.config?.userData?.imageFolder ?? null);
  if (!viewing) return null;
  return (
    <div className="history-viewing" aria-live="polite">
      <p>
        <strong>{t('viewing.banner', { name: viewing.name })}</strong>
        <br />
        {t('viewing.explain')}
        {folder ? (
          <>
            <br />
            {t('viewing.imagesNotStored', { size: String(folder.size) })}
          </>
        ) : null}
      </p>
      <button type="button" className="primary" onClick={backToLiveRun}>
        {t('viewing.back')}
      </button>
    </div>
  );
}
