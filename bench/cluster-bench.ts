/**
 * Cluster benchmark (issue 12): 1, 2 and 3 `wiredesk worker --once` processes on one PostgreSQL
 * over a loopback wire of 200 hosts × 10 feeds, then the grouper alone under a synthetic stream of
 * pre-extracted articles.
 *
 *   npx tsx bench/cluster-bench.ts [--check] [--hosts 200] [--feeds 10] [--articles 1] [--gap-ms 500]
 *                                  [--workers 1,2,3] [--rate 200] [--seconds 15] [--timeout-s 600]
 *
 * Printed per worker count: the crawl's wall time (first worker start → last source done) against
 * the politeness lower bound (the busiest host's requests − 1, times the gap), the time until the
 * grouper drained the queue, articles per second, database transactions (round trips) per article,
 * and the grouper's lag (queued → story file written). Then the grouper at `--rate` articles/s.
 * Targets (`--check`): wall / bound ≤ 1.3 with 3 workers; grouper lag < 5 s at 200 articles/s.
 * Needs the build (`npm run build`) and the local PostgreSQL (started when it does not answer).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { spawnCli, startWorkers, writeWireConfig, type Spawned } from '../tests/cluster/cluster-harness.js';
import { startClusterWire } from '../tests/support/cluster-wire.js';
import { createTestDatabase } from '../tests/support/pg.js';
import { describeTimeline, timeline } from './cluster-timeline.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
};
const HOSTS = flag('hosts', 200);
const FEEDS = flag('feeds', 10);
const ARTICLES = flag('articles', 1);
const GAP_MS = flag('gap-ms', 500);
const RATE = flag('rate', 200);
const SECONDS = flag('seconds', 15);
const TIMEOUT_S = flag('timeout-s', 600);
const WORKERS = (args[args.indexOf('--workers') + 1] !== undefined && args.includes('--workers') ? args[args.indexOf('--workers') + 1]! : '1,2,3').split(',').map(Number);
const CHECK = args.includes('--check');
/** Writes each run's wire requests and worker logs here (JSON), for reading a timeline afterwards. */
const DUMP = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : undefined;
const TARGET_RATIO = 1.3;
const TARGET_LAG_MS = 5_000;

const deadline = setTimeout(() => {
  console.error(`cluster-bench: aborted after ${TIMEOUT_S} s`);
  process.exit(1);
}, TIMEOUT_S * 1000);
deadline.unref();

