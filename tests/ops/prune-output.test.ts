import { describe, expect, it } from 'vitest';
import { DEFAULT_STORIES, parseConfig } from '../../src/config/index.js';
import type { StoryAssignment, StoryDoc } from '../../src/fingerprint/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openSink, openState, pruneOutput } from '../../src/ops/index.js';
import { commitArticle, type PendingArticle } from '../../src/pipeline/index.js';
import { storyTermsOf } from '../../src/records/index.js';
import { fakeClock, listFiles, makeArticle, makeRun, tempDir, useTempOutput } from '../store/make-records.js';
import { seedOutput } from '../support/seed-output.js';

const story = (id: string) => ({ id, duplicateOf: null, distance: null, similarity: null, reason: 'new' as const });

describe('pruneOutput', () => {
  const clock = fakeClock('2026-11-21T03:00:00.000Z');
  const t = useTempOutput(clock);

  it('removes old articles, their catalog entries, story memberships, old runs and old seen keys together', async () => {
    await t.state().close();
    await seedOutput(t.dir(), [
      makeArticle('old1', { publishedAt: '2026-09-01T10:00:00Z', fetchedAt: '2026-09-01T11:00:00.000Z', title: 'Old one', story: story('mixed') }),
      makeArticle('old2', { publishedAt: '2026-09-02T10:00:00Z', fetchedAt: '2026-09-02T11:00:00.000Z', story: story('allold') }),
      makeArticle('new1', { publishedAt: '2026-11-20T10:00:00Z', fetchedAt: '2026-11-20T11:00:00.000Z', title: 'New one', story: story('mixed') }),
      makeArticle('new2', { publishedAt: '2026-11-20T12:00:00Z', fetchedAt: '2026-11-20T13:00:00.000Z', story: story('allnew') }),
    ]);
    const state = openState({ outDir: t.dir() });
    try {
      await t.sink().writeRunReport({ ...makeRun('20260901-100000-aaaaaa'), written: { articles: [], stories: [] } });
      await t.sink().writeRunReport({ ...makeRun('20261120-100000-bbbbbb'), written: { articles: [], stories: [] } });
      await t.sink().writeRunReport({ ...makeRun('20260801-100000-cccccc'), written: { articles: [], stories: [] } }); // the latest pointer: kept whatever its age

      const cutoff = new Date('2026-10-22T03:00:00.000Z');
      const dry = await pruneOutput({ sink: t.sink(), state, stories: DEFAULT_STORIES }, cutoff, { dryRun: true });
      expect(dry).toMatchObject({ articlesRemoved: 2, storiesRemoved: 1, storiesRewritten: 1, runsRemoved: 1, dryRun: true });
      expect((await listFiles(t.dir())).filter((f) => f.startsWith('articles/'))).toHaveLength(4);

      const result = await pruneOutput({ sink: t.sink(), state, stories: DEFAULT_STORIES }, cutoff);
      expect(result).toEqual({ cutoffDay: '2026-10-22', articlesRemoved: 2, storiesRemoved: 1, storiesRewritten: 1, runsRemoved: 1, seenKeysRemoved: 0, dryRun: false });
      expect((await listFiles(t.dir())).filter((f) => !f.startsWith('.'))).toEqual([
        'articles/2026/11/20/new1.json',
        'articles/2026/11/20/new2.json',
        'latest-run.json',
        'runs/20260801-100000-cccccc.json',
        'runs/20261120-100000-bbbbbb.json',
        'stories/allnew.json',
        'stories/mixed.json',
      ]);
      expect(await t.sink().readStory('mixed')).toMatchObject({ members: ['new1'], representative: 'new1', title: 'New one', firstSeenAt: '2026-11-20T11:00:00.000Z' });
      expect([...(await state.articles(['old1', 'old2', 'new1'])).keys()]).toEqual(['new1']);
      expect(await state.seenKeys('https://agency.example/rss', ['guid-old1', 'guid-new1'])).toEqual(new Set(['guid-new1']));
      // Idempotent: a second prune finds nothing more.
      expect(await pruneOutput({ sink: t.sink(), state, stories: DEFAULT_STORIES }, cutoff)).toMatchObject({ articlesRemoved: 0, storiesRemoved: 0, runsRemoved: 0 });
    } finally {
      await state.close();
    }
  });

  it('a split and a prune that leave the same members give the same story record (one rule for both)', async () => {
    const source = parseConfig({ sources: [{ name: 'Wire', url: 'https://wire.example/feed' }] }, null).sources[0]!;
    const pending = (id: string, title: string, fetchedAt: string): PendingArticle => ({
      source, sourceIndex: 0, itemIndex: 0, articleId: id, fetchedAt, finalUrl: null, encoding: null, encodingSource: null, fallbackReason: null, validators: null,
      item: { key: id, guid: id, url: `https://wire.example/${id}`, canonicalUrl: null, title, summary: null, content: null, authors: [], categories: [], publishedAt: fetchedAt, updatedAt: null, publishedRaw: null, updatedRaw: null, language: 'en', media: [] },
      extracted: { title, byline: null, publishedAt: fetchedAt, updatedAt: null, language: 'en', direction: 'ltr', siteName: null, canonicalUrl: null, leadImage: null, text: `${title}.`, html: null, wordCount: 2, extraction: { method: 'readability', reason: null }, provenance: {} },
    });
    const scripted = (answers: Record<string, Partial<StoryAssignment>>) => ({
      assign: (doc: StoryDoc): StoryAssignment => ({ simhash: '0123456789abcdef', storyId: 's-x', duplicateOf: null, distance: null, similarity: null, reason: 'similar', via: null, language: 'en', openUntil: '2099-01-01T00:00:00.000Z', merged: [], moved: [], ended: [], ...answers[doc.id] }) as StoryAssignment,
    });
    let seq = 1;
    const deps = { sink: t.sink(), state: t.state(), nextJoinSeq: () => seq++, storyTerms: storyTermsOf(DEFAULT_STORIES) };
    // Story s-x: an old report (a copy first, then originals), and two recent ones.
    const index = scripted({ old: { duplicateOf: 'elsewhere', reason: 'duplicate' }, late: { storyId: 's-y', reason: 'new', moved: [{ articleId: 'old', from: 's-x', to: 's-y' }] } });
    for (const [id, title, at] of [['old', 'Old copy', '2026-09-01T10:00:00.000Z'], ['mid', 'Middle report', '2026-11-19T10:00:00.000Z'], ['new', 'New report', '2026-11-20T10:00:00.000Z']] as const) {
      await commitArticle({ ...deps, index }, pending(id, title, at));
    }
    const before = await t.sink().readStory('s-x');
    expect(before?.representative).toBe('mid');
    // A split takes "old" away from s-x …
    await commitArticle({ ...deps, index }, pending('late', 'Late report', '2026-11-20T11:00:00.000Z'));
    const afterSplit = await t.sink().readStory('s-x');
    // … and, in another output with the same three articles, a prune removes it.
    const pruneOut = await tempDir();
    try {
      await seedOutput(pruneOut.path, [
        makeArticle('old', { title: 'Old copy', feed: { url: 'https://wire.example/feed', name: 'Wire' }, publishedAt: '2026-09-01T10:00:00.000Z', fetchedAt: '2026-09-01T10:00:00.000Z', story: { ...story('s-x'), duplicateOf: 'elsewhere', reason: 'duplicate' } }),
        makeArticle('mid', { title: 'Middle report', feed: { url: 'https://wire.example/feed', name: 'Wire' }, publishedAt: '2026-11-19T10:00:00.000Z', fetchedAt: '2026-11-19T10:00:00.000Z', story: story('s-x') }),
        makeArticle('new', { title: 'New report', feed: { url: 'https://wire.example/feed', name: 'Wire' }, publishedAt: '2026-11-20T10:00:00.000Z', fetchedAt: '2026-11-20T10:00:00.000Z', story: story('s-x') }),
      ]);
      const sink = await openSink({ outDir: pruneOut.path }, { clock, logger: silentLogger });
      const state = openState({ outDir: pruneOut.path });
      await pruneOutput({ sink, state, stories: DEFAULT_STORIES }, new Date('2026-10-01T00:00:00.000Z'));
      await state.close();
      expect(await sink.readStory('s-x')).toEqual(afterSplit);
    } finally {
      await pruneOut.remove();
    }
  });
});
