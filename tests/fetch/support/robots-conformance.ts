import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One robots.txt with the URLs checked against it, written from Google's robots_test.cc, RFC 9309 and issue 18. */
export interface RobotsConformanceGroup {
  name: string;
  source: string;
  note?: string;
  robots: string;
  checks: Array<{ agent: string; url: string; allowed: boolean }>;
}

/** The conformance set in fixtures/robots/conformance.json. */
export function loadRobotsConformance(): RobotsConformanceGroup[] {
  const path = fileURLToPath(new URL('../../../fixtures/robots/conformance.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as RobotsConformanceGroup[];
}
