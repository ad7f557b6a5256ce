import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { StoryIndexInput } from '../../../src/fingerprint/index.js';
import { decodeInput, loggedInputs } from '../../../src/store/sqlite/logged-inputs.js';

function input(i: number): StoryIndexInput {
  return {
    doc: { id: `a${i}`, title: '', text: '', publishedAt: null, seenAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), source: null },
    placement: null,
    trace: { language: i % 3 === 0 ? 'de' : 'en', duplicate: null, links: [[i - 1, 0.5 + i / 1e4], ['s-1', 0.25]], plans: [[null, [i]]], tokens: [`t${i} wörter ${i}`, 'body', '000', '0'] },
  };
}

const rowOf = (value: StoryIndexInput): Uint8Array => deflateRawSync(JSON.stringify(value));

describe('logged inputs (logged-inputs.ts)', () => {
  it('gives every row as decoding it here does, in order, through the worker and without it', () => {
    for (const count of [3, 700]) {
      const rows = Array.from({ length: count }, (_, i) => rowOf(input(i)));
      const inputs = loggedInputs(rows);
      expect(inputs.length).toBe(count);
      const read = [...inputs];
      expect(read).toEqual(rows.map(decodeInput));
      // A second pass decodes again, on this thread.
      expect([...inputs]).toEqual(read);
    }
  });

  it('gives what JSON.parse gives for any JSON text: -0, a __proto__ key, escapes, a null row', () => {
    const texts = ['{"doc":{"id":"x\\u2028y","n":-0,"e":1e-320,"__proto__":{"a":[1,-0.0]}},"placement":null}', 'null', '[{"k":"\\ud83d\\ude00"}]'];
    const rows = Array.from({ length: 300 }, (_, i) => deflateRawSync(texts[i % texts.length] as string));
    const read = [...loggedInputs(rows)];
    expect(read).toEqual(rows.map(decodeInput));
    const first = read[0] as unknown as { doc: Record<string, unknown> };
    expect(Object.is(first.doc.n, -0)).toBe(true);
    expect(Object.getPrototypeOf(first.doc)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(first.doc, '__proto__')).toBe(true);
    expect(read[1]).toBeNull();
  });

  it('throws on a corrupt row where a synchronous decode throws, after the rows before it', () => {
    const rows = Array.from({ length: 400 }, (_, i) => rowOf(input(i)));
    rows[300] = Buffer.from('not deflate at all');
    let seen = 0;
    expect(() => {
      for (const _ of loggedInputs(rows)) seen += 1;
    }).toThrow();
    expect(seen).toBe(300);
    const badJson = Array.from({ length: 400 }, (_, i) => rowOf(input(i)));
    badJson[10] = deflateRawSync('{"doc":');
    expect(() => [...loggedInputs(badJson)]).toThrow(SyntaxError);
  });

  it('keeps the worker at most a few rows ahead of the replay, and it resumes as the replay takes rows', () => {
    const rows = Array.from({ length: 700 }, (_, i) => rowOf(input(i)));
    // Liveness, not speed: a worker that missed the replay's wake-up would sleep up to a second per row (a replay
    // falling back to decoding itself, a minute first); the 700 rows take well under a second either way round.
    const started = performance.now();
    for (const ahead of [1, 3, 64]) expect([...loggedInputs(rows, { ahead, stallMs: 60_000 })]).toEqual(rows.map(decodeInput));
    expect(performance.now() - started).toBeLessThan(5_000);
    // Stopped while the worker waits for the replay: the next pass decodes on this thread.
    const inputs = loggedInputs(rows, { ahead: 2, stallMs: 60_000 });
    let taken = 0;
    for (const _ of inputs) if ((taken += 1) === 5) break;
    expect([...inputs]).toHaveLength(700);
  });

  it('stops cleanly when the replay stops early', () => {
    const rows = Array.from({ length: 500 }, (_, i) => rowOf(input(i)));
    const inputs = loggedInputs(rows);
    for (const value of inputs) {
      expect(value.doc.id).toBe('a0');
      break;
    }
    expect([...inputs].map((v) => v.doc.id)).toEqual(rows.map((_, i) => `a${i}`));
  });
});
