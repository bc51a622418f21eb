import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, LANGUAGE_KEY, languageFromBrowser } from './language';
import { NAMESPACES, RESOURCES, type Language } from './resources';

/** The first language: the saved choice, else the browser's. */
function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage unavailable (private mode): use the browser's language.
  }
  return languageFromBrowser(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

/** The studio's i18next instance (synchronous init: catalogues are bundled). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: RESOURCES,
  lng: initialLanguage(),
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'app',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Sync <html lang> with the language. */
function syncHtmlLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

/** Switches the UI language and remembers the choice. */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Not remembered; still switched.
  }
  void i18n.changeLanguage(lng);
}
