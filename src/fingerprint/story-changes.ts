import type { DocumentFrequencyOp } from './document-frequencies.js';
import type { FingerprintSnapshot, GraphNodeSnapshot, StoryIndexSnapshot, StorySnapshot } from './story-index-types.js';

/**
 * What one or more assignments changed in the story index: enough to bring a persisted copy of the
 * index up to date without rewriting it, and bounded by what changed (a new article, the few
 * neighbours whose lists took it, the articles that moved, what left the window), never by the
 * size of the window. JSON-serialisable.
 *
 * Applying it (`applyStoryIndexChanges`): removals first, then additions, then updates, then the
 * document-frequency operations in order. That order makes a drain that spans several assignments
 * exact too: an id removed and added again within it is removed, then added.
 */
export interface StoryIndexChanges {
  /** Latest article time seen (ISO), null before the first article. */
  now: string | null;
  nextSeq: number;
  nextNode: number;
  removedNodes: string[];
  addedNodes: GraphNodeSnapshot[];
  /** Existing graph articles whose story or neighbour list changed: [id, storyId, knn]. */
  nodeUpdates: [string, string, [string, number][]][];
  removedFingerprints: string[];
  /** New fingerprint entries, in the order the index added them (which restore must keep). */
  addedFingerprints: FingerprintSnapshot[];
  /** Existing fingerprint entries whose story changed: [id, storyId]. */
  fingerprintStories: [string, string][];
  removedStories: string[];
  addedStories: StorySnapshot[];
  /** Document count after the changes. */
  dfDocs: number;
  /** Document-frequency table operations in the order they happened (see `DocumentFrequencyOp`). */
  dfOps: DocumentFrequencyOp[];
}

/** True when a drain found nothing to persist beyond the counters. */
export function isEmptyChange(changes: StoryIndexChanges): boolean {
  return (
    changes.removedNodes.length === 0 &&
    changes.addedNodes.length === 0 &&
    changes.nodeUpdates.length === 0 &&
    changes.removedFingerprints.length === 0 &&
    changes.addedFingerprints.length === 0 &&
    changes.fingerprintStories.length === 0 &&
    changes.removedStories.length === 0 &&
    changes.addedStories.length === 0 &&
    changes.dfOps.length === 0
  );
}

/**
 * The index's persisted state in a form that changes apply to cheaply (maps keyed by id, in the
 * order restore must see them). `snapshotOfRows` turns it into the snapshot `createStoryIndex` takes.
 */
export interface StoryIndexRows {
  windowHours: number;
  now: string | null;
  nextSeq: number;
  nextNode: number;
  nodes: Map<string, GraphNodeSnapshot>;
  /** In insertion order (a copy is attached to its original in this order on restore). */
  fingerprints: Map<string, FingerprintSnapshot>;
  stories: Map<string, StorySnapshot>;
  dfDocs: number;
  /** In insertion order: the table's pruning breaks ties by it. */
  dfTerms: Map<string, number>;
}

/** Rows of a snapshot (a version 1 snapshot has no graph articles). */
export function rowsOfSnapshot(snapshot: StoryIndexSnapshot): StoryIndexRows {
  return {
    windowHours: snapshot.windowHours,
    now: snapshot.now,
    nextSeq: snapshot.nextSeq,
    nextNode: snapshot.nextNode ?? 0,
    nodes: new Map((snapshot.nodes ?? []).map((n) => [n.id, n])),
    fingerprints: new Map(snapshot.fingerprints.map((f) => [f.id, f])),
    stories: new Map(snapshot.stories.map((s) => [s.id, s])),
    dfDocs: snapshot.df.docs,
    dfTerms: new Map(snapshot.df.terms),
  };
}

/** The snapshot `createStoryIndex` restores from. */
export function snapshotOfRows(rows: StoryIndexRows): StoryIndexSnapshot {
  return {
    version: 2,
    windowHours: rows.windowHours,
    now: rows.now,
    nextSeq: rows.nextSeq,
    nextNode: rows.nextNode,
    df: { docs: rows.dfDocs, terms: [...rows.dfTerms] },
    fingerprints: [...rows.fingerprints.values()],
    stories: [...rows.stories.values()].sort((a, b) => a.seq - b.seq),
    nodes: [...rows.nodes.values()].sort((a, b) => a.seq - b.seq),
  };
}

/**
 * Applies changes to rows (mutating them). Restoring an index from persisted rows plus the changes
 * logged after them gives exactly the index that logged them.
 */
export function applyStoryIndexChanges(rows: StoryIndexRows, changes: StoryIndexChanges): void {
  for (const id of changes.removedNodes) rows.nodes.delete(id);
  for (const id of changes.removedFingerprints) rows.fingerprints.delete(id);
  for (const id of changes.removedStories) rows.stories.delete(id);
  for (const node of changes.addedNodes) rows.nodes.set(node.id, node);
  for (const entry of changes.addedFingerprints) {
    rows.fingerprints.delete(entry.id);
    rows.fingerprints.set(entry.id, entry);
  }
  for (const story of changes.addedStories) rows.stories.set(story.id, story);
  for (const [id, storyId, knn] of changes.nodeUpdates) {
    const node = rows.nodes.get(id);
    if (node !== undefined) rows.nodes.set(id, { ...node, storyId, knn });
  }
  for (const [id, storyId] of changes.fingerprintStories) {
    const entry = rows.fingerprints.get(id);
    if (entry !== undefined) rows.fingerprints.set(id, { ...entry, storyId });
  }
  for (const op of changes.dfOps) {
    if (typeof op === 'string') rows.dfTerms.set(op, (rows.dfTerms.get(op) ?? 0) + 1);
    else if (op[1] === null) rows.dfTerms.delete(op[0]);
    else rows.dfTerms.set(op[0], op[1]);
  }
  rows.now = changes.now;
  rows.nextSeq = changes.nextSeq;
  rows.nextNode = changes.nextNode;
  rows.dfDocs = changes.dfDocs;
}

/** Rows of an empty index (what a fresh state starts from). */
export function emptyStoryRows(windowHours: number): StoryIndexRows {
  return { windowHours, now: null, nextSeq: 0, nextNode: 0, nodes: new Map(), fingerprints: new Map(), stories: new Map(), dfDocs: 0, dfTerms: new Map() };
}

/**
 * Records which parts of the index changed since the last drain (ids only; rows are read from the
 * live index when drained, so an entry changed twice is written once, as it is now).
 */
export class ChangeTracker {
  readonly addedNodes = new Set<string>();
  readonly updatedNodes = new Set<string>();
  readonly removedNodes: string[] = [];
  readonly addedFingerprints = new Set<string>();
  readonly movedFingerprints = new Set<string>();
  readonly removedFingerprints: string[] = [];
  readonly addedStories = new Set<string>();
  readonly removedStories: string[] = [];

  clear(): void {
    this.addedNodes.clear();
    this.updatedNodes.clear();
    this.removedNodes.length = 0;
    this.addedFingerprints.clear();
    this.movedFingerprints.clear();
    this.removedFingerprints.length = 0;
    this.addedStories.clear();
    this.removedStories.length = 0;
  }
}
