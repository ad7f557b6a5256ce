import type { ArticleRecord } from '../types/index.js';
import type { BoardInput, BoardSource } from './board-types.js';
import { textHourStart } from './text-chunks.js';

/** Article reads in flight at once (file reads today; keeps a 15,000-article window quick without flooding). */
const READ_CONCURRENCY = 16;

/**
 * Reads the stories last seen at or after the start of `since`'s UTC hour and every member
 * article from the source. The page shows those seen since `since`; the rest of that hour is read
 * so its text chunk holds every article fetched in it (see `planTextChunks`): a chunk of an hour
 * is whole once it starts inside the window. Articles are read once each, with a few reads in
 * flight; the article text is all the board needs, so the sanitized `html` of each record is
 * dropped to halve what is held in memory.
 */
export async function collectBoardInput(source: BoardSource, since: Date): Promise<BoardInput> {
  const from = new Date(textHourStart(since));
  const cutoff = from.toISOString();
  const stories = (await source.storiesSince(from)).filter((s) => typeof s?.lastSeenAt === 'string' && s.lastSeenAt >= cutoff && Array.isArray(s.members));
  const ids = [...new Set(stories.flatMap((s) => s.members))];
  const articles = new Map<string, ArticleRecord>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const article = await source.readArticle(id);
      if (article !== null) articles.set(id, { ...article, html: null });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, worker));
  return { stories, articles };
}
