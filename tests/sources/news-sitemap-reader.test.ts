import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITEMAP, parseConfig, type SitemapConfig } from '../../src/config/index.js';
import type { Fetcher, Validators } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { newsSitemapReader, type SourceRead } from '../../src/sources/index.js';
import { useFetchHarness } from '../fetch/support/fetch-harness.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sitemaps');
const NOW = new Date('2024-03-06T00:00:00Z');
const harness = useFetchHarness();

/** A file served with an ETag (304 on a match); `agency.example` in it becomes the server's origin. */
interface Served {
  type: string;
  body: Buffer;
}

function fixtureFiles(origin: string): Map<string, Served> {
  const dir = join(FIXTURES, 'sitemap-index-gzip-children');
  const live = (text: string): string => text.replaceAll('https://agency.example', origin);
  const files = new Map<string, Served>([['/sitemaps/index.xml', { type: 'application/xml', body: Buffer.from(live(readFileSync(join(dir, 'sitemap.xml'), 'utf8'))) }]]);
  for (const day of ['2024-03-05', '2024-03-04', '2024-02-01']) {
    const xml = live(gunzipSync(readFileSync(join(dir, 'children', `news-${day}.xml.gz`))).toString('utf8'));
    // Served as a file download, without Content-Encoding, as most sites serve .xml.gz.
    files.set(`/sitemaps/news-${day}.xml.gz`, { type: 'application/x-gzip', body: gzipSync(xml) });
  }
  files.set('/sitemaps/sections.xml', { type: 'text/xml', body: Buffer.from(live(readFileSync(join(dir, 'children', 'sections.xml'), 'utf8'))) });
  return files;
}

