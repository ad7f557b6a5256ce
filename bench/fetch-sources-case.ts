/**
 * The sources case of `bench:fetch` (issue 15): a whole crawl through the crawler (ops → pipeline →
 * fetch → SQLite state and output files), not the fetcher alone.
 *
 * 1,000 feeds on 200 loopback hosts (127.0.2.1 … 127.0.2.200, one HTTP server each, every response
 * delayed 25 ms), 5 feeds per host, nothing new in any feed. The config lists the feeds grouped by
 * host (the worst order for a crawler that works in config order), and 5 of them, first in the
 * config and each on its own host, never answer: they hang until the headers timeout. Per-host gap
 * 1 s (the default), per-host concurrency 2, global cap 32 (the defaults).
 *
 * Lower bound: each host's 5 feed requests start ≥ 1 s apart, so its last one starts ≥ 4 s after its
 * first and then takes 25 ms. The hanging feeds give up after 3 s, inside that bound, so the whole
 * run can end at the bound; the time at which the last healthy source was done is printed apart.
 * Target: wall ≤ 1.2 × bound. Start-up (opening the crawler) is reported apart.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/index.js';
import { silentLogger } from '../src/log/index.js';
import { openCrawler } from '../src/ops/index.js';

/** Shape of the case. */
export interface SourcesCaseOptions {
  hosts: number;
  feedsPerHost: number;
  hanging: number;
  gapMs: number;
  delayMs: number;
  hangTimeoutMs: number;
}

/** What the case measured. */
export interface SourcesCaseResult {
  ok: boolean;
  lines: string[];
}

export const SOURCES_CASE: SourcesCaseOptions = { hosts: 200, feedsPerHost: 5, hanging: 5, gapMs: 1000, delayMs: 25, hangTimeoutMs: 3000 };
const TARGET_RATIO = 1.2;

const hostOf = (h: number): string => `127.0.2.${h + 1}`;
/** Hanging feed i lives on host i × (hosts / hanging), first of that host's feeds. */
const isHanging = (o: SourcesCaseOptions, host: number, feed: number): boolean => feed === 0 && host % Math.floor(o.hosts / o.hanging) === 0 && host / Math.floor(o.hosts / o.hanging) < o.hanging;

/** Child process side: one server per loopback host; hanging feeds never answer. */
export async function serveSources(o: SourcesCaseOptions, send: (message: object) => void): Promise<void> {
  const ports: Record<string, number> = {};
  const empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet wire</title><link>http://wire.example/</link></channel></rss>';
  for (let h = 0; h < o.hosts; h++) {
    const server = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/hang/')) return; // never answers: the client's timeout ends it
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(empty), o.delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, hostOf(h), resolve));
    ports[hostOf(h)] = (server.address() as AddressInfo).port;
  }
  send({ type: 'ready-sources', ports });
}

