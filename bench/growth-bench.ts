/**
 * Growth benchmark (issue 11): does a crawl cost the same on day 100 as on day 1?
 *
 *   npm run bench:growth -- [--rounds 10] [--per-round 1000] [--hosts 20] [--check]
 *   npm run bench:growth -- --scale [--live 100000] [--check]
 *   npm run bench:growth -- --rounds 5 --per-round 300 --check --floors kb=42,rss=600   (CI: regression floors)
 *   npm run bench:growth -- --by-file   (bytes written per kind of file, from strace; slower)
 *   npm run bench:growth -- --memory    (the main thread's heap at each round's peak RSS)
 *
 * Rounds: a loopback wire of `hosts` agencies (127.0.4.x, one feed each, the feed listing its
 * latest 100 items) publishes `per-round` new articles per round, one day of news per round: four
 * reports per event across agencies, one in ten a syndicated copy. Each round is one `wiredesk run`
 * of the built CLI (dist/) into the same output directory, in a child process that reports its own
 * CPU, peak RSS and /proc/self/io; fsyncs are counted with strace (seccomp filter: only the traced
 * calls stop the process) when it is installed. Start-up is measured apart, as a run with nothing
 * new, before the first round and after the last. Per round it prints wall and CPU per new article,
 * bytes written per new article (the whole process's write calls, /proc/self/io wchar: articles,
 * stories, state, board; checked) and in brackets the kernel's block count (write_bytes, printed only:
 * it recounts a page flushed and dirtied again, so other processes' IO moves it by a third),
 * fsyncs per article, the state's size, peak RSS, and fetch → file latency (file mtime minus the
 * article's fetchedAt).
 * Targets (`--check`): CPU and bytes per new article of the last round ≤ 1.3 × the first round's;
 * ≤ 30 KB written per new article; peak RSS ≤ 500 MB; median fetch → file ≤ 2 s on the demo wire
 * (crawled once after the rounds; the rounds' own latency is printed, bound by extracting a
 * thousand articles that arrive at once). The crawler's clock follows the wire's days (see
 * bench/support/measured-cli.mjs), so its 72-hour windows hold three rounds, as in a real crawl.
 *
 * `--scale`: 100,000 live articles in the story window (synthetic, through the index API and the
 * SQLite state store): restart to first assignment ≤ 5 s and RSS ≤ 1.5 GB (measured in a fresh
 * process), and assignment speed at 100,000 live within 20 % of the speed at 10,000 live.
 * `--scale --postgres`: the same through the PostgreSQL state store, in a database of its own on the
 * local server (dropped after; `--keep` keeps it): the restart is what a worker taking over the
 * grouper role does with the story index (read the checkpoint and the log rows after it, restore,
 * replay), so it says how long a cluster goes without grouping when its grouper dies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoSourcesConfig, startDemoWire } from '../src/demo/index.js';
import { createStoryIndex, storyIndexInputOf, type StoryDoc } from '../src/fingerprint/index.js';
import { DEFAULT_STORIES } from '../src/config/index.js';
import { loadAliases, restoreStoryIndex, storyIndexOptions } from '../src/ops/index.js';
import { silentLogger } from '../src/log/index.js';
import { openPgStores, openSqliteStateStore, type SqliteStateStore, type StateStore } from '../src/store/index.js';
import { createTestDatabase } from '../tests/support/pg.js';
import { seededRandom } from '../tests/support/seeded-random.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) ? v : fallback;
};
const CHECK = args.includes('--check');
/** The issue's targets; `--floors kb=34,rss=650` replaces some of them by regression floors (CI, where a target is not met yet). */
const TARGETS = withFloors(
  { growth: 1.3, bytesPerArticle: 30 * 1024, rssMb: 500, latencyMs: 2_000, restartS: 5, scaleRssMb: 1536, speedRatio: 1.2 },
  args[args.indexOf('--floors') + 1],
);

function withFloors<T extends Record<string, number>>(targets: T, spec: string | undefined): T {
  if (!args.includes('--floors') || spec === undefined) return targets;
  const keys: Record<string, [keyof T & string, number]> = {
    growth: ['growth', 1], kb: ['bytesPerArticle', 1024], rss: ['rssMb', 1], latency: ['latencyMs', 1],
    restart: ['restartS', 1], scaleRss: ['scaleRssMb', 1], speed: ['speedRatio', 1],
  };
  const out: Record<string, number> = { ...targets };
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=');
    const key = keys[name ?? ''];
    if (key === undefined || !Number.isFinite(Number(value))) throw new Error(`--floors: unknown or bad entry "${part}" (keys: ${Object.keys(keys).join(', ')})`);
    out[key[0]] = Number(value) * key[1];
  }
  return out as T;
}

