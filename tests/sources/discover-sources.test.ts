import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { DEFAULT_SITEMAP } from '../../src/config/index.js';
import { startDemoWire } from '../../src/demo/index.js';
import { discoverSources, sitemapsFromRobots } from '../../src/sources/index.js';
import { useFetchHarness } from '../fetch/support/fetch-harness.js';

const harness = useFetchHarness();
const NEWS = (origin: string): string =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${origin}/a</loc><news:news><news:publication><news:name>Site News</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-03-05T10:00:00Z</news:publication_date><news:title>A</news:title></news:news></url></urlset>`;

describe('discoverSources', () => {
  it("lists the page's advertised feeds and the news sitemaps robots.txt names, and says what failed", async () => {
    const server = await harness.server('127.0.0.3', (req, res) => {
      const origin = `http://127.0.0.3:${(req.socket.localPort ?? 0).toString()}`;
      const send = (type: string, body: string | Buffer): void => void res.writeHead(200, { 'content-type': type }).end(body);
      switch (req.url) {
        case '/':
          return send(
            'text/html',
            '<html><head><link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml"><link rel="alternate" type="application/atom+xml" href="/atom.xml"><link rel="stylesheet" href="/s.css"></head><body>home</body></html>',
          );
        case '/robots.txt':
          return send('text/plain', 'User-agent: *\nDisallow: /search\n\nSitemap: /news.xml\nsitemap: /pages.xml # all pages\nSitemap: /index.xml\nSitemap: /gone.xml\n');
        case '/news.xml':
          return send('application/xml', NEWS(origin));
        case '/pages.xml':
          return send('application/xml', `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/about</loc></url></urlset>`);
        case '/index.xml':
          return send('application/xml', `<sitemapindex><sitemap><loc>${origin}/old.xml</loc><lastmod>2020-01-01</lastmod></sitemap><sitemap><loc>${origin}/today.xml.gz</loc><lastmod>2024-03-05</lastmod></sitemap></sitemapindex>`);
        case '/today.xml.gz':
          return send('application/x-gzip', gzipSync(NEWS(origin)));
        default:
          res.writeHead(404).end();
      }
    });
    const result = await discoverSources(`${server.origin}/`, { fetcher: harness.fetcher(), sitemap: DEFAULT_SITEMAP, now: new Date('2024-03-06T00:00:00Z'), allowPrivateNetwork: true });
    expect(result.sources.map((s) => [s.kind, s.url.replace(server.origin, ''), s.via, s.title])).toEqual([
      ['feed', '/rss.xml', 'link-alternate', 'All news'],
      ['feed', '/atom.xml', 'link-alternate', null],
      ['news-sitemap', '/news.xml', 'robots.txt', 'Site News'],
      ['news-sitemap', '/index.xml', 'robots.txt', null],
    ]);
    expect(result.otherSitemaps).toEqual([`${server.origin}/pages.xml`]);
    expect(result.problems.map((p) => [p.documentUrl.replace(server.origin, ''), p.code, p.status])).toEqual([['/gone.xml', 'HTTP_STATUS', 404]]);
    // The index's newest child was looked into; the one from 2020 was not.
    expect(server.requests.map((r) => r.path)).not.toContain('/old.xml');
  });

  it('reads Sitemap: lines case-insensitively, outside user-agent groups, made absolute, once each', () => {
    const text = 'sitemap: /a.xml\nUser-agent: x\nSITEMAP:https://cdn.example/b.xml.gz\n# Sitemap: /commented.xml\nSitemap: /a.xml\nSitemap: javascript:alert(1)\n';
    expect(sitemapsFromRobots(text, 'https://site.example/robots.txt')).toEqual(['https://site.example/a.xml', 'https://cdn.example/b.xml.gz']);
  });
});

describe('wiredesk discover', () => {
  it('finds the demo agency that publishes a news sitemap beside its feed, and prints config entries', async () => {
    const wire = await startDemoWire();
    try {
      let out = '';
      const code = await main(['discover', wire.urlFor('meridian'), '--allow-private'], { out: (t) => void (out += t), err: () => {} });
      expect(code).toBe(0);
      expect(out).toContain(`feed          ${wire.urlFor('meridian/rss/topnews.xml')}`);
      expect(out).toContain(`news-sitemap  ${wire.urlFor('meridian/sitemap-news.xml')}`);
      expect(out).toContain(`{"name":"Meridian Press International (news sitemap)","url":"${wire.urlFor('meridian/sitemap-news.xml')}","kind":"news-sitemap","allowPrivateNetwork":true},`);
      let json = '';
      expect(await main(['discover', wire.urlFor('rasa'), '--allow-private', '--json'], { out: (t) => void (json += t), err: () => {} })).toBe(0);
      expect((JSON.parse(json) as { sources: Array<{ kind: string }> }).sources.map((s) => s.kind)).toEqual(['feed']);
    } finally {
      await wire.close();
    }
  });
});
