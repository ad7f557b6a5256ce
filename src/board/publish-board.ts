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
  /** Stories on the page. */
  stories: number;
  /** Articles read (the window's, and the rest of its first hour's). */
  articles: number;
  /** Paths written, relative to the output: the board first, then the feeds. */
  written: string[];
  /** Bytes of the board page. */
  boardBytes: number;
  /** Text chunks: written this time (paths relative to the output) and their bytes, kept as they were, removed. */
  texts: { written: string[]; bytes: number; kept: number; removed: number };
}

/**
 * Reads the window once and rewrites the board page and every story feed from it. Text chunks
 * are written only when no file of their name is on hand (a name is the hash of its content; the
 * renderer returns only those), so a run writes the texts it brought and the chunk of the hour
 * still open, not the window's texts.
 * Order: new chunks, then the page that loads them, then the feeds, and only then the chunks no
 * page refers to any more are removed. Each file is replaced atomically by the sink, so a reader
 * never sees half a page, half a chunk or half a feed.
 */
export async function publishBoard(options: PublishBoardOptions): Promise<PublishBoardResult> {
  const input = await collectBoardInput(options.source, options.since);
  // One directory listing: which chunks are on hand is all a publish needs to know of them.
  const onHand = await options.sink.listBoardAssets();
  const page = renderBoard(input, { generatedAt: options.generatedAt, since: options.since, existingAssets: onHand });
  const previousJson = await options.sink.readStoryFeed('stories.json');
  const feeds = renderStoryFeeds(input, { generatedAt: options.generatedAt, since: options.since, baseUrl: options.baseUrl, previousJson });
  const texts = { written: [] as string[], bytes: 0, kept: 0, removed: 0 };
  for (const chunk of page.texts) {
    texts.written.push(await options.sink.writeBoardAsset(chunk.name, chunk.text));
    texts.bytes += Buffer.byteLength(chunk.text);
  }
  const written = [await options.sink.writeBoard(page.html)];
  written.push(await options.sink.writeStoryFeed('stories.atom', feeds.atom));
  for (const [lang, atom] of Object.entries(feeds.languages)) written.push(await options.sink.writeStoryFeed(languageFeedName(lang), atom));
  // The JSON feed goes last: it is the memory the next publish compares against.
  written.push(await options.sink.writeStoryFeed('stories.json', feeds.json));
  const referred = new Set(page.assets);
  for (const name of onHand) {
    if (referred.has(name)) texts.kept += 1;
    else {
      await options.sink.removeBoardAsset(name);
      texts.removed += 1;
    }
  }
  return { stories: page.stories, articles: input.articles.size, written, boardBytes: Buffer.byteLength(page.html), texts };
}
