import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';
import { parseFeed } from '../../src/feeds/index.js';

/**
 * One folder per behaviour under fixtures/feeds: `feed.xml` / `feed.json` / `feed.bin` (bytes fed
 * as-is), optional `options.json` ({contentType, baseUrl, fetchedAt}), and either `expected.json`
 * (the whole normalized ParsedFeed) or `expected-error.json` ({code, details}).
 * `WIREDESK_UPDATE_FIXTURES=1` rewrites the expectations (review the diff before committing).
 */
const ROOT = join(import.meta.dirname, '../../fixtures/feeds');
const UPDATE = process.env['WIREDESK_UPDATE_FIXTURES'] === '1';

interface CaseOptions {
  contentType?: string;
  baseUrl?: string;
  fetchedAt?: string;
}

function runCase(dir: string): unknown {
  const input = ['feed.xml', 'feed.json', 'feed.bin'].map((name) => join(dir, name)).find((path) => existsSync(path));
  if (input === undefined) throw new Error(`${dir}: no feed file`);
  const optionsPath = join(dir, 'options.json');
  const options: CaseOptions = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as CaseOptions) : {};
  try {
    return parseFeed(new Uint8Array(readFileSync(input)), {
      contentType: options.contentType ?? null,
      baseUrl: options.baseUrl ?? null,
      fetchedAt: new Date(options.fetchedAt ?? '2024-03-06T00:00:00Z'),
    });
  } catch (error) {
    if (!(error instanceof WiredeskError)) throw error;
    return { error: { code: error.code, message: error.message, details: error.details ?? null } };
  }
}

describe('feed fixtures', () => {
  const cases = readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  for (const name of cases) {
    it(name, () => {
      const dir = join(ROOT, name);
      const actual = JSON.parse(JSON.stringify(runCase(dir))) as unknown;
      const expectedPath = join(dir, 'expected.json');
      if (UPDATE) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