interface Measured {
  code: number;
  wallMs: number;
  userUs: number;
  systemUs: number;
  maxRssKb: number;
  io: Record<string, number>;
  fsyncs: number | null;
  /** The main thread's memory at the highest RSS sampled (--memory prints it). */
  atPeak?: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number } | null;
  /** Bytes written per kind of file (--by-file). */
  byFile?: Record<string, number>;
}

const BY_FILE = args.includes('--by-file');
/** `--scale` through the PostgreSQL state store instead of SQLite. */
const POSTGRES = args.includes('--postgres');
/** Assignments per block of the side-by-side speed measure, and blocks per index (declared before the top-level await below uses them). */
const SIDE_BLOCK = 50;
const SIDE_BLOCKS = 20;

if (args.includes('--scale')) process.exitCode = await benchScale(num('live', 100_000));
else process.exitCode = await benchRounds(num('rounds', 10), num('per-round', 1000), num('hosts', 20));

async function benchRounds(rounds: number, perRound: number, hosts: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'wiredesk-growth-'));
  const wire = await startWire(hosts, perRound);
  const failures: string[] = [];
  try {
    const out = join(dir, 'out');
    const config = join(dir, 'wiredesk.json');
    const sources = wire.feeds.map((url, i) => ({ name: `Agency ${i + 1}`, url, allowPrivateNetwork: true, obeyRobots: false }));
    // Politeness is the fetch bench's subject; here the crawl must be bound by its own work.
    await writeFile(config, JSON.stringify({ sources, fetch: { minHostGapMs: 0, perHostConcurrency: 8, maxRetries: 0 }, extract: { workers: 1 } }));
    const empty = join(dir, 'empty.json');
    await writeFile(empty, JSON.stringify({ sources: [] }));
    const strace = spawnSync('strace', ['-V']).status === 0;
    process.stdout.write(
      `growth: ${rounds} rounds × ${perRound} new articles from ${hosts} loopback agencies into one output directory; load average ${loadavg()[0]?.toFixed(1)}; ` +
        `fsyncs ${strace ? 'counted with strace' : 'not counted (no strace)'}\n\n`,
    );
    // The crawler's clock runs on the wire's days: round r is published, and crawled, on day r.
    const offsetFor = (round: number): number => wire.dayStart(round) + 12 * 3_600_000 - Date.now();
    const startBefore = await measureCli(['run', '--config', empty, '--out', out, '--log', 'json', '--quiet'], dir, strace, offsetFor(1));
    const header = 'round  new    wall s  CPU ms/article  KB written/article (disk)  fsyncs/article  state MB  peak RSS MB  fetch→file p50 / p90 ms';
    process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
    const rows: { cpuPerArticle: number; bytesPerArticle: number; diskBytesPerArticle: number; rssMb: number; p50: number }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      wire.publish(round);
      // One offset per round: the run's clock and the latency arithmetic must share it.
      const offset = offsetFor(round);
      const runStart = Date.now() + offset;
      const m = await measureCli(['run', '--config', config, '--out', out, '--log', 'json', '--quiet'], dir, strace, offset, BY_FILE);
      if (m.code !== 0) failures.push(`round ${round}: run exited ${m.code}`);
      const report = await latestReport(out);
      const fresh = report.totals.articlesWritten;
      const latency = await latencies(out, report.written.articles, offset, runStart);
      const stateBytes = (await size(join(out, '.wiredesk-state', 'state.db'))) + (await size(join(out, '.wiredesk-state', 'state.db-wal')));
      const row = {
        cpuPerArticle: (m.userUs + m.systemUs) / 1000 / Math.max(fresh, 1),
        // What the crawler writes, counted at its write calls (wchar: files, plus a few hundred bytes of
        // sockets and pipes). The kernel's block count (write_bytes) is printed beside it: it counts a page
        // again each time it is flushed and dirtied anew, so other processes' IO moves it (one tree, one
        // session: round 4 at 29.1-30.1 KB quiet, 34.3-40.0 KB beside other IO; write calls identical).
        bytesPerArticle: (m.io['wchar'] ?? 0) / Math.max(fresh, 1),
        diskBytesPerArticle: (m.io['write_bytes'] ?? 0) / Math.max(fresh, 1),
        rssMb: m.maxRssKb / 1024,
        p50: percentile(latency, 0.5),
      };
      rows.push(row);
      if (m.atPeak && args.includes('--memory')) {
        const mb = (x: number): string => (x / 2 ** 20).toFixed(0);
        process.stdout.write(`       at peak RSS: main heap ${mb(m.atPeak.heapUsed)} of ${mb(m.atPeak.heapTotal)} MB, external ${mb(m.atPeak.external)} MB (array buffers ${mb(m.atPeak.arrayBuffers)}); the rest is native: SQLite, the extraction worker, code\n`);
      }
      if (m.byFile !== undefined) {
        const kb = Object.entries(m.byFile).map(([kind, bytes]) => `${kind} ${(bytes / 1024 / Math.max(fresh, 1)).toFixed(1)}`);
        process.stdout.write(`       KB written per article by file (write calls): ${kb.join(', ')}\n`);
      }
      process.stdout.write(
        `${String(round).padStart(5)}  ${String(fresh).padStart(5)}  ${(m.wallMs / 1000).toFixed(1).padStart(6)}  ${row.cpuPerArticle.toFixed(1).padStart(14)}  ` +
          `${(row.bytesPerArticle / 1024).toFixed(1).padStart(18)} (${(row.diskBytesPerArticle / 1024).toFixed(1).padStart(4)})  ${(m.fsyncs === null ? 'n/a' : (m.fsyncs / Math.max(fresh, 1)).toFixed(1)).padStart(14)}  ` +
          `${(stateBytes / 2 ** 20).toFixed(1).padStart(8)}  ${row.rssMb.toFixed(0).padStart(11)}  ${row.p50.toFixed(0).padStart(7)} / ${percentile(latency, 0.9).toFixed(0)}\n`,
      );
    }
    // Fetch → file as the demo wire gives it: a dozen articles from four agencies (the issue's measure;
    // the rounds above are bursts of a thousand articles at once, bound by extraction).
    const demo = await startDemoWire();
    try {
      const demoConfig = join(dir, 'demo.json');
      await writeFile(demoConfig, JSON.stringify({ sources: demoSourcesConfig(demo).map((d) => ({ name: d.name, url: d.url, allowPrivateNetwork: true })), fetch: { minHostGapMs: 20 } }));
      const demoOut = join(dir, 'demo-out');
      await measureCli(['run', '--config', demoConfig, '--out', demoOut, '--log', 'json', '--quiet'], dir, false);
      const report = await latestReport(demoOut);
      const latency = await latencies(demoOut, report.written.articles);
      const p50 = percentile(latency, 0.5);
      process.stdout.write(`\ndemo wire: ${report.totals.articlesWritten} articles, fetch → file p50 ${p50.toFixed(0)} ms, p90 ${percentile(latency, 0.9).toFixed(0)} ms (target: median ≤ ${TARGETS.latencyMs} ms)\n`);
      if (p50 > TARGETS.latencyMs) failures.push(`demo wire: median fetch → file ${p50.toFixed(0)} ms > ${TARGETS.latencyMs} ms`);
    } finally {
      await demo.close();
    }
    const startAfter = await measureCli(['run', '--config', empty, '--out', out, '--log', 'json', '--quiet'], dir, strace, offsetFor(rounds));
    const startup = (m: Measured): string => `${((m.userUs + m.systemUs) / 1000).toFixed(0)} ms CPU, ${(m.maxRssKb / 1024).toFixed(0)} MB`;
    process.stdout.write(`\nstart-up (a run with nothing to crawl): before round 1 ${startup(startBefore)}; after round ${rounds} ${startup(startAfter)}\n`);
    // Per-run work that follows the window (the board and feeds are redrawn from the last 72 hours)
    // grows while the window fills, over the first three rounds; growth with history is what the
    // last round shows against the first round with a full window.
    const full = rows[Math.min(3, rows.length - 1)];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first !== undefined && last !== undefined && full !== undefined) {
      const cpuRatio = last.cpuPerArticle / full.cpuPerArticle;
      const bytesRatio = last.bytesPerArticle / full.bytesPerArticle;
      process.stdout.write(
        `last round / round ${Math.min(4, rows.length)} (the first with a full 72 h window): CPU per article ×${cpuRatio.toFixed(2)}, bytes per article ×${bytesRatio.toFixed(2)} (target ≤ ${TARGETS.growth}); ` +
          `against round 1 (window filling): ×${(last.cpuPerArticle / first.cpuPerArticle).toFixed(2)}, ×${(last.bytesPerArticle / first.bytesPerArticle).toFixed(2)}\n`,
      );
      if (cpuRatio > TARGETS.growth) failures.push(`CPU per article grew ×${cpuRatio.toFixed(2)} > ${TARGETS.growth}`);
      if (bytesRatio > TARGETS.growth) failures.push(`bytes per article grew ×${bytesRatio.toFixed(2)} > ${TARGETS.growth}`);
    }
    for (const [i, row] of rows.entries()) {
      if (row.bytesPerArticle > TARGETS.bytesPerArticle) failures.push(`round ${i + 1}: ${(row.bytesPerArticle / 1024).toFixed(1)} KB written per article > ${(TARGETS.bytesPerArticle / 1024).toFixed(0)} KB`);
      if (row.rssMb > TARGETS.rssMb) failures.push(`round ${i + 1}: peak RSS ${row.rssMb.toFixed(0)} MB > ${TARGETS.rssMb} MB`);
    }
  } finally {
    await wire.close();
    if (args.includes('--keep')) process.stdout.write(`kept ${dir}\n`);
    else await rm(dir, { recursive: true, force: true });
  }
  return verdict(failures);
}

