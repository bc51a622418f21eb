import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MNIST_SIDE, preprocessDigit } from '../../engine/data/mnistPreprocess';
import { ModelProbabilities } from './ModelProbabilities';
import { usePredict } from './usePredict';

/** Backing-store side of the pad (the drawing is preprocessed from it). */
const PAD = 280;
/** Pen width on the pad: about 2 px once a digit is scaled into its 20 × 20 box. */
const PEN = 20;

/** Reads the pad's ink (alpha) as grey levels in [0, 1]. */
function inkOf(canvas: HTMLCanvasElement): { width: number; height: number; data: Float32Array } | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const data = new Float32Array(canvas.width * canvas.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 3]! / 255;
  return { width: canvas.width, height: canvas.height, data };
}

/** Draws a 28 × 28 input (ink dark on white) into a small canvas: what the models see. */
function showInput(canvas: HTMLCanvasElement | null, x: Float32Array | null): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(MNIST_SIDE, MNIST_SIDE);
  for (let i = 0; i < MNIST_SIDE * MNIST_SIDE; i++) {
    const v = 255 - Math.round((x?.[i] ?? 0) * 255);
    image.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/** Draw a digit with a mouse, finger or pen: preprocessed as MNIST was, and the three models' probabilities follow the stroke. */
export function DrawingPad({ classNames }: { classNames: string[] }) {
  const { t } = useTranslation('glance');
  const pad = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);
  const { prediction, setInput } = usePredict();

  useEffect(() => showInput(preview.current, null), []);

  const update = () => {
    const ink = pad.current ? inkOf(pad.current) : null;
    const x = ink ? preprocessDigit(ink) : null;
    showInput(preview.current, x);
    setDrawn(x !== null);
    setInput(x);
  };
  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = pad.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = at(e);
    last.current = p;
    stroke(p, p);
    update();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const p = at(e);
    stroke(last.current, p);
    last.current = p;
    update();
  };
  const up = () => {
    last.current = null;
  };
  const clear = () => {
    pad.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    update();
  };
  return (
    <div className="drawing">
      <div className="drawing-row">
        <canvas
          ref={pad}
          className="drawing-pad"
          width={PAD}
          height={PAD}
          role="img"
          aria-label={t('tryit.padLabel')}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
        />
        <div className="drawing-side">
          <span className="hint">{t('tryit.modelSees')}</span>
          <canvas ref={preview} width={MNIST_SIDE} height={MNIST_SIDE} className="drawing-preview" role="img" aria-label={t('tryit.previewLabel')} />
          <button type="button" onClick={clear} disabled={!drawn}>
            {t('tryit.clear')}
          </button>
        </div>
      </div>
      <p className="hint">{t('tryit.padHint')}</p>
      {drawn && prediction?.logits ? (
        <ModelProbabilities logits={prediction.logits} classNames={classNames} trueClass={-1} what={t('tryit.yourDigit')} />
      ) : drawn && prediction?.problem ? (
        <p className="classroom-empty">{t(`tryit.problem.${prediction.problem}`)}</p>
      ) : null}
    </div>
  );
}
