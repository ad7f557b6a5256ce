import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/feeds');

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('wiredesk feed', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    const arabic = readFileSync(join(FIXTURES, 'windows-1256-arabic/feed.xml'));
    server = createServer((req, res) => {
      if (req.url === '/arabic.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(arabic);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>home</body></html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('prints one JSON document for a file, with --base resolving relative links', async () => {
    const result = await runCli(['feed', join(FIXTURES, 'persian-windows-1256/feed.xml'), '--base', 'https://mirror.example.ir/rss', '--content-type', 'text/xml; charset=windows-1256']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.out) as { feed: Record<string, unknown>; items: Array<{ url: string; title: string }>; warnings: unknown[] };
    expect(doc.feed).toMatchObject({ format: 'rss2.0', encoding: 'windows-1256', title: 'خبرگزاري آزمايشي', language: 'fa' });
    // The feed's own <link> wins over --base for relative item links.
    expect(doc.items[0]?.url).toBe('https://khabar.example.ir/fa/news/2001');
    expect(doc.warnings).toEqual([]);
  });

  it('fetches a URL and decodes by the XML declaration when the server sends no charset', async () => {
    const result = await runCli(['feed', `${origin}/arabic.xml`, '--allow-private']);
    expect(result.err).toBe('');
    const doc = JSON.parse(result.out) as { feed: { encoding: string }; items: Array<{ title: string }> };
    expect(doc.feed.encoding).toBe('windows-1256');
    expect(doc.items.map((i) => i.title)).toContain('الرئيس يفتتح المؤتمر الاقتصادي في القاهرة');
  });

  it('names the advertised feed of an HTML page and exits 1', async () => {
    const result = await runCli(['feed', `${origin}/`, '--allow-private']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('FEED_NOT_A_FEED');
    expect(result.err).toContain(`${origin}/atom.xml`);
  });

  it('exits 1 with a message for a missing file', async () => {
    const result = await runCli(['feed', join(FIXTURES, 'no-such-case/feed.xml')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('cannot read');
  });
});
