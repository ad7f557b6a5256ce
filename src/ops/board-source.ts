import type { BoardSource } from '../board/index.js';
import type { OutputSink, StateStore } from '../store/index.js';

/**
 * What the board reads, through the stores: the stories with a report fetched in the window (the
 * state's catalog finds them without scanning the story files) and articles by id. An article
 * that cannot be read counts as missing, so one damaged file costs its report on the board, not
 * the board.
 */
export function createBoardSource(stores: { sink: OutputSink; state: StateStore }): BoardSource {
  return {
    async storiesSince(since) {
      const seen = await stores.state.storiesSeenSince(since.toISOString());
      const out = [];
      for (const { storyId } of seen) {
        const story = await stores.sink.readStory(storyId).catch(() => null);
        if (story !== null) out.push(story);
      }
      return out;
    },
    async readArticle(id) {
      try {
        const entry = (await stores.state.articles([id])).get(id);
        return entry === undefined ? null : await stores.sink.readArticle(id, entry.filedDay);
      } catch {
        return null;
      }
    },
  };
}
