import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { GrayThumb } from './GrayThumb';
import { useStudio } from '../../store';
import { classLabel } from '../i18n/labels';

/** Sample training images per class of the loaded image set. */
export const Gallery = memo(function Gallery() {
  const { t } = useTranslation();
  const summary = useStudio((s) => s.run.dataset);
  // Built-in class names are translated; an upload's own names are shown as they are.
  const datasetId = useStudio((s) => (s.run.config && !s.run.config.userData ? s.run.config.dataset : 'user'));
  if (!summary || summary.gallery.length === 0) return null;
  const byClass = summary.classNames.map((name, k) => ({ name: classLabel(datasetId, k, name), images: summary.gallery.filter((g) => g.label === k) }));
  return (
    <section className="results gallery" aria-label={t('dataview.galleryRegion')}>
      <h2>{t('dataview.galleryTitle', { name: summary.name, train: summary.trainCount.toLocaleString('en-US'), test: summary.testCount.toLocaleString('en-US') })}</h2>
      <div className="gallery-grid">
        {byClass.map(({ name, images }, k) => (
          <div key={name} className="gallery-row">
            <span className="gallery-label">
              {k} · {name}
            </span>
            {images.map((img, i) => (
              <GrayThumb key={i} image={img} label={t('dataview.example', { name, n: String(i + 1) })} className="thumb" />
            ))}
          </div>
        ))}
      </div>
    </section>
  );
});
