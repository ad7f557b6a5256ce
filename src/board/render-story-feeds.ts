import type { BoardInput, StoryFeedOptions, StoryFeeds } from './board-types.js';
import { renderAtom } from './render-atom.js';
import { renderJsonFeed } from './render-json-feed.js';
import { buildFeedEntries, readPreviousFeed } from './story-entries.js';
import { buildStoryViews } from './story-view.js';

const DEFAULT_TITLE = 'wiredesk stories';
const SUBTITLE = 'One entry per story: every agency report of it, syndicated copies folded under their original.';

/**
 * The deduplicated story feeds: `stories.atom` (Atom 1.0) and `stories.json` (JSON Feed 1.1),
 * one entry per story in the window (copies never get their own), plus one Atom feed per report
 * language. Entry ids come from story ids, so a reader keeps one entry per story as it grows,
 * splits or takes in another. Pure: the previous JSON feed is passed in, not read.
 */
export function renderStoryFeeds(input: BoardInput, options: StoryFeedOptions): StoryFeeds {
  const baseUrl = options.baseUrl === null ? null : normalizeBaseUrl(options.baseUrl);
  const opts: StoryFeedOptions = { ...options, baseUrl };
  const entries = buildFeedEntries(buildStoryViews(input, options.since), opts, readPreviousFeed(options.previousJson));
  const title = options.title ?? DEFAULT_TITLE;
  const at = (path: string): string | null => (baseUrl === null ? null : new URL(path, baseUrl).href);
  const boardUrl = at('board/');
  const generatedAt = options.generatedAt.toISOString();
  const atom = renderAtom({ id: 'urn:wiredesk:feed:stories', title, subtitle: SUBTITLE, selfUrl: at('feeds/stories.atom'), boardUrl, generatedAt }, entries);
  const json = renderJsonFeed({ title, description: SUBTITLE, boardUrl, selfUrl: at('feeds/stories.json') }, entries);
  const languages: Record<string, string> = {};
  for (const lang of [...new Set(entries.flatMap((e) => e.languages))].sort()) {
    const subset = entries.filter((e) => e.languages.includes(lang));
    languages[lang] = renderAtom(
      { id: `urn:wiredesk:feed:stories:lang-${lang}`, title: `${title} (${lang})`, subtitle: `${SUBTITLE} Stories with a report in language "${lang}".`, selfUrl: at(`feeds/${languageFeedName(lang)}`), boardUrl, generatedAt },
      subset,
    );
  }
  return { atom, json, languages };
}

/** File name of a language's feed (`lang-ar.atom`). */
export function languageFeedName(lang: string): string {
  return `lang-${lang}.atom`;
}

/**
 * A base URL as the feeds use it: absolute http(s), with a trailing slash so `board/` and
 * `feeds/` resolve below it. Throws a plain Error naming what is wrong (config validates first).
 */
export function normalizeBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`base URL ${JSON.stringify(url)} is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`base URL ${JSON.stringify(url)} is not http(s)`);
  parsed.search = '';
  parsed.hash = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}