/** Runs the built CLI in a child and returns what it cost (fsyncs through strace when available). */
async function measureCli(cliArgs: string[], dir: string, strace: boolean, clockOffsetMs = 0, byFile = false): Promise<Measured> {
  const measureFile = join(dir, `measure-${Date.now()}.json`);
  const traceFile = join(dir, `trace-${Date.now()}.txt`);
  // WD_NODE_FLAGS (as in the cluster harness that bench:cluster uses) passes node flags to the CLI child, e.g. `--cpu-prof --cpu-prof-dir=DIR`
  // to see which round's CPU went where (NODE_OPTIONS refuses --cpu-prof).
  const nodeFlags = (process.env.WD_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  // --single-threaded-gc as bin/wiredesk.js starts node (its shebang), so the child runs as users run it.
  const node = [process.execPath, '--single-threaded-gc', ...nodeFlags, join(ROOT, 'bench/support/measured-cli.mjs'), ...cliArgs];
  const writesFile = join(dir, `writes-${Date.now()}.txt`);
  // --by-file traces every write with its path instead of counting fsyncs (slower; a diagnosis).
  const command = !strace
    ? node
    : byFile
      ? ['strace', '-f', '--seccomp-bpf', '-y', '-s', '0', '-e', 'trace=write,pwrite64,writev,pwritev', '-o', writesFile, ...node]
      : ['strace', '-f', '--seccomp-bpf', '-c', '-e', 'trace=fsync,fdatasync', '-o', traceFile, ...node];
  const started = Date.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), { cwd: ROOT, env: { ...process.env, WIREDESK_MEASURE_OUT: measureFile, WIREDESK_CLOCK_OFFSET_MS: String(clockOffsetMs) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('error', reject);
    child.on('exit', (c) => {
      clearTimeout(timer);
      if (c !== 0 && c !== 3) process.stderr.write(stderr);
      resolve(c ?? 1);
    });
  });
  let measured: Omit<Measured, 'fsyncs'>;
  try {
    measured = JSON.parse(await readFile(measureFile, 'utf8')) as Omit<Measured, 'fsyncs'>;
  } catch {
    measured = { code, wallMs: Date.now() - started, userUs: 0, systemUs: 0, maxRssKb: 0, io: {} };
  }
  let fsyncs: number | null = null;
  if (strace && byFile) {
    const text = await readFile(writesFile, 'utf8').catch(() => '');
    const byKind = new Map<string, number>();
    const add = (path: string, bytes: number): void => {
      const kind = writeKind(path);
      byKind.set(kind, (byKind.get(kind) ?? 0) + bytes);
    };
    // With -f, a call that another thread's call interrupts is printed in two lines: `PID write(FD<path>, ... <unfinished ...>`
    // and later `PID <... write resumed>) = N`. Both halves count (before, the diagnostic dropped them: large board and feed
    // writes, which block longest, went missing from whole rounds).
    const pending = new Map<string, string>();
    for (const m of text.matchAll(/^(\d+)\s+(?:\w+\(\d+<([^>]*)>.*?(?:\)\s+=\s+(\d+)|<unfinished \.\.\.>)|<\.\.\. \w+ resumed>.*\)\s+=\s+(\d+))$/gm)) {
      const [, pid, path, done, resumed] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
      if (path !== undefined && done !== undefined) add(path, Number(done));
      else if (path !== undefined) pending.set(pid, path);
      else if (resumed !== undefined) {
        const from = pending.get(pid);
        pending.delete(pid);
        if (from !== undefined) add(from, Number(resumed));
      }
    }
    measured.byFile = Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1]));
  } else if (strace) {
    const text = await readFile(traceFile, 'utf8').catch(() => '');
    fsyncs = 0;
    for (const m of text.matchAll(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)\s*$/gm)) fsyncs += Number(m[1]);
  }
  return { ...measured, fsyncs };
}

