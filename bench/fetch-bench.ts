/**
 * Fetch-layer benchmark (issue 3): fetching only, no parsing or extraction.
 *
 * 200 feeds on 50 loopback hosts (127.0.1.1 … 127.0.1.50, one HTTP server each, every response
 * delayed 25 ms), 20 article URLs per feed, per-host gap 100 ms, per-host concurrency 2. The servers
 * run in a child process so the RSS and CPU printed are the fetcher's own.
 *
 *   npx tsx bench/fetch-bench.ts [--check] [--hosts 50] [--feeds 200] [--articles 20] [--gap-ms 100]
 *                                [--delay-ms 25] [--timeout-s 120]
 *
 * Targets: wall time ≤ 1.2 × the lower bound the per-host gap and concurrency impose; peak RSS ≤ 250 MB.
 *
 * Then the sources case (bench/fetch-sources-case.ts): 1,000 feeds on 200 hosts through the whole
 * crawler, 5 of them hanging until the timeout; wall ≤ 1.2 × the politeness bound of the healthy ones.
 * `--case fetcher` or `--case sources` runs one of the two.
 *
 * `--check` exits 1 when a target is missed (or the run times out).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_FETCH } from '../src/config/defaults.js';
import { createFetcher } from '../src/fetch/index.js';
import { WiredeskError } from '../src/errors/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
};
const HOSTS = flag('hosts', 50);
const FEEDS = flag('feeds', 200);
const ARTICLES = flag('articles', 20);
const GAP_MS = flag('gap-ms', 100);
const DELAY_MS = flag('delay-ms', 25);
const TIMEOUT_S = flag('timeout-s', 120);
const CHECK = args.includes('--check');
const CASE = args.includes('--case') ? args[args.indexOf('--case') + 1] : 'all';
const TARGET_RATIO = 1.2;
const TARGET_RSS_MB = 250;

const fail = (error: unknown): never => {
  console.error('fetch-bench: failed:', error);
  process.exit(1);
};
if (args.includes('--serve')) serve().catch(fail);
else if (args.includes('--serve-sources')) serveSourcesCase().catch(fail);
else cases().catch(fail);

async function cases(): Promise<void> {
  let ok = true;
  if (CASE === 'all' || CASE === 'fetcher') ok = (await main()) && ok;
  if (CASE === 'all' || CASE === 'sources') ok = (await sourcesCase()) && ok;
  if (CHECK && !ok) {
    console.error('fetch-bench: target missed');
    process.exit(1);
  }
}

/**
 * The sources case, its servers in a child process as for the fetcher case. Imported only here: it
 * loads the whole crawler, which must not count in the fetcher case's peak RSS.
 */
