import type { WiredeskConfig } from '../config/index.js';
import type { PublishBoardResult } from '../board/index.js';
import { isFatalCode, toWiredeskError } from '../errors/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import type { Clock, Logger, RunSummary } from '../types/index.js';
import { createBoardSource } from './board-source.js';

/** What a board rewrite needs: the crawl's config, stores, clock and logger (a `Crawler` has them all). */
export interface RewriteBoardDeps {
  config: WiredeskConfig;
  sink: OutputSink;
  state: StateStore;
  clock: Clock;
  logger: Logger;
}

/**
 * Rewrites the story board and feeds after a run, over the stories window, unless the config
 * turns it off (`output.board: false`). A storage error stops the caller like any other; any
 * other failure is logged and the run's result stands (the board is a view, the run's files
 * are written). Returns what was written, null when off or failed.
 */
export async function rewriteBoard(deps: RewriteBoardDeps, sinceMs?: number): Promise<PublishBoardResult | null> {
  if (!deps.config.output.board) return null;
  const started = Date.now();
  const now = deps.clock.now();
  const since = new Date(now.getTime() - (sinceMs ?? deps.config.stories.windowHours * 3_600_000));
  try {
    // The board's renderer is loaded only when a board is drawn: most cron runs keep the board.
    const { publishBoard } = await import('../board/index.js');
    const result = await publishBoard({ source: createBoardSource(deps), sink: deps.sink, since, generatedAt: now, baseUrl: deps.config.output.baseUrl });
    deps.logger.info('board written', {
      stories: result.stories,
      articles: result.articles,
      board_bytes: result.boardBytes,
      files: result.written.length,
      text_files_written: result.texts.written.length,
      text_bytes: result.texts.bytes,
      text_files_kept: result.texts.kept,
      text_files_removed: result.texts.removed,
      duration_ms: Date.now() - started,
    });
    return result;
  } catch (error) {
    const e = toWiredeskError(error);
    if (isFatalCode(e.code)) throw e;
    deps.logger.error('board not written', { error_code: e.code, error: e.message, duration_ms: Date.now() - started });
    return null;
  }
}

/** How long the board may stand when runs write nothing (the window still slides). */
const IDLE_REWRITE_MS = 3_600_000;

/**
 * After a one-off run (`wiredesk run` from cron): the board is redrawn when the run wrote
 * something, or when it is older than an hour. A run that finds nothing new, most runs of a
 * frequent cron job, then costs no reading of the window's article files.
 */
export async function rewriteBoardAfterRun(deps: RewriteBoardDeps, report: RunSummary): Promise<PublishBoardResult | null> {
  if (!deps.config.output.board) return null;
  if (report.written.articles.length + report.written.stories.length === 0) {
    const at = await deps.sink.boardWrittenAt();
    if (at !== null && deps.clock.now().getTime() - at.getTime() < IDLE_REWRITE_MS) {
      deps.logger.debug('board kept: nothing new', { written_at: at.toISOString() });
      return null;
    }
  }
  return rewriteBoard(deps);
}

/** The daemon's board rewriter; see `createBoardRewriter`. */
export interface BoardRewriter {
  /** Told of each run report. */
  afterRun(report: RunSummary): Promise<void>;
  /** Writes what is still pending (the daemon's last report) and stops the timer. */
  close(): Promise<void>;
}

/**
 * For the daemon, whose reports come every minute while articles arrive and whose runs mostly
 * find nothing new. Each rewrite redraws the whole window (the page is rewritten, texts are
 * not), so it is paid at most every `output.boardEveryMinutes` while articles arrive: new
 * articles mark the board stale, and it is rewritten when the interval has passed, by a timer if
 * no report comes by then. With nothing new, it is redrawn at most once an hour (the window
 * slides).
 */
export function createBoardRewriter(deps: RewriteBoardDeps): BoardRewriter {
  let lastAt = Number.NEGATIVE_INFINITY;
  let stale = false;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  const everyMs = (): number => deps.config.output.boardEveryMinutes * 60_000;
  const rewrite = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    stale = false;
    lastAt = deps.clock.now().getTime();
    const next = writing.then(() => rewriteBoard(deps));
    writing = next.catch(() => undefined);
    return next.then(() => undefined);
  };
  return {
    async afterRun(report) {
      if (report.written.articles.length + report.written.stories.length > 0) stale = true;
      const since = deps.clock.now().getTime() - lastAt;
      if (stale ? since >= everyMs() : since >= IDLE_REWRITE_MS) return rewrite();
      if (stale && timer === null) {
        // A timer's failure is logged by rewriteBoard, or is a storage error the next commit meets too.
        timer = setTimeout(() => void rewrite().catch(() => undefined), everyMs() - since);
        timer.unref();
      }
    },
    async close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (stale) await rewrite();
      await writing;
    },
  };
}
