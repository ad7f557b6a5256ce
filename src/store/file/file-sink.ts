import { readFile, readdir, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WiredeskError } from '../../errors/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type Clock, type Logger, type RunReport, type RunSummary, type StoryRecord } from '../../types/index.js';
import type { LatestRunPointer, OutputSink } from '../output-sink.js';
import { cleanupTempFiles, errnoOf, readJsonFile, storeWriteError, writeJsonAtomic, writeTextAtomic, type AtomicFs } from './atomic-write.js';
import { acquireOutputLock, currentLockHolder, type HeldLock } from './output-lock.js';
import { listArticleFiles, listRunIds, readArticleFile, readStories } from './scan-output.js';
import { articleRelPath, boardAssetRelPath, isBoardAssetName, LAYOUT, runRelPath, storyFeedRelPath, storyRelPath } from './store-layout.js';

/** Options of `openFileSink`. */
export interface FileSinkOptions {
  outDir: string;
  clock: Clock;
  logger: Logger;
  /** Injected file-system calls for atomic writes (tests simulate ENOSPC with it). */
  fs?: AtomicFs;
}

// statfs magic numbers of file systems that are not storage: procfs, sysfs, debugfs, cgroup (Node's
// recursive mkdir loops forever on procfs paths; writes there make no sense anyway).
const PSEUDO_FS = new Set([0x9fa0, 0x62656572, 0x64626720, 0x27e0eb, 0x63677270, 0x1cd1]);

/**
 * Opens an output directory of files (the contract in README: articles, stories, runs,
 * latest-run.json). Nothing is created until the first write. Refuses directories on pseudo file
 * systems (/proc, /sys) with STORE_WRITE.
 */
export async function openFileSink(options: FileSinkOptions): Promise<FileSink> {
  const outDir = resolve(options.outDir);
  await refusePseudoFs(outDir);
  return new FileSink(outDir, options);
}

/** Directories other than article days where writes make temp files. */
const FLAT_DIRS = ['', LAYOUT.storiesDir, LAYOUT.runsDir, LAYOUT.boardDir, LAYOUT.boardTextsDir, LAYOUT.feedsDir];

/** The output directory as files; see `openFileSink`. */
export class FileSink implements OutputSink {
  readonly location: string;
  private lock: HeldLock | null = null;

  constructor(
    private readonly outDir: string,
    private readonly options: FileSinkOptions,
  ) {
    this.location = outDir;
  }

  /**
   * Takes the lock. When the previous holder did not shut down cleanly, temp files its writes left
   * outside the article days are removed (those inside are removed per interrupted commit, by
   * `discardArticle`): nothing is scanned after a clean shutdown.
   */
  async acquireLock(): Promise<void> {
    if (this.lock) return;
    this.lock = await acquireOutputLock(this.outDir, { logger: this.options.logger, now: () => this.options.clock.now() });
    if (!this.lock.uncleanBefore) return;
    let removed = 0;
    for (const dir of FLAT_DIRS) removed += (await cleanupTempFiles(join(this.outDir, dir), isProcessAlive, false)).length;
    if (removed > 0) this.options.logger.warn('removed temp files left by an interrupted write', { count: removed, out_dir: this.outDir });
  }

  async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  lockHolder(): Promise<{ pid: number; hostname: string; startedAt: string } | null> {
    return currentLockHolder(this.outDir);
  }

  async writeArticle(record: ArticleRecord, filedDay: string): Promise<void> {
    await this.write(articleRelPath(record.id, filedDay), { ...record, schemaVersion: record.schemaVersion ?? SCHEMA_VERSION });
  }

  readArticle(id: string, filedDay: string): Promise<ArticleRecord | null> {
    return readJsonFile<ArticleRecord>(join(this.outDir, articleRelPath(id, filedDay)), 'STORE_WRITE');
  }

  async removeArticle(id: string, filedDay: string): Promise<void> {
    const path = join(this.outDir, articleRelPath(id, filedDay));
    await removeFile(path);
    await removeEmptyDirs(dirname(path), join(this.outDir, LAYOUT.articlesDir));
  }

  /** Removes an article a commit was interrupted writing: the file and any temp file of it. */
  async discardArticle(id: string, filedDay: string): Promise<void> {
    const path = join(this.outDir, articleRelPath(id, filedDay));
    await cleanupTempFiles(dirname(path), isProcessAlive, false, `.${id}.json.`);
    await this.removeArticle(id, filedDay);
  }

  async *scanArticles(): AsyncIterable<{ id: string; filedDay: string; record: ArticleRecord | null; where: string }> {
    for (const file of await listArticleFiles(this.outDir)) {
      const record = await readArticleFile(this.outDir, file.rel);
      yield { id: file.id, filedDay: file.day, record: record !== null && record.id === file.id ? record : null, where: file.rel };
    }
  }

  async writeStory(record: StoryRecord): Promise<void> {
    await this.write(storyRelPath(record.id), record);
  }

