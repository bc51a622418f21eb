import { defineConfig } from 'vitest/config';

// Unit tests: Node with the tfjs CPU backend.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
