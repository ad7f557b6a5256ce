import { WiredeskError } from '../errors/index.js';
import type { FingerprintEntry } from './duplicate-finder.js';
import { bigIntToHash64, hash64ToBigInt, simhashFromHex, simhashToHex } from './simhash.js';
import type { FingerprintSnapshot, StoryIndexSnapshot } from './story-index-types.js';
import type { ImageMemory, ImageNode, ImageParts } from './story-image.js';
import type { LanguageFrequencySnapshot } from './language-frequencies.js';

/** Checking and converting the persisted parts of the story index (story-index.ts restores the rest). */

export function entrySnapshot(entry: FingerprintEntry): StoryIndexSnapshot['fingerprints'][number] {
  return {
    ...entry.assignment,
    id: entry.id,
    simhash: simhashToHex(hash64ToBigInt(entry.hash)),
    time: new Date(entry.time).toISOString(),
    storyId: entry.storyId,
    shingles: entry.shingles,
    sample: [...entry.sketch],
    words: entry.words,
    titleWords: [...entry.titleWords],
    leadWords: [...entry.leadWords],
    openingWords: [...entry.openingWords],
    nonArticle: entry.nonArticle,
  };
}

export function corrupt(what: string): WiredeskError {
  return new WiredeskError('STATE_CORRUPT', `fingerprint: story index snapshot: ${what}`);
}

/**
 * The top-level fields the index reads before restoring entries: a `now` that is not a date would
 * make every cutoff NaN, so nothing would ever leave the window.
 */
export function checkSnapshotShape(snapshot: StoryIndexSnapshot): void {
  if ((snapshot.version !== 1 && snapshot.version !== 2 && snapshot.version !== 3) || !Array.isArray(snapshot.fingerprints) || !Array.isArray(snapshot.stories)) throw corrupt('unknown version or shape');
  if (snapshot.now !== null && (typeof snapshot.now !== 'string' || Number.isNaN(Date.parse(snapshot.now)))) throw corrupt(`"now" is not a date: ${JSON.stringify(snapshot.now)}`);
  if (snapshot.nextSeq != null && (!Number.isInteger(snapshot.nextSeq) || snapshot.nextSeq < 0)) throw corrupt('"nextSeq" is not a count');
  const df = snapshot.df as unknown;
  if (df != null && (typeof (df as { docs?: unknown }).docs !== 'number' || !Array.isArray((df as { terms?: unknown }).terms))) throw corrupt('"df" is not {docs, terms}');
}

export function restoreEntry(f: FingerprintSnapshot): Omit<FingerprintEntry, 'ref'> {
  const hash = typeof f?.simhash === 'string' ? simhashFromHex(f.simhash) : null;
  const time = typeof f?.time === 'string' ? Date.parse(f.time) : Number.NaN;
  if (hash === null || Number.isNaN(time) || typeof f.id !== 'string' || typeof f.storyId !== 'string' || !Array.isArray(f.sample) || typeof f.shingles !== 'number') {
    throw corrupt(`bad fingerprint entry ${JSON.stringify(f?.id)}`);
  }
  return {
    id: f.id,
    hash: bigIntToHash64(hash),
    time,
    storyId: f.storyId,
    assignment: { simhash: f.simhash, duplicateOf: f.duplicateOf, distance: f.distance, similarity: f.similarity, reason: f.reason, via: f.via ?? null, language: f.language ?? 'und' },
    shingles: f.shingles,
    sketch: Uint32Array.from(f.sample),
    // Entries of version 2 knew no word counts: they count as long texts (no title check).
    words: typeof f.words === 'number' ? f.words : Number.MAX_SAFE_INTEGER,
    titleWords: Uint32Array.from(Array.isArray(f.titleWords) ? f.titleWords : []),
    leadWords: Uint32Array.from(Array.isArray(f.leadWords) ? f.leadWords : []),
    openingWords: Uint32Array.from(Array.isArray(f.openingWords) ? f.openingWords : []),
    nonArticle: f.nonArticle === true,
  };
}

/**
 * The document frequencies of a snapshot: per language since version 3; a version 2 table (one for
 * all languages) carries on as the table of undetermined-language articles.
 */
export function restoredFrequencies(initial: StoryIndexSnapshot | null): LanguageFrequencySnapshot | null {
  if (initial == null) return null;
  if (initial.languageDf != null) return initial.languageDf;
  return initial.df == null ? null : { languages: [{ language: 'und', docs: initial.df.docs, terms: initial.df.terms }] };
}

/**
 * A JSON snapshot (versions 1 to 3) as the parts of an image (story-image.ts), checked and
 * converted one record at a time as the restore reads them: one restore path for both forms.
 */
export function snapshotParts(snapshot: StoryIndexSnapshot): ImageParts {
  checkSnapshotShape(snapshot);
  const nodes = snapshot.nodes ?? [];
  const memory = snapshot.memory ?? [];
  return {
    header: {
      windowHours: snapshot.windowHours,
      now: snapshot.now == null ? -Infinity : Date.parse(snapshot.now),
      nextSeq: snapshot.nextSeq ?? 0,
      nextNode: snapshot.nextNode ?? 0,
      live: snapshot.fingerprints.length,
    },
    df: restoredFrequencies(snapshot) ?? { languages: [] },
    stories: {
      count: snapshot.stories.length,
      items: mapped(snapshot.stories, (s) => {
        if (typeof s?.id !== 'string' || typeof s.seq !== 'number') throw corrupt(`bad story ${JSON.stringify(s?.id)}`);
        return s;
      }),
    },
    memory: {
      count: memory.length,
      items: mapped(memory, (m): ImageMemory => {
        const time = typeof m?.time === 'string' ? Date.parse(m.time) : Number.NaN;
        if (typeof m?.storyId !== 'string' || Number.isNaN(time) || !Array.isArray(m.summary) || !Array.isArray(m.recent)) throw corrupt(`bad remembered story ${JSON.stringify(m?.storyId)}`);
        return { storyId: m.storyId, time, members: m.members, sum: new Map(m.summary), recent: m.recent.map((v) => new Map(v)), anchorSeq: typeof m.anchorSeq === 'number' ? m.anchorSeq : undefined };
      }),
    },
    nodes: {
      count: nodes.length,
      items: mapped(nodes, (n): ImageNode => {
        const time = typeof n?.time === 'string' ? Date.parse(n.time) : Number.NaN;
        if (typeof n?.id !== 'string' || typeof n.seq !== 'number' || Number.isNaN(time) || !Array.isArray(n.vector) || !Array.isArray(n.marks) || !Array.isArray(n.knn)) {
          throw corrupt(`bad graph article ${JSON.stringify(n?.id)}`);
        }
        return {
          id: n.id,
          seq: n.seq,
          time,
          storyId: n.storyId,
          language: typeof n.language === 'string' ? n.language : 'und',
          vector: new Map(n.vector),
          names: new Map(Array.isArray(n.names) ? n.names : []),
          marks: new Map(n.marks),
          knn: n.knn,
          memoryKnn: Array.isArray(n.memoryKnn) ? n.memoryKnn : [],
        };
      }),
    },
    fingerprints: { count: snapshot.fingerprints.length, items: mapped(snapshot.fingerprints, restoreEntry) },
  };
}

function mapped<T, U>(items: readonly T[], convert: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield convert(item);
    },
  };
}
