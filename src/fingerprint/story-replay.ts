import type { StoryIndex, StoryPlacement } from './story-index.js';
import type { StoryDoc } from './story-index-types.js';

/**
 * One thing the story index was asked to do: assign an article, or (rebuild) adopt one already
 * placed. A persisted index is a snapshot plus the inputs it took since, in order; replaying them
 * on the restored snapshot gives exactly the index that took them, because assignment is
 * deterministic for a given state and input. JSON-serialisable.
 */
export interface StoryIndexInput {
  doc: StoryDoc;
  placement: StoryPlacement | null;
}

/** Replays inputs on an index restored from the snapshot they were logged after. */
export function replayStoryIndex(index: Pick<StoryIndex, 'assign' | 'adopt'>, inputs: Iterable<StoryIndexInput>): number {
  let count = 0;
  for (const input of inputs) {
    if (input.placement === null) index.assign(input.doc);
    else index.adopt(input.doc, input.placement);
    count += 1;
  }
  return count;
}
