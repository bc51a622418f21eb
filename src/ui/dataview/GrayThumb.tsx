import { useEffect, useRef } from 'react';
import type { GalleryImage } from '../../engine/data/summary';

/** One grey image drawn into a small canvas: dark strokes on white, named for screen readers. */
export function GrayThumb({ image, label, className }: { image: GalleryImage; label: string; className: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(image.width, image.height);
    image.pixels.forEach((v, i) => data.data.set([255 - v, 255 - v, 255 - v, 255], i * 4));
    ctx.putImageData(data, 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} className={className} role="img" aria-label={label} />;
}
