import { describe, expect, it } from 'vitest';
import { isAllowedByRobots, parseRobotsTxt } from '../../src/fetch/index.js';
import { loadRobotsConformance } from './support/robots-conformance.js';

describe('robots.txt conformance (Google robots_test.cc cases, RFC 9309 §2.2.2, percent-encoding bypasses)', () => {
  it.each(loadRobotsConformance().map((g) => [g.name, g] as const))('%s', (_name, group) => {
    for (const check of group.checks) {
      const url = new URL(check.url);
      const allowed = isAllowedByRobots(parseRobotsTxt(group.robots, check.agent), url.pathname + url.search);
      expect({ agent: check.agent, url: check.url, allowed }).toEqual(check);
    }
  });
});
