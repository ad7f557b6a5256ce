import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';
import { fixtureCases } from '../support/fixture-cases.js';

/**
 * One folder per behaviour under fixtures/feeds: `feed.xml` / `feed.json` / `feed.bin` (bytes fed
 * as-is), optional `options.json` ({contentType, baseUrl, fetchedAt}), and `expected.json` (the
 * whole normalized ParsedFeed, or {error: {code, details}}).
 * `WIREDESK_UPDATE_FIXTURES=1` rewrites the expectations (review the diff before committing).
 */
const ROOT = join(import.meta.dirname, '../../fixtures/feeds');

describe('feed fixtures', () => {
  const cases = fixtureCases(ROOT, (dir, options) => {
    const input = ['feed.xml', 'feed.json', 'feed.bin'].map((name) => join(dir, name)).find((path) => existsSync(path));
    if (input === undefined) throw new Error(`${dir}: no feed file`);
    return parseFeed(new Uint8Array(readFileSync(input)), {
      contentType: options.contentType ?? null,
      baseUrl: options.baseUrl ?? null,
      fetchedAt: new Date(options.fetchedAt ?? '2024-03-06T00:00:00Z'),
    });
  });
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
});
