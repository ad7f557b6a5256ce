import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WIRE_DIR, demoSourcesConfig, loadDemoExpected, startDemoWire, type DemoExpected, type DemoWire } from '../../src/demo/index.js';
import { buildFixtures } from '../../src/demo/build/build-fixtures.js';

let wire: DemoWire;
let expected: DemoExpected;

beforeAll(async () => {
  wire = await startDemoWire();
  expected = await loadDemoExpected();
});
afterAll(async () => {
  await wire?.close();
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; headers: Headers }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
}

/** Article links of a feed, read with a regex so this test does not depend on src/feeds. */
function feedLinks(xml: string, format: string): string[] {
  const re = format === 'atom1.0' ? /<link[^>]*rel="alternate"[^>]*href="([^"]+)"/g : /<item>[\s\S]*?<link>([^<]+)<\/link>/g;
  const links = [...xml.matchAll(re)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
  // Atom's feed-level alternate link is the home page, not an entry.
  return format === 'atom1.0' ? links.filter((l) => new URL(l).pathname !== '/') : links;
}

function stripQuery(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function articleUrl(key: string): string {
  const a = expected.articles[key];
  if (!a) throw new Error(`no article ${key}`);
  return wire.urlFor(`${a.agency}${a.path}`);
}

describe('demo wire article keys', () => {
  it('maps expected.json keys to live URLs and crawled URLs back to keys', () => {
    for (const key of Object.keys(expected.articles)) {
      const url = wire.articleUrl(key);
      expect(url).toBe(articleUrl(key));
      expect(wire.keyFor(`${url}?utm_source=rss&utm_medium=feed#top`)).toBe(key);
    }
    expect(wire.keyFor(wire.urlFor('rasa'))).toBeNull();
    expect(wire.keyFor('not a url')).toBeNull();
    // Same path on another agency's host is another page.
    const rasaPath = expected.articles['rasa/baghdadi-flees-mosul']?.path ?? '';
    expect(wire.keyFor(wire.urlFor(`gulfwire${rasaPath}`))).toBeNull();
    expect(() => wire.articleUrl('rasa/nope')).toThrow();
  });
});

describe('demo wire server', () => {
  it('gives each agency its own loopback host and a feed with the right Content-Type', async () => {
    const hosts = new Set(wire.sources.map((s) => new URL(s.url).host));
    expect(hosts.size).toBe(expected.sources.length);
    expect(expected.sources.some((s) => s.format === 'atom1.0')).toBe(true);
    for (const source of expected.sources) {
      const url = wire.sources.find((s) => s.name === source.name)?.url ?? '';
      expect(new URL(url).hostname).toBe('127.0.0.1');
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(source.format === 'atom1.0' ? /^application\/atom\+xml/ : /^application\/rss\+xml/);
      expect(res.text).toMatch(source.format === 'atom1.0' ? /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/ : /<rss version="2\.0"/);
    }
  });

  it('links every feed item to a page that exists, and every expected article is in its feed', async () => {
    for (const source of expected.sources) {
      const feed = await get(wire.sources.find((s) => s.name === source.name)?.url ?? '');
      const links = feedLinks(feed.text, source.format);
      const want = Object.entries(expected.articles).filter(([, a]) => a.agency === source.name).map(([k]) => articleUrl(k));
      expect(links.map(stripQuery).sort()).toEqual(want.sort());
      for (const link of links) {
        const page = await get(link);
        expect(page.status, link).toBe(200);
        expect(page.type).toMatch(/^text\/html/);
        // The canonical link is absolute, on the agency's live host, without tracking parameters.
        expect(cheerio.load(page.text)('link[rel=canonical]').attr('href')).toBe(stripQuery(link));
      }
    }
  });

  it('fills every {{BASE}} placeholder with a live URL, including cross-agency links', async () => {
    const meridianPage = await get(articleUrl('meridian/mosul-dam-grouting'));
    expect(meridianPage.text).not.toContain('{{');
    const partners = cheerio.load(meridianPage.text)('.Partners__container a').map((_, el) => el.attribs['href']).get();
    expect(partners.length).toBeGreaterThan(0);
    for (const href of partners) {
      expect(new URL(href).host).not.toBe(new URL(articleUrl('meridian/mosul-dam-grouting')).host);
      expect((await get(href)).status).toBe(200);
    }
  });

  it('serves the images pages reference as PNG', async () => {
    const $ = cheerio.load((await get(articleUrl('rasa/baghdadi-flees-mosul'))).text);
    const srcs = $('img').map((_, el) => el.attribs['src']).get();
    expect(srcs.length).toBeGreaterThanOrEqual(2);
    for (const src of srcs) {
      const res = await fetch(src, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('serves robots.txt that allows every article', async () => {
    for (const source of wire.sources) {
      const res = await get(new URL('/robots.txt', source.url).href);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/^User-agent: \*$/m);
      const disallowed = [...res.text.matchAll(/^Disallow: (\S+)$/gm)].map((m) => m[1] ?? '');
      for (const a of Object.values(expected.articles).filter((x) => x.agency === source.name)) {
        expect(disallowed.some((d) => a.path.startsWith(d))).toBe(false);
      }
    }
  });

  it('answers 404 for unknown paths and path tricks, 405 for other methods', async () => {
    const base = wire.urlFor('rasa');
    expect((await get(`${base}nope`)).status).toBe(404);
    expect((await get(`${base}en/news/428001`)).status).toBe(404);
    expect((await get(`${base}..%2f..%2fexpected.json`)).status).toBe(404);
    expect((await get(`${base}routes.json`)).status).toBe(404);
    expect((await fetch(base, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers conditional requests with 304', async () => {
    const url = wire.sources[0]?.url ?? '';
    const first = await get(url);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(url, { 'If-Modified-Since': first.headers.get('last-modified') ?? '' })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('logs requests and builds a crawlable sources config', () => {
    expect(wire.requests.length).toBeGreaterThan(0);
    const config = demoSourcesConfig(wire);
    expect(config.map((s) => s.url)).toEqual(wire.sources.map((s) => s.url));
    expect(config.every((s) => s.allowPrivateNetwork && s.obeyRobots && s.enabled)).toBe(true);
  });

  it('closes every server even with keep-alive sockets open', async () => {
    const own = await startDemoWire();
    const url = own.sources[0]?.url ?? '';
    expect((await get(url)).status).toBe(200);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('listens on a fixed port range when asked, and fails cleanly when it is taken', async () => {
    const taken = Number(new URL(wire.sources[0]?.url ?? '').port);
    await expect(startDemoWire({ basePort: taken })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('demo wire fixtures', () => {
  it('expected.json groups every article exactly once, duplicates inside their group', () => {
    const keys = Object.keys(expected.articles).sort();
    expect(expected.groups.flat().sort()).toEqual(keys);
    expect(expected.groups.filter((g) => g.length === 1).length).toBeGreaterThanOrEqual(6);
    for (const [copy, original] of Object.entries(expected.duplicates)) {
      expect(expected.groups.find((g) => g.includes(copy))).toContain(original);
    }
  });

  it('puts the seed chrome on the seed page around a clean body', async () => {
    const html = (await get(articleUrl('rasa/baghdadi-flees-mosul'))).text;
    const $ = cheerio.load(html);
    const page = $('body').text();
    for (const chrome of expected.boilerplate) expect(page, chrome).toContain(chrome);
    expect(page).toContain('08 March 2017 - 23:14');
    const body = $('.news-body').text();
    for (const chrome of expected.boilerplate) expect(body).not.toContain(chrome);
    expect($('.news-body p').first().text()).toMatch(/^Rasa - The leader of the Daesh Takfiri/);
  });

  it('carries each article body on its page, captions outside the paragraphs', async () => {
    for (const key of Object.keys(expected.articles)) {
      const a = expected.articles[key];
      const $ = cheerio.load((await get(articleUrl(key))).text);
      const paragraphs = $('p').map((_, el) => $(el).text()).get().join('\n');
      for (const phrase of a?.textIncludes ?? []) expect(paragraphs, `${key}: ${phrase}`).toContain(phrase);
      for (const caption of a?.captions ?? []) expect($('figcaption, .image-caption').text()).toContain(caption);
    }
  });

  it('republishes the syndicated copy verbatim under another headline with a dateline', async () => {
    for (const [copyKey, originalKey] of Object.entries(expected.duplicates)) {
      const copy = cheerio.load((await get(articleUrl(copyKey))).text);
      const original = cheerio.load((await get(articleUrl(originalKey))).text);
      expect(copy('h1').text()).not.toBe(original('h1').text());
      const copyParas = copy('.entry-content > p:not(.syndication-credit)').map((_, el) => copy(el).text()).get();
      const origParas = original('.ArticleBody__content > p').map((_, el) => original(el).text()).get();
      expect(copyParas.length).toBe(origParas.length);
      expect(copyParas[0]).toMatch(/^[A-Z]+ \([A-Za-z]+\) — /);
      expect(copyParas[0]?.replace(/^[A-Z]+ \([A-Za-z]+\) — /, '')).toBe(origParas[0]);
      expect(copyParas.slice(1)).toEqual(origParas.slice(1));
    }
  });

  it('committed sites and expected.json match what the generator builds', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'demo-wire-'));
    try {
      await cp(join(DEMO_WIRE_DIR, 'source'), join(tmp, 'source'), { recursive: true });
      await buildFixtures(tmp);
      const built = await listFiles(join(tmp, 'sites'));
      expect(built).toEqual(await listFiles(join(DEMO_WIRE_DIR, 'sites')));
      for (const file of [...built, '../expected.json']) {
        const [a, b] = await Promise.all([readFile(join(tmp, 'sites', file)), readFile(join(DEMO_WIRE_DIR, 'sites', file))]);
        expect(a.equals(b), `${file} is stale: run npx tsx src/demo/build/build-fixtures.ts`).toBe(true);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}
