import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';

/** The labelled large-font (projector) switch; remembered, and settable by a link (`large=1`). */
export function LargeFontToggle() {
  const { t } = useTranslation('share');
  const large = useStudio((s) => s.share.large);
  const setLarge = useStudio((s) => s.setLarge);
  return (
    <label className="check header-check">
      <input type="checkbox" checked={large} onChange={(e) => setLarge(e.currentTarget.checked)} />
      {t('largeFont')}
    </label>
  );
}
