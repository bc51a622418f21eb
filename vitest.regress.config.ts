import { defineConfig } from 'vitest/config';

// `npm run regress:methods`: the held-out methods regression on MNIST (slow; not part of `npm test`).
export default defineConfig({
  test: {
    include: ['tests/regress/**/*.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
