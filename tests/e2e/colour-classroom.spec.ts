import type { Locator, Page } from '@playwright/test';
import { test, expect, type Studio } from './fixtures';
import { baseArgs, chromiumPath } from '../../playwright.config';
import { encodePng } from '../fixtures/images/encodePng';
import { drawPictures, writeTree, type Picture } from './pictures';

// Chromium's fake camera (a moving test pattern), allowed without a prompt (one test refuses it from the page).
test.use({ launchOptions: { executablePath: chromiumPath, args: [...baseArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] }, permissions: ['camera'] });

/** Class folders of the small set (sorted by code point, as the studio sorts them). */
const CLASSES = ['circles', 'squares', '三角 triangles'];

/** 30 pictures in 3 class folders (10 each, PNG, mixed sizes): path → bytes. */
async function thirtyPictures(page: Page): Promise<Record<string, Uint8Array>> {
  const pictures: (Picture & { path: string })[] = [];
  for (let cls = 0; cls < 3; cls++)
    for (let i = 0; i < 10; i++) pictures.push({ cls, width: i % 2 ? 40 : 48, height: 40, type: 'image/png', seed: cls * 50 + i, path: `${CLASSES[cls]}/${i}.png` });
  const bytes = await drawPictures(page, pictures);
  const files: Record<string, Uint8Array> = {};
  pictures.forEach((p, i) => (files[p.path] = bytes[i]!));
  return files;
}

/** How many pixels of a canvas are coloured (their red, green and blue differ by more than 40): 0 for a grey thumbnail. */
async function colouredPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 40) n++;
    return n;
  });
}

/** A 60 × 40 PNG photo of a red disc on a pale background (not square: the run's crop or pad applies). */
function redDiscPng(): Buffer {
  const w = 60;
  const h = 40;
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) rgba.set((x - 30) ** 2 + (y - 20) ** 2 < 14 ** 2 ? [220, 30, 40, 255] : [235, 230, 225, 255], (y * w + x) * 4);
  return Buffer.from(encodePng(w, h, rgba, 6));
}

/** Trains a short run and opens "See the dark knowledge". */
async function trainShort(studio: Studio): Promise<void> {
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await studio.view('See the dark knowledge');
}

/** Picks the generated photo in Try it yourself and checks the three models' probabilities, named by `classNames`. */
async function pickPhoto(page: Page, classNames: readonly string[], size: number): Promise<void> {
  const tryit = page.getByRole('region', { name: 'Try it yourself' });
  await tryit.getByLabel('Pick a photo').setInputFiles({ name: 'red disc.png', mimeType: 'image/png', buffer: redDiscPng() });
  const seen = tryit.getByRole('img', { name: `Your picture as the models see it (${size} × ${size})` });
  await expect(seen).toBeVisible();
  expect(await colouredPixels(seen)).toBeGreaterThan(10);
  const table = tryit.getByRole('table', { name: /^red disc\.png: probabilities at T = / });
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) await expect(table.getByRole('columnheader', { name: model })).toBeVisible();
  await expect(table.getByRole('rowheader')).toHaveText(classNames.map((name, k) => `${k} · ${name}`));
  await expect(tryit.getByText(/^Teacher: \d+ · .+ \([\d.]+ %\) · Student from scratch: \d+ · .+ · Distilled student: \d+ · .+/)).toBeVisible();
  // A file that is not a picture gets its own message.
  await tryit.getByLabel('Pick a photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(tryit.getByRole('alert')).toHaveText('This file is not a picture the studio reads (PNG, JPEG, WebP, GIF or BMP).');
}

