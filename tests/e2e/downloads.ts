import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';

/** Clicks a button and saves the download it starts into `dir`; returns its path and suggested name. */
export async function download(page: Page, name: string, dir: string): Promise<{ path: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = join(dir, (d as Download).suggestedFilename());
  await d.saveAs(path);
  return { path, name: d.suggestedFilename() };
}

/** Unzips a downloaded zip into a fresh folder; returns the folder and its files' bytes. */
export function unzipInto(zipPath: string): { dir: string; files: Record<string, Uint8Array> } {
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const dir = mkdtempSync(join(tmpdir(), 'distill-unzipped-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return { dir, files };
}
