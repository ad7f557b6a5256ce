import { WiredeskError } from '../errors/index.js';

/**
 * The on-disk layout of an output directory (contract v1). Every path is built from a validated
 * id and a date, never from text taken from a feed or a page.
 *
 *   articles/YYYY/MM/DD/<articleId>.json   date of publishedAt, else fetchedAt (UTC)
 *   stories/<storyId>.json
 *   runs/<runId>.json
 *   latest-run.json                         written last: the newest complete run
 *   board/index.html                        the story board (one self-contained page)
 *   feeds/<name>                            story feeds: stories.atom, stories.json, lang-<code>.atom
 *   .wiredesk-state/state.json              default state directory (see --state)
 *   .wiredesk.lock                          lock of the running crawler
 */
export const LAYOUT = {
  articlesDir: 'articles',
  storiesDir: 'stories',
  runsDir: 'runs',
  latestRun: 'latest-run.json',
  boardPage: 'board/index.html',
  feedsDir: 'feeds',
  defaultStateDir: '.wiredesk-state',
  stateFile: 'state.json',
  pathJournal: 'article-paths.log',
  lockFile: '.wiredesk.lock',
} as const;

const ID_PATTERN = /^[a-z0-9_-]{1,200}$/;

/** True when `id` is safe to use as a file name: lowercase letters, digits, `_` and `-`. */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** Throws STORE_WRITE when `id` is not a safe file name (a bug upstream, never user input made into a path). */
export function assertValidId(id: string, what: string): void {
  if (typeof id !== 'string' || !isValidId(id)) {
    throw new WiredeskError('STORE_WRITE', `store: refusing ${what} id ${JSON.stringify(id)?.slice(0, 80)}: expected [a-z0-9_-]{1,200}`, {
      details: { id, what },
    });
  }
}

/** Relative path of an article file for its id and the date it is filed under. */
export function articleRelPath(id: string, filedAt: string): string {
  assertValidId(id, 'article');
  const date = new Date(filedAt);
  const valid = Number.isFinite(date.getTime()) ? date : new Date(0);
  const yyyy = String(valid.getUTCFullYear()).padStart(4, '0');
  const mm = String(valid.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(valid.getUTCDate()).padStart(2, '0');
  return `${LAYOUT.articlesDir}/${yyyy}/${mm}/${dd}/${id}.json`;
}

/** The date an article is filed under: publishedAt when it parses, else fetchedAt. */
export function articleFiledAt(record: { publishedAt: string | null; fetchedAt: string }): string {
  if (record.publishedAt !== null && Number.isFinite(Date.parse(record.publishedAt))) return record.publishedAt;
  return record.fetchedAt;
}

/** Relative path of a story file. */
export function storyRelPath(id: string): string {
  assertValidId(id, 'story');
  return `${LAYOUT.storiesDir}/${id}.json`;
}

const FEED_NAME = /^[a-z0-9][a-z0-9._-]{0,100}\.(?:atom|json)$/;

/** Relative path of a story feed (`stories.atom`, `lang-ar.atom`); STORE_WRITE for any other kind of name. */
export function storyFeedRelPath(name: string): string {
  if (typeof name !== 'string' || !FEED_NAME.test(name)) {
    throw new WiredeskError('STORE_WRITE', `store: refusing feed name ${JSON.stringify(name)?.slice(0, 80)}: expected [a-z0-9._-]+.atom or .json`, { details: { name } });
  }
  return `${LAYOUT.feedsDir}/${name}`;
}

/** Relative path of a run report. */
export function runRelPath(runId: string): string {
  assertValidId(runId, 'run');
  return `${LAYOUT.runsDir}/${runId}.json`;
}

/** The UTC day (`YYYY-MM-DD`) an article path is filed under, or null when the path is not an article path. */
export function dayOfArticlePath(rel: string): string | null {
  const match = /^articles\/(\d{4})\/(\d{2})\/(\d{2})\/[a-z0-9_-]+\.json$/.exec(rel);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
