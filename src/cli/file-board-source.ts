import type { BoardSource } from '../board/index.js';
import { readStories, type Store } from '../store/index.js';

/**
 * The board's reads over today's output files: story files changed since the window start
 * (their mtime is a cheap pre-filter; the board filters on `lastSeenAt` again) and articles by
 * id through the store's article index. An article that cannot be read counts as missing, so
 * one damaged file costs its report on the board, not the board. To be backed by the state
 * database when storage is split (issue 11); the renderers only see `BoardSource`.
 */
export function createFileBoardSource(store: Store): BoardSource {
  return {
    storiesSince: (since) => readStories(store.outDir, since),
    async readArticle(id) {
      try {
        return await store.readArticle(id);
      } catch {
        return null;
      }
    },
  };
}
