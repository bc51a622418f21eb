import { LANGUAGES, type Language } from './resources';

/** localStorage key of the user's explicit language choice. */
export const LANGUAGE_KEY = 'distill-studio-language';

/** The studio language for a list of browser languages (e.g. navigator.languages): every Chinese variant → zh-CN, else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** True for one of the studio's language codes. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
