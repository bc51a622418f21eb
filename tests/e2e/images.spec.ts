import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import AxeBuilder from '@axe-core/playwright';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect, type Studio } from './fixtures';
import { encodePng, pngClaiming } from '../fixtures/images/encodePng';
import { drawPictures, writeTree, type Picture } from './pictures';
import { download, unzipInto } from './downloads';

const PREDICT = fileURLToPath(new URL('./predictStudent.mjs', import.meta.url));

/** Class folders of the 60-picture set (sorted by code point, as the studio sorts them). */
const CLASSES = ['circles', 'squares', '三角 triangles 🔺'];

/** The 60 pictures of 3 classes (20 each, mixed sizes; some JPEG), plus one cut-short JPEG and a text file: path → bytes. */
async function sixtyPictures(page: Page): Promise<Record<string, Uint8Array>> {
  const pictures: (Picture & { path: string })[] = [];
  for (let cls = 0; cls < 3; cls++) {
    for (let i = 0; i < 20; i++) {
      const jpeg = cls === 2 || (cls === 1 && i % 2 === 0);
      const sizes: [number, number][] = [
        [40, 40],
        [48, 32],
        [30, 45],
      ];
      const [width, height] = sizes[i % 3]!;
      const ext = jpeg ? 'jpg' : 'png';
      const name = cls === 0 && i === 3 ? `圆 ${i} 😀.${ext}` : `${String(i).padStart(2, '0')}.${ext}`;
      pictures.push({ cls, width, height, type: jpeg ? 'image/jpeg' : 'image/png', seed: cls * 100 + i, path: `${CLASSES[cls]}/${name}` });
    }
  }
  const bytes = await drawPictures(page, pictures);
  const files: Record<string, Uint8Array> = {};
  pictures.forEach((p, i) => (files[p.path] = bytes[i]!));
  const whole = bytes[pictures.findIndex((p) => p.type === 'image/jpeg')]!;
  files['squares/broken.jpg'] = whole.subarray(0, Math.floor(whole.length / 2));
  files['squares/notes.txt'] = new TextEncoder().encode('taken on a sunny day');
  return files;
}

/** Chooses "Your data" in the Dataset menu. */
async function chooseYourData(studio: Studio): Promise<void> {
  await studio.page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Your data (CSV or idx)…' });
}

/** Picks a zip (bytes) through the image panel's zip input. */
async function pickZip(page: Page, name: string, files: Record<string, Uint8Array>): Promise<void> {
  await page.getByLabel('Pick a .zip of an image folder').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zipSync(files, { level: 6 })) });
}

/** The preview of the 60-picture set: counts per class, thumbnails, and the files not used with their reasons. */
async function expectSixtyPreview(page: Page, prefix: string): Promise<void> {
  const summary = page.getByRole('list', { name: 'Upload summary' });
  await expect(summary).toContainText('Classes: 3');
  await expect(summary).toContainText('Samples: 60');
  await expect(summary).toContainText('Train / test: 48 / 12');
  await expect(summary).toContainText('Input: 32×32 colour images (Centre crop)');
  await expect(summary).toContainText('The images themselves are not stored');
  const table = page.getByRole('table', { name: 'Images per class' });
  for (const name of CLASSES) await expect(table.getByRole('row', { name: new RegExp(`^${name} 20 images`) })).toBeVisible();
  await expect(table.getByRole('img')).toHaveCount(3 * 4);
  await expect(table.getByRole('img', { name: 'class 三角 triangles 🔺, example 1' })).toBeVisible();
  const unused = page.getByRole('list', { name: 'Files not used' });
  await expect(unused.getByRole('listitem')).toHaveText([`${prefix}squares/broken.jpg: truncated (the file is cut short)`, `${prefix}squares/notes.txt: not an image`]);
  await expect(page.getByText(/^Decoded 60 images in [\d.]+ s \(\d+ images\/s\)/)).toBeVisible();
}

