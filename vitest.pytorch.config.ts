import { defineConfig } from 'vitest/config';

// `npm run test:pytorch` (scripts/run-pytorch-tests.mjs): the exported PyTorch scripts, run in a real PyTorch.
export default defineConfig({
  test: { include: ['tests/pytorch/**/*.test.ts'], environment: 'node', testTimeout: 600_000, hookTimeout: 600_000, pool: 'forks', fileParallelism: false },
});
