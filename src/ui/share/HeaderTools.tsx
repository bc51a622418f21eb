import { useTranslation } from 'react-i18next';
import { CopyLink } from './CopyLink';
import { LanguageSelect } from './LanguageSelect';
import { LargeFontToggle } from './LargeFontToggle';
import { ThemeSelect } from '../layout/ThemeSelect';
import './share.css';

/** The header's tools: language, large-font mode and Copy link. */
export function HeaderTools() {
  const { t } = useTranslation('share');
  return (
    <div className="header-tools" role="group" aria-label={t('toolbar')}>
      <LanguageSelect />
      <LargeFontToggle />
      <ThemeSelect />
      <CopyLink />
    </div>
  );
}
