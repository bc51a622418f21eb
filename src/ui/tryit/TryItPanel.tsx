import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { useClassroomData } from '../classroom/useClassroomData';
import { DrawingPad } from './DrawingPad';
import { ImageSearch } from './ImageSearch';
import { PhotoProbe } from './PhotoProbe';
import { PlaneProbe } from './PlaneProbe';
import './tryit.css';

/** "Try it yourself": draw a digit (MNIST), use your own picture (colour image sets), pick any inspected test image (image sets) or click the plane (2-D sets). */
export function TryItPanel() {
  const { t } = useTranslation('glance');
  const headingId = useId();
  const data = useClassroomData();
  const mnist = useStudio((s) => s.run.config?.dataset === 'mnist' && !s.run.config.userData);
  // A folder's pictures were fitted as the user chose; the built-in colour set is square already (a photo is centre-cropped).
  const folderFit = useStudio((s) => s.run.config?.userData?.imageFolder?.fit ?? 'crop');
  const body =
    data === null || data === 'loading' ? (
      <p className="classroom-empty">{t('tryit.empty')}</p>
    ) : data.examples.pixels ? (
      <>
        {mnist ? <DrawingPad classNames={data.classNames} /> : null}
        {data.examples.inputShape[2] === 3 ? <PhotoProbe classNames={data.classNames} size={data.examples.inputShape[0]!} fit={folderFit} /> : null}
        <ImageSearch data={data} />
      </>
    ) : data.examples.inputShape.length === 1 && data.examples.inputShape[0] === 2 ? (
      <PlaneProbe examples={data.examples} classNames={data.classNames} />
    ) : (
      <p className="classroom-empty">{t('tryit.unsupported')}</p>
    );
  return (
    <section className="tryit classroom" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tryit.heading')}</h2>
      {body}
    </section>
  );
}
