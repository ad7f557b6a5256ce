import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { openStore, pruneOutput } from '../../src/store/index.js';
import { fakeClock, useTempStore, listFiles, makeArticle, makeRun, makeStory } from './make-records.js';

describe('pruneOutput', () => {
  const clock = fakeClock('2026-11-21T03:00:00.000Z');
  const t = useTempStore(clock);

  it('removes old articles, their index entries, story memberships, old runs and old seen keys together', async () => {
    const state = await t.store().loadState();
    await t.store().writeArticle(makeArticle('old1', { publishedAt: '2026-09-01T10:00:00Z', title: 'Old one' }));
    await t.store().writeArticle(makeArticle('old2', { publishedAt: '2026-09-02T10:00:00Z' }));
    await t.store().writeArticle(makeArticle('new1', { publishedAt: '2026-11-20T10:00:00Z', title: 'New one' }));
    await t.store().writeStory(makeStory('mixed', ['old1', 'new1']));
    await t.store().writeStory(makeStory('allold', ['old2']));
    await t.store().writeStory(makeStory('allnew', ['new1']));
    state.seen['https://agency.example/rss'] = {
      k1: { articleId: 'old1', at: '2026-09-01T11:00:00.000Z' },
      k3: { articleId: 'new1', at: '2026-11-20T11:00:00.000Z' },
    };
    await t.store().saveState(state);
    await t.store().writeRunReport(makeRun('20260901-100000-aaaaaa'));
    await t.store().writeRunReport(makeRun('20261120-100000-bbbbbb'));
    await t.store().writeRunReport(makeRun('20260801-100000-cccccc')); // the latest pointer: kept whatever its age

    const result = await pruneOutput(t.store(), new Date('2026-10-22T03:00:00.000Z'));
    expect(result).toEqual({ articlesRemoved: 2, storiesRemoved: 1, storiesRewritten: 1, runsRemoved: 1, seenKeysRemoved: 1, pathEntriesRemoved: 2 });
    expect((await listFiles(t.dir())).filter((f) => !f.startsWith('.'))).toEqual([
      'articles/2026/11/20/new1.json',
      'latest-run.json',
      'runs/20260801-100000-cccccc.json',
      'runs/20261120-100000-bbbbbb.json',
      'stories/allnew.json',
      'stories/mixed.json',
    ]);
    expect(await t.store().readStory('mixed')).toMatchObject({ members: ['new1'], representative: 'new1', title: 'New one' });
    const after = await (await openStore({ outDir: t.dir(), clock, logger: silentLogger })).loadState();
    expect(Object.keys(after.articlePaths)).toEqual(['new1']);
    expect(after.seen).toEqual({ 'https://agency.example/rss': { k3: { articleId: 'new1', at: '2026-11-20T11:00:00.000Z' } } });
    // Idempotent: a second prune finds nothing more.
    expect(await pruneOutput(t.store(), new Date('2026-10-22T03:00:00.000Z'))).toMatchObject({ articlesRemoved: 0, storiesRemoved: 0, runsRemoved: 0 });
  });
});
