import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { FetchConfig } from '../../../src/config/index.js';
import { DEFAULT_FETCH } from '../../../src/config/defaults.js';

/** Fetch config with short gaps and timeouts so fault tests finish in well under a second each. */
export function testFetchConfig(overrides: Partial<FetchConfig> = {}): FetchConfig {
  return {
    ...DEFAULT_FETCH,
    userAgent: 'wiredesk-test/1.0 (+https://example.org/test)',
    minHostGapMs: 0,
    connectTimeoutMs: 1000,
    headersTimeoutMs: 400,
    bodyIdleTimeoutMs: 400,
    totalTimeoutMs: 2000,
    maxRetries: 2,
    retryBaseDelayMs: 20,
    retryAfterCapMs: 5000,
    ...overrides,
  };
}

/**
 * A resolver that never sends a DNS query: names in `table` resolve to the given address,
 * everything else fails like getaddrinfo does for a name that does not exist.
 */
export function tableLookup(table: Record<string, string | string[]>, calls: string[] = []): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    calls.push(hostname);
    const entry = table[hostname];
    setImmediate(() => {
      if (entry === undefined) {
        const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
        callback(error);
        return;
      }
      const addresses: LookupAddress[] = (Array.isArray(entry) ? entry : [entry]).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      if (options.all === true) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as LookupFunction;
}
