import { defineConfig } from 'vitest/config';

/** Bar-style checks that wait on real time (a cron minute): run by `npm run test:acceptance` and CI, not `npm test`. */
export default defineConfig({
  test: {
    include: ['tests/acceptance/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
