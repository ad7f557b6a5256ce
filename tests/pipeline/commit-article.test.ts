import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORIES, parseConfig } from '../../src/config/index.js';
import { createStoryIndex, replayStoryIndex, type StoryAssignment, type StoryDoc, type StoryIndex } from '../../src/fingerprint/index.js';
import { silentLogger } from '../../src/log/index.js';
import { commitArticle, recoverInterruptedCommits, type CommitResult, type PendingArticle } from '../../src/pipeline/index.js';
import { storyTermsOf } from '../../src/records/index.js';
import { openFileSink, openSqliteStateStore, type OutputSink, type StateStore } from '../../src/store/index.js';
import { systemClock, type ArticleRecord, type FeedItem } from '../../src/types/index.js';
import { fixtureDoc, shippedAliases } from '../fingerprint/helpers.js';

const source = parseConfig({ sources: [{ name: 'Wire', url: 'https://wire.example/feed' }] }, null).sources[0]!;
const DAY = '2017-03-08';

function pending(id: string, title: string, text = `${title}.\n\nBody of ${id}.`, publishedAt = '2017-03-08T10:00:00.000Z'): PendingArticle {
  const item: FeedItem = {
    key: id, guid: id, url: `https://wire.example/${id}`, canonicalUrl: `https://wire.example/${id}`, title, summary: null, content: null,
    authors: [], categories: [], publishedAt, updatedAt: null, publishedRaw: null, updatedRaw: null, language: 'en', media: [],
  };
  return {
    source, sourceIndex: 0, itemIndex: 0, item, articleId: id, fetchedAt: '2017-03-08T12:00:00.000Z', finalUrl: item.url,
    encoding: 'utf-8', encodingSource: 'utf8-valid', fallbackReason: null, validators: null,
    extracted: {
      title, byline: null, publishedAt: item.publishedAt, updatedAt: null, language: 'en', direction: 'ltr', siteName: null, canonicalUrl: null,
      leadImage: null, text, html: null, wordCount: 6, extraction: { method: 'readability', reason: null }, provenance: {},
    },
  };
}

/** A report of the two-quakes fixture (fixtures/stories/same-kind-events) as a pending article. */
function quake(name: string): PendingArticle {
  const doc = fixtureDoc('same-kind-events', name);
  return pending(doc.id, doc.title, doc.text, doc.publishedAt ?? undefined);
}

/** An index whose answers are scripted, so the test controls when stories split and merge. */
function scriptedIndex(answers: Record<string, Partial<StoryAssignment>>): Pick<StoryIndex, 'assign'> {
  return {
    assign: (doc: StoryDoc) => ({ simhash: '0123456789abcdef', storyId: `s-${doc.id}`, duplicateOf: null, distance: null, similarity: null, reason: 'new', via: null, language: 'en', openUntil: '2099-01-01T00:00:00.000Z', merged: [], moved: [], ended: [], ...answers[doc.id] }),
  };
}

/** The index as the state keeps it: its snapshot, with the inputs logged since replayed. */
async function restoredIndex(state: StateStore): Promise<StoryIndex> {
  const load = await state.loadStoryIndex();
  const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() }, load?.snapshot ?? null);
  replayStoryIndex(index, load?.replay ?? []);
  return index;
}

interface Harness {
  sink: OutputSink;
  state: StateStore;
  commit(index: Pick<StoryIndex, 'assign'>, article: PendingArticle, sink?: OutputSink): Promise<CommitResult>;
  article(id: string): Promise<ArticleRecord | null>;
  listing(): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

async function harness(out: string): Promise<Harness> {
  const sink = await openFileSink({ outDir: out, clock: systemClock, logger: silentLogger });
  const state = openSqliteStateStore({ stateDir: join(out, '.wiredesk-state') }) as StateStore;
  let join_ = await state.nextJoinSeq();
  return {
    sink,
    state,
    commit: (index, article, through = sink) => commitArticle({ sink: through, state, index, nextJoinSeq: () => join_++, storyTerms: storyTermsOf(DEFAULT_STORIES) }, article),
    async article(id) {
      const entry = (await state.articles([id])).get(id);
      return entry === undefined ? null : sink.readArticle(id, entry.filedDay);
    },
    async listing() {
      const out_: Record<string, string[]> = {};
      for (const file of (await readdir(join(out, 'stories')).catch(() => [])).sort()) {
        const id = file.replace(/\.json$/, '');
        out_[id] = (await sink.readStory(id))?.members ?? [];
      }
      return out_;
    },
    close: () => state.close(),
  };
}

describe('commitArticle', () => {
  let out: string;
  let h: Harness;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-commit-'));
    h = await harness(out);
  });
  afterEach(async () => {
    await h.close();
    await rm(out, { recursive: true, force: true });
  });

