import { useTranslation } from 'react-i18next';
import { useLayout } from './layoutStore';

/** Collapses or expands the full settings under the lesson controls (remembered). */
export function SettingsToggle() {
  const { t } = useTranslation('glance');
  const open = useLayout((s) => s.settingsOpen);
  const setOpen = useLayout((s) => s.setSettingsOpen);
  return (
    <button type="button" className="settings-toggle" aria-expanded={open} aria-controls="all-settings" onClick={() => setOpen(!open)}>
      {open ? t('settings.hide') : t('settings.show')}
    </button>
  );
}
