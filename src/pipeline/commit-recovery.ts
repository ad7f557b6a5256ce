import type { Logger } from '../types/index.js';
import { storyRecordOf } from '../records/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { memberOf } from './commit-article.js';

/**
 * Undoes commits that were interrupted (an intent without its commit): the state never learnt of
 * them, so their files are put back to what the state says. A new article's file is removed (its
 * item is still unseen and is fetched again); moved articles get back their story; each story
 * touched is rewritten from its members in the state, or removed when it has none. Runs at start,
 * with the lock held, before any new commit.
 */
export async function recoverInterruptedCommits(sink: OutputSink, state: StateStore, logger: Logger): Promise<number> {
  const intents = await state.pendingIntents();
  for (const intent of intents) {
    if (intent.isNew) {
      const known = (await state.articles([intent.articleId])).get(intent.articleId);
      if (known === undefined) await sink.discardArticle(intent.articleId, intent.filedDay);
    }
    const moved = await state.articles(intent.moved);
    for (const entry of moved.values()) {
      const record = await sink.readArticle(entry.id, entry.filedDay);
      if (record !== null && record.story.id !== entry.storyId) await sink.writeArticle({ ...record, story: { ...record.story, id: entry.storyId } }, entry.filedDay);
    }
    const merges = await state.storyMerges(intent.stories);
    for (const storyId of intent.stories) {
      const story = storyRecordOf(storyId, (await state.storyMembers(storyId)).map(memberOf), merges.get(storyId) ?? []);
      if (story === null) await sink.removeStory(storyId);
      else await sink.writeStory(story);
    }
    await state.clearIntent(intent.articleId);
    logger.warn('undid an interrupted commit', { article_id: intent.articleId, stories: intent.stories.length, moved: intent.moved.length });
  }
  return intents.length;
}
