import { WiredeskError } from '../errors/index.js';
import { DocumentFrequencies } from './document-frequencies.js';
import { bottomK, DuplicateFinder, type FingerprintEntry } from './duplicate-finder.js';
import { normalizeText } from './normalize-text.js';
import { bigIntToHash64, hash64ToBigInt, shingleHashes, simhashFromHex, simhashShingles, simhashToHex } from './simhash.js';
import { newStory, StoryClusters, type Story } from './story-clusters.js';
import type {
  StoryAssignment,
  StoryDoc,
  StoryIndexOptions,
  StoryIndexSnapshot,
  StoryTuning,
} from './story-index-types.js';
import { keyEntities, tfidfVector, weightedTermCounts } from './story-vector.js';
import { tokenizeText } from './tokenize-text.js';
import { addMarks, conflictingKinds, markCounts, type MarkCounts } from './story-marks.js';

/** The measured defaults (docs/notes/stories.md). */
export const DEFAULT_STORY_TUNING: StoryTuning = {
  duplicateDistance: 3,
  duplicateContainment: 0.6,
  joinSimilarity: 0.18,
  joinGrowth: 0,
  minEntityCoverage: 0,
  keyEntityCount: 5,
  mergeSimilarity: 0.5,
  titleWeight: 3,
  leadWeight: 2,
  leadTokens: 50,
  entityWeight: 2,
  numberWeight: 4,
  maxDocTerms: 80,
  yearConflictFactor: 0.5,
  monthConflictFactor: 0.5,
  weekdayConflictFactor: 1,
  figureConflictFactor: 1,
  markMinMentions: 1,
  markConflictHours: 48,
  markLeadTokens: 60,
};

/** Incremental story grouping; see createStoryIndex. */
export interface StoryIndex {
  /** Assigns one article (deterministic for a given input order). */
  assign(doc: StoryDoc): StoryAssignment;
  /** JSON-serialisable state, bounded by the window; restoring it continues exactly. */
  snapshot(): StoryIndexSnapshot;
}

const HOUR_MS = 3_600_000;
// A publishedAt more than a day after the crawler saw the article is a site's clock or time-zone bug.
const FUTURE_SLACK_MS = 24 * HOUR_MS;

/**
 * Creates the story index: duplicates by simhash + containment, stories by tf-idf similarity
 * within the time window, optionally restored from a snapshot. Pure: no files, no clock.
 */