  readStory(id: string): Promise<StoryRecord | null> {
    return readJsonFile<StoryRecord>(join(this.outDir, storyRelPath(id)), 'STORE_WRITE');
  }

  removeStory(id: string): Promise<void> {
    return removeFile(join(this.outDir, storyRelPath(id)));
  }

  async *scanStories(): AsyncIterable<StoryRecord> {
    for (const story of await readStories(this.outDir)) yield story;
  }

  async writeRunReport(summary: RunSummary): Promise<RunReport> {
    const report: RunReport = {
      ...summary,
      written: { articles: summary.written.articles.map((a) => articleRelPath(a.id, a.filedDay)), stories: summary.written.stories.map(storyRelPath) },
    };
    const rel = runRelPath(report.runId);
    await this.write(rel, report);
    const pointer: LatestRunPointer = {
      schemaVersion: SCHEMA_VERSION,
      runId: report.runId,
      path: rel,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      status: report.status,
    };
    // Written last: a reader who sees this pointer knows every file of the run is complete.
    await this.write(LAYOUT.latestRun, pointer);
    return report;
  }

  readLatestRun(): Promise<LatestRunPointer | null> {
    return readJsonFile<LatestRunPointer>(join(this.outDir, LAYOUT.latestRun), 'STORE_WRITE');
  }

  async runsBefore(cutoff: Date): Promise<string[]> {
    const latest = await this.readLatestRun().catch(() => null);
    return (await listRunIds(this.outDir)).filter((id) => id !== latest?.runId && isRunBefore(id, cutoff));
  }

  removeRun(runId: string): Promise<void> {
    return removeFile(join(this.outDir, runRelPath(runId)));
  }

  async writeBoard(html: string): Promise<string> {
    await writeTextAtomic(join(this.outDir, LAYOUT.boardPage), html, this.options.fs ? { fs: this.options.fs } : {});
    return LAYOUT.boardPage;
  }

  async writeStoryFeed(name: string, text: string): Promise<string> {
    const rel = storyFeedRelPath(name);
    await writeTextAtomic(join(this.outDir, rel), text, this.options.fs ? { fs: this.options.fs } : {});
    return rel;
  }

  async readStoryFeed(name: string): Promise<string | null> {
    const path = join(this.outDir, storyFeedRelPath(name));
    try {
      return await readFile(path, 'utf8');
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return null;
      throw storeWriteError(path, cause);
    }
  }

  async writeBoardAsset(name: string, text: string): Promise<string> {
    const rel = boardAssetRelPath(name);
    await writeTextAtomic(join(this.outDir, rel), text, this.options.fs ? { fs: this.options.fs } : {});
    return rel;
  }

  async boardWrittenAt(): Promise<Date | null> {
    const path = join(this.outDir, LAYOUT.boardPage);
    try {
      return (await stat(path)).mtime;
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return null;
      throw storeWriteError(path, cause);
    }
  }

  async listBoardAssets(): Promise<string[]> {
    const dir = join(this.outDir, LAYOUT.boardTextsDir);
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return [];
      throw storeWriteError(dir, cause);
    }
    // Temp files of a write in progress (or of a killed writer) do not match the name pattern.
    return entries.map((e) => `texts/${e}`).filter(isBoardAssetName).sort();
  }

  async removeBoardAsset(name: string): Promise<void> {
    await removeFile(join(this.outDir, boardAssetRelPath(name)));
  }

  private write(rel: string, value: unknown): Promise<void> {
    return writeJsonAtomic(join(this.outDir, rel), value, this.options.fs ? { fs: this.options.fs } : {});
  }
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

/** Run ids start with their UTC start time (`YYYYMMDD-HHMMSS-…`); ids of another shape are kept. */
function isRunBefore(runId: string, cutoff: Date): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(runId);
  if (!match) return false;
  const started = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  return started < cutoff.getTime();
}

async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (cause) {
    if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(path, cause);
  }
}

/** Removes `dir` and its parents up to (not including) `stop` while they are empty. */
async function removeEmptyDirs(dir: string, stop: string): Promise<void> {
  let current = dir;
  while (current.startsWith(stop + '/')) {
    const entries = await readdir(current).catch(() => null);
    if (entries === null || entries.length > 0) return;
    await rmdir(current).catch(() => undefined);
    current = dirname(current);
  }
}

/** STORE_WRITE for an output directory on procfs, sysfs or the like (checked on its nearest existing ancestor). */
async function refusePseudoFs(outDir: string): Promise<void> {
  let probe = outDir;
  for (;;) {
    try {
      const info = await statfs(probe);
      if (PSEUDO_FS.has(Number(info.type))) {
        throw new WiredeskError('STORE_WRITE', `store: ${outDir} is on a pseudo file system (${probe} is not storage); choose an output directory on a disk`, { details: { path: outDir } });
      }
      return;
    } catch (cause) {
      if (cause instanceof WiredeskError) throw cause;
      const parent = dirname(probe);
      if (errnoOf(cause) !== 'ENOENT' || parent === probe) return;
      probe = parent;
    }
  }
}
