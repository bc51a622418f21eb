import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { download } from './downloads';
import { DATASETS } from '../../src/engine/data/registry';
import { test, expect, Studio } from './fixtures';

const MNIST_LABEL = 'MNIST digits (28×28, 10 classes, 8,000 / 2,000)';
const SPIRAL_LABEL = 'Spiral (2-D, 3 classes)';
const FIXTURES = fileURLToPath(new URL('../fixtures/onnx/', import.meta.url));

async function shortRun(studio: Studio, epochs = '3'): Promise<void> {
  await studio.setNumber('Epochs', epochs);
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await studio.view('Export');
}

test('ONNX export: student.onnx and the zip’s model.onnx (SHA-256 in report.json) give the studio’s logits in onnxruntime-node; the teacher exports too', async ({ studio, page }) => {
  await shortRun(studio);
  const tmp = mkdtempSync(join(tmpdir(), 'distill-onnx-'));
  // The ONNX size is shown next to the tfjs weights' size.
  const sizeText = (await page.locator('.onnx-size').textContent()) ?? '';
  expect(sizeText).toMatch(/^ONNX file: [\d,]+ bytes \([\d.]+ KB, float32 weights\)$/);
  const shownBytes = Number(/ONNX file: ([\d,]+) bytes/.exec(sizeText)![1]!.replace(/,/g, ''));

  const onnxFile = await download(page, 'Download student (.onnx)', tmp);
  expect(onnxFile.name).toBe('student.onnx');
  const onnxBytes = new Uint8Array(readFileSync(onnxFile.path));
  expect(onnxBytes.byteLength).toBe(shownBytes);

  const zip = unzipSync(new Uint8Array(readFileSync((await download(page, 'Download student (.zip)', tmp)).path)));
  const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as {
    onnx: { file: string; sha256: string; bytes: number; opset: number; precision: string };
    check: { inputShape: number[]; inputs: number[][]; logits: number[][]; probabilities: number[][] };
  };
  const inZip = zip['model.onnx']!;
  expect(report.onnx).toEqual({ file: 'model.onnx', sha256: createHash('sha256').update(inZip).digest('hex'), bytes: inZip.byteLength, opset: 13, precision: 'float32' });
  expect(Buffer.from(inZip).equals(Buffer.from(onnxBytes))).toBe(true); // the same student, written the same way

  const session = await ort.InferenceSession.create(onnxBytes);
  const n = report.check.inputs.length;
  const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(report.check.inputs.flat()), [n, ...report.check.inputShape]) });
  const logits = out.logits!.data as Float32Array;
  const probs = out.probabilities!.data as Float32Array;
  const k = report.check.logits[0]!.length;
  let maxDiff = 0;
  report.check.logits.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - logits[i * k + j]!)))));
  report.check.probabilities.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - probs[i * k + j]!)).toBeLessThan(1e-5)));
  console.log(`[onnx-export] student.onnx ${onnxBytes.byteLength} bytes; max |logit difference| vs the studio on ${n} check inputs: ${maxDiff.toExponential(2)}`);
  expect(maxDiff).toBeLessThan(1e-5);
  await session.release();

  // float16 weights: a separate file name, and still the studio's logits within 1e-2.
  await page.getByRole('radio', { name: /^float16/ }).check();
  const f16 = await download(page, 'Download student (.onnx)', tmp);
  expect(f16.name).toBe('student-float16.onnx');
  const s16 = await ort.InferenceSession.create(readFileSync(f16.path));
  const l16 = (await s16.run({ input: new ort.Tensor('float32', Float32Array.from(report.check.inputs.flat()), [n, ...report.check.inputShape]) })).logits!.data as Float32Array;
  report.check.logits.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - l16[i * k + j]!)).toBeLessThan(1e-2)));
  await s16.release();

  // The studio-trained teacher as ONNX.
  await page.getByRole('radio', { name: /^float32/ }).check();
  const teacher = await download(page, 'Download teacher (.onnx)', tmp);
  expect(teacher.name).toBe('teacher.onnx');
  const st = await ort.InferenceSession.create(readFileSync(teacher.path));
  const lt = await st.run({ input: new ort.Tensor('float32', Float32Array.from(report.check.inputs.flat()), [n, ...report.check.inputShape]) });
  expect(lt.logits!.dims).toEqual([n, k]);
  await st.release();

  // The loading snippets.
  await page.getByText('Load the .onnx file').click();
  await expect(page.getByText(/onnxruntime\.InferenceSession\("student\.onnx"\)/)).toBeVisible();
  await expect(page.getByText(/ort\.InferenceSession\.create\('student\.onnx'\)/)).toBeVisible();
});

