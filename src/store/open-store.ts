import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type Clock, type Logger, type RunReport, type StoryRecord } from '../types/index.js';
import { ArticlePathJournal, isArticlePathOf } from './article-path-journal.js';
import { cleanupTempFiles, errnoOf, readJsonFile, storeWriteError, writeJsonAtomic, writeTextAtomic, type AtomicFs } from './atomic-write.js';
import { emptyState, parseCrawlerState, pruneSeenKeys, stateCorrupt, STATE_FORMAT_VERSION, type CrawlerState } from './crawler-state.js';
import { acquireDirLock, isProcessAlive, type HeldLock } from './dir-lock.js';
import { articleFiledAt, articleRelPath, assertValidId, LAYOUT, runRelPath, storyFeedRelPath, storyRelPath } from './store-layout.js';

/** Options of `openStore`. */
export interface OpenStoreOptions {
  outDir: string;
  /** State directory; default `<outDir>/.wiredesk-state`. */
  stateDir?: string | null;
  clock: Clock;
  logger: Logger;
  /** Injected file-system calls for atomic writes (tests simulate ENOSPC with it). */
  fs?: AtomicFs;
  /**
   * Seen item keys first seen longer ago than this are dropped on every save, so months of running
   * keep the state bounded (default 90 days; feeds list items for days, not months).
   */
  seenRetentionDays?: number;
}

/** Default retention of seen item keys. */
export const DEFAULT_SEEN_RETENTION_DAYS = 90;

/** `latest-run.json`: points at the newest run whose files are all written. */
export interface LatestRunPointer {
  schemaVersion: number;
  runId: string;
  /** Path of the run report, relative to the output directory. */
  path: string;
  startedAt: string;
  finishedAt: string;
  status: RunReport['status'];
}

/** The only writer of the output and state directories. */
export interface Store {
  readonly outDir: string;
  readonly stateDir: string;
  /** LOCKED (details.pid) if another live process holds the output directory. */
  acquireLock(): Promise<void>;
  releaseLock(): Promise<void>;
  /** Empty state when none; STATE_CORRUPT (with path and hint) when unreadable. */
  loadState(): Promise<CrawlerState>;
  saveState(state: CrawlerState): Promise<void>;
  /** Writes (or atomically replaces) an article; returns its path relative to outDir. */
  writeArticle(record: ArticleRecord): Promise<string>;
  /** Reads an article by id (null when it was never written or was pruned). */
  readArticle(id: string): Promise<ArticleRecord | null>;
  /** Where an article id is filed, relative to outDir (null when unknown). */
  articlePath(id: string): Promise<string | null>;
  readStory(id: string): Promise<StoryRecord | null>;
  writeStory(record: StoryRecord): Promise<string>;
  /** Removes a story file whose members all moved to other stories (no error when it is already gone). */
  removeStory(id: string): Promise<void>;
  /** Writes `runs/<runId>.json`, then `latest-run.json` last; returns the run report's relative path. */
  writeRunReport(report: RunReport): Promise<string>;
  readLatestRun(): Promise<LatestRunPointer | null>;
  /** Atomically replaces the story board page; returns its relative path. */
  writeBoard(html: string): Promise<string>;
  /** Atomically replaces a story feed (`stories.atom`, `lang-ar.atom`, …); returns its relative path. */
  writeStoryFeed(name: string, text: string): Promise<string>;
  /** A story feed written earlier (null when none): the feeds compare against it to keep entry stamps stable. */
  readStoryFeed(name: string): Promise<string | null>;
}

/**
 * Opens an output directory (nothing is created until the first write) and removes temp files a
 * crashed writer left behind. Readers (status, stories) may open a store without taking the lock.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const outDir = resolve(options.outDir);
  const stateDir = options.stateDir ? resolve(options.stateDir) : join(outDir, LAYOUT.defaultStateDir);
  const removed = [...(await cleanupTempFiles(outDir, isProcessAlive)), ...(stateDir.startsWith(outDir + '/') ? [] : await cleanupTempFiles(stateDir, isProcessAlive))];
  if (removed.length > 0) options.logger.warn('removed temp files left by an interrupted write', { count: removed.length, out_dir: outDir });
  return new FileStore(outDir, stateDir, options);
}

/**
 * Reads the state file of `stateDir` without going through a Store (the scheduler's between-runs
 * look, which must not disturb the store that is writing). Null when there is none yet.
 */
export async function readCrawlerState(stateDir: string): Promise<CrawlerState | null> {
  const path = join(stateDir, LAYOUT.stateFile);
  let json: unknown;
  try {
    json = await readJsonFile(path);
  } catch (cause) {
    throw stateCorrupt(path, (cause as Error).message.replace(/^store: /, ''), cause);
  }
  return json === null ? null : parseCrawlerState(json, path);
}

/** A run id that sorts by time and is a safe file name, e.g. `20261121-031500-4f2a9c`. */
export function createRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

class FileStore implements Store {
  readonly outDir: string;
  readonly stateDir: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly fs: AtomicFs | undefined;
  private readonly seenRetentionMs: number;
  private readonly journal: ArticlePathJournal;
  private lock: HeldLock | null = null;
  /** Article id → relative path; loaded with the state, kept ahead of it by the journal. */
  private paths: Record<string, string> | null = null;
  /** Ids first filed by this instance since the last saveState. */
  private readonly filedSinceSave = new Map<string, string>();

  constructor(outDir: string, stateDir: string, options: OpenStoreOptions) {
    this.outDir = outDir;
    this.stateDir = stateDir;
    this.clock = options.clock;
    this.logger = options.logger;
    this.fs = options.fs;
    this.seenRetentionMs = (options.seenRetentionDays ?? DEFAULT_SEEN_RETENTION_DAYS) * 86_400_000;
    this.journal = new ArticlePathJournal(join(stateDir, LAYOUT.pathJournal));
  }

