import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Multi-process cluster tests run alone (`npm run test:cluster`): one of them restarts PostgreSQL;
    // checks that wait on real time (a cron minute) run apart: npm run test:acceptance (and CI).
    exclude: ['tests/cluster/**', 'tests/acceptance/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
