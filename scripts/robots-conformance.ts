/**
 * Scores robots.txt parsers on our conformance set (fixtures/robots/conformance.json, written from
 * Google's robots_test.cc, the RFC 9309 §2.2.2 table and the percent-encoding bypass of issue 18):
 *
 *   npm run conformance:robots [-- --check]
 *
 * Prints checks passed per parser: wiredesk's own (src/fetch/robots-txt.ts) and robots-parser (npm,
 * the most used JavaScript robots.txt parser), so a switch can be judged on numbers. `--check` exits 1
 * when ours misses any check.
 */
import { createRequire } from 'node:module';
import { isAllowedByRobots, parseRobotsTxt } from '../src/fetch/index.js';
import { loadRobotsConformance } from '../tests/fetch/support/robots-conformance.js';

type Judge = (robots: string, agent: string, url: string) => boolean;
// robots-parser is CommonJS and its typings declare an ES default export it does not have.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, robots: string) => { isAllowed(url: string, ua?: string): boolean | undefined };

const judges: Record<string, Judge> = {
  wiredesk: (robots, agent, url) => {
    const u = new URL(url);
    return isAllowedByRobots(parseRobotsTxt(robots, agent), u.pathname + u.search);
  },
  'robots-parser 3.0.1': (robots, agent, url) => robotsParser(new URL('/robots.txt', url).href, robots).isAllowed(url, agent) !== false,
};

function main(argv: string[]): number {
  const groups = loadRobotsConformance();
  const total = groups.reduce((n, g) => n + g.checks.length, 0);
  const missesOf: Record<string, string[]> = {};
  for (const [name, judge] of Object.entries(judges)) {
    const misses: string[] = [];
    for (const group of groups) {
      for (const check of group.checks) {
        let got: boolean | string;
        try {
          got = judge(group.robots, check.agent, check.url);
        } catch (error) {
          got = `threw ${(error as Error).message}`;
        }
        if (got !== check.allowed) misses.push(`${group.name}: ${check.agent} ${check.url} expected ${check.allowed ? 'allowed' : 'disallowed'}, got ${String(got)}`);
      }
    }
    missesOf[name] = misses;
    console.log(`${name.padEnd(22)} ${String(total - misses.length).padStart(4)}/${total} checks passed (${groups.length} groups)`);
  }
  for (const [name, misses] of Object.entries(missesOf)) {
    if (misses.length === 0) continue;
    console.log(`\n${name} misses:`);
    for (const miss of misses) console.log(`  ${miss}`);
  }
  return argv.includes('--check') && (missesOf['wiredesk']?.length ?? 0) > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
