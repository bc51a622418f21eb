import type { TFunction } from 'i18next';
import { IMPORT_MESSAGES_EN, type ImportMessage } from '../../engine/import/errors';

/** A byte count in the language of `t` ("1,024 bytes", "1,024 字节"). */
export function describeBytes(n: number, t: TFunction<'models'>): string {
  return t(n === 1 ? 'importError.bytesOne' : 'importError.bytesMany', { n: n.toLocaleString('en-US') });
}

/** Why a pretrained teacher's files were rejected, as one sentence in the language of `t` (library details stay as they came). */
export function describeImportError(m: ImportMessage, t: TFunction<'models'>): string {
  const bytes = Object.fromEntries(Object.entries(m.bytes ?? {}).map(([k, n]) => [k, describeBytes(n, t)]));
  // The key is chosen at run time, so it goes through i18next's `defaultValue` form (the English wording, never
  // needed: the unit tests render every key in both languages) instead of its per-key placeholder typing.
  return t(`importError.${m.key}`, { ...m.params, ...bytes, defaultValue: IMPORT_MESSAGES_EN[m.key] });
}
