import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { isLanguage } from '../i18n/language';

/** Each language named in itself. */
const NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

/** The labelled language menu (English / 简体中文); the choice is remembered and sets <html lang>. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation('share');
  const id = useId();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <div className="header-field">
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLanguage(v)) setLanguage(v);
        }}
      >
        {(Object.keys(NAMES) as (keyof typeof NAMES)[]).map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {NAMES[lng]}
          </option>
        ))}
      </select>
    </div>
  );
}