async function sourcesCase(): Promise<boolean> {
  const { SOURCES_CASE, runSourcesCase } = await import('./fetch-sources-case.js');
  const child = fork(process.argv[1]!, ['--serve-sources'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const deadline = setTimeout(() => {
    console.error(`fetch-bench: sources case aborted after ${TIMEOUT_S} s`);
    child.kill();
    process.exit(1);
  }, TIMEOUT_S * 1000);
  deadline.unref();
  try {
    const ports = (await nextMessage(child, 'ready-sources'))['ports'] as Record<string, number>;
    const result = await runSourcesCase(SOURCES_CASE, ports);
    for (const line of result.lines) console.log(line);
    return result.ok;
  } finally {
    clearTimeout(deadline);
    child.disconnect();
  }
}

/** Child process: one server per loopback address; reports ports, then request counts on demand. */
async function serve(): Promise<void> {
  const counts = new Map<string, number>();
  const article = `<!doctype html><html><head><title>Story</title></head><body>${'<p>Agency copy of the day. '.repeat(300)}</p></body></html>`;
  const ports: Record<string, number> = {};
  for (let h = 1; h <= HOSTS; h++) {
    const host = `127.0.1.${h}`;
    const server = createServer((req, res) => {
      counts.set(host, (counts.get(host) ?? 0) + 1);
      setTimeout(() => {
        const path = req.url ?? '/';
        if (path === '/robots.txt') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
        } else if (path.startsWith('/feed/')) {
          const feed = path.slice('/feed/'.length);
          const items = Array.from({ length: ARTICLES }, (_, i) => `<item><link>/article/${feed}/${i}</link></item>`).join('');
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss><channel>${items}</channel></rss>`);
        } else {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
        }
      }, DELAY_MS);
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    ports[host] = (server.address() as AddressInfo).port;
  }
  process.send?.({ type: 'ready', ports });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'counts') process.send?.({ type: 'counts', counts: Object.fromEntries(counts) });
  });
  process.on('disconnect', () => process.exit(0));
}

async function serveSourcesCase(): Promise<void> {
  const { SOURCES_CASE, serveSources } = await import('./fetch-sources-case.js');
  await serveSources(SOURCES_CASE, (m) => process.send?.(m));
  process.on('disconnect', () => process.exit(0));
}

/** The fetcher case; true when its targets are met. */
async function main(): Promise<boolean> {
  const child = fork(process.argv[1]!, [...args, '--serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const deadline = setTimeout(() => {
    console.error(`fetch-bench: aborted after ${TIMEOUT_S} s`);
    child.kill();
    process.exit(1);
  }, TIMEOUT_S * 1000);
  deadline.unref();
  const ports = (await nextMessage(child, 'ready'))['ports'] as Record<string, number>;

  const fetcher = createFetcher({
    config: { ...DEFAULT_FETCH, perHostConcurrency: 2, minHostGapMs: GAP_MS, maxRetries: 0 },
  });
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const failures = new Map<string, number>();
  let fetched = 0;
  let bytes = 0;
  const record = (error: unknown): void => {
    const code = error instanceof WiredeskError ? error.code : 'UNKNOWN';
    failures.set(code, (failures.get(code) ?? 0) + 1);
  };

  // Timer lateness is what the ratio mostly measures above the bound: every late host timer pushes that
  // host's later starts back (the gap is kept between actual starts). Printed so a loaded machine shows.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FEEDS }, async (_, f) => {
      const host = `127.0.1.${(f % HOSTS) + 1}`;
      const origin = `http://${host}:${ports[host]}`;
      let links: string[] = [];
      try {
        const feed = await fetcher.fetch({ url: `${origin}/feed/${f}`, kind: 'feed', allowPrivateNetwork: true });
        fetched += 1;
        bytes += feed.body.length;
        links = [...new TextDecoder().decode(feed.body).matchAll(/<link>([^<]+)<\/link>/g)].map((m) => new URL(m[1]!, origin).href);
      } catch (error) {
        record(error);
      }
      await Promise.all(
        links.map(async (url) => {
          try {
            const page = await fetcher.fetch({ url, kind: 'article', allowPrivateNetwork: true });
            fetched += 1;
            bytes += page.body.length;
          } catch (error) {
            record(error);
          }
        }),
      );
    }),
  );
  const wallMs = performance.now() - started;
  loopDelay.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  await fetcher.close();

  child.send({ type: 'counts' });
  const counts = (await nextMessage(child, 'counts'))['counts'] as Record<string, number>;
  child.disconnect();
  clearTimeout(deadline);

  // Lower bound per host: its n requests (robots.txt included) start at least `gap` apart, so the
  // last one starts ≥ (n − 1) × gap after the first and then takes `delay`; with concurrency c the
  // host also needs ≥ ceil(n / c) × delay. The run cannot end before its busiest host does.
  const perHost = Object.values(counts);
  const boundMs = Math.max(...perHost.map((n) => Math.max((n - 1) * GAP_MS + DELAY_MS, Math.ceil(n / 2) * DELAY_MS)));
  const totalRequests = perHost.reduce((a, b) => a + b, 0);
  const ratio = wallMs / boundMs;
  const rssMb = peakRss / 1024 / 1024;

  console.log(`fetch-bench: ${FEEDS} feeds on ${HOSTS} loopback hosts, ${ARTICLES} articles per feed, response delay ${DELAY_MS} ms, per-host gap ${GAP_MS} ms, per-host concurrency 2`);
  console.log(`  requests served      ${totalRequests} (${fetched} successful fetches + ${totalRequests - fetched} others, robots.txt included), ${(bytes / 1024 / 1024).toFixed(1)} MiB of bodies`);
  console.log(`  failures             ${failures.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(failures))}`);
  console.log(`  wall time            ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`  requests/s           ${(totalRequests / (wallMs / 1000)).toFixed(1)}`);
  console.log(`  lower bound          ${(boundMs / 1000).toFixed(2)} s = busiest host: (${Math.max(...perHost)} requests − 1) × ${GAP_MS} ms gap + ${DELAY_MS} ms for the last response`);
  console.log(`  wall / bound         ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO})`);
  console.log(`  peak RSS (fetcher)   ${rssMb.toFixed(1)} MB (target ≤ ${TARGET_RSS_MB}; ${(startRss / 1024 / 1024).toFixed(1)} MB before the first fetch; servers run in a child process)`);
  console.log(`  event-loop delay     mean ${(loopDelay.mean / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`);
  console.log('  note: measured on a shared 2-core machine; numbers are pessimistic');
  return ratio <= TARGET_RATIO && rssMb <= TARGET_RSS_MB && failures.size === 0;
}

function nextMessage(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>): void => {
      if (message['type'] !== type) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`fetch-bench: server process exited (${code})`)));
  });
}