  it('writes what joined each article (story memory, another language) and when its story expires', async () => {
    const index = scriptedIndex({
      a: { storyId: 's-a' },
      b: { storyId: 's-a', reason: 'similar', similarity: 0.21, via: 'memory' },
      c: { storyId: 's-a', reason: 'similar', similarity: 0.3, via: 'cross-language' },
    });
    for (const id of ['a', 'b', 'c']) await h.commit(index, pending(id, `Report ${id}`));
    expect([(await h.article('a'))?.story.via, (await h.article('b'))?.story.via, (await h.article('c'))?.story.via]).toEqual([null, 'memory', 'cross-language']);
    const story = await h.sink.readStory('s-a');
    // Every report was fetched at 12:00 on 8 March: open for the 72 h window and the 30-day memory after it.
    expect(story?.lastSeenAt).toBe('2017-03-08T12:00:00.000Z');
    expect(story?.expiresAt).toBe('2017-04-10T12:00:00.000Z');
  });

  it('records the language the text was read in when the page declares none or another one, and keeps an agreeing tag', async () => {
    const index = scriptedIndex({ agrees: { language: 'en' }, silent: { language: 'fr' }, wrong: { language: 'de' }, unread: { language: 'und' } });
    const declaring = (id: string, tag: string | null): PendingArticle => {
      const p = pending(id, `Report ${id}`);
      return { ...p, item: { ...p.item, language: tag }, extracted: { ...p.extracted, language: tag } };
    };
    for (const [id, tag] of [['agrees', 'en-GB'], ['silent', null], ['wrong', 'en'], ['unread', 'en-US']] as const) await h.commit(index, declaring(id, tag));
    const languages = await Promise.all(['agrees', 'silent', 'wrong', 'unread'].map(async (id) => (await h.article(id))?.language));
    expect(languages).toEqual(['en-GB', 'fr', 'de', 'en-US']);
  });

  it('folds a merged story into the survivor: members, article pointers and the old file', async () => {
    const index = scriptedIndex({
      a: { storyId: 's-a' },
      b: { storyId: 's-b' },
      c: { storyId: 's-a', reason: 'similar', similarity: 0.4, merged: ['s-b'], moved: [{ articleId: 'b', from: 's-b', to: 's-a' }], ended: [{ storyId: 's-b', into: 's-a' }] },
    });
    await h.commit(index, pending('a', 'First report'));
    await h.commit(index, pending('b', 'Second report'));
    const result = await h.commit(index, pending('c', 'Report linking both'));

    const survivor = await h.sink.readStory('s-a');
    expect(survivor?.members).toEqual(['a', 'c', 'b']);
    expect(survivor?.merged.map((m) => m.storyId)).toEqual(['s-b']);
    expect(await h.sink.readStory('s-b')).toBeNull();
    expect((await readdir(join(out, 'stories'))).sort()).toEqual(['s-a.json']);
    expect((await h.article('b'))?.story.id).toBe('s-a');
    expect(result.removedStories).toEqual(['s-b']);
    expect(result.articles.map((a) => a.id)).toEqual(['c', 'b']);
    expect(result.articles[0]?.filedDay).toBe(DAY);
  });

  it('splits a story: the moved articles and their new story first, then the story they left', async () => {
    const index = scriptedIndex({
      a: { storyId: 's-a' },
      b: { storyId: 's-a', reason: 'similar' },
      c: { storyId: 's-a', reason: 'similar' },
      // d links to b and c more strongly than they link to a: b and c leave with it.
      d: { storyId: 's-b', reason: 'similar', moved: [{ articleId: 'b', from: 's-a', to: 's-b' }, { articleId: 'c', from: 's-a', to: 's-b' }] },
    });
    for (const [id, title] of [['a', 'Quake in the north'], ['b', 'Quake in the south'], ['c', 'Southern quake toll'], ['d', 'South quake aid']] as const) {
      await h.commit(index, pending(id, title));
    }
    expect(await h.sink.readStory('s-a')).toMatchObject({ members: ['a'], representative: 'a', title: 'Quake in the north' });
    expect(await h.sink.readStory('s-b')).toMatchObject({ members: ['d', 'b', 'c'], representative: 'd', sources: ['Wire'], merged: [] });
    expect((await h.article('b'))?.story.id).toBe('s-b');
    expect((await h.article('c'))?.story.id).toBe('s-b');
    expect((await h.article('a'))?.story.id).toBe('s-a');
  });

