import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: multi-process tests against the local PostgreSQL, one file at a time (one restarts the server). */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    testTimeout: 150_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
