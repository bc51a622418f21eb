import { useTranslation } from 'react-i18next';
import type { SkippedFile } from '../../engine/data/images/classTree';
import type { DatasetSummary } from '../../engine/data/summary';
import type { ImageSetReport } from '../../worker/imageMessages';
import { GrayThumb } from '../dataview/GrayThumb';

/** Thumbnails shown per class. */
const PER_CLASS = 4;

/** Longest list of unused files shown in full (the rest are counted). */
const SHOWN_SKIPPED = 50;

/** The files an image set did not use, by path, each with its reason. */
export function SkippedFiles({ skipped }: { skipped: readonly SkippedFile[] }) {
  const { t } = useTranslation('images');
  if (skipped.length === 0) return null;
  return (
    <div className="image-skipped">
      <p>{t('skippedHeading', { count: skipped.length })}</p>
      <ul aria-label={t('skippedList')} tabIndex={0}>
        {skipped.slice(0, SHOWN_SKIPPED).map((s, i) => (
          <li key={i}>
            <code>{s.path}</code>
            {t('separator')}
            {t(`reason.${s.reason}`, { detail: s.detail ?? '' })}
          </li>
        ))}
        {skipped.length > SHOWN_SKIPPED ? <li>…</li> : null}
      </ul>
    </div>
  );
}

/** Per class of a loaded image set: its name, how many images it kept, and a few thumbnails; then the files not used. */
export function ImageSetPreview({ summary, report }: { summary: DatasetSummary; report: ImageSetReport }) {
  const { t } = useTranslation('images');
  const { t: tApp } = useTranslation();
  const seconds = report.decodeMs / 1000;
  return (
    <div className="image-preview">
      <table className="image-classes">
        <caption>{t('classTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('className')}</th>
            <th scope="col">{t('images')}</th>
            <th scope="col">{t('thumbnails')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.classNames.map((name, k) => (
            <tr key={k}>
              <th scope="row">{name}</th>
              <td>{t('classCount', { count: report.classCounts[k] ?? 0 })}</td>
              <td className="upload-thumbs-row">
                {summary.gallery
                  .filter((g) => g.label === k)
                  .slice(0, PER_CLASS)
                  .map((g, i) => (
                    <GrayThumb key={i} image={g} label={tApp('upload.classExample', { name, n: String(i + 1) })} className="upload-thumb" />
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {t('decodeRate', { decoded: String(report.decoded), seconds: seconds.toFixed(1), rate: seconds > 0 ? String(Math.round(report.decoded / seconds)) : '—' })}
      </p>
      <SkippedFiles skipped={report.skipped} />
    </div>
  );
}
