import type { WiredeskConfig } from '../config/index.js';
import { createStoryIndex, storyDocTime, type StoryDoc } from '../fingerprint/index.js';
import { memberOf, storyRecordOf, storyTermsOf } from '../records/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { loadAliases } from './load-aliases.js';
import { storyIndexOptions } from './restore-story-index.js';
import { readOutputCatalog } from './read-output-catalog.js';

/** What `rebuildState` recovered, and what it could not. */
export interface RebuildResult {
  articles: number;
  sources: number;
  seenKeys: number;
  /** Articles put back into the story index's window (new reports keep joining their stories). */
  windowArticles: number;
  storiesRewritten: string[];
  /** Article files that did not parse (left in place). */
  unreadable: string[];
  /** Ids found in more than one file: the newest fetch was kept. */
  duplicateIds: string[];
  /** What no file records, so it starts afresh. */
  lost: string[];
}

/**
 * Recreates the state from the output's files (the lock must be held): the article catalog, seen
 * keys of every feed that listed each article, per-feed last success and item times, story
 * history, and the story index of the window, rebuilt from the articles' own text so that
 * tomorrow's report of a running story still joins it. Story files that disagree with their
 * members are rewritten. HTTP validators, back-off and the keys of items that failed for good
 * cannot be recovered, and the result says so.
 */
export async function rebuildState(deps: { sink: OutputSink; state: StateStore; config: WiredeskConfig }): Promise<RebuildResult> {
  const catalog = await readOutputCatalog(deps.sink);
  const aliases = await loadAliases(deps.config.stories.aliasesFile);
  const windowMs = deps.config.stories.windowHours * 3_600_000;
  const index = createStoryIndex(await storyIndexOptions(deps.config, aliases));
  const byId = new Map(catalog.entries.map((e) => [e.id, e]));
  const docs = [...catalog.records.values()].map(({ record }): { doc: StoryDoc; time: number } => {
    const doc = { id: record.id, title: record.title, text: record.text, publishedAt: record.publishedAt, seenAt: record.fetchedAt, source: record.feed.name, language: record.language, nonArticle: record.extraction.nonArticle?.kind ?? null };
    return { doc, time: storyDocTime(doc) };
  });
  const latest = docs.reduce((t, d) => Math.max(t, d.time), -Infinity);
  const window = docs.filter((d) => d.time >= latest - windowMs).sort((a, b) => a.time - b.time || a.doc.id.localeCompare(b.doc.id));
  for (const { doc } of window) {
    const entry = byId.get(doc.id);
    if (entry !== undefined) index.adopt(doc, { storyId: entry.storyId, duplicateOf: entry.duplicateOf });
  }
  await deps.state.replaceAll({
    sources: catalog.sources,
    seen: catalog.seen,
    articles: catalog.entries,
    merges: catalog.merges,
    urlValidators: [],
    storyIndex: window.length > 0 ? index.image() : null,
  });

  const members = new Map<string, typeof catalog.entries>();
  for (const e of catalog.entries) members.set(e.storyId, [...(members.get(e.storyId) ?? []), e]);
  const merges = new Map(catalog.merges.map((m) => [m.storyId, m.merged]));
  const rewritten: string[] = [];
  const terms = storyTermsOf(deps.config.stories);
  for (const [storyId, list] of members) {
    const story = storyRecordOf(storyId, list.map(memberOf), merges.get(storyId) ?? [], terms);
    if (story === null || JSON.stringify(story) === JSON.stringify(catalog.stories.get(storyId) ?? null)) continue;
    await deps.sink.writeStory(story);
    rewritten.push(storyId);
  }
  for (const storyId of catalog.stories.keys()) if (!members.has(storyId)) await deps.sink.removeStory(storyId);
  return {
    articles: catalog.entries.length,
    sources: catalog.sources.length,
    seenKeys: catalog.seen.length,
    windowArticles: window.length,
    storiesRewritten: rewritten,
    unreadable: catalog.unreadable,
    duplicateIds: catalog.duplicateIds,
    lost: [
      'HTTP validators of feeds and pages (the next run fetches each feed in full once)',
      'back-off, Retry-After pauses and error history of each source',
      'keys of items that failed for good (each is tried once more)',
    ],
  };
}
