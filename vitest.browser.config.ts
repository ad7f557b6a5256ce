import { defineConfig } from 'vitest/config';

// Browser tests (`npm run test:browser`): Debian's Chromium through playwright-core. Kept out of
// `npm test` (its include matches only *.test.ts) so the everyday suite needs no browser.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