test('A picked folder of 60 pictures in 3 classes previews, and trains and distils to Done', async ({ studio, page }) => {
  await chooseYourData(studio);
  const dir = writeTree('pets', await sixtyPictures(page));
  await page.getByLabel('Pick an image folder').setInputFiles(dir);
  await expectSixtyPreview(page, 'pets/');
  const rate = await page.getByText(/^Decoded 60 images/).textContent();
  console.log(`[images] picked folder: ${rate}`);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The colour set gets the colour presets: the small VGG teacher and the MLP student.
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption('colour-vgg-bn');
  await page.getByRole('combobox', { name: 'Student', exact: true }).selectOption('colour-mlp-128');
  await studio.setNumber('Epochs', '10');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  // Three shapes in three colours: the teacher must clearly beat chance (33 %).
  expect(await studio.accuracy('Teacher')).toBeGreaterThanOrEqual(0.6);
  expect(await studio.accuracy('Distilled student')).toBeGreaterThan(0);

  // The student leaves as a zip that loads in Node with the studio's logits and says what input it wants, and as ONNX.
  await studio.view('Export');
  const tmp = mkdtempSync(join(tmpdir(), 'distill-images-student-'));
  const { dir: studentDir, files } = unzipInto((await download(page, 'Download student (.zip)', tmp)).path);
  const report = JSON.parse(new TextDecoder().decode(files['report.json'])) as { check: { inputShape: number[]; inputs: number[][]; logits: number[][] } };
  expect(report.check.inputShape).toEqual([32, 32, 3]);
  const model = JSON.parse(new TextDecoder().decode(files['model.json'])) as { userDefinedMetadata?: { input?: Record<string, unknown> } };
  expect(model.userDefinedMetadata?.input).toMatchObject({ shape: [32, 32, 3], layout: 'NHWC', channels: 'RGB', classNames: CLASSES, preparation: { source: 'folder', size: 32 } });
  const node = JSON.parse(execFileSync(process.execPath, [PREDICT, studentDir], { encoding: 'utf8' })) as { logits: number[][] };
  const maxDiff = (a: number[][], b: ArrayLike<number>) => Math.max(...a.flat().map((v, i) => Math.abs(v - b[i]!)));
  expect(maxDiff(report.check.logits, node.logits.flat())).toBeLessThan(1e-4);
  const onnx = await ort.InferenceSession.create(readFileSync((await download(page, 'Download student (.onnx)', tmp)).path));
  const n = report.check.inputs.length;
  const out = await onnx.run({ input: new ort.Tensor('float32', Float32Array.from(report.check.inputs.flat()), [n, 32, 32, 3]) });
  expect(maxDiff(report.check.logits, out.logits!.data as Float32Array)).toBeLessThan(1e-4);
});

test('A dropped zip of the same set gives the same preview; a zip in the data-file picker too', async ({ studio, page }) => {
  await chooseYourData(studio);
  const zip = zipSync(await sixtyPictures(page), { level: 6 });
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(bytes)], 'shapes.zip', { type: 'application/zip' }));
    return dt;
  }, Array.from(zip));
  await page.getByText('Drop an image folder or a .zip here').dispatchEvent('drop', { dataTransfer });
  await expectSixtyPreview(page, '');

  // Padding instead of cropping decodes the set again.
  await page.getByRole('combobox', { name: 'Make square by' }).selectOption({ label: 'Padding with white' });
  await expect(page.getByRole('list', { name: 'Upload summary' })).toContainText('Input: 32×32 colour images (Padding with white)');
  await page.getByRole('combobox', { name: 'Image size' }).selectOption({ label: '16×16 px' });
  await expect(page.getByRole('list', { name: 'Upload summary' })).toContainText('Input: 16×16 colour images (Padding with white)');

  await page.getByLabel('Data file(s)').setInputFiles({ name: 'again.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(page.getByText('Using again.zip.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Images per class' }).getByRole('row', { name: /^circles 20 images/ })).toBeVisible();
});

