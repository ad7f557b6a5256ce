import { describe, expect, it } from 'vitest';
import { SketchPostings } from '../../src/fingerprint/sketch-postings.js';
import { seededRandom } from './helpers.js';

/** Refs of a value, newest first, read as the duplicate finder reads them. */
function chain(postings: SketchPostings, value: number): number[] {
  const out: number[] = [];
  for (let node = postings.newest(value); node !== 0; node = postings.olderThan(node)) out.push(postings.refAt(node));
  return out;
}

describe('SketchPostings', () => {
  it('keeps the refs of every value newest first, as a Map of arrays would, through growth and a clear', () => {
    const random = seededRandom(5);
    // Few distinct values (long chains) and uint32 values above 2^31 (the sketch's hashes).
    const values = Array.from({ length: 3_000 }, () => Math.floor(random() * 2 ** 32));
    const model = new Map<number, number[]>();
    const postings = new SketchPostings();
    for (let ref = 0; ref < 40_000; ref += 1) {
      const value = values[Math.floor(random() * values.length)] as number;
      postings.add(value, ref);
      model.set(value, [...(model.get(value) ?? []), ref]);
    }
    expect(postings.size).toBe(40_000);
    for (const value of values) expect(chain(postings, value)).toEqual([...(model.get(value) ?? [])].reverse());
    expect(chain(postings, 12345)).toEqual([]);
    postings.clear();
    expect(postings.size).toBe(0);
    expect(chain(postings, values[0] as number)).toEqual([]);
    postings.add(values[0] as number, 7);
    expect(chain(postings, values[0] as number)).toEqual([7]);
  });

  it('takes a uint32 value and its signed int32 form as one value', () => {
    const postings = new SketchPostings();
    postings.add(0xffffffff, 1);
    postings.add(-1, 2);
    postings.add(0x7fffffff, 3);
    expect(chain(postings, 0xffffffff)).toEqual([2, 1]);
    expect(chain(postings, 0x7fffffff)).toEqual([3]);
  });
});