test('ONNX teacher: bad files get their own message (English and Chinese); a good one is run by onnxruntime-web under the CSP and distilled from', async ({ studio, page }) => {
  const input = page.getByLabel('Pretrained teacher files');
  const alert = page.getByRole('alert');
  await input.setInputFiles(join(FIXTURES, 'bad-not-onnx.onnx'));
  await expect(alert).toHaveText(/^This model cannot be the teacher: This file is not an ONNX model \(/);
  await input.setInputFiles(join(FIXTURES, 'ok-nhwc-logits.onnx'));
  await expect(alert).toHaveText('This model cannot be the teacher: The ONNX model\'s input "input" has shape [N, 28, 28, 1], but for this dataset the studio feeds [N, 2].');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(alert).toHaveText('该模型不能作为教师：该 ONNX 模型的输入“input”形状为 [N, 28, 28, 1]，但对于此数据集，工作室提供的是 [N, 2]。');
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  // On MNIST's shapes the checks go further: onnxruntime-web (loaded now) opens the file and names what it cannot run.
  const dataset = page.getByRole('combobox', { name: 'Dataset' });
  await dataset.selectOption({ label: MNIST_LABEL });
  await input.setInputFiles(join(FIXTURES, 'bad-unknown-operator.onnx'));
  await expect(alert).toHaveText('This model cannot be the teacher: onnxruntime-web cannot run the operator DoesNotExist used by this model. Export it again without it (or with another opset).');
  await input.setInputFiles(join(FIXTURES, 'bad-five-classes.onnx'));
  await expect(alert).toHaveText('This model cannot be the teacher: The ONNX model\'s output "scores" has 5 scores per example, but this dataset has 10 classes.');
  await input.setInputFiles(join(FIXTURES, 'bad-nan-weights.onnx'));
  await expect(alert).toHaveText('This model cannot be the teacher: The ONNX model outputs NaN for an example of this dataset (its weights or graph are broken).');
  await dataset.selectOption({ label: SPIRAL_LABEL });

  // A good teacher for the spiral's 2-D points and 3 classes.
  await input.setInputFiles(join(FIXTURES, 'ok-points-3.onnx'));
  await expect(page.getByText(/^In use: ok-points-3\.onnx \(ONNX\) · 9 parameters · operators: MatMul, Add, Identity$/)).toBeVisible();
  await expect(page.getByText(/^ONNX opset 13 · made by distill-studio-fixtures · input fed as NHWC · onnxruntime-web \(WASM, \d+ thread\(s\)\)$/)).toBeVisible();
  await studio.setNumber('Epochs', '2');
  // Students on every training point at batch 32, so the step count below is fixed by the data alone.
  await studio.setNumber('Transfer set size', '0');
  await studio.setNumber('Batch size', '32');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  const shown = await studio.accuracy('Teacher');
  await expect(page.getByText(/^Loaded teacher’s test accuracy: [\d.]+% \(not retrained\)$/)).toBeVisible();
  // No teacher steps: 2 phases × 2 epochs × ceil(1080 / 32) steps (10 % of the 1,200 held out for validation).
  expect(await studio.lossPoints()).toBe(2 * 2 * 34);
  // The same file in onnxruntime-node on the same test split (the spiral generated from the default seed) gives the accuracy shown.
  const c = { seed: 1, noise: 0.08, samples: 1500 }; // the studio's defaults (src/store/configFields.ts)
  const data = await DATASETS.spiral.load({ seed: c.seed, noise: c.noise, samples: c.samples }, () => {});
  const session = await ort.InferenceSession.create(readFileSync(join(FIXTURES, 'ok-points-3.onnx')));
  const scores = (await session.run({ input: new ort.Tensor('float32', data.test.x, [data.test.count, 2]) })).scores!.data as Float32Array;
  let hits = 0;
  for (let i = 0; i < data.test.count; i++) {
    const row = Array.from(scores.slice(i * 3, i * 3 + 3));
    if (row.indexOf(Math.max(...row)) === data.test.y[i]) hits++;
  }
  await session.release();
  expect(Math.abs(shown - hits / data.test.count)).toBeLessThan(0.0006);
});
