import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../engine/data/summary';
import { GrayThumb } from '../dataview/GrayThumb';

/** Thumbnails shown per class. */
const PER_CLASS = 6;

/** A few images of each class of an uploaded image set, as a preview. */
export function UploadThumbs({ summary }: { summary: DatasetSummary }) {
  const { t } = useTranslation();
  if (summary.gallery.length === 0) return null;
  return (
    <div className="upload-thumbs" aria-label={t('upload.imagePreview')} role="group">
      {summary.classNames.map((name, k) => (
        <div key={k} className="upload-thumbs-row">
          <span className="upload-thumbs-label">{name}</span>
          {summary.gallery
            .filter((g) => g.label === k)
            .slice(0, PER_CLASS)
            .map((g, i) => (
              <GrayThumb key={i} image={g} label={t('upload.classExample', { name, n: String(i + 1) })} className="upload-thumb" />
            ))}
        </div>
      ))}
    </div>
  );
}
