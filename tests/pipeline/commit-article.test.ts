import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { StoryAssignment, StoryDoc } from '../../src/fingerprint/index.js';
import { silentLogger } from '../../src/log/index.js';
import { commitArticle } from '../../src/pipeline/commit-article.js';
import type { PendingArticle } from '../../src/pipeline/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { SCHEMA_VERSION, systemClock, type FeedItem } from '../../src/types/index.js';

const source = parseConfig({ sources: [{ name: 'Wire', url: 'https://wire.example/feed' }] }, null).sources[0]!;

function pending(id: string, title: string): PendingArticle {
  const item: FeedItem = {
    key: id, guid: id, url: `https://wire.example/${id}`, canonicalUrl: `https://wire.example/${id}`, title, summary: null, content: null,
    authors: [], categories: [], publishedAt: '2017-03-08T10:00:00.000Z', updatedAt: null, publishedRaw: null, updatedRaw: null, language: 'en', media: [],
  };
  return {
    source, sourceIndex: 0, itemIndex: 0, item, articleId: id, fetchedAt: '2017-03-08T12:00:00.000Z', finalUrl: item.url,
    encoding: 'utf-8', encodingSource: 'utf8-valid', fallbackReason: null,
    extracted: {
      title, byline: null, publishedAt: item.publishedAt, updatedAt: null, language: 'en', direction: 'ltr', siteName: null, canonicalUrl: null,
      leadImage: null, text: `${title}.\n\nBody of ${id}.`, html: null, wordCount: 6, extraction: { method: 'readability', reason: null }, provenance: {},
    },
  };
}

/** An index whose answers are scripted, so the test controls when stories merge. */
function scriptedIndex(answers: Record<string, Partial<StoryAssignment>>): { assign(doc: StoryDoc): StoryAssignment } {
  return {
    assign: (doc) => ({ simhash: '0123456789abcdef', storyId: `s-${doc.id}`, duplicateOf: null, distance: null, similarity: null, reason: 'new', merged: [], ...answers[doc.id] }),
  };
}

describe('commitArticle', () => {
  let out: string;
  let store: Store;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-commit-'));
    store = await openStore({ outDir: out, clock: systemClock, logger: silentLogger });
  });
  afterEach(async () => rm(out, { recursive: true, force: true }));

  it('folds a merged story into the survivor: members, article pointers and the old file', async () => {
    const index = scriptedIndex({
      a: { storyId: 's-a' },
      b: { storyId: 's-b' },
      c: { storyId: 's-a', reason: 'similar', similarity: 0.4, merged: ['s-b'] },
    });
    await commitArticle(store, index, pending('a', 'First report'));
    await commitArticle(store, index, pending('b', 'Second report'));
    const result = await commitArticle(store, index, pending('c', 'Report linking both'));

    const survivor = await store.readStory('s-a');
    expect(survivor?.members).toEqual(['a', 'c', 'b']);
    expect(survivor?.merged.map((m) => m.storyId)).toEqual(['s-b']);
    expect(await store.readStory('s-b')).toBeNull();
    expect((await readdir(join(out, 'stories'))).sort()).toEqual(['s-a.json']);
    expect((await store.readArticle('b'))?.story.id).toBe('s-a');
    expect(result.removedStories).toEqual(['s-b']);
    expect(result.articles).toHaveLength(2); // c itself, and b re-pointed
  });

  it('redoes a merge cut short by a crash without listing it twice', async () => {
    const index = scriptedIndex({ a: { storyId: 's-a' }, b: { storyId: 's-b' }, c: { storyId: 's-a', reason: 'similar', merged: ['s-b'] } });
    await commitArticle(store, index, pending('a', 'First report'));
    await commitArticle(store, index, pending('b', 'Second report'));
    await commitArticle(store, index, pending('c', 'Report linking both'));
    // The crash came before the absorbed file was removed; the next run commits c again.
    const absorbed = { schemaVersion: SCHEMA_VERSION, id: 's-b', members: ['b'], representative: 'b', title: 'Second report', sources: ['Wire'], firstSeenAt: '2017-03-08T12:00:00.000Z', lastSeenAt: '2017-03-08T12:00:00.000Z', merged: [] };
    await store.writeStory(absorbed);
    await commitArticle(store, index, pending('c', 'Report linking both'));
    const survivor = await store.readStory('s-a');
    expect(survivor?.members).toEqual(['a', 'c', 'b']);
    expect(survivor?.merged.map((m) => m.storyId)).toEqual(['s-b']);
    expect(await store.readStory('s-b')).toBeNull();
  });

  it('starts a story with the article as its representative', async () => {
    await commitArticle(store, scriptedIndex({}), pending('x', 'Lone report'));
    const story = await store.readStory('s-x');
    expect(story).toMatchObject({ id: 's-x', members: ['x'], representative: 'x', title: 'Lone report', sources: ['Wire'] });
  });
});