  it('gives a story that lost its representative the first original left', async () => {
    const index = scriptedIndex({
      a: { storyId: 's-a' },
      b: { storyId: 's-a', reason: 'similar' },
      c: { storyId: 's-c', moved: [{ articleId: 'a', from: 's-a', to: 's-c' }] },
    });
    for (const [id, title] of [['a', 'First'], ['b', 'Second'], ['c', 'Third']] as const) await h.commit(index, pending(id, title));
    expect(await h.sink.readStory('s-a')).toMatchObject({ members: ['b'], representative: 'b', title: 'Second' });
  });

  it('starts a story with the article as its representative', async () => {
    await h.commit(scriptedIndex({}), pending('x', 'Lone report'));
    const story = await h.sink.readStory('s-x');
    expect(story).toMatchObject({ id: 's-x', members: ['x'], representative: 'x', title: 'Lone report', sources: ['Wire'] });
  });

  it('rewrites files of an earlier run when a later run splits their story (real index, restored from the state)', async () => {
    const today = createStoryIndex({ windowHours: 72, aliases: shippedAliases() });
    for (const name of ['quake-a-1', 'quake-a-2', 'quake-b-1']) await h.commit(today, quake(name));
    const first = (await h.article('quake-a-agency-1'))?.story.id as string;
    expect((await h.article('quake-b-agency-1'))?.story.id).toBe(first);

    const tomorrow = await restoredIndex(h.state);
    await h.commit(tomorrow, quake('quake-b-2'));
    const second = (await h.article('quake-b-agency-2'))?.story.id as string;
    expect(second).not.toBe(first);
    expect((await h.article('quake-b-agency-1'))?.story.id).toBe(second);
    expect((await h.sink.readStory(first))?.members).toEqual(['quake-a-agency-1', 'quake-a-agency-2']);
    expect((await h.sink.readStory(second))?.members).toEqual(['quake-b-agency-2', 'quake-b-agency-1']);
  });

  it('a commit cut short after any write is undone at the next start, and the redo lands exactly as an uninterrupted one', async () => {
    const earlier = ['quake-a-agency-1', 'quake-a-agency-2', 'quake-b-agency-1'];
    let expected: Record<string, string[]> | null = null;
    for (let crashAfter = 0; crashAfter <= 8; crashAfter += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'wiredesk-split-'));
      const run = await harness(dir);
      try {
        const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() });
        for (const name of ['quake-a-1', 'quake-a-2', 'quake-b-1']) await run.commit(index, quake(name));
        const before = await run.listing();
        let writes = 0;
        const crash = async <T>(op: () => Promise<T>): Promise<T> => {
          if (writes++ >= crashAfter) throw new Error('killed');
          return op();
        };
        const failing: OutputSink = Object.assign(Object.create(run.sink) as OutputSink, {
          writeArticle: (r: ArticleRecord, day: string) => crash(() => run.sink.writeArticle(r, day)),
          writeStory: (r: Parameters<OutputSink['writeStory']>[0]) => crash(() => run.sink.writeStory(r)),
          removeStory: (id: string) => crash(() => run.sink.removeStory(id)),
        });
        const crashed = await run.commit(index, quake('quake-b-2'), failing).then(() => false, () => true);
        if (crashed) {
          // The next start: the interrupted commit is undone (the files say what the state says) …
          expect(await recoverInterruptedCommits(run.sink, run.state, silentLogger, DEFAULT_STORIES)).toBe(1);
          expect(await run.listing()).toEqual(before);
          for (const id of earlier) expect((await run.article(id))?.story.id).toBe(Object.entries(before).find(([, m]) => m.includes(id))?.[0]);
          expect(await run.article('quake-b-agency-2')).toBeNull();
          // … and the item, still unseen, is committed again from the state's own index.
          const restored = await restoredIndex(run.state);
          await run.commit(restored, quake('quake-b-2'));
        }
        const final = await run.listing();
        expected ??= final;
        expect(final).toEqual(expected);
        for (const [storyId, members] of Object.entries(final)) for (const id of members) expect((await run.article(id))?.story.id).toBe(storyId);
        if (!crashed) break;
      } finally {
        await run.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
    expect(Object.values(expected ?? {}).map((m) => m.length).sort()).toEqual([2, 2]);
  });
});
