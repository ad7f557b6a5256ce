import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';
import { parseFeed } from '../../src/feeds/index.js';
import { seededRandom } from '../support/seeded-random.js';
import { thrown } from '../support/thrown.js';

/**
 * Property: whatever bytes arrive, parseFeed returns a feed or throws a WiredeskError with a FEED_*
 * code; never a TypeError, RangeError or stack overflow. Mutations of our fixtures, from a seeded
 * PRNG so a failure replays (the seed and mutation are in the assertion message).
 */
const ROOT = join(import.meta.dirname, '../../fixtures/feeds');
const MUTATIONS_PER_FIXTURE = 60;
const INSERTS = ['&', '&nbsp;', '&#0;', '&#xD800;', '&#99999999;', '&bogus;', '<', '>', ']]>', '<![CDATA[', '<!--', '</item>', '<item>', '</channel>', '<entry>', '\u0000', '\uFEFF', 'xmlns:x="', '<a:b c:d="e">', '{"items":[', '"', "'"];


function mutate(bytes: Uint8Array, random: () => number): { bytes: Uint8Array; what: string } {
  const pick = (n: number): number => Math.floor(random() * n);
  const kind = pick(5);
  if (kind === 0) {
    const at = pick(bytes.length + 1);
    return { bytes: bytes.subarray(0, at), what: `truncate at ${at}` };
  }
  if (kind === 1) {
    const copy = new Uint8Array(bytes);
    const flips = 1 + pick(8);
    for (let i = 0; i < flips; i++) copy[pick(copy.length)] = pick(256);
    return { bytes: copy, what: `${flips} byte flips` };
  }
  if (kind === 2 || kind === 3) {
    const text = Buffer.from(bytes).toString('latin1');
    let out = text;
    const count = 1 + pick(5);
    for (let i = 0; i < count; i++) {
      const at = pick(out.length + 1);
      out = out.slice(0, at) + (INSERTS[pick(INSERTS.length)] ?? '&') + out.slice(at);
    }
    return { bytes: new Uint8Array(Buffer.from(out, 'latin1')), what: `${count} inserts` };
  }
  const from = pick(bytes.length);
  const to = Math.min(bytes.length, from + pick(400));
  const slice = bytes.subarray(from, to);
  const copy = new Uint8Array(bytes.length + slice.length);
  copy.set(bytes.subarray(0, to));
  copy.set(slice, to);
  copy.set(bytes.subarray(to), to + slice.length);
  return { bytes: copy, what: `duplicate ${from}..${to}` };
}

function fixtureInputs(): Array<{ name: string; bytes: Uint8Array }> {
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const name of readdirSync(ROOT).sort()) {
    for (const file of ['feed.xml', 'feed.json']) {
      const path = join(ROOT, name, file);
      if (existsSync(path)) out.push({ name, bytes: new Uint8Array(readFileSync(path)) });
    }
  }
  return out;
}

describe('parseFeed under random mutation', () => {
  const inputs = fixtureInputs();
  for (const [index, input] of inputs.entries()) {
    it(`${input.name}: returns a feed or throws a FEED_* WiredeskError`, () => {
      const seed = 0x5eed + index;
      const random = seededRandom(seed);
      for (let i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
        const { bytes, what } = mutate(input.bytes, random);
        const label = `seed ${seed}, mutation ${i}: ${what}`;
        try {
          const parsed = parseFeed(bytes, { contentType: null, baseUrl: 'https://fuzz.example/feed', fetchedAt: new Date('2024-03-06T00:00:00Z') });
          for (const item of parsed.items) {
            expect(item.key, label).not.toBe('');
            if (item.publishedAt !== null) expect(Number.isNaN(Date.parse(item.publishedAt)), label).toBe(false);
          }
        } catch (error) {
          expect(error, label).toBeInstanceOf(WiredeskError);
          expect((error as WiredeskError).code, label).toMatch(/^FEED_/);
        }
      }
    });
  }

  it('reads deep but plausible nesting and refuses pathological nesting with FEED_MALFORMED', () => {
    const nested = (depth: number): string => `<rss><channel><item><title>${'<b>'.repeat(depth)}deep</title><link>https://d.example/1</link></item></channel></rss>`;
    expect(parseFeed(nested(2_000), { fetchedAt: new Date('2024-03-06T00:00:00Z') }).items).toHaveLength(1);
    const error = thrown(() => parseFeed(nested(20_000), { fetchedAt: new Date('2024-03-06T00:00:00Z') }));
    expect(error).toMatchObject({ code: 'FEED_MALFORMED', details: { reason: 'depth' } });
  });
});
