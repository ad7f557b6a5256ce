import { appendFile, readFile, truncate } from 'node:fs/promises';
import { errnoOf, storeWriteError } from './atomic-write.js';
import { dayOfArticlePath } from './store-layout.js';

/**
 * Append-only journal of article id → path, written *before* each new article file.
 * The full map lives in the state file, but the state is saved less often than articles are
 * written; after a crash in between, the journal still tells where an id was filed, so a re-run
 * that sees a different publishedAt for the same id replaces the file instead of adding a second one.
 * A torn last line (crash mid-append) is ignored; the journal is emptied after each state save.
 */
export class ArticlePathJournal {
  constructor(readonly path: string) {}

  /** Records one mapping; O_APPEND keeps concurrent small appends whole. */
  async append(id: string, rel: string): Promise<void> {
    try {
      await appendFile(this.path, JSON.stringify([id, rel]) + '\n', 'utf8');
    } catch (cause) {
      throw storeWriteError(this.path, cause);
    }
  }

  /** Replays the journal into `into`; returns how many entries it applied. */
  async replay(into: Record<string, string>): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return 0;
      throw storeWriteError(this.path, cause);
    }
    let applied = 0;
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      if (entry === null) continue;
      into[entry[0]] = entry[1];
      applied++;
    }
    return applied;
  }

  /** Empties the journal once the state file holds every mapping. */
  async clear(): Promise<void> {
    await truncate(this.path, 0).catch((cause) => {
      if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(this.path, cause);
    });
  }
}

/** True when `rel` is a well-formed article path for `id` (never trust a path read from disk blindly). */
export function isArticlePathOf(id: string, rel: string): boolean {
  return dayOfArticlePath(rel) !== null && rel.endsWith(`/${id}.json`);
}

function parseLine(line: string): [string, string] | null {
  if (line.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(line);
    if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    return isArticlePathOf(value[0], value[1]) ? [value[0], value[1]] : null;
  } catch {
    return null;
  }
}
