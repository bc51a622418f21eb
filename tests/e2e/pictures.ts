import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';

/** One generated picture: its class (0 circle, 1 square, 2 triangle), size, format and seed. */
export interface Picture {
  cls: number;
  width: number;
  height: number;
  type: 'image/png' | 'image/jpeg';
  seed: number;
}

/**
 * Draws pictures in the page with a 2-D canvas and encodes them as the browser does (PNG or JPEG): a red circle, a
 * green square or a blue triangle at a seeded position and scale on a light, seeded background.
 */
export async function drawPictures(page: Page, pictures: readonly Picture[]): Promise<Uint8Array[]> {
  const encoded = await page.evaluate(async (list) => {
    const out: number[][] = [];
    for (const p of list) {
      let s = p.seed * 9301 + 49297;
      const rand = () => ((s = (s * 9301 + 49297) % 233280) / 233280);
      const canvas = new OffscreenCanvas(p.width, p.height);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = `rgb(${200 + Math.floor(rand() * 55)}, ${200 + Math.floor(rand() * 55)}, ${200 + Math.floor(rand() * 55)})`;
      ctx.fillRect(0, 0, p.width, p.height);
      const side = Math.min(p.width, p.height);
      const r = side * (0.25 + rand() * 0.15);
      const cx = p.width / 2 + (rand() - 0.5) * side * 0.2;
      const cy = p.height / 2 + (rand() - 0.5) * side * 0.2;
      ctx.fillStyle = ['rgb(220, 30, 40)', 'rgb(30, 170, 60)', 'rgb(40, 60, 220)'][p.cls]!;
      ctx.beginPath();
      if (p.cls === 0) ctx.arc(cx, cy, r, 0, Math.PI * 2);
      else if (p.cls === 1) ctx.rect(cx - r, cy - r, 2 * r, 2 * r);
      else {
        ctx.moveTo(cx, cy - r);
        ctx.lineTo(cx + r, cy + r);
        ctx.lineTo(cx - r, cy + r);
        ctx.closePath();
      }
      ctx.fill();
      const blob = await canvas.convertToBlob({ type: p.type, quality: 0.9 });
      out.push(Array.from(new Uint8Array(await blob.arrayBuffer())));
    }
    return out;
  }, pictures);
  return encoded.map((e) => Uint8Array.from(e));
}

/** Writes files under a new temporary folder named `root`; returns the folder's path. */
export function writeTree(root: string, files: Record<string, Uint8Array>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'distill-images-')), root);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

