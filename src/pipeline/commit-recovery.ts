import type { Logger } from '../types/index.js';
import { memberOf, storyRecordOf, storyTermsOf, type StorySpan, type StoryTerms } from '../records/index.js';
import type { OutputSink, StateStore } from '../store/index.js';

/**
 * Undoes commits that were interrupted (an intent without its commit): the state never learnt of
 * them, so their files are put back to what the state says. Story files a batch still held when
 * the crawler was killed (see StoryBatch) are written from the catalog too. A new article's file is removed (its
 * item is still unseen and is fetched again); moved articles get back their story; each story
 * touched is rewritten from its members in the state, or removed when it has none. Runs at start,
 * with the lock held, before any new commit. `stories`: the config's story window and memory (story files carry their expiry).
 */
export async function recoverInterruptedCommits(sink: OutputSink, state: StateStore, logger: Logger, stories: StorySpan): Promise<number> {
  const terms = storyTermsOf(stories);
  // Read first: undoing an interrupted commit clears the intent that names them.
  const behind = (await state.storiesBehind?.()) ?? [];
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
    await rewriteStories(sink, state, intent.stories, terms);
    await state.clearIntent(intent.articleId);
    logger.warn('undid an interrupted commit', { article_id: intent.articleId, stories: intent.stories.length, moved: intent.moved.length });
  }
  if (behind.length > 0) {
    await rewriteStories(sink, state, behind, terms);
    await state.storiesWritten?.();
    logger.warn('rewrote story files an interrupted batch left behind', { stories: behind.length });
  }
  return intents.length;
}

/** Each story's file as the catalog has it (removed when it has no member left). */
async function rewriteStories(sink: OutputSink, state: StateStore, storyIds: readonly string[], terms: StoryTerms): Promise<void> {
  const merges = await state.storyMerges(storyIds);
  for (const storyId of storyIds) {
    const story = storyRecordOf(storyId, (await state.storyMembers(storyId)).map(memberOf), merges.get(storyId) ?? [], terms);
    if (story === null) await sink.removeStory(storyId);
    else await sink.writeStory(story);
  }
}
