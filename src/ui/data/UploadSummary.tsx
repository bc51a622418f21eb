import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FitMode } from '../../engine/data/images/fitSquare';
import type { UserDataMeta } from '../../engine/data/meta';
import type { UploadState } from '../../store/uploadSlice';

/** How one example looks: its feature names (CSV) or its image size (idx). */
function inputText(t: TFunction<'app'>, ti: TFunction<'images'>, meta: UserDataMeta, upload: UploadState): string {
  if (meta.imageFolder) {
    return ti('colourImages', { width: String(meta.inputShape[1]), height: String(meta.inputShape[0]), fit: fitText(ti, meta.imageFolder.fit) });
  }
  if (meta.inputShape.length === 3) return t('upload.images', { width: String(meta.inputShape[0]), height: String(meta.inputShape[1]) });
  const features = upload.preview?.headers.filter((_, j) => j !== upload.labelColumn) ?? [];
  const n = meta.inputShape[0] ?? features.length;
  return t('upload.features', { count: n, names: features.length === n ? `: ${features.join(', ')}` : '' });
}

/** The fit mode's name. */
function fitText(ti: TFunction<'images'>, fit: FitMode): string {
  return fit === 'crop' ? ti('fitCrop') : ti('fitPad');
}

/** What was done with a CSV's missing values (rows dropped, cells filled and the fill values), or null when it had none. */
function missingText(t: TFunction<'app'>, meta: UserDataMeta): string | null {
  const m = meta.csv?.missing;
  if (!m) return null;
  const n = (v: number) => v.toLocaleString('en-US');
  if (m.rule === 'drop') return t('upload.missingSummaryDrop', { label: n(m.droppedForLabel), rows: n(m.droppedForFeatures) });
  const features = meta.csv?.columns.filter((c) => c !== meta.csv?.labelColumn) ?? [];
  // Only the columns that had holes; the values rounded for reading (report.json and the exports keep them in full).
  const fills = features
    .map((name, j) => ({ name, count: m.missingPerFeature[j] ?? 0, value: m.fill?.[j] ?? 0 }))
    .filter((f) => f.count > 0)
    .map((f) => `${f.name} ${Number(f.value.toPrecision(4))}`)
    .join(', ');
  return t('upload.missingSummaryFill', { label: n(m.droppedForLabel), cells: n(m.filledCells), fills });
}

/** Class count, sample count, the seeded train/test split and the class names of a loaded upload (all text). */
export function UploadSummary({ meta, upload }: { meta: UserDataMeta; upload: UploadState }) {
  const { t } = useTranslation();
  const { t: ti } = useTranslation('images');
  const total = meta.trainCount + meta.testCount;
  return (
    <ul className="upload-summary" aria-label={t('upload.summary')}>
      <li>{t('upload.classes', { count: meta.numClasses })}</li>
      <li>{t('upload.samples', { n: total.toLocaleString('en-US') })}</li>
      <li>{t('upload.split', { train: meta.trainCount.toLocaleString('en-US'), test: meta.testCount.toLocaleString('en-US'), seed: String(upload.seed) })}</li>
      <li>{t('upload.input', { text: inputText(t, ti, meta, upload) })}</li>
      <li>{t('upload.classNames', { names: meta.classNames.join(', ') })}</li>
      {meta.imageFolder ? (
        <li>{ti('notStored', { size: String(meta.imageFolder.size), fit: fitText(ti, meta.imageFolder.fit) })}</li>
      ) : null}
      {missingText(t, meta) ? <li>{missingText(t, meta)}</li> : null}
      {meta.missingFromTest && meta.missingFromTest.length > 0 ? (
        <li role="note" className="error">
          {t('upload.missingFromTest', { count: meta.missingFromTest.length, names: meta.missingFromTest.join(', ') })}
        </li>
      ) : null}
    </ul>
  );
}
