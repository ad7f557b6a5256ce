import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';

/** The fields a fixture folder's `options.json` may set (each parser reads the ones it knows). */
export interface FixtureOptions {
  contentType?: string;
  baseUrl?: string;
  fetchedAt?: string;
  maxAgeHours?: number;
}

/**
 * Registers one test per folder under `root`: `run(dir, options)` against `expected.json`; a thrown
 * WiredeskError is compared as `{error: {code, message, details}}`. `WIREDESK_UPDATE_FIXTURES=1`
 * rewrites the expectations (review the diff before committing). Returns the case names.
 */
export function fixtureCases(root: string, run: (dir: string, options: FixtureOptions) => unknown): string[] {
  const update = process.env['WIREDESK_UPDATE_FIXTURES'] === '1';
  const cases = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const optionsPath = join(dir, 'options.json');
      const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as FixtureOptions) : {};
      let result: unknown;
      try {
        result = run(dir, options);
      } catch (error) {
        if (!(error instanceof WiredeskError)) throw error;
        result = { error: { code: error.code, message: error.message, details: error.details ?? null } };
      }
      const actual = JSON.parse(JSON.stringify(result)) as unknown;
      const expectedPath = join(dir, 'expected.json');
      if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
  return cases;
}
