import { defineConfig } from '@playwright/test';
import base, { baseArgs, chromiumPath } from './playwright.config';

// `npm run test:onnx-torch`: the end-to-end test that loads a PyTorch-trained ONNX teacher (DISTILL_TORCH_ONNX) in the studio.
export default defineConfig({
  ...base,
  projects: [{ name: 'onnx-torch', testMatch: /onnx-torch\.spec\.ts/, use: { launchOptions: { executablePath: chromiumPath, args: baseArgs } } }],
});
