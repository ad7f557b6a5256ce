import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createStoryIndex } from '../../src/fingerprint/index.js';
import { openStateForRebuild, rebuildState } from '../../src/ops/index.js';
import { fakeClock, makeArticle, makeStory, useTempOutput } from '../store/make-records.js';
import { fixtureDoc, shippedAliases } from '../fingerprint/helpers.js';
import { seedOutput } from '../support/seed-output.js';

const config = parseConfig({ sources: [] }, null);

describe('rebuildState', () => {
  const clock = fakeClock('2017-03-09T12:00:00.000Z');
  const t = useTempOutput(clock);

  it('recreates the catalog, seen keys, sources, story files and the story index of the window from the output', async () => {
    await t.state().close();
    const seed = fixtureDoc('seed-pair', 'first');
    const story = { id: 's0-seed', duplicateOf: null, distance: null, similarity: null, reason: 'new' as const };
    await seedOutput(t.dir(), [
      makeArticle('a1', { guid: 'g-1', title: seed.title, text: seed.text, publishedAt: seed.publishedAt, fetchedAt: '2017-03-08T20:00:00.000Z', story }),
      makeArticle('b2', {
        feed: { url: 'https://other.example/feed', name: 'Other', alsoIn: [{ url: 'https://third.example/feed', name: 'Third' }] },
        guid: null, title: seed.title, text: `BEIRUT (Wire) — ${seed.text}`, publishedAt: null, fetchedAt: '2017-03-08T21:00:00.000Z',
        story: { ...story, duplicateOf: 'a1', distance: 1, reason: 'duplicate' },
      }),
    ]);
    // The state is lost, a story file is stale (it misses b2), and one article file is broken.
    await t.sink().writeStory(makeStory('s0-seed', ['a1']));
    await mkdir(join(t.dir(), 'articles/2017/03/01'), { recursive: true });
    await writeFile(join(t.dir(), 'articles/2017/03/01/zz.json'), '{"id":');
    const db = join(t.dir(), '.wiredesk-state', 'state.db');
    for (const suffix of ['-wal', '-shm']) await rm(db + suffix, { force: true });
    await writeFile(db, 'garbage, not a database; garbage, not a database; '.repeat(100));

    const { state, movedAside } = openStateForRebuild({ outDir: t.dir() }, clock.now());
    try {
      expect(movedAside).toMatch(/state\.db\.broken-/);
      const result = await rebuildState({ sink: t.sink(), state, config });
      expect(result).toMatchObject({ articles: 2, sources: 2, unreadable: ['articles/2017/03/01/zz.json'], storiesRewritten: ['s0-seed'], windowArticles: 2 });
      expect(result.lost.join(' ')).toContain('HTTP validators');
      expect(await state.seenKeys('https://agency.example/rss', ['g-1', 'https://agency.example/news/a1'])).toEqual(new Set(['g-1', 'https://agency.example/news/a1']));
      expect((await state.seenKeys('https://third.example/feed', ['https://agency.example/news/b2'])).size).toBe(1);
      expect(await state.source('https://agency.example/rss')).toMatchObject({ name: 'Agency', lastSuccessAt: '2017-03-08T20:00:00.000Z', validators: null });
      // Rebuilt by the same rule as a commit writes it, expiry included: the latest fetch plus the window and the memory.
      expect(await t.sink().readStory('s0-seed')).toMatchObject({ members: ['a1', 'b2'], sources: ['Agency', 'Other'], representative: 'a1', lastSeenAt: '2017-03-08T21:00:00.000Z', expiresAt: '2017-04-10T21:00:00.000Z' });

      // Story continuity: the other outlet's report of the same event joins the story after the rebuild.
      const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() }, (await state.loadStoryIndex())?.snapshot ?? null);
      const second = fixtureDoc('seed-pair', 'second');
      expect(index.assign({ ...second, seenAt: '2017-03-09T08:00:00.000Z' })).toMatchObject({ storyId: 's0-seed', reason: 'similar' });
      // And a later story gets a new id, not one of the rebuilt stories'.
      expect(index.assign({ ...fixtureDoc('wire-copy', 'original'), publishedAt: '2017-03-09T09:00:00.000Z', seenAt: '2017-03-09T09:00:00.000Z' }).storyId).not.toMatch(/^s0-/);
    } finally {
      await state.close();
    }
  });
});