test('Bad image sets each get their own message, and mixed files load with the unusable ones listed', async ({ studio, page }) => {
  await chooseYourData(studio);
  const alert = page.getByRole('alert');
  const png = (w: number, h: number, type: 0 | 2 | 3 | 6, shade = 0) => {
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([(i * 7 + shade) % 256, (i * 3) % 256, shade % 256, type === 6 ? (i * 5) % 256 : 255], i * 4);
    return encodePng(w, h, rgba, type);
  };

  await pickZip(page, 'loose.zip', { 'a.png': png(8, 8, 2), 'b.png': png(8, 8, 2) });
  await expect(alert).toHaveText('No class folders were found among 2 files: put each class’s images in its own folder (for example cats/… and dogs/…).');

  await pickZip(page, 'one.zip', { 'cats/a.png': png(8, 8, 2), 'cats/b.png': png(8, 8, 2) });
  await expect(alert).toHaveText('Only one class folder was found, "cats": at least 2 classes are needed to train a classifier.');

  await pickZip(page, 'empty.zip', { 'cats/a.png': png(8, 8, 2), 'cats/b.png': png(8, 8, 2), 'dogs/': new Uint8Array(0) });
  await expect(alert).toHaveText('These class folders have no usable image: "dogs". Add images to them or remove them.');

  const bomb = { 'cats/a.png': png(8, 8, 2), 'dogs/b.png': png(8, 8, 2), 'dogs/flat.bmp': new Uint8Array(20 * 1024 * 1024) };
  await pickZip(page, 'bomb.zip', bomb);
  await expect(alert).toContainText('The zip file was refused as a possible zip bomb: "dogs/flat.bmp" declares 20 MB from');
  await expect(studio.button('Start')).toBeDisabled();

  const [jpeg] = await drawPictures(page, [{ cls: 0, width: 24, height: 24, type: 'image/jpeg', seed: 1 }]);
  const mixed: Record<string, Uint8Array> = {
    '猫/.DS_Store': new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
    '猫/说明.txt': new TextEncoder().encode('两类图像'),
    '🐶 狗/huge.png': pngClaiming(100_000, 100_000),
    '🐶 狗/cut.jpg': jpeg!.subarray(0, 200),
    '🐶 狗/empty.png': new Uint8Array(0),
    '🐶 狗/more/deep.png': png(8, 8, 2),
  };
  for (let i = 0; i < 6; i++) {
    mixed[`猫/灰 ${i}.png`] = i % 2 ? png(20 + i, 30, 0, i) : png(33, 17 + i, 3, i);
    mixed[`🐶 狗/彩 ${i} 🐕.png`] = i % 2 ? png(40, 40 - i, 6, 100 + i) : png(12 + i, 50, 2, 100 + i);
  }
  await pickZip(page, 'mixed.zip', mixed);
  const summary = page.getByRole('list', { name: 'Upload summary' });
  await expect(summary).toContainText('Classes: 2');
  await expect(summary).toContainText('Samples: 12');
  await expect(summary).toContainText('Class names: 猫, 🐶 狗');
  await expect(alert).toHaveCount(0);
  const unused = page.getByRole('list', { name: 'Files not used' });
  await expect(unused.getByRole('listitem')).toHaveText([
    '猫/.DS_Store: not an image',
    '🐶 狗/more/: nested folder, not a class (only images directly inside a class folder are used)',
    '猫/说明.txt: not an image',
    '🐶 狗/cut.jpg: truncated (the file is cut short)',
    '🐶 狗/empty.png: empty file',
    '🐶 狗/huge.png: over 50 megapixels (100000×100000): refused before decoding',
  ]);
  await expect(page.getByRole('table', { name: 'Images per class' }).getByRole('img')).toHaveCount(2 * 4);

  // The panel and its preview are accessible, and speak Chinese.
  const { violations } = await new AxeBuilder({ page }).include('.upload-panel').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('list', { name: '未使用的文件' }).getByRole('listitem').last()).toHaveText('🐶 狗/huge.png：超过 5000 万像素（100000×100000）：解码前即被拒绝');
});

test('Decode rate: 120 photo-sized JPEGs (640×480) in 3 classes load, and the rate is printed', async ({ studio, page }) => {
  await chooseYourData(studio);
  const pictures: Picture[] = Array.from({ length: 120 }, (_, i) => ({ cls: i % 3, width: 640, height: 480, type: 'image/jpeg', seed: 1000 + i }));
  const bytes = await drawPictures(page, pictures);
  const files: Record<string, Uint8Array> = {};
  pictures.forEach((p, i) => (files[`${CLASSES[p.cls]}/${i}.jpg`] = bytes[i]!));
  await pickZip(page, 'photos.zip', files);
  await expect(page.getByRole('list', { name: 'Upload summary' })).toContainText('Samples: 120');
  const rate = await page.getByText(/^Decoded 120 images in [\d.]+ s/).textContent();
  console.log(`[images] 640×480 JPEG → 32×32: ${rate}`);
});