main().catch((error: unknown) => {
  console.error('cluster-bench: failed:', error);
  process.exit(1);
});

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wiredesk-cluster-bench-'));
  const wire = await startClusterWire({ hosts: HOSTS, feedsPerHost: FEEDS, articlesPerFeed: ARTICLES, block: 30, paragraphs: 2, seed: 99 });
  const config = join(dir, 'wiredesk.json');
  await writeWireConfig(config, wire, { minHostGapMs: GAP_MS, globalConcurrency: 256 });
  console.log(`cluster-bench: ${HOSTS} loopback hosts × ${FEEDS} feeds × ${ARTICLES} articles (${wire.articleCount} articles), gap ${GAP_MS} ms; load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`);
  let ok = true;
  try {
    for (const n of WORKERS) {
      const from = wire.requests.length;
      const db = await createTestDatabase('wdbench');
      try {
        const before = await transactions(db.url);
        const procs = startWorkers(n, config, join(dir, `out-${n}`), db.url, DUMP !== undefined ? ['--verbose'] : []);
        const results = await Promise.all(procs.map((p) => p.exited));
        const failed = results.filter((r) => r.code !== 0);
        if (failed.length > 0) throw new Error(`a worker exited ${failed[0]!.code}: ${failed[0]!.stderr.slice(-1500)}`);
        const txns = (await transactions(db.url)) - before;
        const perHost = new Map<string, number>();
        for (const r of wire.requests.slice(from)) perHost.set(r.host, (perHost.get(r.host) ?? 0) + 1);
        const busiest = Math.max(...perHost.values());
        const boundMs = (busiest - 1) * GAP_MS;
        const started = Math.min(...times(procs, 'worker started'));
        const crawled = Math.max(...times(procs, 'source crawled'));
        const stopped = Math.max(...times(procs, 'worker stopped'));
        const ratio = (crawled - started) / boundMs;
        const lag = grouperLag(procs);
        const cost = workerCost(procs, wire.articleCount);
        console.log(`  ${n} worker${n > 1 ? 's' : ' '}  crawl ${((crawled - started) / 1000).toFixed(2)} s vs bound ${(boundMs / 1000).toFixed(2)} s (busiest host ${busiest} requests): ratio ${ratio.toFixed(3)}${n === 3 ? ` (target ≤ ${TARGET_RATIO})` : ''}; drained ${((stopped - started) / 1000).toFixed(2)} s; ${(wire.articleCount / ((stopped - started) / 1000)).toFixed(1)} articles/s; ${(txns / wire.articleCount).toFixed(1)} DB round trips per article; grouper lag max ${lag.max} ms, mean ${lag.mean} ms`);
        console.log(`             ${describeTimeline(timeline(wire.requests.slice(from), started, crawled, GAP_MS))}`);
        if (DUMP !== undefined) await writeFile(join(DUMP, `cluster-${n}.json`), JSON.stringify({ started, crawled, gapMs: GAP_MS, requests: wire.requests.slice(from), logs: procs.map((p) => p.logs) }));
        console.log(`             worker CPU ${(cost.cpuMs / wire.articleCount).toFixed(1)} ms per article (grouping included); statements per article ${(cost.statements / wire.articleCount).toFixed(1)}: ${cost.top}`);
        // Sources each worker crawled, in start order, the grouper marked: a late starter with 0 got no share.
        if (n > 1) console.log(`             sources crawled per worker: ${perWorker(procs)}`);
        if (n === 3 && ratio > TARGET_RATIO) ok = false;
      } finally {
        await db.drop();
      }
    }
    const lag = await grouperUnderLoad(dir);
    console.log(`  grouper alone, ${lag.articles} pre-extracted articles queued at ${RATE}/s for ${SECONDS} s: lag max ${lag.max} ms, mean ${lag.mean} ms (target < ${TARGET_LAG_MS} ms); drained ${(lag.drainMs / 1000).toFixed(2)} s after the last one was queued`);
    if (lag.max >= TARGET_LAG_MS) ok = false;
  } finally {
    await wire.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log('  note: measured on a shared 2-core machine (workers, wire, PostgreSQL and the grouper on the same cores); numbers are pessimistic');
  if (CHECK && !ok) {
    console.error('cluster-bench: target missed');
    process.exit(1);
  }
  process.exit(0);
}

/** The grouper of a worker with no sources, fed `RATE` pre-extracted articles a second straight into the queue. */
async function grouperUnderLoad(dir: string): Promise<{ articles: number; max: number; mean: number; drainMs: number }> {
  const db = await createTestDatabase('wdlag');
  const config = join(dir, 'grouper.json');
  await writeFile(config, JSON.stringify({ sources: [], extract: { workers: 0 } }));
  const worker = spawnCli(['worker', '--config', config, '--out', join(dir, 'out-lag'), '--database', db.url]);
  const client = new pg.Client({ connectionString: db.url });
  try {
    await waitUntil(() => worker.logs.some((l) => l['msg'] === 'grouper role taken'), 30_000);
    await client.connect();
    const total = RATE * SECONDS;
    const started = Date.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const article = syntheticArticle(i);
      await client.query('SELECT wd_enqueue($1, $2, $3, $4, $5::jsonb, $6)', ['article', article.articleId, article.source.url, article.item.key, JSON.stringify(article), 'bench']);
    }
    const queuedAll = Date.now();
    await waitUntil(async () => Number((await client.query('SELECT count(*) AS n FROM wd_queue')).rows[0].n) === 0, 120_000);
    const drainMs = Date.now() - queuedAll;
    worker.process.kill('SIGTERM');
    await worker.exited;
    const lag = grouperLag([worker]);
    return { articles: total, max: lag.max, mean: lag.mean, drainMs };
  } finally {
    worker.process.kill('SIGKILL');
    await client.end().catch(() => undefined);
    await db.drop();
  }
}

