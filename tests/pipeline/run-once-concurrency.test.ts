import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { crawlOnce } from '../support/crawl.js';

const EMPTY_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>http://wire.example/</link></channel></rss>';

/** One server per loopback address: `/hang/…` never answers, anything else is an empty feed. */
async function startHost(address: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/hang/')) return;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(EMPTY_FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return { server, origin: `http://${address}:${(server.address() as AddressInfo).port}` };
}

describe('runOnce: no head-of-line blocking', () => {
  const servers: Server[] = [];
  let out: string;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-hol-'));
  });
  afterAll(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await rm(out, { recursive: true, force: true });
  });

  it('crawls healthy sources while more feeds than the old fixed 8 hang, listed first', async () => {
    const slow = await Promise.all(['127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9', '127.0.0.10'].map(startHost));
    const hosts = await Promise.all(['127.0.0.3', '127.0.0.4', '127.0.0.5'].map(startHost));
    servers.push(...slow.map((h) => h.server), ...hosts.map((h) => h.server));
    const sources = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `hanging ${i}`, url: `${slow[i % 5]!.origin}/hang/${i}.xml`, allowPrivateNetwork: true })),
      ...Array.from({ length: 12 }, (_, i) => ({ name: `healthy ${i}`, url: `${hosts[i % 3]!.origin}/feed/${i}.xml`, allowPrivateNetwork: true })),
    ];
    const config = parseConfig({ sources, fetch: { minHostGapMs: 20, headersTimeoutMs: 1_500, maxRetries: 0 } }, null);
    const done: string[] = [];
    const report = await crawlOnce(config, out, { onProgress: (e) => void (e.type === 'source-done' && done.push(e.source)) });
    // Every healthy feed was done before the first hanging one gave up.
    expect(done.slice(0, 12).every((name) => name.startsWith('healthy'))).toBe(true);
    expect(report.sources.filter((s) => s.status === 'failed').map((s) => s.error?.code)).toEqual(Array(10).fill('FETCH_TIMEOUT'));
    // The report lists sources in config order whatever order they finished in.
    expect(report.sources.map((s) => s.name)).toEqual(sources.map((s) => s.name));
  });
});
