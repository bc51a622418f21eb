import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isThemeChoice, useLayout } from './layoutStore';

/** The theme menu: follow the system, light or dark (remembered). */
export function ThemeSelect() {
  const { t } = useTranslation('glance');
  const id = useId();
  const theme = useLayout((s) => s.theme);
  const setTheme = useLayout((s) => s.setTheme);
  return (
    <div className="header-field">
      <label htmlFor={id}>{t('theme.label')}</label>
      <select id={id} value={theme} onChange={(e) => isThemeChoice(e.currentTarget.value) && setTheme(e.currentTarget.value)}>
        <option value="system">{t('theme.system')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </div>
  );
}
