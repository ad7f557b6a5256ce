import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { ArticleRecord } from '../../src/types/index.js';
import { crawlOnce } from '../support/crawl.js';

const PARAGRAPH = 'The port authority said on Thursday that the new container terminal would open in the spring after dredging of the channel was completed ahead of schedule. ';
const CYRILLIC = 'Правительство объявило о новых мерах поддержки';

interface Seen {
  host: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Issue 18's acceptance: one crawl of 20 good feeds beside every hostile input of the issue, each
 * written by us. Every bad source fails alone with its typed code or is handled as the issue says,
 * no secret reaches another origin, robots.txt holds against percent-encoding, and the good feeds
 * are all crawled.
 */
describe('a crawl of 20 good feeds among hostile ones', () => {
  const servers: Server[] = [];
  const seen: Seen[] = [];
  const origin: Record<string, string> = {};
  let out: string;
  let report: Awaited<ReturnType<typeof crawlOnce>>;

  const page = (title: string, extra = ''): string =>
    `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${Array.from({ length: 5 }, (_, i) => `<p>${PARAGRAPH}${extra} Part ${i}.</p>`).join('')}</article></body></html>`;
  const rss = (title: string, items: { title: string; link: string; description?: string }[]): string =>
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title>${items
      .map((i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.description ? `<description>${i.description}</description>` : ''}<pubDate>Thu, 03 Dec 2026 08:00:00 GMT</pubDate></item>`)
      .join('')}</channel></rss>`;

  async function host(name: string, address: string, handle: (url: string) => { type: string; body: string | Buffer } | null): Promise<void> {
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      seen.push({ host: name, url, headers: req.headers });
      const answer = url === '/robots.txt' && name !== 'robots' ? null : handle(url);
      if (answer === null) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, address, () => resolve()));
    servers.push(server);
    origin[name] = `http://${address}:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    await host('good', '127.0.0.2', (url) => {
      const feed = /^\/good-(\d+)\.xml$/.exec(url);
      if (feed !== null) return { type: 'application/rss+xml', body: rss(`Good ${feed[1]}`, [{ title: `Terminal report ${feed[1]}`, link: `${origin['good']}/news/${feed[1]}` }]) };
      if (url === '/shared.xml') return { type: 'application/rss+xml', body: rss('Shared A', [{ title: 'Shared wire report', link: `${origin['good']}/news/shared` }]) };
      if (url.startsWith('/news/')) return { type: 'text/html; charset=utf-8', body: page(`Port news ${url.slice(6)}`, `Report ${url}.`) };
      return null;
    });
    await host('other', '127.0.0.10', (url) =>
      url === '/shared.xml' ? { type: 'application/rss+xml', body: rss('Shared B', [{ title: 'Shared wire report', link: `${origin['good']}/news/shared` }]) } : null,
    );
    await host('deep', '127.0.0.3', (url) => {
      // 800,000 open tags: quadratic in the old tree builder (391 CPU-s).
      if (url === '/deep.xml') return { type: 'application/rss+xml', body: `<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title>${'<a>'.repeat(800_000)}</channel></rss>` };
      // Fuzz-found: entries that each scanned the whole feed for authors, and end tags that close nothing.
      if (url === '/entries.xml') {
        const entries = Array.from({ length: 20_000 }, (_, i) => `<entry><id>urn:e${i}</id><title>e${i}</title></entry>`).join('');
        return { type: 'application/atom+xml', body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>many</title>${entries}</feed>` };
      }
      if (url === '/stray.xml') return { type: 'application/rss+xml', body: `<rss version="2.0"><channel><title>stray</title>${'</x>'.repeat(500_000)}</channel></rss>` };
      return null;
    });
    await host('secret', '127.0.0.5', (url) => {
      if (url === '/feed.xml') {
        return { type: 'application/rss+xml', body: rss('Secret', [
          { title: 'Own report', link: `${origin['secret']}/news/own` },
          { title: 'Linked report', link: `${origin['elsewhere']}/news/linked` },
        ]) };
      }
      return url.startsWith('/news/') ? { type: 'text/html; charset=utf-8', body: page('Own report') } : null;
    });
    await host('elsewhere', '127.0.0.6', (url) => (url.startsWith('/news/') ? { type: 'text/html; charset=utf-8', body: page('Linked report') } : null));
    await host('robots', '127.0.0.7', (url) => {
      if (url === '/robots.txt') return { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' };
      if (url === '/feed.xml') {
        return { type: 'application/rss+xml', body: rss('Robots', [
          { title: 'Encoded', link: `${origin['robots']}/%70rivate/enc` },
          { title: 'Public', link: `${origin['robots']}/public/ok` },
        ]) };
      }
      return { type: 'text/html; charset=utf-8', body: page(`Robots ${url}`) };
    });
    await host('media', '127.0.0.8', (url) => {
      if (url === '/feed.xml') {
        return { type: 'application/rss+xml', body: rss('Media', [
          { title: 'Annual report as PDF', link: `${origin['media']}/report.pdf`, description: 'The port authority published its annual report, with traffic up by a fifth.' },
          { title: 'Chart of the week', link: `${origin['media']}/chart`, description: 'Container traffic through the channel rose for the third month running.' },
        ]) };
      }
      if (url === '/report.pdf') return { type: 'application/pdf', body: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x82)]) };
      // A PNG served as text/html: its magic bytes say what it is.
      if (url === '/chart') return { type: 'text/html', body: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 0x93)]) };
      return null;
    });
    await host('cyrillic', '127.0.0.9', (url) => {
      if (url === '/feed.xml') {
        const text = rss('Новости', Array.from({ length: 50 }, (_, i) => ({ title: `${CYRILLIC} ${i}`, link: `${origin['cyrillic']}/news/${i}` })));
        const bytes = Buffer.from(text, 'utf8');
        // One invalid byte in the middle of the feed.
        const at = bytes.indexOf(Buffer.from('</title>', 'utf8'), bytes.length >> 1);
        return { type: 'application/rss+xml', body: Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]) };
      }
      return url.startsWith('/news/') ? { type: 'text/html; charset=utf-8', body: page(`${CYRILLIC} ${url.slice(6)}`) } : null;
    });
    out = await mkdtemp(join(tmpdir(), 'wiredesk-hostile-wire-'));

    const sources = [
      ...Array.from({ length: 20 }, (_, i) => ({ name: `Good ${i}`, url: `${origin['good']}/good-${i}.xml` })),
      { name: 'Deep', url: `${origin['deep']}/deep.xml` },
      { name: 'Entries', url: `${origin['deep']}/entries.xml` },
      { name: 'Stray', url: `${origin['deep']}/stray.xml` },
      { name: 'Secret', url: `${origin['secret']}/feed.xml`, headers: { Cookie: 'session=s3cr3t', Authorization: 'Bearer t0ken' }, privateHosts: ['127.0.0.6'] },
      { name: 'Robots', url: `${origin['robots']}/feed.xml` },
      { name: 'Media', url: `${origin['media']}/feed.xml` },
      { name: 'Cyrillic', url: `${origin['cyrillic']}/feed.xml` },
      { name: 'Shared A', url: `${origin['good']}/shared.xml` },
      { name: 'Shared B', url: `${origin['other']}/shared.xml`, privateHosts: ['127.0.0.2'] },
    ].map((s) => ({ allowPrivateNetwork: true, ...s }));
    const config = parseConfig({ sources, fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    report = await crawlOnce(config, out);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    if (out) await rm(out, { recursive: true, force: true });
  });

  const source = (name: string) => report.sources.find((s) => s.name === name);
  const records = async (): Promise<ArticleRecord[]> =>
    Promise.all(report.written.articles.map(async (path) => JSON.parse(await readFile(join(out, path), 'utf8')) as ArticleRecord));

  it('crawls every good feed', () => {
    expect(Array.from({ length: 20 }, (_, i) => [source(`Good ${i}`)?.status, source(`Good ${i}`)?.articlesWritten])).toEqual(Array.from({ length: 20 }, () => ['ok', 1]));
  });

  it('fails the nested feed alone with FEED_MALFORMED and reads the fuzz-found inputs', () => {
    expect(source('Deep')).toMatchObject({ status: 'failed', error: { code: 'FEED_MALFORMED', details: { reason: 'depth' } } });
    expect(source('Entries')?.status).not.toBe('failed');
    expect(source('Entries')?.itemsSeen).toBeGreaterThan(0);
    expect(source('Stray')?.error?.code ?? null).not.toBe('INTERNAL');
  });

  it('sends the source headers to its own origin only', () => {
    const own = seen.filter((s) => s.host === 'secret' && s.url.startsWith('/news/'));
    const linked = seen.filter((s) => s.host === 'elsewhere');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.headers.cookie === 'session=s3cr3t')).toBe(true);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.some((s) => s.headers.cookie !== undefined || s.headers.authorization !== undefined)).toBe(false);
    expect(source('Secret')?.articlesWritten).toBe(2);
  });

  it('never fetches a robots-disallowed path spelled with percent-encoding', () => {
    const paths = seen.filter((s) => s.host === 'robots').map((s) => s.url);
    expect(paths).toContain('/public/ok');
    expect(paths.some((p) => p.toLowerCase().includes('rivate'))).toBe(false);
    expect(source('Robots')?.failures.map((f) => f.code)).toContain('ROBOTS_DISALLOWED');
  });

  it('stores no PDF or image as an article: the feed text stands in', async () => {
    const media = (await records()).filter((r) => r.feed.name === 'Media');
    expect(media.map((r) => r.title).sort()).toEqual(['Annual report as PDF', 'Chart of the week']);
    for (const r of media) {
      expect(r.extraction.method).toMatch(/^feed/);
      expect(r.text).toMatch(/port authority|Container traffic/);
    }
  });

  it('keeps a UTF-8 feed with one bad byte as UTF-8, with a warning', async () => {
    const cyrillic = source('Cyrillic');
    expect(cyrillic?.itemsSeen).toBe(50);
    expect(cyrillic?.warnings.map((w) => w.code)).toContain('ENCODING_INVALID_BYTES');
    const titles = (await records()).filter((r) => r.feed.name === 'Cyrillic').map((r) => r.title);
    expect(titles.length).toBe(50);
    expect(titles.every((t) => t.startsWith(CYRILLIC))).toBe(true);
  });

  it('stores a URL listed by two sources once, with the other source recorded', async () => {
    const shared = (await records()).filter((r) => r.url.endsWith('/news/shared'));
    expect(shared).toHaveLength(1);
    const names = [shared[0]?.feed.name, ...(shared[0]?.feed.alsoIn ?? []).map((f) => f.name)];
    expect(names.sort()).toEqual(['Shared A', 'Shared B']);
  });
});
