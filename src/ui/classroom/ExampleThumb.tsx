import { memo, useEffect, useRef } from 'react';
import type { InspectExamples } from '../../engine/inspect/examples';
import { coordsText } from './format';

/** One inspected example: a grey thumbnail (named `label`, or decorative when `label` is empty), or its coordinates as text for point sets. */
export const ExampleThumb = memo(function ExampleThumb({ examples, index, label }: { examples: InspectExamples; index: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h = 0, w = 0] = examples.inputShape;
  const pixels = examples.pixels;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !pixels) return;
    const size = h * w;
    const image = ctx.createImageData(w, h);
    for (let i = 0; i < size; i++) {
      const v = 255 - pixels[index * size + i]!;
      image.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, index, h, w]);
  if (!pixels) return <span className="classroom-coords">({coordsText(examples, index)})</span>;
  return label ? (
    <canvas ref={ref} width={w} height={h} className="thumb classroom-thumb" role="img" aria-label={label} />
  ) : (
    <canvas ref={ref} width={w} height={h} className="thumb classroom-thumb" aria-hidden="true" />
  );
});
