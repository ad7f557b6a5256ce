import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoardRewriter } from '../../src/cli/rewrite-board.js';
import { parseConfig } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Logger } from '../../src/types/index.js';
import { fakeClock, makeRun, tempDir } from '../store/make-records.js';

/** A logger that keeps the messages it was given. */
function recordingLogger(messages: string[]): Logger {
  const log = (msg: string): void => void messages.push(msg);
  const logger: Logger = { debug: log, info: log, warn: log, error: log, child: () => logger };
  return logger;
}

describe('createBoardRewriter (the daemon)', () => {
  let dir: { path: string; remove(): Promise<void> };
  let store: Store;
  const clock = fakeClock('2026-11-21T03:00:00.000Z');
  const messages: string[] = [];
  beforeEach(async () => {
    dir = await tempDir('wiredesk-rewriter-');
    messages.length = 0;
    store = await openStore({ outDir: dir.path, clock, logger: recordingLogger([]) });
  });
  afterEach(() => dir.remove());

  it('rewrites after a run that wrote something, and after idle runs only once an hour', async () => {
    const board = createBoardRewriter({ config: parseConfig({ sources: [] }, null), store, clock, logger: recordingLogger(messages) });
    const idle = makeRun('r1');
    const busy = makeRun('r2', { articles: ['articles/2026/11/21/a.json'], stories: ['stories/s-a.json'] });
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
    expect(await store.readStoryFeed('stories.atom')).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  });

  it('does nothing when output.board is false', async () => {
    const board = createBoardRewriter({ config: parseConfig({ sources: [], output: { board: false } }, null), store, clock, logger: recordingLogger(messages) });
    await board.afterRun(makeRun('r1', { articles: ['articles/2026/11/21/a.json'], stories: [] }));
    expect(messages).toEqual([]);
    expect(await store.readStoryFeed('stories.atom')).toBeNull();
  });
});