export function createStoryIndex(options: StoryIndexOptions, initial: StoryIndexSnapshot | null = null): StoryIndex {
  if (!(options.windowHours > 0)) throw new WiredeskError('CONFIG_INVALID', 'fingerprint: windowHours must be positive', { details: { field: 'stories.windowHours' } });
  const tuning: StoryTuning = { ...DEFAULT_STORY_TUNING, ...options.tuning };
  const windowMs = options.windowHours * HOUR_MS;
  const kindFactors = { y: tuning.yearConflictFactor, m: tuning.monthConflictFactor, d: tuning.weekdayConflictFactor, n: tuning.figureConflictFactor };
  if (initial != null) checkSnapshotShape(initial);
  const finder = new DuplicateFinder(tuning.duplicateDistance, tuning.duplicateContainment);
  const clusters = new StoryClusters();
  const df = new DocumentFrequencies(initial?.df ?? null);
  let now = initial?.now == null ? -Infinity : Date.parse(initial.now);
  let nextSeq = initial?.nextSeq ?? 0;
  let lastSweep = now;
  if (initial != null) restore(initial, finder, clusters);

  function sweep(): void {
    finder.evict(now - windowMs);
    clusters.evict(now - windowMs);
    lastSweep = now;
  }

  function assign(doc: StoryDoc): StoryAssignment {
    const time = docTime(doc);
    now = Math.max(now, time);
    // Everything older than the cutoff is invisible whether or not it was evicted yet, so the
    // sweep cadence never changes a result (and a restored index continues exactly).
    const cutoff = now - windowMs;
    if (now - lastSweep >= windowMs / 8) sweep();
    const known = finder.get(doc.id);
    if (known !== undefined && known.time >= cutoff) return { ...known.assignment, storyId: known.storyId, merged: [] };

    const title = tokenizeText(normalizeText(doc.title), options.aliases);
    const body = tokenizeText(normalizeText(doc.text), options.aliases);
    const fingerprintTokens = body.tokens.length > 0 ? body.tokens : title.tokens;
    const shingles = shingleHashes(fingerprintTokens);
    const hash = simhashShingles(shingles);
    const probe = { hash, sketch: bottomK(shingles), shingles: shingles.length, time, cutoff };
    const simhash = simhashToHex(hash64ToBigInt(hash));

    const duplicate = finder.find(probe, windowMs);
    const counts = weightedTermCounts(title, body, tuning);
    const vector = tfidfVector(counts, df, tuning.maxDocTerms);
    const marks = markCounts(title, body, tuning.markLeadTokens);
    // Similarities discounted where the article's dates contradict the story's (story-marks.ts).
    const ranked = duplicate === null ? clusters.rank(vector, time, windowMs, cutoff) : [];
    if (marks.size > 0) {
      for (const r of ranked) if (near(time, time, r.story)) r.similarity *= conflictFactor(marks, r.story.marks);
      ranked.sort((a, b) => b.similarity - a.similarity || a.story.seq - b.story.seq);
    }
    const names = tuning.minEntityCoverage > 0 ? keyEntities(title, body, tuning, df, tuning.keyEntityCount) : [];
    const eligible = ranked.filter((r) => r.similarity >= joinThreshold(r.story.size) && entityCoverage(names, r.story) >= tuning.minEntityCoverage);
    const best = eligible[0] ?? null;

    let result: StoryAssignment;
    if (duplicate !== null) {
      const original = duplicate.entry.assignment.duplicateOf ?? duplicate.entry.id;
      const story = clusters.get(duplicate.entry.storyId);
      if (story !== undefined) clusters.join(story, new Map(), time);
      result = { simhash, storyId: duplicate.entry.storyId, duplicateOf: original, distance: duplicate.distance, similarity: null, reason: 'duplicate', merged: [] };
    } else if (best !== null) {
      clusters.join(best.story, vector, time);
      best.story.marks = addMarks(best.story.marks, marks);
      const survivor = mergeBridged(best.story, eligible.slice(1));
      result = { simhash, storyId: survivor.story.id, duplicateOf: null, distance: null, similarity: round(best.similarity), reason: 'similar', merged: survivor.merged };
    } else {
      const story = newStory(storyIdFor(doc.id, nextSeq), nextSeq, vector, time, marks);
      nextSeq += 1;
      clusters.insert(story);
      result = { simhash, storyId: story.id, duplicateOf: null, distance: null, similarity: null, reason: 'new', merged: [] };
    }
    // A syndicated copy would count the same words twice and make the story's own names look common.
    if (result.reason !== 'duplicate') df.addDocument(counts.keys());
    const { storyId: _s, merged: _m, ...assignment } = result;
    finder.add({ id: doc.id, hash, time, storyId: result.storyId, assignment, shingles: shingles.length, sketch: probe.sketch });
    return result;
  }

  /**
   * An article that matches two live stories well can show they are one: merge those whose
   * centroids also agree. The older story id survives.
   */
  function mergeBridged(joined: Story, others: { story: Story; similarity: number }[]): { story: Story; merged: string[] } {
    let survivor = joined;
    const merged: string[] = [];
    for (const other of others) {
      if (clusters.get(other.story.id) === undefined) continue;
      const factor = near(survivor.firstTime, survivor.lastTime, other.story) ? conflictFactor(survivor.marks, other.story.marks) : 1;
      if (clusters.similarity(survivor, other.story) * factor < tuning.mergeSimilarity) continue;
      const [keep, drop] = other.story.seq < survivor.seq ? [other.story, survivor] : [survivor, other.story];
      clusters.merge(keep, drop);
      finder.retarget(drop.id, keep.id);
      merged.push(drop.id);
      survivor = keep;
    }
    return { story: survivor, merged };
  }

  /** Share of the key names' weight found in the story's centroid (1 when the article names nobody). */
  function entityCoverage(names: [string, number][], story: Story): number {
    let all = 0;
    let found = 0;
    for (const [term, weight] of names) {
      all += weight;
      if (story.centroid.has(term)) found += weight;
    }
    return all === 0 ? 1 : found / all;
  }

  /**
   * Whether the span [first, last] lies within markConflictHours of the story's span. Dates in a
   * text are anchored to when it was written: a report published weeks after the story names
   * later days and months of the same affair, but two texts written at the same time that name
   * different years or days tell of different events.
   */
  function near(first: number, last: number, story: Story): boolean {
    const slack = tuning.markConflictHours * HOUR_MS;
    return last >= story.firstTime - slack && first <= story.lastTime + slack;
  }

  /** The product of the conflict factors of the mark kinds on which the two sides disagree. */
  function conflictFactor(a: MarkCounts, b: MarkCounts): number {
    let factor = 1;
    for (const kind of conflictingKinds(a, b, tuning.markMinMentions)) factor *= kindFactors[kind];
    return factor;
  }

  function joinThreshold(size: number): number {
    return tuning.joinSimilarity + tuning.joinGrowth * Math.log(Math.max(1, size));
  }

  function snapshot(): StoryIndexSnapshot {
    if (Number.isFinite(now)) sweep();
    return {
      version: 1,
      windowHours: options.windowHours,
      now: Number.isFinite(now) ? new Date(now).toISOString() : null,
      nextSeq,
      df: df.snapshot(),
      fingerprints: [...finder.entries()].map(entrySnapshot),
      stories: [...clusters.all()].map((s) => ({
        id: s.id,
        seq: s.seq,
        firstTime: new Date(s.firstTime).toISOString(),
        lastTime: new Date(s.lastTime).toISOString(),
        size: s.size,
        centroid: [...s.centroid],
        marks: [...s.marks],
      })),
    };
  }

  return { assign, snapshot };
}

