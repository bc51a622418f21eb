import 'i18next';
import type { EN } from './resources';

declare module 'i18next' {
  /** Typed keys: `t('app:…')` must name a key of the English catalogue. */
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: typeof EN;
    returnNull: false;
  }
}
