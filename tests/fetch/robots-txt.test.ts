import { describe, expect, it } from 'vitest';
import { isAllowedByRobots, parseRobotsTxt } from '../../src/fetch/index.js';

const UA = 'wiredesk/0.1 (+https://example.org/wiredesk)';

describe('parseRobotsTxt / isAllowedByRobots', () => {
  it('uses the group naming our product token over the * group', () => {
    const rules = parseRobotsTxt('User-agent: *\nDisallow: /\n\nUser-agent: WireDesk/2.0\nDisallow: /drafts\nCrawl-delay: 2\n', UA);
    expect(isAllowedByRobots(rules, '/news/1')).toBe(true);
    expect(isAllowedByRobots(rules, '/drafts/1')).toBe(false);
    expect(rules.crawlDelayMs).toBe(2000);
  });

  it('falls back to * and merges consecutive user-agent lines into one group', () => {
    const rules = parseRobotsTxt('User-agent: otherbot\nUser-agent: *\nDisallow: /private # comment\n', UA);
    expect(isAllowedByRobots(rules, '/private/x')).toBe(false);
    expect(isAllowedByRobots(rules, '/public')).toBe(true);
  });

  it('lets the longest match win and Allow win a tie', () => {
    const rules = parseRobotsTxt('User-agent: *\nDisallow: /news\nAllow: /news/world\nDisallow: /a\nAllow: /a\n', UA);
    expect(isAllowedByRobots(rules, '/news/local')).toBe(false);
    expect(isAllowedByRobots(rules, '/news/world/1')).toBe(true);
    expect(isAllowedByRobots(rules, '/a')).toBe(true);
  });

  it('supports * wildcards and $ anchors, also on the query', () => {
    const rules = parseRobotsTxt('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\n', UA);
    expect(isAllowedByRobots(rules, '/files/report.pdf')).toBe(false);
    expect(isAllowedByRobots(rules, '/files/report.pdf.html')).toBe(true);
    expect(isAllowedByRobots(rules, '/story?print=1')).toBe(false);
    expect(isAllowedByRobots(rules, '/story')).toBe(true);
  });

  it('matches non-ASCII patterns against percent-encoded paths', () => {
    const rules = parseRobotsTxt('User-agent: *\nDisallow: /أخبار\n', UA);
    expect(isAllowedByRobots(rules, new URL('https://x.test/أخبار/1').pathname)).toBe(false);
  });

  it('treats an empty Disallow and an empty file as allow-all, and never blocks /robots.txt', () => {
    expect(isAllowedByRobots(parseRobotsTxt('User-agent: *\nDisallow:\n', UA), '/x')).toBe(true);
    expect(isAllowedByRobots(parseRobotsTxt('', UA), '/x')).toBe(true);
    expect(isAllowedByRobots(parseRobotsTxt('User-agent: *\nDisallow: /\n', UA), '/robots.txt')).toBe(true);
  });
});

describe('parseRobotsTxt on garbage', () => {
  it('never throws and always answers, whatever the file holds', () => {
    const pieces = ['User-agent: *', 'Disallow: /*$*', 'Allow: $', 'Crawl-delay: -1', 'Crawl-delay: abc', ':::', 'Disallow: /\u0000', '#', 'Sitemap: x', 'user-AGENT:wiredesk', 'Disallow: *', '\r', 'Allow: /a*b*c$'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? '\n' : '\r\n');
      const rules = parseRobotsTxt(text, UA);
      expect(typeof isAllowedByRobots(rules, `/a${Math.floor(next() * 100)}b/c?d=${round}`)).toBe('boolean');
      expect(rules.crawlDelayMs === null || rules.crawlDelayMs >= 0).toBe(true);
    }
  });
});
