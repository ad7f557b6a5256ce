import { readdir, writeFile, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { openStore, rebuildState } from '../../src/store/index.js';
import { fakeClock, useTempStore, makeArticle, makeStory } from './make-records.js';

describe('rebuildState', () => {
  const clock = fakeClock();
  const t = useTempStore(clock);

  it('recreates seen keys, id→path and story membership from the article files after the state is corrupted', async () => {
    const state = await t.store().loadState();
    const a = await t.store().writeArticle(makeArticle('a1', { guid: 'g-1', fetchedAt: '2026-11-20T01:00:00.000Z', story: { id: 'st1', duplicateOf: null, distance: null, similarity: null, reason: 'new' } }));
    const b = await t.store().writeArticle(
      makeArticle('b2', { feed: { url: 'https://other.example/feed', name: 'Other' }, guid: null, publishedAt: null, fetchedAt: '2026-11-21T02:00:00.000Z', story: { id: 'st1', duplicateOf: 'a1', distance: 1, similarity: null, reason: 'duplicate' } }),
    );
    const c = await t.store().writeArticle(makeArticle('c3', { fetchedAt: '2026-11-21T02:30:00.000Z', story: { id: 'gone', duplicateOf: null, distance: null, similarity: null, reason: 'new' } }));
    // st1 only knows a1 (crash before b2 joined); "gone" was merged into "st1"; "lost" never got a file.
    await t.store().writeStory(makeStory('st1', ['a1'], { merged: [{ storyId: 'gone', at: '2026-11-21T02:40:00.000Z' }] }));
    await t.store().saveState(state);
    await writeFile(join(t.store().stateDir, 'state.json'), '{"formatVersion":1,"sources":{"https://agen');

    const fresh = await openStore({ outDir: t.dir(), clock, logger: silentLogger });
    await expect(fresh.loadState()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
    const result = await rebuildState(fresh, clock.now());
    expect(result).toMatchObject({ articles: 3, unreadable: [], sources: 2, storiesRewritten: ['stories/st1.json'] });
    expect(result.movedAside).toMatch(/state\.json\.broken-/);

    const rebuilt = await (await openStore({ outDir: t.dir(), clock, logger: silentLogger })).loadState();
    expect(rebuilt.articlePaths).toEqual({ a1: a, b2: b, c3: c });
    const agency = rebuilt.seen['https://agency.example/rss'] ?? {};
    expect(agency['g-1']).toEqual({ articleId: 'a1', at: '2026-11-20T01:00:00.000Z' });
    expect(agency['https://agency.example/news/c3']?.articleId).toBe('c3');
    expect(rebuilt.seen['https://other.example/feed']?.['https://agency.example/news/b2']?.articleId).toBe('b2');
    expect(rebuilt.sources['https://agency.example/rss']).toMatchObject({ name: 'Agency', lastSuccessAt: '2026-11-21T02:30:00.000Z', validators: null });
    expect(rebuilt.storyIndex).toBeNull();
    expect(await fresh.readStory('st1')).toMatchObject({ members: ['a1', 'b2', 'c3'], sources: ['Agency', 'Other'], representative: 'a1' });
    expect(await readdir(t.store().stateDir)).toEqual(expect.arrayContaining(['state.json', expect.stringMatching(/^state\.json\.broken-/)]));
  });

  it('reports unreadable article files and creates a missing story file', async () => {
    await t.store().writeArticle(makeArticle('a1', { story: { id: 'lost', duplicateOf: null, distance: null, similarity: null, reason: 'new' } }));
    await mkdir(join(t.dir(), 'articles/2026/11/19'), { recursive: true });
    await writeFile(join(t.dir(), 'articles/2026/11/19/zz.json'), '{"id":');
    await unlink(join(t.store().stateDir, 'article-paths.log'));
    const result = await rebuildState(t.store(), clock.now());
    expect(result.unreadable).toEqual(['articles/2026/11/19/zz.json']);
    expect(result.movedAside).toBeNull();
    expect(await t.store().readStory('lost')).toMatchObject({ id: 'lost', members: ['a1'], representative: 'a1', title: 'Title of a1' });
  });
});
