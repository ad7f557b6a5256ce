import type { FeedEntry } from './story-entries.js';

/** Feed-level facts of the JSON Feed document. */
export interface JsonFeedHead {
  title: string;
  description: string;
  /** Absolute URL of the board (`home_page_url`), null without a base URL. */
  boardUrl: string | null;
  /** Absolute URL the feed is served at (`feed_url`), null without a base URL. */
  selfUrl: string | null;
}

/**
 * A JSON Feed 1.1 document of story entries. Each item carries a `_wiredesk` extension (allowed
 * by the spec for names starting with `_`): the story id, the digest the next publish compares
 * against, and the titles of stories it took in, so they can still be named after they vanish.
 */
export function renderJsonFeed(head: JsonFeedHead, entries: FeedEntry[]): string {
  const feed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.title,
    description: head.description,
    ...(head.boardUrl === null ? {} : { home_page_url: head.boardUrl }),
    ...(head.selfUrl === null ? {} : { feed_url: head.selfUrl }),
    authors: [{ name: 'wiredesk' }],
    items: entries.map((e) => ({
      id: e.id,
      ...(e.link === null ? {} : { url: e.link }),
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summary === null ? {} : { summary: e.summary }),
      date_published: e.published,
      date_modified: e.updated,
      authors: (e.authors.length > 0 ? e.authors : ['wiredesk']).map((name) => ({ name })),
      tags: e.languages,
      ...(e.language === null ? {} : { language: e.language }),
      _wiredesk: {
        story: e.storyId,
        digest: e.digest,
        reports: e.reports.map((r) => ({ id: r.id, agency: r.agency, url: r.url, copyOf: r.copyOf })),
        merged: e.merged,
      },
    })),
  };
  return JSON.stringify(feed, null, 2) + '\n';
}
