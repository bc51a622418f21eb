import type { TFunction } from 'i18next';
import type { ImportMessage, ImportMessageKey } from '../../engine/import/errors';

/**
 * `t` for a wording key chosen at run time: i18next's types demand, for a union of keys, every placeholder of
 * every key. The parameters come from the engine with the key (the unit tests render every key in both languages).
 */
type KeyedT = (key: `importError.${ImportMessageKey}`, values: Readonly<Record<string, string>>) => string;

/** A byte count in the language of `t` ("1,024 bytes", "1,024 字节"). */
export function describeBytes(n: number, t: TFunction<'models'>): string {
  return t(n === 1 ? 'importError.bytesOne' : 'importError.bytesMany', { n: n.toLocaleString('en-US') });
}

/** Why a pretrained teacher's files were rejected, as one sentence in the language of `t` (library details stay as they came). */
export function describeImportError(m: ImportMessage, t: TFunction<'models'>): string {
  const bytes = Object.fromEntries(Object.entries(m.bytes ?? {}).map(([k, n]) => [k, describeBytes(n, t)]));
  return (t as unknown as KeyedT)(`importError.${m.key}`, { ...m.params, ...bytes });
}
