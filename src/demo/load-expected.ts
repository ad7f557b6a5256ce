import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoExpected } from './build/expected.js';
import { DEMO_WIRE_DIR } from './load-sites.js';

/** Reads `fixtures/demo-wire/expected.json`: the groups, duplicates and boilerplate the demo must show. */
export async function loadDemoExpected(dir: string = DEMO_WIRE_DIR): Promise<DemoExpected> {
  return JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as DemoExpected;
}
