import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FitMode } from '../../engine/data/images/fitSquare';
import { thumbRgba } from '../classroom/thumbPixels';
import { CameraCapture } from './CameraCapture';
import { ModelProbabilities } from './ModelProbabilities';
import { usePredict } from './usePredict';

/** Your own picture for a colour image run: pick a photo (or take one) or use the live camera; it is prepared as the set was and the three models' probabilities follow. */
export function PhotoProbe({ classNames, size, fit }: { classNames: string[]; size: number; fit: FitMode }) {
  const { t } = useTranslation('glance');
  const pickId = useId();
  const takeId = useId();
  const preview = useRef<HTMLCanvasElement>(null);
  const [name, setName] = useState<string | null>(null);
  const { prediction, setInput } = usePredict();
  const photo = prediction?.photo ?? null;

  useEffect(() => {
    const ctx = preview.current?.getContext('2d');
    if (!ctx || !photo || photo.length !== size * size * 3) return;
    const image = ctx.createImageData(size, size);
    thumbRgba(photo, 0, size, size, 3, image.data);
    ctx.putImageData(image, 0, 0);
  }, [photo, size]);

  const use = (bytes: ArrayBuffer, what: string) => {
    setName(what);
    setInput({ bytes, size, fit });
  };
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (file) void file.arrayBuffer().then((b) => use(b, file.name));
  };
  return (
    <div className="photo-probe">
      <h3>{t('tryit.photoTitle')}</h3>
      <p className="hint">{t(fit === 'crop' ? 'tryit.photoHintCrop' : 'tryit.photoHintPad', { size: String(size) })}</p>
      <div className="pair photo-inputs">
        <div className="field">
          <label htmlFor={pickId}>{t('tryit.photoPick')}</label>
          <input id={pickId} type="file" accept="image/*" onChange={picked} />
        </div>
        <div className="field">
          <label htmlFor={takeId}>{t('tryit.photoTake')}</label>
          <input id={takeId} type="file" accept="image/*" capture="environment" onChange={picked} />
        </div>
      </div>
      <CameraCapture onPicture={use} />
      {name !== null && photo ? (
        <div className="drawing-side">
          <span className="hint">{t('tryit.modelSees')}</span>
          <canvas ref={preview} width={size} height={size} className="drawing-preview" role="img" aria-label={t('tryit.photoPreview', { size: String(size) })} />
        </div>
      ) : null}
      {name !== null && prediction?.logits ? (
        <ModelProbabilities logits={prediction.logits} classNames={classNames} trueClass={-1} what={name} />
      ) : name !== null && prediction?.problem ? (
        <p className="classroom-empty" role="alert">
          {t(`tryit.problem.${prediction.problem}`)}
        </p>
      ) : null}
    </div>
  );
}
