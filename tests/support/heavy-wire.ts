import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback wire that keeps a crawler busy: many long pages to extract, and a feed that never answers. */
export interface HeavyWire {
  /** Config `sources` for the wire (loopback hosts, so private network allowed). */
  sources: { name: string; url: string; allowPrivateNetwork: boolean }[];
  /** Requests served so far. */
  served(): number;
  close(): Promise<void>;
}

const PARAGRAPH = (i: number): string =>
  `<p>Officials in the northern province said on Tuesday that reconstruction of bridge number ${i} would need ${i * 3} more weeks, as engineers replace corroded supports and traffic is routed through the old market road.</p>`;

/**
 * `hosts` agencies on 127.0.4.1…, each with a feed of `items` articles whose pages hold `paragraphs`
 * paragraphs (2,000 ≈ 420 KB, most of a second of extraction each; 1,000 about half), and one more
 * host whose feed hangs (no answer).
 */
export async function startHeavyWire(options: { hosts: number; items: number; paragraphs?: number }): Promise<HeavyWire> {
  const servers: Server[] = [];
  const sources: HeavyWire['sources'] = [];
  let served = 0;
  const body = Array.from({ length: options.paragraphs ?? 2000 }, (_, i) => PARAGRAPH(i)).join('');
  for (let h = 1; h <= options.hosts + 1; h++) {
    const hangs = h === options.hosts + 1;
    const server = createServer((req, res) => {
      served++;
      const path = req.url ?? '/';
      if (hangs) return; // never answers
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if (path === '/feed.xml') {
        const items = Array.from({ length: options.items }, (_, i) => `<item><title>Bridge works ${h}-${i}</title><link>/a/${i}</link><guid>a-${h}-${i}</guid><pubDate>Tue, 0${(i % 9) + 1} Mar 2017 10:00:00 GMT</pubDate></item>`).join('');
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Agency ${h}</title><link>/</link>${items}</channel></rss>`);
      }
      const i = Number(path.split('/').pop());
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>Bridge works ${h}-${i}</title></head><body><article><h1>Bridge works ${h}-${i}, agency ${h}</h1><p>Report ${h}-${i}.</p>${body}</article></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, `127.0.4.${h}`, resolve));
    servers.push(server);
    sources.push({ name: hangs ? 'Hanging' : `Agency ${h}`, url: `http://127.0.4.${h}:${(server.address() as AddressInfo).port}/feed.xml`, allowPrivateNetwork: true });
  }
  return {
    sources,
    served: () => served,
    async close() {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
