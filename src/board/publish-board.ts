import type { BoardSink, BoardSource } from './board-types.js';
import { collectBoardInput } from './collect-board-input.js';
import { renderBoard } from './render-board.js';
import { languageFeedName, renderStoryFeeds } from './render-story-feeds.js';

/** Options of `publishBoard`. */
export interface PublishBoardOptions {
  source: BoardSource;
  sink: BoardSink;
  /** Start of the window. */
  since: Date;
  generatedAt: Date;
  /** Public URL of the output directory, or null (see `StoryFeedOptions.baseUrl`). */
  baseUrl: string | null;
}

/** What one publish wrote. */
export interface PublishBoardResult {
  stories: number;
  articles: number;
  /** Paths written, relative to the output: the board first, then the feeds. */
  written: string[];
  /** Bytes of the board page. */
  boardBytes: number;
}

/**
 * Reads the window once and rewrites the board page and every story feed from it. Each file is
 * replaced atomically by the sink, so a reader never sees half a page or half a feed.
 */
export async function publishBoard(options: PublishBoardOptions): Promise<PublishBoardResult> {
  const input = await collectBoardInput(options.source, options.since);
  const html = renderBoard(input, { generatedAt: options.generatedAt, since: options.since });
  const previousJson = await options.sink.readStoryFeed('stories.json');
  const feeds = renderStoryFeeds(input, { generatedAt: options.generatedAt, since: options.since, baseUrl: options.baseUrl, previousJson });
  const written = [await options.sink.writeBoard(html)];
  written.push(await options.sink.writeStoryFeed('stories.atom', feeds.atom));
  for (const [lang, atom] of Object.entries(feeds.languages)) written.push(await options.sink.writeStoryFeed(languageFeedName(lang), atom));
  // The JSON feed goes last: it is the memory the next publish compares against.
  written.push(await options.sink.writeStoryFeed('stories.json', feeds.json));
  return { stories: input.stories.length, articles: input.articles.size, written, boardBytes: Buffer.byteLength(html) };
}