function serve(files: Map<string, Served>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const file = files.get(req.url ?? '');
    if (file === undefined) return void res.writeHead(404).end('no');
    const etag = `"${createHash('sha1').update(file.body).digest('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': file.type, etag }).end(file.body);
  };
}

async function read(fetcher: Fetcher, url: string, validators: Record<string, Validators> = {}, sitemap: Partial<SitemapConfig> = {}): Promise<SourceRead> {
  const source = parseConfig({ sources: [{ name: 'Agency', url, kind: 'news-sitemap', allowPrivateNetwork: true }] }, null).sources[0]!;
  return newsSitemapReader.read({
    source,
    fetcher,
    sitemap: { ...DEFAULT_SITEMAP, ...sitemap },
    now: NOW,
    logger: silentLogger,
    validatorsFor: (u) => validators[u] ?? null,
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });
}

const paths = (requests: Array<{ path: string }>): string[] => requests.map((r) => r.path).filter((p) => p !== '/robots.txt');

describe('news sitemap reader', () => {
  it('follows an index to its recent gzip children only, newest first, and maps their news fields', async () => {
    let files = new Map<string, Served>();
    const server = await harness.server('127.0.0.2', (req, res) => serve(files)(req, res));
    files = fixtureFiles(server.origin);
    const result = await read(harness.fetcher(), `${server.origin}/sitemaps/index.xml`);
    expect(result.error).toBeNull();
    // The child last modified in February is older than 48 h and is never fetched.
    expect(paths(server.requests)).toEqual(['/sitemaps/index.xml', '/sitemaps/news-2024-03-05.xml.gz', '/sitemaps/news-2024-03-04.xml.gz', '/sitemaps/sections.xml']);
    expect(result.items.map((i) => i.url)).toEqual([
      `${server.origin}/news/2024-03-05/story-8`,
      `${server.origin}/news/2024-03-05/story-14`,
      `${server.origin}/news/2024-03-05/story-20`,
      `${server.origin}/news/2024-03-04/story-9`,
      `${server.origin}/news/2024-03-04/story-21`,
      `${server.origin}/sections/world`,
    ]);
    expect(result.items[0]).toMatchObject({ title: 'Story 8 of 2024-03-05', publishedAt: '2024-03-05T08:00:00.000Z', language: 'en' });
    expect(result.warnings.map((w) => w.code)).toContain('SITEMAP_OLD_CHILDREN');
    expect(Object.keys(result.documents ?? {})).toHaveLength(3);
  });

  it('sends every document its own conditional GET: unchanged children cost a 304 and give no items', async () => {
    let files = new Map<string, Served>();
    const server = await harness.server('127.0.0.2', (req, res) => serve(files)(req, res));
    files = fixtureFiles(server.origin);
    const url = `${server.origin}/sitemaps/index.xml`;
    const first = await read(harness.fetcher(), url);
    const stored = { [url]: first.validators!, ...first.documents };
    expect((await read(harness.fetcher(), url, stored)).notModified).toBe(true);

    // The index changes (a new lastmod) and one child gains an entry; the others answer 304.
    const index = files.get('/sitemaps/index.xml')!;
    files.set('/sitemaps/index.xml', { ...index, body: Buffer.from(index.body.toString().replace('2024-03-05T23:00:00Z', '2024-03-05T23:30:00Z')) });
    const child = gunzipSync(files.get('/sitemaps/news-2024-03-05.xml.gz')!.body).toString();
    const added = child.replace('</urlset>', `<url><loc>${server.origin}/news/2024-03-05/story-23</loc><news:news><news:publication><news:name>A</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-03-05T23:00:00Z</news:publication_date><news:title>Late story</news:title></news:news></url></urlset>`);
    files.set('/sitemaps/news-2024-03-05.xml.gz', { type: 'application/x-gzip', body: gzipSync(added) });
    const before = server.requests.length;
    const third = await read(harness.fetcher(), url, stored);
    const statuses = server.requests.slice(before).map((r) => `${r.path} ${r.headers['if-none-match'] === undefined ? 'plain' : 'conditional'}`);
    expect(statuses.filter((s) => !s.startsWith('/robots.txt'))).toEqual([
      '/sitemaps/index.xml conditional',
      '/sitemaps/news-2024-03-05.xml.gz conditional',
      '/sitemaps/news-2024-03-04.xml.gz conditional',
      '/sitemaps/sections.xml conditional',
    ]);
    expect(third.items.map((i) => i.title)).toEqual(['Story 8 of 2024-03-05', 'Story 14 of 2024-03-05', 'Story 20 of 2024-03-05', 'Late story']);
  });

  it('reads at most sitemap.maxSitemapsPerRun children, the newest', async () => {
    let files = new Map<string, Served>();
    const server = await harness.server('127.0.0.2', (req, res) => serve(files)(req, res));
    files = fixtureFiles(server.origin);
    const result = await read(harness.fetcher(), `${server.origin}/sitemaps/index.xml`, {}, { maxSitemapsPerRun: 1 });
    expect(paths(server.requests)).toEqual(['/sitemaps/index.xml', '/sitemaps/news-2024-03-05.xml.gz']);
    expect(result.items).toHaveLength(3);
    expect(result.warnings.map((w) => w.code)).toContain('SITEMAP_CHILDREN_BOUNDED');
  });

  it('records a failing child and reads the others; a retryable failure makes the next index fetch unconditional', async () => {
    let files = new Map<string, Served>();
    const server = await harness.server('127.0.0.2', (req, res) => {
      if (req.url === '/sitemaps/news-2024-03-04.xml.gz') return void res.writeHead(503).end('busy');
      serve(files)(req, res);
    });
    files = fixtureFiles(server.origin);
    const result = await read(harness.fetcher({ maxRetries: 0 }), `${server.origin}/sitemaps/index.xml`);
    expect(result.error).toBeNull();
    expect(result.documentFailures.map((f) => [f.url.replace(server.origin, ''), f.error.code, f.error.retryable])).toEqual([['/sitemaps/news-2024-03-04.xml.gz', 'HTTP_STATUS', true]]);
    expect(result.items).toHaveLength(4);
    expect(result.validators).toEqual({ etag: null, lastModified: null });
  });

  it('stops a gzip bomb at sitemap.maxBytes with SITEMAP_TOO_LARGE', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const server = await harness.server('127.0.0.2', (_req, res) => void res.writeHead(200, { 'content-type': 'application/gzip' }).end(bomb));
    const result = await read(harness.fetcher(), `${server.origin}/sitemap.xml.gz`, {}, { maxBytes: 1024 * 1024 });
    expect(result.error).toMatchObject({ code: 'SITEMAP_TOO_LARGE', details: { reason: 'bytes' } });
    expect(result.http.status).toBe(200);
  });

  it('fails an HTML page served instead with SITEMAP_NOT_A_SITEMAP and keeps no validators', async () => {
    const html = readFileSync(join(FIXTURES, 'html-served-instead', 'sitemap.xml'));
    const server = await harness.server('127.0.0.2', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', etag: '"p"' }).end(html));
    const result = await read(harness.fetcher(), `${server.origin}/sitemap-news.xml`);
    expect(result.error).toMatchObject({ code: 'SITEMAP_NOT_A_SITEMAP', retryable: false });
    expect(result.validators).toEqual({ etag: null, lastModified: null });
  });

  it('reads a sitemap with a BOM served as text/plain with a wrong charset', async () => {
    const bytes = readFileSync(join(FIXTURES, 'bom-and-wrong-content-type', 'sitemap.xml'));
    const server = await harness.server('127.0.0.2', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(bytes));
    const result = await read(harness.fetcher(), `${server.origin}/sitemap.xml`, {}, { maxAgeHours: 24 * 365 * 100 });
    expect(result.items.map((i) => i.title)).toEqual(['Zürich – München: Bahnstrecke wieder frei']);
    expect(result.http.encoding).toBe('utf-8');
  });
});
