import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, sleep, spawnCli, waitFor, type CliProcess } from '../support/cli-process.js';

const PAGE = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${'<p>The port authority said on Monday that the new container terminal would open in the spring, doubling capacity on the northern quay.</p>'.repeat(8)}</article></body></html>`;

/** One loopback host with feeds `/<name>.xml` (one article each), a 404 at `/gone.xml`, and a request count per path. */
async function startWire(): Promise<{ origin: string; hits: Map<string, number>; server: Server }> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const feed = /^\/(\w+)\.xml$/.exec(path);
    if (path === '/robots.txt' || path === '/gone.xml') return void res.writeHead(404).end();
    if (feed) {
      const name = feed[1];
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>/</link><item><title>Terminal opens (${name})</title><link>/page/${name}</link><guid>${name}-1</guid></item></channel></rss>`);
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE(`Terminal opens (${path})`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

/**
 * The daemon as an operator runs it (issue 15): Prometheus metrics and /healthz scraped while it
 * crawls, and SIGHUP reloading the config (added and removed sources, an invalid file refused).
 * (A `* * * * *` cron source's first run within 75 s: tests/acceptance, it waits up to a minute.)
 */
describe.skipIf(!BUILT)('the daemon in operation', () => {
  let wire: Awaited<ReturnType<typeof startWire>>;
  let dir: string;

  beforeAll(async () => {
    wire = await startWire();
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-daemon-'));
  });
  afterAll(async () => {
    wire?.server.closeAllConnections();
    await new Promise((r) => wire?.server.close(r));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const source = (name: string, extra: object = {}) => ({ name, url: `${wire.origin}/${name}.xml`, allowPrivateNetwork: true, intervalMinutes: 0.02, ...extra });
  const writeConfig = (path: string, sources: object[]) =>
    writeFile(path, JSON.stringify({ sources, fetch: { minHostGapMs: 10, maxRetries: 0 }, extract: { workers: 0 }, schedule: { minIntervalMinutes: 0.01, jitterRatio: 0 } }));

  it('serves Prometheus metrics and /healthz while it runs, and reloads its config on SIGHUP', async () => {
    const configPath = join(dir, 'reload.json');
    await writeConfig(configPath, [source('alpha'), source('beta'), { name: 'Gone', url: `${wire.origin}/gone.xml`, allowPrivateNetwork: true }]);
    const daemon = spawnCli(['schedule', '--config', configPath, '--out', join(dir, 'out'), '--log', 'json', '--metrics', '127.0.0.1:0']);
    try {
      const address = await logField(daemon, 'metrics listening', 'metrics_address');
      await waitFor(() => (wire.hits.get('/page/beta') ?? 0) > 0 && (wire.hits.get('/beta.xml') ?? 0) > 1, 30_000, 'beta crawled twice');

      const health = await fetch(`http://${address}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', sources: 3 });

      const scrape = await fetch(`http://${address}/metrics`);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      const metrics = await scrape.text();
      expect(metrics).toMatch(/^wiredesk_source_last_success_timestamp_seconds\{source="alpha"\} \d{10}/m);
      expect(metrics).toMatch(/^wiredesk_articles_written_total\{source="beta"\} 1$/m);
      expect(metrics).toMatch(/^wiredesk_failures_total\{stage="feed",code="HTTP_STATUS"\} [1-9]/m);
      expect(metrics).toMatch(/^wiredesk_fetch_duration_seconds_count\{kind="feed"\} [1-9]/m);
      // The 60 s bucket, not a fast one: with other jobs on both cores a loopback fetch has taken over 100 ms.
      expect(metrics).toMatch(/^wiredesk_fetch_duration_seconds_bucket\{le="60",kind="article"\} [1-9]/m);
      expect(metrics).toMatch(/^wiredesk_queue_depth\{queue="sources_waiting"\} \d+$/m);
      expect(metrics).toMatch(/^wiredesk_queue_depth\{queue="requests_waiting"\} \d+$/m);
      expect(metrics).toMatch(/^process_cpu_seconds_total /m);

      // SIGHUP with gamma added and beta removed: gamma is crawled, beta no more.
      await writeConfig(configPath, [source('alpha'), source('gamma')]);
      daemon.process.kill('SIGHUP');
      await logField(daemon, 'config reloaded', 'sources_added');
      await waitFor(() => (wire.hits.get('/gamma.xml') ?? 0) > 1, 15_000, 'gamma crawled');
      const betaAfterReload = wire.hits.get('/beta.xml') ?? 0;
      const alphaAfterReload = wire.hits.get('/alpha.xml') ?? 0;
      await sleep(3_000);
      expect(wire.hits.get('/beta.xml') ?? 0).toBe(betaAfterReload);
      expect(wire.hits.get('/alpha.xml') ?? 0).toBeGreaterThan(alphaAfterReload);

      // An invalid file is refused; the daemon keeps crawling with the config it has.
      await writeFile(configPath, '{ "sources": [ { "name": "broken", ');
      daemon.process.kill('SIGHUP');
      await logField(daemon, 'config reload refused; the running config is kept', 'error_code');
      const gammaBefore = wire.hits.get('/gamma.xml') ?? 0;
      await waitFor(() => (wire.hits.get('/gamma.xml') ?? 0) > gammaBefore, 15_000, 'gamma still crawled');
      expect((await fetch(`http://${address}/healthz`)).status).toBe(200);
      const after = await (await fetch(`http://${address}/metrics`)).text();
      expect(after).toMatch(/^wiredesk_config_reloads_total\{result="applied"\} 1$/m);
      expect(after).toMatch(/^wiredesk_config_reloads_total\{result="refused"\} 1$/m);
    } finally {
      daemon.process.kill('SIGTERM');
    }
    const stopped = await daemon.exited;
    expect(stopped.code, stopped.stderr.slice(-2000)).toBe(0);
  }, 120_000);
});

/** Waits for the JSON log line with `msg` on the daemon's stderr and returns one of its fields. */
async function logField(daemon: CliProcess, msg: string, field: string): Promise<string> {
  let value: string | null = null;
  await waitFor(
    () => {
      for (const line of daemon.stderr().split('\n')) {
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line) as Record<string, unknown>;
        if (record['msg'] === msg && record[field] !== undefined) value = String(record[field]);
      }
      return value !== null;
    },
    20_000,
    `log line "${msg}"`,
  );
  return value!;
}
