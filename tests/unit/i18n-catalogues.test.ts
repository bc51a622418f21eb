import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, RESOURCES } from '../../src/ui/i18n/resources';
import { languageFromBrowser } from '../../src/ui/i18n/language';

/** Every dotted key path of a nested catalogue. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') throw new Error(`${prefix}: not a string or object`);
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** The {{placeholders}} of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();
}

/** Looks up a dotted path. */
function at(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
}

describe('message catalogues', () => {
  for (const ns of NAMESPACES) {
    it(`"${ns}" has the same keys in every language`, () => {
      const reference = keyPaths(RESOURCES.en[ns]).sort();
      for (const lng of LANGUAGES) expect(keyPaths(RESOURCES[lng][ns]).sort(), `${lng}/${ns}`).toEqual(reference);
    });

    it(`"${ns}" messages are non-empty and keep their {{placeholders}}`, () => {
      for (const path of keyPaths(RESOURCES.en[ns])) {
        const en = at(RESOURCES.en[ns], path) as string;
        for (const lng of LANGUAGES) {
          const msg = at(RESOURCES[lng][ns], path) as string;
          expect(msg.trim().length, `${lng}/${ns}:${path}`).toBeGreaterThan(0);
          expect(placeholders(msg), `${lng}/${ns}:${path}`).toEqual(placeholders(en));
        }
      }
    });
  }

  it('picks the language from the browser', () => {
    expect(languageFromBrowser(['zh-CN', 'en'])).toBe('zh-CN');
    expect(languageFromBrowser(['zh-TW'])).toBe('zh-CN');
    expect(languageFromBrowser(['fr-FR', 'en-GB'])).toBe('en');
    expect(languageFromBrowser(['de'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});
