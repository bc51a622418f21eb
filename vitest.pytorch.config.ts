import { defineConfig } from 'vitest/config';

// `npm run test:pytorch`: the generated PyTorch scripts, run in a real PyTorch (DISTILL_TORCH_PYTHON).
export default defineConfig({
  test: { include: ['tests/pytorch/**/*.test.ts'], environment: 'node', testTimeout: 600_000, pool: 'forks' },
});
