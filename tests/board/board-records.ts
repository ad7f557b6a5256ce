import type { BoardInput } from '../../src/board/index.js';
import type { ArticleRecord, StoryRecord } from '../../src/types/index.js';
import { makeArticle, makeStory } from '../store/make-records.js';

/** A report of a story, as the pipeline writes it (agency, time, language and copy link set). */
export function report(id: string, storyId: string, overrides: Partial<ArticleRecord> & { agency?: string; copyOf?: string } = {}): ArticleRecord {
  const { agency, copyOf, ...rest } = overrides;
  return makeArticle(id, {
    feed: { url: `https://${(agency ?? 'agency').toLowerCase()}.example/rss`, name: agency ?? 'Agency' },
    url: `https://${(agency ?? 'agency').toLowerCase()}.example/news/${id}`,
    canonicalUrl: `https://${(agency ?? 'agency').toLowerCase()}.example/news/${id}`,
    story: { id: storyId, duplicateOf: copyOf ?? null, distance: copyOf ? 2 : null, similarity: null, reason: copyOf ? 'duplicate' : 'new' },
    ...rest,
  });
}

/** A story record over the given reports: members in order, representative the first original. */
export function storyOf(id: string, reports: ArticleRecord[], overrides: Partial<StoryRecord> = {}): StoryRecord {
  const representative = reports.find((r) => r.story.duplicateOf === null) ?? reports[0];
  return makeStory(
    id,
    reports.map((r) => r.id),
    { representative: representative?.id ?? 'none', title: representative?.title ?? id, sources: [...new Set(reports.map((r) => r.feed.name))], ...overrides },
  );
}

/** Board input from stories and all their reports. */
export function inputOf(stories: StoryRecord[], reports: ArticleRecord[]): BoardInput {
  return { stories, articles: new Map(reports.map((r) => [r.id, r])) };
}

/** The hostile title of the issue: markup that would run script if it were not escaped. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> & </noscript><script>window.__pwned=2</script>';
