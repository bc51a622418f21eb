import { useEffect, useRef } from 'react';
import type { GalleryImage } from '../../engine/data/summary';

/** One image drawn into a small canvas, named for screen readers: a grey one as dark strokes on white, a colour one as it is. */
export function GrayThumb({ image, label, className }: { image: GalleryImage; label: string; className: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(image.width, image.height);
    if (image.channels === 3) {
      for (let i = 0; i < image.width * image.height; i++) data.data.set([image.pixels[i * 3]!, image.pixels[i * 3 + 1]!, image.pixels[i * 3 + 2]!, 255], i * 4);
    } else {
      image.pixels.forEach((v, i) => data.data.set([255 - v, 255 - v, 255 - v, 255], i * 4));
    }
    ctx.putImageData(data, 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} className={className} role="img" aria-label={label} />;
}
