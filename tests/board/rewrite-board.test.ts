import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createBoardRewriter, openSink, openState, rewriteBoardAfterRun } from '../../src/ops/index.js';
import type { OutputSink, StateStore } from '../../src/store/index.js';
import type { Logger, RunSummary } from '../../src/types/index.js';
import { fakeClock, makeRun, tempDir } from '../store/make-records.js';

/** A logger that keeps the messages it was given. */
function recordingLogger(messages: string[]): Logger {
  const log = (msg: string): void => void messages.push(msg);
  const logger: Logger = { debug: log, info: log, warn: log, error: log, child: () => logger };
  return logger;
}

describe('createBoardRewriter (the daemon)', () => {
  let dir: { path: string; remove(): Promise<void> };
  let sink: OutputSink;
  let state: StateStore;
  const clock = fakeClock('2026-11-21T03:00:00.000Z');
  const messages: string[] = [];
  beforeEach(async () => {
    dir = await tempDir('wiredesk-rewriter-');
    messages.length = 0;
    sink = await openSink({ outDir: dir.path }, { clock, logger: recordingLogger([]) });
    state = openState({ outDir: dir.path });
  });
  afterEach(async () => {
    await state.close();
    await dir.remove();
  });
  const run = (id: string, written: RunSummary['written'] = { articles: [], stories: [] }): RunSummary => ({ ...makeRun(id), written });

  it('rewrites after a run that wrote something, and after idle runs only once an hour', async () => {
    const board = createBoardRewriter({ config: parseConfig({ sources: [] }, null), sink, state, clock, logger: recordingLogger(messages) });
    const idle = run('r1');
    const busy = run('r2', { articles: [{ id: 'a', filedDay: '2026-11-21' }], stories: ['s-a'] });
    const writes = () => messages.filter((m) => m === 'board written').length;
    await board.afterRun(idle);
    expect(writes()).toBe(1);
    clock.advance(10 * 60_000);
    await board.afterRun(idle);
    expect(writes()).toBe(1);
    await board.afterRun(busy);
    expect(writes()).toBe(2);
    clock.advance(59 * 60_000);
    await board.afterRun(idle);
    expect(writes()).toBe(2);
    clock.advance(2 * 60_000);
    await board.afterRun(idle);
    expect(writes()).toBe(3);
    expect(await sink.readStoryFeed('stories.atom')).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  });

  it('while articles arrive, rewrites at most every output.boardEveryMinutes, by a timer when no report comes, and on close', async () => {
    const busy = run('r2', { articles: [{ id: 'a', filedDay: '2026-11-21' }], stories: ['s-a'] });
    const writes = () => messages.filter((m) => m === 'board written').length;
    const paced = createBoardRewriter({ config: parseConfig({ sources: [] }, null), sink, state, clock, logger: recordingLogger(messages) });
    await paced.afterRun(busy);
    expect(writes()).toBe(1);
    clock.advance(60_000);
    await paced.afterRun(busy);
    await paced.afterRun(run('r3'));
    expect(writes()).toBe(1);
    await paced.close();
    expect(writes()).toBe(2);

    // 0.01 minutes: the stale board is rewritten by the timer, 600 ms (real time) after the last rewrite.
    const timed = createBoardRewriter({ config: parseConfig({ sources: [], output: { boardEveryMinutes: 0.01 } }, null), sink, state, clock, logger: recordingLogger(messages) });
    await timed.afterRun(busy);
    await timed.afterRun(busy);
    expect(writes()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(writes()).toBe(4);
    await timed.close();
    expect(writes()).toBe(4);
  });

  it('does nothing when output.board is false', async () => {
    const board = createBoardRewriter({ config: parseConfig({ sources: [], output: { board: false } }, null), sink, state, clock, logger: recordingLogger(messages) });
    await board.afterRun(run('r1', { articles: [{ id: 'a', filedDay: '2026-11-21' }], stories: [] }));
    expect(messages).toEqual([]);
    expect(await sink.readStoryFeed('stories.atom')).toBeNull();
  });
});

describe('rewriteBoardAfterRun (wiredesk run)', () => {
  it('redraws after a run that wrote something, keeps a board under an hour old when nothing is new', async () => {
    const dir = await tempDir('wiredesk-run-board-');
    // The board's age is its file's mtime: the clock starts at the real time.
    const clock = fakeClock(new Date().toISOString());
    const messages: string[] = [];
    const sink = await openSink({ outDir: dir.path }, { clock, logger: recordingLogger([]) });
    const state = openState({ outDir: dir.path });
    try {
      const deps = { config: parseConfig({ sources: [] }, null), sink, state, clock, logger: recordingLogger(messages) };
      const idle: RunSummary = { ...makeRun('r1'), written: { articles: [], stories: [] } };
      const busy: RunSummary = { ...makeRun('r2'), written: { articles: [{ id: 'a', filedDay: '2026-11-21' }], stories: ['s-a'] } };
      const writes = () => messages.filter((m) => m === 'board written').length;
      await rewriteBoardAfterRun(deps, idle);
      expect(writes()).toBe(1);
      expect(await sink.boardWrittenAt()).not.toBeNull();
      await rewriteBoardAfterRun(deps, idle);
      expect(writes()).toBe(1);
      await rewriteBoardAfterRun(deps, busy);
      expect(writes()).toBe(2);
      clock.advance(61 * 60_000);
      await rewriteBoardAfterRun(deps, idle);
      expect(writes()).toBe(3);
    } finally {
      await state.close();
      await dir.remove();
    }
  });
});
