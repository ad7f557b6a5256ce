import { describe, expect, it } from 'vitest';
import { CallBatcher } from '../../src/worker/call-batcher.js';

/** A batch function whose batches are answered when the test says so. */
function controlled(): { batches: number[][]; run: (args: number[]) => Promise<number[]>; answer: (i: number, fail?: Error) => void } {
  const batches: number[][] = [];
  const pending: { resolve: (r: number[]) => void; reject: (e: unknown) => void; args: number[] }[] = [];
  return {
    batches,
    run: (args) =>
      new Promise<number[]>((resolve, reject) => {
        batches.push(args);
        pending.push({ resolve, reject, args });
      }),
    answer: (i, fail) => {
      const p = pending[i]!;
      if (fail) p.reject(fail);
      else p.resolve(p.args.map((a) => a * 10));
    },
  };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('CallBatcher', () => {
  it('sends the calls of one turn together, and the calls made meanwhile in the next batch, each with its own answer', async () => {
    const c = controlled();
    const batcher = new CallBatcher(c.run);
    const first = [batcher.call(1), batcher.call(2)];
    await turn();
    expect(c.batches).toEqual([[1, 2]]);
    const later = [batcher.call(3), batcher.call(4), batcher.call(5)];
    await turn();
    expect(c.batches).toEqual([[1, 2]]);
    c.answer(0);
    expect(await Promise.all(first)).toEqual([10, 20]);
    await turn();
    expect(c.batches).toEqual([[1, 2], [3, 4, 5]]);
    c.answer(1);
    expect(await Promise.all(later)).toEqual([30, 40, 50]);
  });

  it('fails every call of a failed batch, and goes on with the next', async () => {
    const c = controlled();
    const batcher = new CallBatcher(c.run, 2);
    const calls = [1, 2, 3].map((n) => batcher.call(n));
    await turn();
    expect(c.batches).toEqual([[1, 2]]);
    c.answer(0, new Error('database gone'));
    await expect(calls[0]).rejects.toThrow('database gone');
    await expect(calls[1]).rejects.toThrow('database gone');
    await turn();
    expect(c.batches).toEqual([[1, 2], [3]]);
    c.answer(1);
    expect(await calls[2]).toBe(30);
  });
});