test('an image-folder run: colour thumbnails with the folder names in every classroom view, and Try it with a photo', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Your data (CSV or idx)…' });
  await page.getByLabel('Pick an image folder').setInputFiles(writeTree('shapes', await thirtyPictures(page)));
  await expect(page.getByRole('list', { name: 'Upload summary' })).toContainText('Samples: 30');
  // The colour family's presets are offered for H×W×3 pictures.
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption('colour-vgg-bn');
  await page.getByRole('combobox', { name: 'Student', exact: true }).selectOption('colour-mlp-128');
  await studio.setNumber('Epochs', '3');
  await trainShort(studio);

  // The gallery (Data view): colour thumbnails under the folder names.
  await studio.view('Data');
  const gallery = page.getByRole('region', { name: 'Gallery' });
  for (const name of CLASSES) await expect(gallery.getByRole('img', { name: `${name}, example 1` })).toBeVisible();
  expect(await colouredPixels(gallery.getByRole('img', { name: 'circles, example 1' }))).toBeGreaterThan(10);
  await studio.view('See the dark knowledge');

  // Temperature explorer: colour thumbnails named with the folders' class names.
  const explorer = page.getByRole('region', { name: 'Temperature explorer' });
  const first = explorer.getByRole('group', { name: 'Test examples' }).getByRole('button').first();
  await expect(first).toHaveAccessibleName(new RegExp(`^Example 1, true class \\d · (${CLASSES.join('|')})$`));
  expect(await colouredPixels(first.locator('canvas'))).toBeGreaterThan(10);
  await expect(explorer.getByRole('table', { name: /^Class probabilities of example 1/ }).getByRole('rowheader').first()).toHaveText(/^0 · circles/);

  // Confusion matrices: the legend names the classes; a cell lists its examples as colour thumbnails.
  const confusion = page.getByRole('region', { name: 'Confusion matrices' });
  await expect(confusion.getByText(`Classes: ${CLASSES.map((n, k) => `${k} · ${n}`).join(', ')}.`)).toBeVisible();
  const diagonal = confusion.getByRole('button', { name: /^True 0 · circles, predicted 0 · circles: [1-9]\d* examples$/ }).first();
  await diagonal.click();
  const list = confusion.getByRole('region', { name: /: true class 0 · circles predicted as 0 · circles/ });
  const thumb = list.getByRole('img', { name: /true class 0 · circles$/ }).first();
  await expect(thumb).toHaveAttribute('data-thumb', 'colour');
  expect(await colouredPixels(thumb)).toBeGreaterThan(10);

  // Disagreements: either none, or rows with colour thumbnails and the folder names.
  const agreement = page.getByRole('region', { name: 'Where the distilled student and the teacher disagree' });
  await expect(agreement.getByText(/^(They agree on every inspected example\.|They disagree on \d+ of \d+)/)).toBeVisible();
  const rows = agreement.getByRole('table').getByRole('row');
  if ((await rows.count()) > 1) await expect(rows.nth(1).getByRole('img')).toHaveAttribute('data-thumb', 'colour');

  // Try it yourself: the test-image search shows colour thumbnails; a photo goes through the run's decode and resize.
  const tryit = page.getByRole('region', { name: 'Try it yourself' });
  await tryit.getByRole('searchbox', { name: 'Search test images' }).fill('squares');
  await expect(tryit.getByRole('group', { name: 'Test images' }).getByRole('button').first()).toHaveAccessibleName(/true class 1 · squares$/);
  await pickPhoto(page, CLASSES, 32);

  // History keeps the run and says the pictures are not stored; the link says it carries the settings only.
  await expect(page.getByText(/^The link carries the settings \(the models and the training\), not your pictures/)).toBeVisible();
  await studio.view('History');
  await expect(page.getByText('Your pictures (30 images, 3 classes, 32 × 32): the images are not stored, only the settings, how they were prepared and the results.')).toBeVisible();
  await studio.view('See the dark knowledge');

  // A refused camera permission gets its own message (the browser's refusal, as getUserMedia gives it).
  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await tryit.getByRole('button', { name: 'Use your camera' }).click();
  await expect(tryit.getByRole('alert').filter({ hasText: /camera/ })).toHaveText('The camera was not allowed: allow it in the browser’s site settings, or pick a photo instead.');
});

test('the built-in colour set: translated shape names, Try it with a photo and with the camera at 32 × 32', async ({ studio, page }) => {
  await page.goto('/#dataset=colour-shapes&teacher=colour-vgg-bn&student=colour-mlp-128&epochs=1&batch=64');
  await expect(studio.status).toContainText('Ready');
  await trainShort(studio);
  const names = ['circle', 'square', 'triangle', 'cross', 'ring', 'star', 'bars', 'crescent', 'corner', 'frame'];
  const picker = page.getByRole('region', { name: 'Temperature explorer' }).getByRole('group', { name: 'Test examples' });
  await expect(picker.getByRole('button').first()).toHaveAccessibleName(new RegExp(`^Example 1, true class \\d · (${names.join('|')})$`));
  expect(await colouredPixels(picker.getByRole('button').first().locator('canvas'))).toBeGreaterThan(10);
  await pickPhoto(page, names, 32);

  // The live camera: a still frame goes through the same preparation, and the three models answer.
  const tryit = page.getByRole('region', { name: 'Try it yourself' });
  await tryit.getByRole('button', { name: 'Use your camera' }).click();
  await expect(tryit.getByLabel('What your camera sees')).toBeVisible();
  await expect.poll(() => tryit.getByLabel('What your camera sees').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await tryit.getByRole('button', { name: 'Take the picture' }).click();
  const table = tryit.getByRole('table', { name: /^Camera picture: probabilities at T = / });
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) await expect(table.getByRole('columnheader', { name: model })).toBeVisible();
  await tryit.getByRole('button', { name: 'Turn the camera off' }).click();
  await expect(tryit.getByRole('button', { name: 'Use your camera' })).toBeVisible();
});
