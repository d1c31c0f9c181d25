import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'sandbox/**/*.test.ts',
      'app/**/*.test.{ts,tsx}',
      'cli/**/*.test.ts',
      'placement-handlers/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
