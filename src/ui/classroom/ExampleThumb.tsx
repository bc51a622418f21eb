import { memo, useEffect, useRef } from 'react';
import type { InspectExamples } from '../../engine/inspect/examples';
import { coordsText } from './format';
import { thumbRgba } from './thumbPixels';

/** One inspected example: a grey or colour thumbnail (named `label`, or decorative when `label` is empty), or its coordinates as text for point sets. */
export const ExampleThumb = memo(function ExampleThumb({ examples, index, label }: { examples: InspectExamples; index: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h = 0, w = 0, channels = 1] = examples.inputShape;
  const pixels = examples.pixels;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !pixels) return;
    const image = ctx.createImageData(w, h);
    thumbRgba(pixels, index, h, w, channels, image.data);
    ctx.putImageData(image, 0, 0);
  }, [pixels, index, h, w, channels]);
  if (!pixels) return <span className="classroom-coords">({coordsText(examples, index)})</span>;
  const kind = channels === 3 ? 'colour' : 'grey';
  return label ? (
    <canvas ref={ref} width={w} height={h} className="thumb classroom-thumb" data-thumb={kind} role="img" aria-label={label} />
  ) : (
    <canvas ref={ref} width={w} height={h} className="thumb classroom-thumb" data-thumb={kind} aria-hidden="true" />
  );
});
