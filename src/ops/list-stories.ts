import { WiredeskError } from '../errors/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import type { StoryRecord } from '../types/index.js';

/**
 * Stories with a member fetched since `since`, most members first, then most recently seen, at
 * most `limit` of them (the limit applies after sorting). Found through the state's catalog of the
 * window, so the cost follows the window, not the archive. NOT_FOUND without a state.
 */
export async function listStories(deps: { sink: OutputSink; state: StateStore | null }, since: Date, limit: number | null): Promise<StoryRecord[]> {
  if (deps.state === null) throw new WiredeskError('NOT_FOUND', `ops: no wiredesk state for ${deps.sink.location}; check --out and --state, or run a crawl first`, { details: { path: deps.sink.location } });
  const seen = await deps.state.storiesSeenSince(since.toISOString());
  seen.sort((a, b) => b.size - a.size || b.lastSeenAt.localeCompare(a.lastSeenAt) || a.storyId.localeCompare(b.storyId));
  const out: StoryRecord[] = [];
  for (const { storyId } of seen) {
    if (limit !== null && out.length >= limit) break;
    const story = await deps.sink.readStory(storyId).catch(() => null);
    if (story !== null) out.push(story);
  }
  return out;
}
