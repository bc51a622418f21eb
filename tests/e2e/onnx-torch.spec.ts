import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test, expect } from './fixtures';

// Run by `npm run test:onnx-torch` only (playwright.onnx-torch.config.ts): DISTILL_TORCH_ONNX is the file that
// tests/onnx-torch/train_mnist_teacher.py exported from PyTorch, with its PyTorch test accuracy in the .json beside it.
const onnxPath = process.env.DISTILL_TORCH_ONNX ?? '';

test('a PyTorch-trained CNN exported with torch.onnx.export is the teacher: its accuracy in the studio is PyTorch’s, and a student is distilled from it', async ({ studio, page }) => {
  test.setTimeout(600_000);
  expect(onnxPath, 'set DISTILL_TORCH_ONNX (npm run test:onnx-torch does)').not.toBe('');
  const torch = JSON.parse(readFileSync(onnxPath.replace(/\.onnx$/, '.json'), 'utf8')) as { testAccuracy: number; testCount: number };
  const timings: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('[onnx-teacher]')) timings.push(m.text());
  });

  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('mnist');
  // Choosing MNIST in the menu leaves the toy defaults behind: students on every digit, the image learning rate.
  await expect(page.getByLabel('Transfer set size', { exact: true })).toHaveValue('0');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.001');
  await page.getByRole('combobox', { name: 'Teacher' }).selectOption('hinton-mlp-1200-1200'); // not trained: the ONNX file is the teacher
  await page.getByRole('combobox', { name: 'Student' }).selectOption('mlp-100');
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await studio.setNumber('Epochs', '2');
  await studio.setNumber('Batch size', '64');
  await page.getByLabel('Pretrained teacher files').setInputFiles(onnxPath);
  const name = basename(onnxPath).replace(/\./g, '\\.');
  await expect(page.getByText(new RegExp(`^In use: ${name} \\(ONNX\\) · 56,714 parameters · operators: Conv, Relu, MaxPool, Flatten, Gemm$`))).toBeVisible({ timeout: 60_000 });
  // PyTorch convolutions take NCHW: the studio transposes its NHWC images.
  await expect(page.getByText(/^ONNX opset 13 · made by pytorch [\d.a-z]+ · input fed as NCHW/)).toBeVisible();

  await studio.button('Start').click();
  await expect(page.getByText(/^Loaded teacher’s test accuracy: [\d.]+% \(not retrained\)$/)).toBeVisible({ timeout: 300_000 });
  expect(await studio.waitForEnd(500_000)).toMatch(/^Done/);
  const shown = await studio.accuracy('Teacher');
  const [scratch, distilled] = [await studio.accuracy('Student from scratch'), await studio.accuracy('Distilled student')];
  console.log(
    `[onnx-torch] PyTorch test accuracy ${(torch.testAccuracy * 100).toFixed(2)} %, shown in the studio ${(shown * 100).toFixed(1)} %; ` +
      `students: scratch ${(scratch * 100).toFixed(1)} %, distilled ${(distilled * 100).toFixed(1)} %; ${timings.join('; ')}`,
  );
  // The table shows one decimal: equal to PyTorch's on the same 2,000 test images within 0.1 points.
  expect(Math.abs(shown * 100 - torch.testAccuracy * 100)).toBeLessThanOrEqual(0.1);
  expect(timings).toHaveLength(1); // the worker ran the teacher over the 10,000 images once (its status line is too brief to poll)
  expect(timings[0]).toMatch(/^\[onnx-teacher\] logits of 10000 examples in \d+ ms$/);
  // The students learn from every training digit the validation hold-out leaves (8,000 − 800), as the teacher's logits cover them.
  await expect(page.getByText('The teacher trained on 7,200 examples; each student on 7,200.', { exact: false })).toBeVisible();
  expect(distilled).toBeGreaterThan(0.8);
});
