import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { WiredeskError } from '../../src/errors/index.js';

function expectConfigError(json: unknown, field: string): void {
  try {
    parseConfig(json, '/etc/wiredesk.json');
  } catch (error) {
    expect(error).toBeInstanceOf(WiredeskError);
    const e = error as WiredeskError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('/etc/wiredesk.json');
    expect(e.message).toContain(field);
    return;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

describe('parseConfig', () => {
  it('applies defaults and keeps private networks refused unless a source opts in', () => {
    const config = parseConfig({ sources: [{ name: 'A', url: 'https://a.example/feed' }] }, '/etc/wiredesk.json');
    expect(config.sources[0]?.allowPrivateNetwork).toBe(false);
    expect(config.sources[0]?.obeyRobots).toBe(true);
    expect(config.fetch.perHostConcurrency).toBe(2);
    expect(config.fetch.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(config.stories.windowHours).toBe(72);
    expect(config.stories.aliasesFile).toBe('/etc/aliases.json');
  });

  it('reads a source kind (feed by default) and the sitemap section with its defaults', () => {
    const config = parseConfig(
      { sources: [{ name: 'A', url: 'https://a.example/feed' }, { name: 'B', url: 'https://b.example/sitemap-news.xml', kind: 'news-sitemap' }], sitemap: { maxAgeHours: 24 } },
      '/etc/wiredesk.json',
    );
    expect(config.sources.map((s) => s.kind)).toEqual(['feed', 'news-sitemap']);
    expect(config.sitemap).toEqual({ maxAgeHours: 24, maxSitemapsPerRun: 10, maxBytes: 50 * 1024 * 1024, maxUrls: 50_000 });
  });

  it('names a bad source kind and a bad sitemap bound', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/s.xml', kind: 'sitemap' }] }, 'sources[0].kind');
    expectConfigError({ sources: [], sitemap: { maxAgeHours: 0 } }, 'sitemap.maxAgeHours');
    expectConfigError({ sources: [], sitemap: { maxSitemapsPerRun: 2.5 } }, 'sitemap.maxSitemapsPerRun');
    expectConfigError({ sources: [], sitemap: { maxUrls: 'all' } }, 'sitemap.maxUrls');
    expectConfigError({ sources: [], sitemap: { maxChildren: 3 } }, 'sitemap.maxChildren');
  });

  it('names an unknown field', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/feed', allowPrivateNetwrk: true }] }, 'sources[0].allowPrivateNetwrk');
  });

  it('names a field of the wrong type', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/feed', allowPrivateNetwork: 'yes' }] }, 'sources[0].allowPrivateNetwork');
    expectConfigError({ sources: [], fetch: { minHostGapMs: 'slow' } }, 'fetch.minHostGapMs');
  });

  it('rejects a feed URL that is not absolute http(s)', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'ftp://a.example/feed' }] }, 'sources[0].url');
  });

  it('rejects duplicate source URLs and a missing sources list', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/f' }, { name: 'B', url: 'https://a.example/f' }] }, 'sources[1].url');
    expectConfigError({}, 'sources');
  });

  it('rejects an invalid per-site line pattern', () => {
    expectConfigError({ sources: [], extract: { sites: { 'a.example': { dropLinePatterns: ['(unclosed'] } } } }, 'extract.sites.a.example.dropLinePatterns[0]');
  });
});