  async acquireLock(): Promise<void> {
    if (this.lock) return;
    this.lock = await acquireDirLock({ path: join(this.outDir, LAYOUT.lockFile), logger: this.logger, now: () => this.clock.now() });
  }

  async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  async loadState(): Promise<CrawlerState> {
    const state = (await readCrawlerState(this.stateDir)) ?? emptyState();
    for (const [id, rel] of Object.entries(state.articlePaths)) if (!isArticlePathOf(id, rel)) delete state.articlePaths[id];
    await this.journal.replay(state.articlePaths);
    this.paths = state.articlePaths;
    return state;
  }

  async saveState(state: CrawlerState): Promise<void> {
    // The caller's map is the base (rebuild and prune hand in edited maps); articles this store
    // filed since the last save are laid over it so none is lost whichever object was passed.
    const filedBefore = this.filedSinceSave.size;
    const paths: Record<string, string> = {};
    for (const [id, rel] of Object.entries(state.articlePaths)) if (isArticlePathOf(id, rel)) paths[id] = rel;
    for (const [id, rel] of this.filedSinceSave) paths[id] = rel;
    state.articlePaths = paths;
    this.paths = paths;
    const now = this.clock.now();
    pruneSeenKeys(state, new Date(now.getTime() - this.seenRetentionMs));
    const toWrite: CrawlerState = { ...state, formatVersion: STATE_FORMAT_VERSION, updatedAt: now.toISOString(), articlePaths: paths };
    await mkdir(this.stateDir, { recursive: true }).catch((cause) => {
      throw storeWriteError(this.stateDir, cause);
    });
    await writeJsonAtomic(join(this.stateDir, LAYOUT.stateFile), toWrite, this.writeOptions());
    // An article filed while the state was being written is not in it: keep its journal line then.
    if (this.filedSinceSave.size === filedBefore) {
      this.filedSinceSave.clear();
      await this.journal.clear();
    }
  }

  async writeArticle(record: ArticleRecord): Promise<string> {
    assertValidId(record.id, 'article');
    const paths = await this.loadedPaths();
    let rel = paths[record.id];
    if (rel === undefined) {
      rel = articleRelPath(record.id, articleFiledAt(record));
      await mkdir(this.stateDir, { recursive: true }).catch((cause) => {
        throw storeWriteError(this.stateDir, cause);
      });
      await this.journal.append(record.id, rel);
      paths[record.id] = rel;
      this.filedSinceSave.set(record.id, rel);
    }
    await writeJsonAtomic(join(this.outDir, rel), { ...record, schemaVersion: record.schemaVersion ?? SCHEMA_VERSION }, this.writeOptions());
    return rel;
  }

  async readArticle(id: string): Promise<ArticleRecord | null> {
    const rel = await this.articlePath(id);
    return rel === null ? null : readJsonFile<ArticleRecord>(join(this.outDir, rel));
  }

  async articlePath(id: string): Promise<string | null> {
    assertValidId(id, 'article');
    return (await this.loadedPaths())[id] ?? null;
  }

  async readStory(id: string): Promise<StoryRecord | null> {
    return readJsonFile<StoryRecord>(join(this.outDir, storyRelPath(id)));
  }

  async writeStory(record: StoryRecord): Promise<string> {
    const rel = storyRelPath(record.id);
    await writeJsonAtomic(join(this.outDir, rel), record, this.writeOptions());
    return rel;
  }

  async removeStory(id: string): Promise<void> {
    const path = join(this.outDir, storyRelPath(id));
    try {
      await unlink(path);
    } catch (cause) {
      if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(path, cause);
    }
  }

  async writeRunReport(report: RunReport): Promise<string> {
    const rel = runRelPath(report.runId);
    await writeJsonAtomic(join(this.outDir, rel), report, this.writeOptions());
    const pointer: LatestRunPointer = {
      schemaVersion: SCHEMA_VERSION,
      runId: report.runId,
      path: rel,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      status: report.status,
    };
    // Written last: a reader who sees this pointer knows every file of the run is complete.
    await writeJsonAtomic(join(this.outDir, LAYOUT.latestRun), pointer, this.writeOptions());
    return rel;
  }

  async readLatestRun(): Promise<LatestRunPointer | null> {
    return readJsonFile<LatestRunPointer>(join(this.outDir, LAYOUT.latestRun));
  }

  async writeBoard(html: string): Promise<string> {
    await writeTextAtomic(join(this.outDir, LAYOUT.boardPage), html, this.writeOptions());
    return LAYOUT.boardPage;
  }

  async writeStoryFeed(name: string, text: string): Promise<string> {
    const rel = storyFeedRelPath(name);
    await writeTextAtomic(join(this.outDir, rel), text, this.writeOptions());
    return rel;
  }

  async readStoryFeed(name: string): Promise<string | null> {
    const path = join(this.outDir, storyFeedRelPath(name));
    try {
      return await readFile(path, 'utf8');
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return null;
      throw new WiredeskError('STATE_CORRUPT', `store: cannot read ${path}: ${(cause as Error).message}`, { cause, details: { path } });
    }
  }

  private async loadedPaths(): Promise<Record<string, string>> {
    if (this.paths === null) await this.loadState();
    if (this.paths === null) throw new WiredeskError('INTERNAL', 'store: article index not loaded');
    return this.paths;
  }

  private writeOptions(): { fs?: AtomicFs } {
    return this.fs ? { fs: this.fs } : {};
  }
}
