import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoExpected } from './build/expected.js';

/** Folder of the demo wire fixtures; resolves the same from `src/demo` (tsx) and `dist/demo` (built). */
export const DEMO_WIRE_DIR: string = fileURLToPath(new URL('../../fixtures/demo-wire/', import.meta.url));

/** Reads `fixtures/demo-wire/expected.json`: the groups, duplicates and boilerplate the demo must show. */
export async function loadDemoExpected(dir: string = DEMO_WIRE_DIR): Promise<DemoExpected> {
  return JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as DemoExpected;
}
