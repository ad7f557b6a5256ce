import type { StoryIndex, StoryPlacement } from './story-index.js';
import type { StoryDoc } from './story-index-types.js';
import type { PackedTokens } from './packed-tokens.js';

/**
 * One thing the story index was asked to do: assign an article, or (rebuild) adopt one already
 * placed. A persisted index is a snapshot plus the inputs it took since, in order; replaying them
 * on the restored snapshot gives exactly the index that took them, because assignment is
 * deterministic for a given state and input. JSON-serialisable.
 */
export interface StoryIndexInput {
  doc: StoryDoc;
  placement: StoryPlacement | null;
  /**
   * What the assignment found by searching (StoryIndex `lastTrace`): replayed with it, the index
   * takes these results as given instead of searching again. Absent in inputs logged before it
   * existed (they are replayed by searching).
   */
  trace?: StoryIndexTrace;
}

/**
 * The results of an assignment's searches, which a replay on the same state would find again:
 * the language detected, the duplicate found, the links found (graph, other languages, story
 * memory; in the order they were offered to the graph) and the stories redrawn. Everything the
 * assignment changes (graph lists, document frequencies, fingerprints, memberships) is still done
 * by the same code on replay, from these results; a restart's replay of up to 4,000 inputs spent
 * most of its time in these searches (language identification, candidate queries, label
 * propagation over large stories). Articles are named by their arrival order (`seq`), remembered
 * stories by their story id (a string).
 */
export interface StoryIndexTrace {
  language: string;
  /** The original's fingerprint id and the simhash distance, or null. */
  duplicate: [string, number] | null;
  /** Each link: an article's seq or a remembered story's id, and the similarity (exact). */
  links: [number | string, number][];
  /** Each redrawn community that changed: its story id (null: a new story) and the seqs of the articles that moved into it, in order. */
  plans: [string | null, number[]][];
  /**
   * The article's title and body tokens (packed-tokens.ts): replayed with them, the index does not
   * normalize and tokenize the text again, so the logged doc leaves its title and text out
   * (storyIndexInputOf). Absent in inputs logged before it, and when a token could not be packed
   * (the doc then keeps its text).
   */
  tokens?: PackedTokens;
}

/**
 * The input to log for an assignment, given what `lastTrace` said after it: with the trace's
 * tokens, the doc without its title and text (nothing reads them on replay).
 */
export function storyIndexInputOf(doc: StoryDoc, trace: StoryIndexTrace | null): StoryIndexInput {
  if (trace === null) return { doc, placement: null };
  if (trace.tokens === undefined) return { doc, placement: null, trace };
  return { doc: { ...doc, title: '', text: '' }, placement: null, trace };
}

/** Replays inputs on an index restored from the snapshot they were logged after. */
export function replayStoryIndex(index: Pick<StoryIndex, 'assign' | 'adopt'>, inputs: Iterable<StoryIndexInput>): number {
  let count = 0;
  for (const input of inputs) {
    if (input.placement === null) index.assign(input.doc, input.trace ?? null);
    else index.adopt(input.doc, input.placement);
    count += 1;
  }
  return count;
}
