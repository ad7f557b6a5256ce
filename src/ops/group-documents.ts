import { DEFAULT_STORIES } from '../config/index.js';
import { createStoryIndex, type AliasTable, type LanguageDetector } from '../fingerprint/index.js';
import { BUNDLED_ALIASES, loadAliases } from './load-aliases.js';
import { storyIndexOptions } from './restore-story-index.js';

/** One document to group (an article as `cluster` reads it). */
export interface GroupInput {
  id: string;
  title?: string;
  text: string;
  /** ISO time; documents further apart than the window never share a story. */
  publishedAt?: string | null;
  /** The agency or feed it came from. */
  source?: string | null;
  /** The language it declares (a BCP 47 tag), believed when its text agrees; else it is identified from the text. */
  language?: string | null;
}

/** Where a document ended up. */
export interface GroupedDocument {
  id: string;
  /** Its story: the same for every write-up of one event (filename-safe). */
  storyId: string;
  /** The id of the earlier document it is a syndicated copy of, or null. */
  duplicateOf: string | null;
  /** 64-bit simhash, 16 hex digits. */
  simhash: string;
  /** Why it went where it did when it arrived: a new story, a copy, or a similar report. */
  reason: 'new' | 'duplicate' | 'similar';
  /** What joined it when more than a same-language report in the window did: another language's report, or the story memory. */
  via: 'cross-language' | 'memory' | null;
  /** The language it was read in (ISO 639-1 where one exists; `und` when nothing could tell). */
  language: string;
}

/** Options of `groupDocuments`. */
export interface GroupOptions {
  /** How far apart two documents of one story may be (default 72 h, as the crawler). */
  windowHours?: number;
  /** Name variants folded before fingerprinting (default: the bundled alias table). */
  aliases?: AliasTable;
  /** When undated documents were seen (default: now). */
  seenAt?: string;
  /** Days a story stays joinable after its reports left the window (default 30, as the crawler; 0: off). */
  memoryDays?: number;
  /** The language identifier (default: the crawler's, loaded once per call, ~0.1–0.2 s). */
  languageDetector?: LanguageDetector;
}

/**
 * Groups documents, in the order given (the order they were seen), with the crawler's story index:
 * syndicated copies get `duplicateOf`, write-ups of one event share a `storyId`. Stories are
 * redrawn as documents arrive, so the story ids returned are the final ones. The library's
 * in-memory counterpart of `wiredesk cluster`.
 */
export async function groupDocuments(docs: readonly GroupInput[], options: GroupOptions = {}): Promise<GroupedDocument[]> {
  const aliases = options.aliases ?? (await loadAliases(BUNDLED_ALIASES, { required: true }));
  const stories = { ...DEFAULT_STORIES, windowHours: options.windowHours ?? DEFAULT_STORIES.windowHours, memoryDays: options.memoryDays ?? DEFAULT_STORIES.memoryDays };
  // The crawler's options: its window, its story memory and its language identifier, so a library call groups as a crawl does.
  const index = createStoryIndex(await storyIndexOptions({ stories }, aliases, options.languageDetector));
  const seenAt = options.seenAt ?? new Date().toISOString();
  const results: GroupedDocument[] = [];
  const byId = new Map<string, GroupedDocument>();
  for (const doc of docs) {
    const publishedAt = doc.publishedAt != null && !Number.isNaN(Date.parse(doc.publishedAt)) ? doc.publishedAt : null;
    const a = index.assign({ id: doc.id, title: doc.title ?? '', text: doc.text, publishedAt, seenAt, source: doc.source ?? null, language: doc.language ?? null });
    for (const move of a.moved) {
      const moved = byId.get(move.articleId);
      if (moved !== undefined) moved.storyId = move.to;
    }
    const result: GroupedDocument = { id: doc.id, storyId: a.storyId, duplicateOf: a.duplicateOf, simhash: a.simhash, reason: a.reason, via: a.via, language: a.language };
    results.push(result);
    byId.set(doc.id, result);
  }
  return results;
}