/** What a written path is, for --by-file: the output's top directory or the state's file. */
function writeKind(path: string): string {
  const state = /\.wiredesk-state\/(.+)$/.exec(path);
  if (state !== null) return `state/${(state[1] as string).replace(/^\.(.+)\.\d+-[0-9a-f]+\.tmp$/, '$1')}`;
  const out = /\/out\/([^/]+)/.exec(path);
  if (out !== null) return (out[1] as string).replace(/^\.(.+)\.\d+-[0-9a-f]+\.tmp$/, '$1');
  return path.startsWith('pipe:') || path.startsWith('socket:') ? 'pipes and sockets' : 'other';
}

/** The loopback wire: one server per agency host, each publishing its share of every round's news. */
async function startWire(hosts: number, perRound: number): Promise<{ feeds: string[]; dayStart(round: number): number; publish(round: number): void; close(): Promise<void> }> {
  const random = seededRandom(20261204);
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => wordFor(i));
  const items: { host: number; id: string; title: string; body: string[]; publishedAt: string }[][] = Array.from({ length: hosts }, () => []);
  const byPath = new Map<string, (typeof items)[number][number]>();
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let h = 0; h < hosts; h += 1) {
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(origins[h] as string, (items[h] ?? []).slice(-100)));
      const item = byPath.get(`${h}${url}`);
      if (item === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(item.title, item.body));
    });
    await new Promise<void>((resolve) => server.listen(0, `127.0.4.${h + 1}`, resolve));
    servers.push(server);
    origins.push(`http://127.0.4.${h + 1}:${(server.address() as AddressInfo).port}`);
  }
  let published = 0;
  // An event's own words: `e<k>v<event>` is unambiguous (k stops at the first v). `ev<event><k>` was
  // not ("ev1j" + "11" = "ev1j1" + "1"), so from day 8 on new events shared words with remembered ones.
  const words = (n: number, event: number): string[] =>
    Array.from({ length: n }, () => (random() < 0.25 ? `e${Math.floor(random() * 12)}v${event.toString(36)}` : (vocabulary[Math.floor(vocabulary.length ** random()) - 1] as string)));
  const dayStart = (round: number): number => Date.UTC(2026, 0, 1) + round * 86_400_000;
  return {
    feeds: origins.map((o) => `${o}/feed.xml`),
    dayStart,
    publish(round) {
      const start = dayStart(round);
      for (let k = 0; k < perRound; k += 1) {
        const n = published++;
        const event = Math.floor(n / 4);
        const host = n % hosts;
        const copyOf = k > 0 && random() < 0.1 ? items[(n - 1) % hosts]?.at(-1) : undefined;
        const body = copyOf !== undefined ? [`CAPITAL (Agency ${host + 1}) — ${copyOf.body[0]}`, ...copyOf.body.slice(1)] : Array.from({ length: 6 }, () => `${words(55, event).join(' ')}.`);
        const title = copyOf !== undefined ? `${copyOf.title} (update)` : words(9, event).join(' ');
        // Published over the first half of the day; the crawl comes at noon.
        const item = { host, id: `a${n}`, title, body, publishedAt: new Date(start + (k * 43_200_000) / perRound).toISOString() };
        items[host]?.push(item);
        byPath.set(`${host}/news/${item.id}`, item);
      }
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

function wordFor(i: number): string {
  const letters = 'abcdefghijklmnoprstuvwy';
  let w = '';
  let n = i + 23;
  while (n > 0) {
    w += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return w;
}

function rss(origin: string, list: { id: string; title: string; publishedAt: string }[]): string {
  const entries = list
    .map((it) => `<item><title>${it.title}</title><link>${origin}/news/${it.id}</link><guid>${origin}/news/${it.id}</guid><pubDate>${new Date(it.publishedAt).toUTCString()}</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Agency</title><link>${origin}/</link>${entries}</channel></rss>`;
}

function page(title: string, body: string[]): string {
  return (
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
    `<article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article><aside>Related: <a href="/x">Other news</a></aside><footer>© Agency</footer></body></html>`
  );
}

async function latestReport(out: string): Promise<{ totals: { articlesWritten: number }; written: { articles: string[] } }> {
  const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
  return JSON.parse(await readFile(join(out, latest.path), 'utf8')) as { totals: { articlesWritten: number }; written: { articles: string[] } };
}

/** Fetch → file for the articles a run wrote: the file's mtime minus the record's fetchedAt (ms). */
/**
 * Fetch → file of the articles first fetched by this run: a run also rewrites older articles that
 * moved between stories, whose fetchedAt is a round earlier (they would count a day each).
 */
async function latencies(out: string, paths: string[], clockOffsetMs = 0, fetchedSince = 0): Promise<number[]> {
  const values: number[] = [];
  for (const rel of paths) {
    const path = join(out, rel);
    const record = JSON.parse(await readFile(path, 'utf8')) as { fetchedAt: string; story: { reason: string } };
    if (Date.parse(record.fetchedAt) < fetchedSince) continue;
    values.push((await stat(path)).mtimeMs + clockOffsetMs - Date.parse(record.fetchedAt));
  }
  return values;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

async function size(path: string): Promise<number> {
  return (await stat(path).catch(() => null))?.size ?? 0;
}

/**
 * 100,000 live articles through the index API and the state store, then a restart in a fresh
 * process: how long until the first assignment, and at what RSS.
 */
async function benchScale(live: number): Promise<number> {
  if (args.includes('--restart-child')) return restartChild();
  const failures: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'wiredesk-growth-scale-'));
  const db = POSTGRES ? await createTestDatabase('wdgrowth') : null;
  try {
    const aliases = await loadAliases(null);
    // A window wider than the whole stream: every article stays live.
    const options = { ...(await storyIndexOptions({ stories: { ...DEFAULT_STORIES, windowHours: 24 * 365 } }, aliases)) };
    const index = createStoryIndex(options);
    const state = await openScaleState(dir, db?.url ?? null);
    const doc = syntheticDocs(seededRandom(77));
    const speedAt = new Map<number, number>();
    let cpuSince = process.cpuUsage();
    for (let i = 0; i < live; i += 1) {
      const d = doc(i);
      const c0 = process.cpuUsage();
      index.assign(d);
      const used = process.cpuUsage(c0);
      // Logged as the crawler logs it (commit-article.ts): with what the assignment's searches found.
      const traced = index.lastTrace();
      const at = Math.floor(i / 1000) * 1000;
      speedAt.set(at, (speedAt.get(at) ?? 0) + used.user + used.system);
      // PostgreSQL logs an input only under its commit intent (a retried commit then changes nothing), as the grouper writes it.
      if (db !== null) await state.beginCommit({ articleId: d.id, filedDay: d.seenAt.slice(0, 10), isNew: true, moved: [], stories: [], at: d.seenAt });
      await state.commit({ articleId: d.id, articles: [], seen: [], urlValidators: null, merges: [], endedStories: [], index: storyIndexInputOf(d, traced) });
      if (await state.storyIndexCheckpointDue()) await state.checkpointStoryIndex(index.image());
      if (i % 20_000 === 19_999) {
        const c = process.cpuUsage(cpuSince);
        process.stdout.write(`scale: ${i + 1} live articles committed (${((c.user + c.system) / 1e6).toFixed(1)} CPU-s for the last 20,000, assignment and commit)\n`);
        cpuSince = process.cpuUsage();
      }
    }
    await state.close();
    const rate = (at: number): number => 1000 / ((speedAt.get(at) ?? 1) / 1e6);
    const at10k = rate(Math.min(10_000, live - 1000));
    const atEnd = rate(live - 1000);
    process.stdout.write(`assignment speed during the build: ${at10k.toFixed(0)} articles per CPU-s at 10,000 live, ${atEnd.toFixed(0)} at ${live.toLocaleString('en')} live (×${(at10k / atEnd).toFixed(2)}; minutes apart, so load drift on a shared machine is in it)\n`);
    const side = sideBySide(index, doc, live, options);
    process.stdout.write(`assignment speed side by side: ${side.small.toFixed(0)} articles per CPU-s at ${side.smallLive.toLocaleString('en')} live, ${side.large.toFixed(0)} at ${live.toLocaleString('en')} live (×${(side.small / side.large).toFixed(2)} slower; target ≤ ×${TARGETS.speedRatio}; blocks of ${SIDE_BLOCK} alternated in one process, load average ${loadavg()[0]?.toFixed(1)})\n`);
    if (side.small / side.large > TARGETS.speedRatio) failures.push(`assignment at ${live} live is ×${(side.small / side.large).toFixed(2)} slower than at ${side.smallLive} > ×${TARGETS.speedRatio}`);
    const { stateMb, indexBytes } = await scaleStateSize(dir, db?.url ?? null);
    // As users run it (bin/wiredesk.js starts node with --single-threaded-gc), then with V8's default collector.
    for (const gc of [['--single-threaded-gc'], []]) {
      const where = db === null ? [dir] : [db.url, '--postgres'];
      const child = spawnSync(process.execPath, [...gc, '--import', 'tsx', fileURLToPath(import.meta.url), '--scale', '--restart-child', ...where, '--live', String(live)], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
        loadMs?: number;
        firstMs?: number;
        loadCpuMs?: number;
        firstCpuMs?: number;
        heap?: { used: number; total: number; external: number; arrayBuffers: number };
        rssMb?: number;
        live?: number;
        replayed?: number;
      };
      process.stdout.write(
        `${db === null ? 'restart' : 'grouper takeover (PostgreSQL)'} (${gc.length === 0 ? 'default GC' : 'as the CLI runs, --single-threaded-gc'}): state ${stateMb.toFixed(0)} MB, story index checkpoint ${(indexBytes / 2 ** 20).toFixed(1)} MB (${(indexBytes / Math.max(result.live ?? 1, 1)).toFixed(0)} bytes per live article); ` +
          `loading ${result.live} live articles and replaying ${result.replayed} inputs took ${((result.loadMs ?? 0) / 1000).toFixed(2)} s (${((result.loadCpuMs ?? 0) / 1000).toFixed(2)} CPU-s), ` +
          `first assignment after ${((result.firstMs ?? 0) / 1000).toFixed(2)} s (${((result.firstCpuMs ?? 0) / 1000).toFixed(2)} CPU-s; target ≤ ${TARGETS.restartS} s), RSS ${result.rssMb?.toFixed(0)} MB (target ≤ ${TARGETS.scaleRssMb} MB; heap ${result.heap?.used} of ${result.heap?.total} MB, external ${result.heap?.external} MB); load average ${loadavg()[0]?.toFixed(1)}\n`,
      );
      if (result.firstMs === undefined) failures.push(`restart child failed: ${child.stderr.slice(-500)}`);
      else if (result.firstMs > TARGETS.restartS * 1000) failures.push(`restart to first assignment ${(result.firstMs / 1000).toFixed(2)} s > ${TARGETS.restartS} s`);
      if ((result.rssMb ?? 0) > TARGETS.scaleRssMb) failures.push(`restart RSS ${result.rssMb?.toFixed(0)} MB > ${TARGETS.scaleRssMb} MB`);
    }
  } finally {
    const keep = args.includes('--keep');
    // With PostgreSQL the directory holds nothing: only the database is kept.
    if (!keep || db !== null) await rm(dir, { recursive: true, force: true });
    if (keep) process.stdout.write(`kept ${db === null ? dir : `database ${db.url}`}\n`);
    else await db?.drop();
  }
  return verdict(failures);
}

/** The scale bench's state store: SQLite in `dir`, or PostgreSQL at `url` (its `close` ends the pool). */
async function openScaleState(dir: string, url: string | null): Promise<StateStore> {
  if (url === null) return openSqliteStateStore({ stateDir: dir }) as SqliteStateStore;
  return (await openPgStores({ url, logger: silentLogger, waitMs: 10_000 })).state;
}

/** The state's size on disk and the story index checkpoint's bytes (PostgreSQL: the database and its snapshot row). */
async function scaleStateSize(dir: string, url: string | null): Promise<{ stateMb: number; indexBytes: number }> {
  if (url === null) {
    return { stateMb: ((await size(join(dir, 'state.db'))) + (await size(join(dir, 'state.db-wal')))) / 2 ** 20, indexBytes: await size(join(dir, 'story-index.snapshot')) };
  }
  const stores = await openPgStores({ url, logger: silentLogger, waitMs: 10_000 });
  try {
    const row = (await stores.pool.query<{ db: string; ix: string | null }>('SELECT pg_database_size(current_database()) AS db, (SELECT octet_length(data) FROM wd_ix_snapshot WHERE id = 1) AS ix')).rows[0];
    return { stateMb: Number(row?.db ?? 0) / 2 ** 20, indexBytes: Number(row?.ix ?? 0) };
  } finally {
    await stores.close();
  }
}

/**
 * Assignment speed at `live` and at 10,000 live measured together: a second index is built to
 * 10,000 live from the same stream, then both take their stream's next articles in alternating
 * blocks, so both speeds are taken under the same load. (Read minutes apart during the build, the
 * two speeds differed by whatever the other processes on the machine did meanwhile: ×1.63 in a run
 * whose load average went from 1 to 15, ×1.00 in the next, under the profiler, at a steady 15.)
 */
function sideBySide(large: ReturnType<typeof createStoryIndex>, largeDoc: (i: number) => StoryDoc, live: number, options: Parameters<typeof createStoryIndex>[0]): { small: number; large: number; smallLive: number } {
  const smallLive = Math.min(10_000, Math.floor(live / 10));
  const small = createStoryIndex(options);
  const smallDoc = syntheticDocs(seededRandom(77));
  for (let i = 0; i < smallLive; i += 1) small.assign(smallDoc(i));
  const used = { small: 0, large: 0 };
  const timed = (which: 'small' | 'large', run: () => void): void => {
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    used[which] += c.user + c.system;
  };
  for (let b = 0; b < SIDE_BLOCKS; b += 1) {
    timed('large', () => {
      for (let k = 0; k < SIDE_BLOCK; k += 1) large.assign(largeDoc(live + b * SIDE_BLOCK + k));
    });
    timed('small', () => {
      for (let k = 0; k < SIDE_BLOCK; k += 1) small.assign(smallDoc(smallLive + b * SIDE_BLOCK + k));
    });
  }
  const rate = (us: number): number => (SIDE_BLOCK * SIDE_BLOCKS) / (us / 1e6);
  return { small: rate(used.small), large: rate(used.large), smallLive };
}

async function restartChild(): Promise<number> {
  const dir = args[args.indexOf('--restart-child') + 1] as string;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (): number => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  const aliases = await loadAliases(null);
  const state = await openScaleState(dir, POSTGRES ? dir : null);
  const load = await state.loadStoryIndex();
  const index = restoreStoryIndex(await storyIndexOptions({ stories: { ...DEFAULT_STORIES, windowHours: 24 * 365 } }, aliases), load, dir);
  const loadMs = performance.now() - started;
  const loadCpuMs = cpuMs();
  // The next article of the stream: one far in the future would first evict the whole window.
  index.assign(syntheticDocs(seededRandom(99))(num('live', 100_000)));
  const firstMs = performance.now() - started;
  const firstCpuMs = cpuMs();
  const memory = process.memoryUsage();
  const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
  const heap = { used: mb(memory.heapUsed), total: mb(memory.heapTotal), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) };
  await state.close();
  process.stdout.write(`${JSON.stringify({ loadMs, firstMs, loadCpuMs, firstCpuMs, heap, rssMb: process.resourceUsage().maxRSS / 1024, live: load?.snapshot == null ? 0 : 'blocks' in load.snapshot ? load.snapshot.live : load.snapshot.fingerprints.length, replayed: load?.replay.length ?? 0 })}\n`);
  return 0;
}

/** News-like synthetic articles: events of a few reports, a Zipf vocabulary (as stories-bench --scale). */
function syntheticDocs(random: () => number): (i: number) => StoryDoc {
  const vocabulary = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}`);
  return (i) => {
    const event = Math.floor(i / 5) + Math.floor(random() * 3);
    const words: string[] = [];
    for (let w = 0; w < 300; w += 1) {
      const own = random() < 0.3;
      const rank = own ? event * 7 + Math.floor(random() * 20) : Math.floor(vocabulary.length ** random()) - 1;
      words.push(vocabulary[rank % vocabulary.length] as string);
    }
    const seenAt = new Date(Date.UTC(2026, 0, 1) + i * 20_000).toISOString();
    return { id: `a${i}`, title: words.slice(0, 8).join(' '), text: words.join(' '), publishedAt: null, seenAt, source: null };
  };
}

function verdict(failures: string[]): number {
  if (failures.length === 0) {
    process.stdout.write(CHECK ? 'check passed\n' : '');
    return 0;
  }
  process.stdout.write(`${CHECK ? 'check failed' : 'targets missed'}:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
  return CHECK ? 1 : 0;
}
