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
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine. Many test files
    // wait on sockets, child processes and timers, so two run side by side: npm test 243 -> 165 s wall on
    // 2 cores (2026-12-06), keeping CI within its 15 minutes. Every test uses its own ports, dirs and databases.
    maxWorkers: 2,
  },
});
