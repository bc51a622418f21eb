import { useTranslation } from 'react-i18next';
import { useShare } from './shareStore';

/** The labelled large-font (projector) switch; remembered, and settable by a link (`large=1`). */
export function LargeFontToggle() {
  const { t } = useTranslation('share');
  const large = useShare((s) => s.large);
  const setLarge = useShare((s) => s.setLarge);
  return (
    <label className="check header-check">
      <input type="checkbox" checked={large} onChange={(e) => setLarge(e.currentTarget.checked)} />
      {t('largeFont')}
    </label>
  );
}
