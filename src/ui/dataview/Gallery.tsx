import { memo } from 'react';
import { GrayThumb } from './GrayThumb';
import { useStudio } from '../../store';

/** Sample training images per class of the loaded image set. */
export const Gallery = memo(function Gallery() {
  const summary = useStudio((s) => s.run.dataset);
  if (!summary || summary.gallery.length === 0) return null;
  const byClass = summary.classNames.map((name, k) => ({ name, images: summary.gallery.filter((g) => g.label === k) }));
  return (
    <section className="results gallery" aria-label="Gallery">
      <h2>
        {summary.name}: {summary.trainCount.toLocaleString('en-US')} training and {summary.testCount.toLocaleString('en-US')} test images
      </h2>
      <div className="gallery-grid">
        {byClass.map(({ name, images }, k) => (
          <div key={name} className="gallery-row">
            <span className="gallery-label">
              {k} · {name}
            </span>
            {images.map((img, i) => (
              <GrayThumb key={i} image={img} label={`${name}, example ${i + 1}`} className="thumb" />
            ))}
          </div>
        ))}
      </div>
    </section>
  );
});