function syntheticArticle(i: number) {
  const story = i % 97;
  const words = Array.from({ length: 120 }, (_, k) => `w${story}x${(k * 7 + i) % 60}`).join(' ');
  const at = new Date(Date.parse('2026-05-01T00:00:00Z') + i * 1000).toISOString();
  const url = `http://synthetic.example/a/${i}`;
  return {
    source: { url: 'http://synthetic.example/feed.xml', name: 'synthetic' },
    sourceIndex: 0,
    itemIndex: i,
    item: { key: url, guid: url, url, canonicalUrl: url, title: `Story ${story} report ${i}`, summary: null, content: null, publishedAt: at, updatedAt: null, authors: [], categories: [], language: 'en', media: [] },
    articleId: `s${i.toString(16).padStart(15, '0')}`,
    fetchedAt: at,
    finalUrl: url,
    extracted: { title: `Story ${story} report ${i}`, byline: null, publishedAt: at, updatedAt: null, language: 'en', direction: 'ltr', siteName: null, canonicalUrl: url, leadImage: null, text: `${words}.\n\n${words}.`, html: null, wordCount: 240, extraction: { method: 'readability', reason: null }, provenance: {} },
    encoding: 'utf-8',
    encodingSource: 'utf8-valid',
    fallbackReason: null,
    validators: null,
  };
}

function times(procs: Spawned[], msg: string): number[] {
  return procs.flatMap((p) => p.logs.filter((l) => l['msg'] === msg).map((l) => Date.parse(l['time'] as string)));
}

/** CPU and statements of all workers (from their 'worker stopped' lines), with the most frequent kinds per article. */
function workerCost(procs: Spawned[], articles: number): { cpuMs: number; statements: number; top: string } {
  const stops = procs.flatMap((p) => p.logs.filter((l) => l['msg'] === 'worker stopped'));
  const kinds = new Map<string, number>();
  for (const l of stops) for (const [k, v] of Object.entries((l['db_statements_by_kind'] as Record<string, number> | undefined) ?? {})) kinds.set(k, (kinds.get(k) ?? 0) + v);
  const statements = [...kinds.values()].reduce((a, b) => a + b, 0);
  const per = Math.max(1, articles);
  const top = [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${(v / per).toFixed(2)}`).join(', ');
  return { cpuMs: stops.reduce((a, l) => a + ((l['cpu_ms'] as number | undefined) ?? 0), 0), statements, top };
}

/** `41, 40, 39 (grouper)`: sources crawled by each worker, in the order they logged their start. */
function perWorker(procs: Spawned[]): string {
  const started = (p: Spawned): number => Date.parse((p.logs.find((l) => l['msg'] === 'worker started')?.['time'] as string | undefined) ?? '') || Infinity;
  return [...procs]
    .sort((a, b) => started(a) - started(b))
    .map((p) => {
      const stop = p.logs.find((l) => l['msg'] === 'worker stopped');
      const grouper = p.logs.some((l) => l['msg'] === 'grouper role taken');
      return `${(stop?.['sources_crawled'] as number | undefined) ?? '?'}${grouper ? ' (grouper)' : ''}`;
    })
    .join(', ');
}

function grouperLag(procs: Spawned[]): { max: number; mean: number } {
  const stops = procs.flatMap((p) => p.logs.filter((l) => l['msg'] === 'worker stopped' && (l['committed'] as number) > 0));
  const committed = stops.reduce((a, l) => a + (l['committed'] as number), 0);
  const max = Math.max(0, ...stops.map((l) => l['grouper_lag_ms_max'] as number));
  const mean = committed === 0 ? 0 : Math.round(stops.reduce((a, l) => a + (l['grouper_lag_ms_mean'] as number) * (l['committed'] as number), 0) / committed);
  return { max, mean };
}

async function transactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (await client.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0];
    return Number(row.n);
  } finally {
    await client.end();
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`cluster-bench: timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