function entrySnapshot(entry: FingerprintEntry): StoryIndexSnapshot['fingerprints'][number] {
  return {
    ...entry.assignment,
    id: entry.id,
    simhash: simhashToHex(hash64ToBigInt(entry.hash)),
    time: new Date(entry.time).toISOString(),
    storyId: entry.storyId,
    shingles: entry.shingles,
    sample: [...entry.sketch],
  };
}

function corrupt(what: string): WiredeskError {
  return new WiredeskError('STATE_CORRUPT', `fingerprint: story index snapshot: ${what}`);
}

/**
 * The top-level fields the index reads before restoring entries: a `now` that is not a date would
 * make every cutoff NaN, so nothing would ever leave the window.
 */
function checkSnapshotShape(snapshot: StoryIndexSnapshot): void {
  if (snapshot.version !== 1 || !Array.isArray(snapshot.fingerprints) || !Array.isArray(snapshot.stories)) throw corrupt('unknown version or shape');
  if (snapshot.now !== null && (typeof snapshot.now !== 'string' || Number.isNaN(Date.parse(snapshot.now)))) throw corrupt(`"now" is not a date: ${JSON.stringify(snapshot.now)}`);
  if (snapshot.nextSeq != null && (!Number.isInteger(snapshot.nextSeq) || snapshot.nextSeq < 0)) throw corrupt('"nextSeq" is not a count');
  const df = snapshot.df as unknown;
  if (df != null && (typeof (df as { docs?: unknown }).docs !== 'number' || !Array.isArray((df as { terms?: unknown }).terms))) throw corrupt('"df" is not {docs, terms}');
}

function restore(snapshot: StoryIndexSnapshot, finder: DuplicateFinder, clusters: StoryClusters): void {
  for (const f of snapshot.fingerprints) {
    const hash = typeof f?.simhash === 'string' ? simhashFromHex(f.simhash) : null;
    const time = typeof f?.time === 'string' ? Date.parse(f.time) : Number.NaN;
    if (hash === null || Number.isNaN(time) || typeof f.id !== 'string' || typeof f.storyId !== 'string' || !Array.isArray(f.sample) || typeof f.shingles !== 'number') {
      throw corrupt(`bad fingerprint entry ${JSON.stringify(f?.id)}`);
    }
    finder.add({
      id: f.id,
      hash: bigIntToHash64(hash),
      time,
      storyId: f.storyId,
      assignment: { simhash: f.simhash, duplicateOf: f.duplicateOf, distance: f.distance, similarity: f.similarity, reason: f.reason },
      shingles: f.shingles,
      sketch: Uint32Array.from(f.sample),
    });
  }
  for (const s of snapshot.stories) {
    const first = typeof s?.firstTime === 'string' ? Date.parse(s.firstTime) : Number.NaN;
    const last = typeof s?.lastTime === 'string' ? Date.parse(s.lastTime) : Number.NaN;
    if (typeof s?.id !== 'string' || Number.isNaN(first) || Number.isNaN(last) || !Array.isArray(s.centroid) || typeof s.seq !== 'number' || typeof s.size !== 'number') {
      throw corrupt(`bad story ${JSON.stringify(s?.id)}`);
    }
    const story = newStory(s.id, s.seq, new Map(s.centroid), first, new Map(Array.isArray(s.marks) ? s.marks : []));
    story.lastTime = last;
    story.size = s.size;
    clusters.insert(story);
  }
}

/** The article's time: publishedAt when plausible, else when it was seen. */
function docTime(doc: StoryDoc): number {
  const seen = parseTime(doc.seenAt);
  if (Number.isNaN(seen)) throw new WiredeskError('INTERNAL', `fingerprint: seenAt of ${doc.id} is not a date: ${doc.seenAt}`);
  const published = doc.publishedAt === null ? Number.NaN : parseTime(doc.publishedAt);
  return Number.isNaN(published) || published > seen + FUTURE_SLACK_MS ? seen : published;
}

/** ISO time in ms; a time without a zone is read as UTC (Date.parse would use the host's zone). */
function parseTime(text: string): number {
  return Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text);
}

/** A stable, filename-safe story id from the first article's id and the creation order. */
function storyIdFor(articleId: string, seq: number): string {
  const slug = articleId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `s${seq.toString(36)}-${slug === '' ? 'story' : slug}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
