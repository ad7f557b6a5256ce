import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openSink, openState } from '../../src/ops/index.js';
import { emptySourceState } from '../../src/store/index.js';
import { systemClock } from '../../src/types/index.js';
import { seedOutput } from '../support/seed-output.js';
import { listFiles, makeArticle, makeRun, tempDir } from './make-records.js';

// Operator commands live in src/cli/commands; their tests sit with the store they read.
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('operator commands', () => {
  let dir: { path: string; remove(): Promise<void> };
  let out: string;
  let configPath: string;
  beforeEach(async () => {
    dir = await tempDir('wiredesk-cli-');
    out = join(dir.path, 'out');
    configPath = join(dir.path, 'wiredesk.json');
    await writeFile(
      configPath,
      JSON.stringify({
        sources: [
          { name: 'Alpha', url: 'https://alpha.example/rss', intervalMinutes: 30 },
          { name: 'Beta', url: 'https://beta.example/rss' },
        ],
      }),
    );
  });
  afterEach(() => dir.remove());

  const alphaArticle = (id: string, fetchedAgo: number, storyId: string, title = `Title of ${id}`) =>
    makeArticle(id, { feed: { url: 'https://alpha.example/rss', name: 'Alpha' }, title, publishedAt: ago(fetchedAgo + HOUR), fetchedAt: ago(fetchedAgo), story: { id: storyId, duplicateOf: null, distance: null, similarity: null, reason: 'new' } });

  it('status shows last success, the current error, next due and articles of the last 24 h', async () => {
    const alpha = emptySourceState('https://alpha.example/rss', 'Alpha');
    alpha.lastRunAt = ago(10 * 60_000);
    alpha.lastSuccessAt = ago(2 * HOUR);
    alpha.lastError = { code: 'HTTP_STATUS', message: 'HTTP 503 from https://alpha.example/rss', at: ago(10 * 60_000) };
    alpha.consecutiveFailures = 2;
    const gone = emptySourceState('https://gone.example/rss', 'Gone');
    gone.lastSuccessAt = ago(48 * HOUR);
    await seedOutput(out, [alphaArticle('a1', HOUR, 's1'), alphaArticle('a2', 2 * HOUR, 's1'), alphaArticle('a3', 3 * HOUR, 's2'), alphaArticle('a0', 30 * HOUR, 's0')], [alpha, gone]);
    const sink = await openSink({ outDir: out }, { clock: systemClock, logger: silentLogger });
    await sink.writeRunReport({ ...makeRun('20990101-000000-aaaaaa'), written: { articles: [], stories: [] } });

    const json = await cli(['status', '--config', configPath, '--out', out, '--json']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.out) as { sources: { name: string; lastError: { code: string } | null; articlesLast24h: number; nextDueReason: string; nextDueAt: string | null; inConfig: boolean }[] };
    const byName = Object.fromEntries(status.sources.map((s) => [s.name, s]));
    expect(byName['Alpha']).toMatchObject({ lastError: { code: 'HTTP_STATUS' }, articlesLast24h: 3, nextDueReason: 'backoff', inConfig: true });
    // Two failures on a 30 min interval: two hours after the last run.
    expect(Date.parse(byName['Alpha']?.nextDueAt ?? '') - Date.parse(alpha.lastRunAt)).toBeGreaterThanOrEqual(119 * 60_000);
    expect(byName['Beta']).toMatchObject({ lastError: null, articlesLast24h: 0, nextDueReason: 'first-run' });
    expect(byName['Gone']).toMatchObject({ inConfig: false, nextDueAt: null });

    let table = await cli(['status', '--config', configPath, '--out', out]);
    expect(table.out).toContain('no crawler running');
    // With a daemon running, the due time it saved (its own jitter draw) is shown.
    const planned = new Date(Date.now() + 3 * HOUR).toISOString();
    const state = openState({ outDir: out });
    await state.savePlan([{ url: 'https://alpha.example/rss', name: 'Alpha', nextDueAt: planned }]);
    await sink.acquireLock();
    table = await cli(['status', '--config', configPath, '--out', out]);
    const running = JSON.parse((await cli(['status', '--config', configPath, '--out', out, '--json'])).out) as { sources: { name: string; nextDueAt: string }[] };
    await sink.releaseLock();
    await state.close();
    expect(running.sources.find((s) => s.name === 'Alpha')?.nextDueAt).toBe(planned);
    expect(table.out).toContain(`crawler running: pid ${process.pid}`);
    expect(table.out).toContain('HTTP_STATUS: HTTP 503');
    expect(table.out).toContain('Gone (not in config)');
    expect(table.out).toMatch(/latest run 20990101-000000-aaaaaa: ok/);
  });

  it('status and stories on a directory that holds no output say so and exit 1', async () => {
    for (const args of [['status'], ['stories']]) {
      const result = await cli([...args, '--config', configPath, '--out', join(dir.path, 'nothing-here')]);
      expect(result.code).toBe(1);
      expect(result.err).toContain('NOT_FOUND');
    }
  });

  it('status reports a corrupt state with the path and the rebuild hint; state rebuild repairs it', async () => {
    await seedOutput(out, [alphaArticle('a1', HOUR, 'st')]);
    const dbPath = join(out, '.wiredesk-state', 'state.db');
    for (const suffix of ['-wal', '-shm']) await rm(dbPath + suffix, { force: true });
    await writeFile(dbPath, 'not a database at all, just some text that is long enough to be read as a header '.repeat(64));
    const broken = await cli(['status', '--config', configPath, '--out', out]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('STATE_CORRUPT');
    expect(broken.err).toContain(dbPath);
    expect(broken.err).toContain('wiredesk state rebuild');

    const rebuilt = await cli(['state', 'rebuild', '--config', configPath, '--out', out]);
    expect(rebuilt.code, rebuilt.err).toBe(0);
    expect(rebuilt.out).toContain('state rebuilt from 1 article files');
    expect(rebuilt.out).toMatch(/state\.db\.broken-/);
    expect(rebuilt.out).toContain('not recoverable from the files: HTTP validators');
    expect((await cli(['status', '--config', configPath, '--out', out])).code).toBe(0);
  });

  it('stories lists recent groups, biggest first, with agencies and title, and --limit counts groups', async () => {
    const beta = (id: string, fetchedAgo: number, storyId: string) => ({ ...alphaArticle(id, fetchedAgo, storyId), feed: { url: 'https://beta.example/rss', name: 'Beta' } });
    await seedOutput(out, [
      alphaArticle('a', HOUR, 'small', 'Small story'),
      alphaArticle('b', 2 * HOUR, 'big', 'Mosul dam repair'),
      beta('c', 2 * HOUR, 'big'),
      alphaArticle('d', 3 * HOUR, 'big'),
      ...['e', 'f', 'g', 'h'].map((id) => alphaArticle(id, 72 * HOUR, 'old', 'Old story')),
    ]);
    const json = await cli(['stories', '--since', '24h', '--out', out, '--config', configPath, '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { id: string; size: number; agencies: string[] }[]).map((s) => [s.id, s.size, s.agencies])).toEqual([
      ['big', 3, ['Alpha', 'Beta']],
      ['small', 1, ['Alpha']],
    ]);
    // Each group says until when a new report can still join it: its latest report plus the window and the memory.
    for (const story of JSON.parse(json.out) as { lastSeenAt: string; expiresAt: string }[]) expect(Date.parse(story.expiresAt) - Date.parse(story.lastSeenAt)).toBe((72 + 30 * 24) * HOUR);
    const table = await cli(['stories', '--since', '7d', '--out', out, '--config', configPath]);
    expect(table.out.indexOf('Old story')).toBeGreaterThan(-1);
    expect(table.out.indexOf('Old story')).toBeLessThan(table.out.indexOf('Mosul dam repair'));
    const limited = JSON.parse((await cli(['stories', '--since', '7d', '--limit', '2', '--out', out, '--config', configPath, '--json'])).out) as { id: string }[];
    expect(limited.map((s) => s.id)).toEqual(['old', 'big']);
    expect((await cli(['stories', '--since', 'yesterday', '--out', out, '--config', configPath])).code).toBe(2);
  });

  it('prune removes old files consistently, requires --older-than with a unit, and respects the lock', async () => {
    await seedOutput(out, [alphaArticle('old', 40 * 24 * HOUR, 's'), alphaArticle('new', HOUR, 's')]);
    expect((await cli(['prune', '--out', out, '--config', configPath])).code).toBe(2);
    expect((await cli(['prune', '--older-than', '1m', '--out', out, '--config', configPath])).code).toBe(2);
    expect((await cli(['prune', '--older-than', '30', '--out', out, '--config', configPath])).code).toBe(2);

    const holder = await openSink({ outDir: out }, { clock: systemClock, logger: silentLogger });
    await holder.acquireLock();
    const locked = await cli(['prune', '--older-than', '30d', '--out', out, '--config', configPath, '--log', 'json', '--quiet']);
    expect(locked.code).toBe(4);
    expect(locked.err).toContain(`process ${process.pid}`);
    await holder.releaseLock();

    const dry = await cli(['prune', '--older-than', '30d', '--dry-run', '--out', out, '--config', configPath, '--log', 'json', '--quiet']);
    expect(dry.out).toContain('dry run');
    expect((await listFiles(out)).filter((f) => f.startsWith('articles/'))).toHaveLength(2);
    const pruned = await cli(['prune', '--older-than', '30d', '--out', out, '--config', configPath, '--log', 'json', '--quiet']);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('1 articles');
    expect((await listFiles(out)).filter((f) => f.startsWith('articles/'))).toEqual([expect.stringMatching(/\/new\.json$/)]);
    expect(await holder.readStory('s')).toMatchObject({ members: ['new'] });
  });

  it('import-opml adds new feeds from nested outlines, deduplicated by URL, and reports what it did', async () => {
    const opml = join(dir.path, 'subs.opml');
    await writeFile(
      opml,
      `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="News" title="News">
    <outline type="rss" text="Gamma &amp; Co" title="Gamma &amp; Co" xmlUrl="https://gamma.example/feed.xml" htmlUrl="https://gamma.example/"/>
    <outline type="rss" text="Alpha again" xmlUrl="https://ALPHA.example:443/rss"/>
    <outline text="Deeper"><outline type="atom" xmlURL="https://delta.example/atom"/></outline>
  </outline>
  <outline type="rss" text="Gamma twice" xmlUrl="https://gamma.example/feed.xml"/>
  <outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed"/>
</body></opml>`,
    );
    const before = await readFile(configPath, 'utf8');
    const dry = await cli(['import-opml', opml, '--config', configPath, '--dry-run']);
    expect(dry.out).toContain('would add 2 feed(s)');
    expect(await readFile(configPath, 'utf8')).toBe(before);

    const first = await cli(['import-opml', opml, '--config', configPath]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('added 2 feed(s)');
    expect(first.out).toContain('+ Gamma & Co  https://gamma.example/feed.xml');
    expect(first.out).toContain('+ delta.example  https://delta.example/atom');
    expect(first.out).toMatch(/already present \(2\)/);
    expect(first.out).toContain('gopher://old.example/feed');
    const config = JSON.parse(await readFile(configPath, 'utf8')) as { sources: { name: string; url: string; intervalMinutes?: number }[] };
    expect(config.sources.map((s) => s.url)).toEqual(['https://alpha.example/rss', 'https://beta.example/rss', 'https://gamma.example/feed.xml', 'https://delta.example/atom']);
    expect(config.sources[0]?.intervalMinutes).toBe(30); // existing fields untouched

    const again = await cli(['import-opml', opml, '--config', configPath]);
    expect(again.out).toContain('nothing new');
    expect((await listFiles(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    await writeFile(join(dir.path, 'not.opml'), '<rss><channel/></rss>');
    const wrong = await cli(['import-opml', join(dir.path, 'not.opml'), '--config', configPath]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('not an OPML document');
  });
});
