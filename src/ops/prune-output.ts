import { memberOf, storyRecordOf, storyTermsOf, type StorySpan } from '../records/index.js';
import type { OutputSink, StateStore } from '../store/index.js';

/** What `pruneOutput` removed (or, with `dryRun`, would remove). */
export interface PruneResult {
  cutoffDay: string;
  articlesRemoved: number;
  storiesRemoved: number;
  storiesRewritten: number;
  runsRemoved: number;
  seenKeysRemoved: number;
  dryRun: boolean;
}

/**
 * Removes everything older than `cutoff`, consistently (the lock must be held): articles filed on
 * a day before the cutoff's day, their ids from their stories (each story rewritten from the
 * members left by the one story-record rule, or removed when none is), run reports started before
 * the cutoff (never the latest), and seen keys first seen before it. Order makes an interrupted
 * prune safe to repeat: stories first, then article files, then the state.
 */
export async function pruneOutput(deps: { sink: OutputSink; state: StateStore; stories: StorySpan }, cutoff: Date, options: { dryRun?: boolean } = {}): Promise<PruneResult> {
  const { sink, state } = deps;
  const dryRun = options.dryRun ?? false;
  const terms = storyTermsOf(deps.stories);
  const cutoffDay = cutoff.toISOString().slice(0, 10);
  const doomed = await state.articlesFiledBefore(cutoffDay);
  const doomedIds = new Set(doomed.map((a) => a.id));
  const result: PruneResult = { cutoffDay, articlesRemoved: doomed.length, storiesRemoved: 0, storiesRewritten: 0, runsRemoved: 0, seenKeysRemoved: 0, dryRun };

  const storyIds = [...new Set(doomed.map((a) => a.storyId))];
  const merges = await state.storyMerges(storyIds);
  const emptied: string[] = [];
  for (const storyId of storyIds) {
    const left = (await state.storyMembers(storyId)).filter((m) => !doomedIds.has(m.id));
    const story = storyRecordOf(storyId, left.map(memberOf), merges.get(storyId) ?? [], terms);
    if (story === null) {
      emptied.push(storyId);
      result.storiesRemoved++;
      if (!dryRun) await sink.removeStory(storyId);
    } else {
      result.storiesRewritten++;
      if (!dryRun) await sink.writeStory(story);
    }
  }
  const runs = await sink.runsBefore(cutoff);
  result.runsRemoved = runs.length;
  if (dryRun) return result;
  for (const article of doomed) await sink.removeArticle(article.id, article.filedDay);
  for (const runId of runs) await sink.removeRun(runId);
  await state.removeArticles([...doomedIds], emptied);
  result.seenKeysRemoved = await state.pruneSeenKeys(cutoff.toISOString());
  return result;
}
