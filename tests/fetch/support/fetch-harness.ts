import { afterEach, expect } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../../src/fetch/index.js';
import { WiredeskError } from '../../../src/errors/index.js';
import { startScriptServer, type ScriptHandler, type ScriptServer } from './script-server.js';
import { testFetchConfig } from './test-config.js';

/**
 * Scripted servers and fetchers for one test file, all closed after each test (reverse order, so
 * fetchers close before the servers they talk to).
 */
export function useFetchHarness(): {
  server(host: string, handler: ScriptHandler): Promise<ScriptServer>;
  fetcher(config?: Parameters<typeof testFetchConfig>[0], options?: Partial<FetcherOptions>): Fetcher;
} {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async server(host, handler) {
      const s = await startScriptServer(host, handler);
      cleanups.push(() => s.close());
      return s;
    },
    fetcher(config = {}, options = {}) {
      const f = createFetcher({ config: testFetchConfig(config), ...options });
      cleanups.push(() => f.close());
      return f;
    },
  };
}

/** Awaits a fetch that must fail and returns its WiredeskError. */
export async function failure(promise: Promise<unknown>): Promise<WiredeskError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WiredeskError);
    return error as WiredeskError;
  }
  throw new Error('expected the fetch to fail');
}
