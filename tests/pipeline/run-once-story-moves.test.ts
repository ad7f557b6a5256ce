import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { StoryDoc } from '../../src/fingerprint/index.js';
import type { ArticleRecord, RunReport, StoryRecord } from '../../src/types/index.js';
import { fixtureDoc } from '../fingerprint/helpers.js';
import { crawlOnce as crawl } from '../support/crawl.js';

// Two quakes of one day. The first report of the second quake is filed with the first (nothing
// better is known when it arrives); the next run brings a report of its own event, and the two
// leave together: the file written by the first run is rewritten by the second.

const QUAKES = ['quake-a-1', 'quake-a-2', 'quake-b-1', 'quake-b-2'].map((n) => fixtureDoc('same-kind-events', n));

function page(doc: StoryDoc): string {
  const body = doc.text.split(/\n+/).map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>${doc.title}</title></head><body><article><h1>${doc.title}</h1>${body}</article></body></html>`;
}

function rss(base: string, docs: StoryDoc[]): string {
  const items = docs
    .map((d) => `<item><title>${d.title}</title><link>${base}/${d.id}</link><guid>${base}/${d.id}</guid><pubDate>${new Date(d.publishedAt as string).toUTCString()}</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Quake Wire</title><link>${base}/</link>${items}</channel></rss>`;
}

describe('runOnce: a later run splits a story an earlier run wrote', () => {
  let server: Server;
  let base: string;
  let out: string;
  let listed = 3;
  const reports: RunReport[] = [];
  let afterFirst = { a1: '', b1: '' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const doc = QUAKES.find((d) => req.url === `/${d.id}`);
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(base, QUAKES.slice(0, listed)));
      if (doc !== undefined) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(doc));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-moves-'));
    const config = parseConfig({ sources: [{ name: 'Quake Wire', url: `${base}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0 } }, null);
    reports.push(await crawl(config, out));
    afterFirst = { a1: (await article('quake-a-agency-1')).story.id, b1: (await article('quake-b-agency-1')).story.id };
    listed = 4;
    reports.push(await crawl(config, out));
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  /** The article record crawled from a fixture's page (article ids are the crawler's own). */
  const article = async (fixtureId: string): Promise<ArticleRecord> => {
    const files = (await readdir(join(out, 'articles'), { recursive: true })).filter((f) => f.endsWith('.json'));
    const records = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(out, 'articles', f), 'utf8')) as ArticleRecord));
    return records.find((r) => r.url === `${base}/${fixtureId}`) as ArticleRecord;
  };
  const story = async (id: string): Promise<string[] | undefined> => {
    const record = JSON.parse(await readFile(join(out, 'stories', `${id}.json`), 'utf8')) as StoryRecord;
    const byId = new Map<string, string>();
    for (const d of QUAKES) byId.set((await article(d.id))?.id, d.id);
    return record?.members.map((m) => byId.get(m) ?? m).sort();
  };

  it('files the second quake’s first report with the first quake in the first run', async () => {
    expect(reports[0]?.totals.articlesWritten).toBe(3);
    expect(afterFirst.b1).toBe(afterFirst.a1);
  });

  it('moves it in the second run: its file is rewritten and listed in that run’s written articles', async () => {
    const first = (await article('quake-a-agency-1')).story.id;
    const second = (await article('quake-b-agency-2')).story.id;
    expect(second).not.toBe(first);
    expect((await article('quake-b-agency-1')).story.id).toBe(second);
    expect(await story(first)).toEqual(['quake-a-agency-1', 'quake-a-agency-2']);
    expect(await story(second)).toEqual(['quake-b-agency-1', 'quake-b-agency-2']);
    const written = await Promise.all((reports[1]?.written.articles ?? []).map(async (p) => (JSON.parse(await readFile(join(out, p), 'utf8')) as ArticleRecord).url));
    expect(written.sort()).toEqual([`${base}/quake-b-agency-1`, `${base}/quake-b-agency-2`]);
    expect(reports[1]?.written.stories.length).toBe(2);
  });
});
