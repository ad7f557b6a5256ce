import { catalogEntryOf } from '../records/index.js';
import type { ArticleEntry, OutputSink, SeenEntry, SourceState } from '../store/index.js';
import { emptySourceState, recordItemTime } from '../store/index.js';
import type { ArticleRecord, StoryRecord } from '../types/index.js';

/** What the output's own files say about the state (rebuild and import read it once). */
export interface OutputCatalog {
  records: Map<string, { record: ArticleRecord; filedDay: string }>;
  entries: ArticleEntry[];
  /** Seen keys of every feed that listed each article (guid, URL, canonical and final URL). */
  seen: SeenEntry[];
  /** Per feed: last success and recent item times. */
  sources: SourceState[];
  merges: { storyId: string; merged: StoryRecord['merged'] }[];
  stories: Map<string, StoryRecord>;
  /** Article files that did not parse (left in place). */
  unreadable: string[];
  /** Ids found in more than one file: the newest fetch was kept. */
  duplicateIds: string[];
}

/**
 * Reads every article and story file of the output: the catalog of articles (filed day, feed,
 * title, copy-of, story, following merges to the surviving story), their seen keys and per-feed
 * facts. Members join in the order their story file lists them, then by fetch time.
 */
export async function readOutputCatalog(sink: OutputSink): Promise<OutputCatalog> {
  const catalog: OutputCatalog = { records: new Map(), entries: [], seen: [], sources: [], merges: [], stories: new Map(), unreadable: [], duplicateIds: [] };
  for await (const file of sink.scanArticles()) {
    if (file.record === null || typeof file.record.feed?.url !== 'string') {
      catalog.unreadable.push(file.where);
      continue;
    }
    const previous = catalog.records.get(file.id);
    if (previous !== undefined) {
      catalog.duplicateIds.push(file.id);
      if (previous.record.fetchedAt >= file.record.fetchedAt) continue;
    }
    catalog.records.set(file.id, { record: file.record, filedDay: file.filedDay });
  }
  const mergedInto = new Map<string, string>();
  for await (const story of sink.scanStories()) {
    catalog.stories.set(story.id, story);
    if ((story.merged ?? []).length > 0) catalog.merges.push({ storyId: story.id, merged: story.merged });
    for (const m of story.merged ?? []) mergedInto.set(m.storyId, story.id);
  }
  const survivor = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    while (mergedInto.has(current) && !seen.has(current)) {
      seen.add(current);
      current = mergedInto.get(current) ?? current;
    }
    return current;
  };
  const order = new Map<string, number>();
  for (const story of catalog.stories.values()) story.members.forEach((id, i) => order.set(`${story.id}\u0000${id}`, i));
  const records = [...catalog.records.values()].sort((a, b) => a.record.fetchedAt.localeCompare(b.record.fetchedAt));
  const placed = records.map(({ record, filedDay }) => {
    const storyId = survivor(record.story.id);
    return { record, filedDay, storyId, position: order.get(`${storyId}\u0000${record.id}`) ?? Number.MAX_SAFE_INTEGER };
  });
  placed.sort((a, b) => a.storyId.localeCompare(b.storyId) || a.position - b.position || a.record.fetchedAt.localeCompare(b.record.fetchedAt));
  const sources = new Map<string, SourceState>();
  placed.forEach(({ record, filedDay, storyId }, i) => {
    catalog.entries.push({ ...catalogEntryOf(record, filedDay, i + 1), storyId });
    for (const feed of [record.feed, ...(record.feed.alsoIn ?? [])]) {
      for (const key of new Set([record.guid, record.url, record.canonicalUrl, record.finalUrl])) {
        if (key !== null && key !== '') catalog.seen.push({ feedUrl: feed.url, key, articleId: record.id, at: record.fetchedAt });
      }
    }
    const source = sources.get(record.feed.url) ?? emptySourceState(record.feed.url, record.feed.name);
    sources.set(record.feed.url, source);
    if (source.lastSuccessAt === null || record.fetchedAt > source.lastSuccessAt) source.lastSuccessAt = record.fetchedAt;
    recordItemTime(source, record.publishedAt ?? record.fetchedAt);
  });
  catalog.sources = [...sources.values()];
  return catalog;
}
