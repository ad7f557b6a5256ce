import { WiredeskError } from '../errors/index.js';
import { DEFAULT_STORIES } from '../config/index.js';
import { storyDocTime, type AliasTable, type StoryDoc } from '../fingerprint/index.js';
import { restoreStoryIndex, storyIndexOptions } from './restore-story-index.js';
import { openSqliteStateStore } from '../store/index.js';

/** Options of `clusterDocs`. */
export interface ClusterOptions {
  windowHours: number;
  aliases: AliasTable;
  /** Keep the story index in this directory's state database, so a later call continues it. */
  stateDir: string | null;
  explain: boolean;
  /** When articles without a date were seen (the caller's one clock read). */
  seenAt: string;
  /**
   * Stops reading (SIGTERM, the reader of the output went away): nothing more is printed and the
   * state is left as it was, so running the same input again continues cleanly.
   */
  signal?: AbortSignal;
}

/**
 * Groups articles (JSON lines `{id, title, text, publishedAt?, source?, language?}`, in the order they were
 * seen) with the crawler's story index and hands out one JSON line per input line, in input order:
 * `{id, storyId, duplicateOf, simhash}` (with `explain`: reason, via, the language it was read in,
 * distance, similarity and firstStoryId, the story it was first given). Stories are redrawn as links arrive, so a line is
 * handed out once its article has left the window (it can no longer move) or at the end.
 * A line that is not an article is CONFIG_INVALID naming the line.
 */
export async function clusterDocs(lines: AsyncIterable<string>, options: ClusterOptions, out: (line: string) => void): Promise<number> {
  // Taken before the first await: a readline interface drops the lines it reads before anyone iterates it.
  const input = lines[Symbol.asyncIterator]();
  const state = options.stateDir === null ? null : openSqliteStateStore({ stateDir: options.stateDir });
  try {
    const index = restoreStoryIndex(await storyIndexOptions({ stories: { ...DEFAULT_STORIES, windowHours: options.windowHours } }, options.aliases), (await state?.loadStoryIndex()) ?? null, options.stateDir ?? 'memory');
    let pending: { id: string; time: number; line: Record<string, unknown> }[] = [];
    let head = 0;
    const byId = new Map<string, Record<string, unknown>>();
    let latest = -Infinity;
    let count = 0;
    const flush = (before: number): void => {
      while (head < pending.length && (pending[head] as { time: number }).time < before) {
        const done = pending[head] as { id: string; line: Record<string, unknown> };
        head += 1;
        if (byId.get(done.id) === done.line) byId.delete(done.id);
        out(`${JSON.stringify(done.line)}\n`);
      }
      if (head > 1024 && head * 2 > pending.length) {
        pending = pending.slice(head);
        head = 0;
      }
    };
    let lineNumber = 0;
    for await (const line of { [Symbol.asyncIterator]: () => input }) {
      if (options.signal?.aborted === true) return count;
      lineNumber += 1;
      if (line.trim() === '') continue;
      const doc = parseInputLine(line, lineNumber, options.seenAt);
      const a = index.assign(doc);
      count += 1;
      const result: Record<string, unknown> = { id: doc.id, storyId: a.storyId, duplicateOf: a.duplicateOf, simhash: a.simhash };
      if (options.explain) Object.assign(result, { reason: a.reason, via: a.via, language: a.language, distance: a.distance, similarity: a.similarity, firstStoryId: a.storyId });
      for (const move of a.moved) {
        const moved = byId.get(move.articleId);
        if (moved !== undefined) moved['storyId'] = move.to;
      }
      const time = storyDocTime(doc);
      pending.push({ id: doc.id, time, line: result });
      byId.set(doc.id, result);
      latest = Math.max(latest, time);
      flush(latest - options.windowHours * 3_600_000);
    }
    if (options.signal?.aborted === true) return count;
    flush(Infinity);
    // The whole input is one checkpoint: the state keeps the index as it is now.
    await state?.checkpointStoryIndex(index.image());
    return count;
  } finally {
    await state?.close();
  }
}

/** One input line as a StoryDoc; a line that is not an article is CONFIG_INVALID naming the line. */
function parseInputLine(line: string, lineNumber: number, seenAt: string): StoryDoc {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: not JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: not a JSON object`);
  const record = raw as Record<string, unknown>;
  const text = (key: string): string | null => (typeof record[key] === 'string' ? (record[key] as string) : null);
  const id = typeof record['id'] === 'number' ? String(record['id']) : text('id');
  if (id === null || id === '') throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: "id" is missing`);
  const publishedAt = text('publishedAt');
  return {
    id,
    title: text('title') ?? '',
    text: text('text') ?? '',
    publishedAt: publishedAt !== null && !Number.isNaN(Date.parse(publishedAt)) ? publishedAt : null,
    seenAt,
    source: text('source'),
    // A declared language (BCP 47) is believed when the text agrees with it, as a page's is in a crawl.
    language: text('language'),
  };
}