/** Parent side: one `run` of the crawler over every feed. */
export async function runSourcesCase(o: SourcesCaseOptions, ports: Record<string, number>): Promise<SourcesCaseResult> {
  const sources: object[] = [];
  const hanging = new Set<string>();
  // Hanging feeds first, then every host's feeds together: the order that hurts a config-order crawler most.
  for (const pass of ['hanging', 'healthy'] as const) {
    for (let h = 0; h < o.hosts; h++) {
      for (let f = 0; f < o.feedsPerHost; f++) {
        const hangs = isHanging(o, h, f);
        if ((pass === 'hanging') !== hangs) continue;
        const name = `feed ${h}-${f}`;
        if (hangs) hanging.add(name);
        sources.push({ name, url: `http://${hostOf(h)}:${ports[hostOf(h)]}/${hangs ? 'hang' : 'feed'}/${f}.xml`, allowPrivateNetwork: true });
      }
    }
  }
  const config = parseConfig(
    { sources, fetch: { minHostGapMs: o.gapMs, headersTimeoutMs: o.hangTimeoutMs, maxRetries: 0 }, extract: { workers: 0 } },
    null,
  );
  const out = await mkdtemp(join(tmpdir(), 'wiredesk-bench-sources-'));
  try {
    const openedAt = performance.now();
    const warmUpMs = await warmUp();
    const crawler = await openCrawler(config, { outDir: out, logger: silentLogger });
    const startupMs = performance.now() - openedAt;
    const started = performance.now();
    let healthyDoneMs = 0;
    const cpuBefore = process.cpuUsage();
    const report = await crawler.run({
      onProgress: (event) => {
        if (event.type === 'source-done' && !hanging.has(event.source)) healthyDoneMs = performance.now() - started;
      },
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await crawler.close();
    const failed = report.sources.filter((s) => s.status === 'failed');
    const wrongFailures = failed.filter((s) => !hanging.has(s.name) || s.error?.code !== 'FETCH_TIMEOUT');
    const boundMs = (o.feedsPerHost - 1) * o.gapMs + o.delayMs;
    const ratio = wallMs / boundMs;
    const ok = ratio <= TARGET_RATIO && wrongFailures.length === 0 && failed.length === hanging.size;
    return {
      ok,
      lines: [
        `fetch-bench (sources): ${sources.length} feeds on ${o.hosts} loopback hosts, listed grouped by host, ${hanging.size} hanging (first in the config) until the ${o.hangTimeoutMs} ms headers timeout; nothing new in any feed; per-host gap ${o.gapMs} ms, response delay ${o.delayMs} ms, defaults otherwise`,
        `  start-up                ${startupMs.toFixed(0)} ms (not in the wall time; of it ${warmUpMs.toFixed(0)} ms a one-feed run that loads the modules a crawl loads on first use)`,
        `  wall time (run)         ${(wallMs / 1000).toFixed(2)} s; last healthy source done at ${(healthyDoneMs / 1000).toFixed(2)} s`,
        `  lower bound             ${(boundMs / 1000).toFixed(2)} s = (${o.feedsPerHost} feeds per host − 1) × ${o.gapMs} ms gap + ${o.delayMs} ms for the last response`,
        `  wall / bound            ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO}); healthy done / bound ${(healthyDoneMs / boundMs).toFixed(3)}`,
        `  CPU                     ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${(((cpu.user + cpu.system) / 1e3 / sources.length)).toFixed(2)} ms per source)`,
        `  sources failed          ${failed.length} (${wrongFailures.length === 0 ? 'only the hanging ones, FETCH_TIMEOUT' : `unexpected: ${wrongFailures.map((s) => `${s.name} ${s.error?.code}`).join(', ')}`})`,
        `  load average            ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
      ],
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * Start-up the way the CLI pays it, kept out of the timed run: the crawler loads its fetcher, feed reader and
 * pipeline on first use (so commands that need none start fast), and under tsx that first use compiles them,
 * 0.3-1 s on this machine, which would shift every host's first request and count as politeness overhead. One
 * throwaway crawl of one feed on a host of its own (127.0.3.1, not one of the case's) loads them first.
 */
async function warmUp(): Promise<number> {
  const started = performance.now();
  const empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Warm-up</title><link>http://wire.example/</link></channel></rss>';
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(empty));
  await new Promise<void>((resolve) => server.listen(0, '127.0.3.1', resolve));
  const out = await mkdtemp(join(tmpdir(), 'wiredesk-bench-warmup-'));
  try {
    const port = (server.address() as AddressInfo).port;
    const config = parseConfig({ sources: [{ name: 'warm-up', url: `http://127.0.3.1:${port}/feed.xml`, allowPrivateNetwork: true }], extract: { workers: 0 } }, null);
    const crawler = await openCrawler(config, { outDir: out, logger: silentLogger });
    await crawler.run();
    await crawler.close();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(out, { recursive: true, force: true });
  }
  return performance.now() - started;
}
