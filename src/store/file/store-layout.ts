import { WiredeskError } from '../../errors/index.js';

/**
 * The on-disk layout of an output directory (contract v1). Every path is built from a validated
 * id and a date, never from text taken from a feed or a page.
 *
 *   articles/YYYY/MM/DD/<articleId>.json   date of publishedAt, else fetchedAt (UTC)
 *   stories/<storyId>.json
 *   runs/<runId>.json
 *   latest-run.json                         written last: the newest complete run
 *   board/index.html                        the story board (one self-contained page)
 *   board/texts/<chunk>.js                  report texts the board loads when a report is opened
 *   feeds/<name>                            story feeds: stories.atom, stories.json, lang-<code>.atom
 *   .wiredesk-state/state.db                default state directory (see --state)
 *   .wiredesk.lock                          who holds the lock (present while a crawler runs)
 *   .wiredesk.lock.db                       the lock itself, held by the OS for the running crawler
 */
export const LAYOUT = {
  articlesDir: 'articles',
  storiesDir: 'stories',
  runsDir: 'runs',
  latestRun: 'latest-run.json',
  boardPage: 'board/index.html',
  defaultStateDir: '.wiredesk-state',
  lockFile: '.wiredesk.lock',
  lockDb: '.wiredesk.lock.db',
  boardDir: 'board',
  boardTextsDir: 'board/texts',
  feedsDir: 'feeds',
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

/** Relative path of an article file for its id and the UTC day (`YYYY-MM-DD`) it is filed under. */
export function articleRelPath(id: string, filedDay: string): string {
  assertValidId(id, 'article');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(filedDay);
  if (match === null) throw new WiredeskError('STORE_WRITE', `store: refusing article day ${JSON.stringify(filedDay).slice(0, 40)}: expected YYYY-MM-DD`, { details: { id, filedDay } });
  return `${LAYOUT.articlesDir}/${match[1]}/${match[2]}/${match[3]}/${id}.json`;
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

// A board asset is named relative to the board page, as the page refers to it: `texts/<chunk>.js`.
const BOARD_ASSET = /^texts\/[a-z0-9][a-z0-9_-]{0,120}\.js$/;

/** Relative path of a file beside the board page (`texts/<chunk>.js`); STORE_WRITE for any other name. */
export function boardAssetRelPath(name: string): string {
  if (!isBoardAssetName(name)) {
    throw new WiredeskError('STORE_WRITE', `store: refusing board file name ${JSON.stringify(name)?.slice(0, 80)}: expected texts/[a-z0-9_-]+.js`, { details: { name } });
  }
  return `${LAYOUT.boardDir}/${name}`;
}

/** True when `name` is a board asset name the store writes (`texts/<chunk>.js`). */
export function isBoardAssetName(name: string): boolean {
  return typeof name === 'string' && BOARD_ASSET.test(name);
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
