import type { StoryAssignment, StoryDoc } from '../../src/fingerprint/index.js';

/**
 * Assigns `docs` in order and returns where each article ends up: stories are redrawn as links
 * arrive, so an earlier answer can be moved by a later article (`moved`).
 */
export function finalStories(index: { assign(doc: StoryDoc): StoryAssignment }, docs: readonly StoryDoc[]): Map<string, string> {
  const storyOf = new Map<string, string>();
  for (const doc of docs) {
    const a = index.assign(doc);
    storyOf.set(doc.id, a.storyId);
    for (const move of a.moved) storyOf.set(move.articleId, move.to);
  }
  return storyOf;
}
