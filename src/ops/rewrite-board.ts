import type { WiredeskConfig } from '../config/index.js';
import { publishBoard, type PublishBoardResult } from '../board/index.js';
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

/** How long the daemon lets the board stand when runs write nothing (the window still slides). */
const IDLE_REWRITE_MS = 3_600_000;

/**
 * For the daemon, whose runs come every few minutes and mostly find nothing new: rewrites the
 * board after a run that wrote an article or a story, and otherwise at most once an hour, so
 * the cost of reading the whole window (seconds for thousands of stories) is paid when it shows.
 */
export function createBoardRewriter(deps: RewriteBoardDeps): { afterRun(report: RunSummary): Promise<void> } {
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    async afterRun(report) {
      const now = deps.clock.now().getTime();
      const wrote = report.written.articles.length + report.written.stories.length > 0;
      if (!wrote && now - lastAt < IDLE_REWRITE_MS) return;
      lastAt = now;
      await rewriteBoard(deps);
    },
  };
}
