import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { emptyState, openStore, readJsonFile } from '../../src/store/index.js';
import { fakeClock, useTempStore, listFiles, makeArticle, makeRun, makeStory } from './make-records.js';

describe('openStore layout and state', () => {
  const clock = fakeClock();
  const t = useTempStore(clock);

  it('files an article under the UTC date of publishedAt, else fetchedAt', async () => {
    const a = await t.store().writeArticle(makeArticle('a1', { publishedAt: '2026-11-19T23:30:00-02:00' }));
    const b = await t.store().writeArticle(makeArticle('b2', { publishedAt: null, fetchedAt: '2026-01-05T08:00:00.000Z' }));
    const c = await t.store().writeArticle(makeArticle('c3', { publishedAt: 'not a date', fetchedAt: '2026-02-01T00:00:00.000Z' }));
    expect([a, b, c]).toEqual(['articles/2026/11/20/a1.json', 'articles/2026/01/05/b2.json', 'articles/2026/02/01/c3.json']);
    expect(await readJsonFile(join(t.dir(), a))).toMatchObject({ id: 'a1', schemaVersion: 1 });
  });

  it('refuses ids that are not safe file names', async () => {
    await expect(t.store().writeArticle(makeArticle('../../etc/passwd'))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(t.store().writeArticle(makeArticle('UPPER'))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(t.store().writeStory(makeStory('a/b', ['x']))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(await listFiles(t.dir())).toEqual([]);
  });

  it('rewrites the same id in place even when its publishedAt changed, across store instances', async () => {
    const first = await t.store().writeArticle(makeArticle('same', { publishedAt: '2026-11-20T10:00:00Z', title: 'v1' }));
    // No saveState here: the crash-between-article-and-state case; the path journal must carry it.
    const reopened = await openStore({ outDir: t.dir(), clock, logger: silentLogger });
    const second = await reopened.writeArticle(makeArticle('same', { publishedAt: '2026-11-18T10:00:00Z', title: 'v2' }));
    expect(second).toBe(first);
    const files = (await listFiles(t.dir())).filter((f) => f.startsWith('articles/'));
    expect(files).toEqual([first]);
    expect(await reopened.readArticle('same')).toMatchObject({ title: 'v2' });
  });

  it('keeps the id→path map in the saved state and empties the journal', async () => {
    const state = await t.store().loadState();
    const rel = await t.store().writeArticle(makeArticle('k1'));
    await t.store().saveState(state);
    const saved = await readJsonFile<{ articlePaths: Record<string, string>; formatVersion: number }>(join(t.store().stateDir, 'state.json'));
    expect(saved?.articlePaths).toEqual({ k1: rel });
    expect(saved?.formatVersion).toBe(1);
    expect(await readFile(join(t.store().stateDir, 'article-paths.log'), 'utf8')).toBe('');
    const other = await openStore({ outDir: t.dir(), clock, logger: silentLogger });
    expect(await other.articlePath('k1')).toBe(rel);
  });

  it('ignores a torn journal line and a path that does not belong to its id', async () => {
    await mkdir(t.store().stateDir, { recursive: true });
    await appendFile(join(t.store().stateDir, 'article-paths.log'), '["ok","articles/2026/11/20/ok.json"]\n["evil","../../x.json"]\n["torn","artic');
    const state = await t.store().loadState();
    expect(state.articlePaths).toEqual({ ok: 'articles/2026/11/20/ok.json' });
  });

  it('round-trips the state and starts empty when there is none', async () => {
    expect(await t.store().loadState()).toEqual(emptyState());
    const state = emptyState();
    state.sources['https://a.example/rss'] = {
      name: 'A',
      validators: { etag: '"x"', lastModified: null },
      notBefore: '2026-11-21T03:10:00.000Z',
      nextDueAt: null,
      lastRunAt: null,
      lastSuccessAt: '2026-11-21T03:00:00.000Z',
      lastError: null,
      consecutiveFailures: 0,
      recentItemTimes: [],
    };
    state.seen['https://a.example/rss'] = { g1: { articleId: 'a1', at: '2026-11-21T03:00:00.000Z' } };
    state.storyIndex = { opaque: [1, 2, 3] };
    await t.store().saveState(state);
    const loaded = await (await openStore({ outDir: t.dir(), clock, logger: silentLogger })).loadState();
    expect(loaded).toEqual({ ...state, updatedAt: clock.now().toISOString() });
  });

  it('reports a truncated or foreign state file as STATE_CORRUPT with the path and a hint', async () => {
    await mkdir(t.store().stateDir, { recursive: true });
    const path = join(t.store().stateDir, 'state.json');
    for (const content of ['{"formatVersion":1,"sources":{', '', '[1,2]', '{"formatVersion":99}']) {
      await writeFile(path, content);
      const error = await t.store().loadState().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STATE_CORRUPT', details: { path } });
      expect((error as Error).message).toContain('wiredesk state rebuild');
    }
  });

  it('drops seen keys older than the retention on save, keeping recent ones', async () => {
    const state = await t.store().loadState();
    state.seen['https://a.example/rss'] = {
      old: { articleId: 'a1', at: '2026-07-01T00:00:00.000Z' },
      recent: { articleId: 'a2', at: '2026-11-01T00:00:00.000Z' },
    };
    state.seen['https://gone.example/rss'] = { old: { articleId: 'a3', at: '2026-01-01T00:00:00.000Z' } };
    await t.store().saveState(state);
    const loaded = await (await openStore({ outDir: t.dir(), clock, logger: silentLogger })).loadState();
    expect(loaded.seen).toEqual({ 'https://a.example/rss': { recent: { articleId: 'a2', at: '2026-11-01T00:00:00.000Z' } } });
  });

  it('honours a separate state directory', async () => {
    const stateDir = join(t.dir(), 'elsewhere');
    const moved = await openStore({ outDir: join(t.dir(), 'out'), stateDir, clock, logger: silentLogger });
    await moved.saveState(emptyState());
    expect(await listFiles(t.dir())).toEqual(['elsewhere/state.json']);
  });

  it('writes stories, and the run report before latest-run.json', async () => {
    const storyPath = await t.store().writeStory(makeStory('s1', ['a1']));
    expect(storyPath).toBe('stories/s1.json');
    expect(await t.store().readStory('s1')).toMatchObject({ members: ['a1'] });
    expect(await t.store().readStory('missing')).toBeNull();
    const runPath = await t.store().writeRunReport(makeRun('20261121-030000-abcdef', { articles: ['articles/2026/11/20/a1.json'], stories: [storyPath] }));
    expect(runPath).toBe('runs/20261121-030000-abcdef.json');
    expect(await t.store().readLatestRun()).toMatchObject({ runId: '20261121-030000-abcdef', path: runPath, status: 'ok' });
  });

  it('removes temp files of a dead writer on open but keeps a live writer\'s', async () => {
    await mkdir(join(t.dir(), 'stories'), { recursive: true });
    const dead = join(t.dir(), 'stories', '.s1.json.999999999-0badc0de.tmp');
    const live = join(t.dir(), 'stories', `.s2.json.${process.ppid}-0badc0de.tmp`);
    await writeFile(dead, '{"half":');
    await writeFile(live, '{"half":');
    await openStore({ outDir: t.dir(), clock, logger: silentLogger });
    expect(await listFiles(t.dir())).toEqual([`stories/.s2.json.${process.ppid}-0badc0de.tmp`]);
  });
});
