import type { ArticleRecord, StoryRecord } from '../types/index.js';

/**
 * Where the board and the story feeds read their records. Narrow on purpose: today it is backed
 * by the story and article files, later by the state database, and the renderers never know.
 */
export interface BoardSource {
  /** Story records whose last member was seen at or after `since` (more may be returned; they are filtered again). */
  storiesSince(since: Date): Promise<StoryRecord[]>;
  /** One article record by id; null when it is gone (pruned) or unreadable. */
  readArticle(id: string): Promise<ArticleRecord | null>;
}

/**
 * Where the rendered board and feeds go. The sink names the files; callers speak in feed names
 * (`stories.atom`, `lang-ar.atom`). `readStoryFeed` returns what the last publish wrote, so an
 * entry's `updated` stamp only moves when its content changed.
 */
export interface BoardSink {
  /** Atomically replaces the board page; returns where it went (relative to the output). */
  writeBoard(html: string): Promise<string>;
  /** Atomically replaces one feed file; returns where it went (relative to the output). */
  writeStoryFeed(name: string, text: string): Promise<string>;
  /** The text of a feed written earlier, or null when there is none. */
  readStoryFeed(name: string): Promise<string | null>;
  /** Atomically replaces a file the page loads, named relative to the page (`texts/<chunk>.js`); returns where it went. */
  writeBoardAsset(name: string, text: string): Promise<string>;
  /** The page's files on hand (`texts/<chunk>.js`), from a directory listing (no file is read). */
  listBoardAssets(): Promise<string[]>;
  /** Removes a file the page no longer refers to (no error when it is gone). */
  removeBoardAsset(name: string): Promise<void>;
}

/** A file beside the board page: its name relative to the page (`texts/<chunk>.js`) and its text. */
export interface BoardAsset {
  name: string;
  text: string;
}

/** A rendered board: the page and the text chunks it loads as reports are opened. */
export interface BoardPage {
  html: string;
  /**
   * The chunks the page refers to that are not on hand (`BoardOptions.existingAssets`), to be
   * written before the page. Each name carries the hash of its content, so a chunk on hand holds
   * exactly its text and is neither rendered nor written again.
   */
  texts: BoardAsset[];
  /** Every file the page refers to (those in `texts`, and chunks on hand it reuses); others on hand can go. */
  assets: string[];
  /** Stories on the page. */
  stories: number;
}

/**
 * What the renderers read: the stories in the window and the member articles that could be read.
 * `collectBoardInput` reads from the start of the window's first hour, so that hour's text chunk
 * is whole; the renderers show only what is in the window.
 */
export interface BoardInput {
  stories: StoryRecord[];
  /** Member articles by id; a member missing here is shown as unavailable (pruned or unreadable). */
  articles: ReadonlyMap<string, ArticleRecord>;
}

/** Options of `renderBoard`. */
export interface BoardOptions {
  /** When the page was made (shown in its header; the renderer reads no clock). */
  generatedAt: Date;
  /** Start of the window: only stories last seen at or after it are shown. */
  since: Date;
  /** Page title; default "wiredesk stories". */
  title?: string;
  /** Feed links in the page head, relative to the board page; default the layout's `../feeds/…`. */
  feedLinks?: { atom: string; json: string } | null;
  /**
   * The text chunks on hand (`texts/<chunk>.js`, as `BoardSink.listBoardAssets` gives them): an
   * hour before the window is served by its chunk on hand instead of a new one. Default none.
   */
  existingAssets?: readonly string[];
}

/** Options of `renderStoryFeeds`. */
export interface StoryFeedOptions {
  generatedAt: Date;
  /** Start of the window: only stories last seen at or after it get an entry. */
  since: Date;
  /**
   * Public URL of the output directory (board/ and feeds/ are served under it), ending in `/`.
   * With it, entries link to their story on the board and the feeds carry self links; without it,
   * entries link to their first original report (always an absolute agency URL).
   */
  baseUrl: string | null;
  /** Most entries per feed, most recently updated first (default 200). */
  maxEntries?: number;
  /** The JSON feed text of the previous publish, if any (keeps `updated` stable, names vanished stories). */
  previousJson?: string | null;
  /** Feed title; default "wiredesk stories". */
  title?: string;
}

/** Rendered feeds: the main Atom and JSON feeds, and one Atom feed per report language. */
export interface StoryFeeds {
  atom: string;
  json: string;
  /** Language code (`ar`, `en`, …) → Atom text of the stories with a report in that language. */
  languages: Record<string, string>;
}
