import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc } from '../../src/fingerprint/index.js';
import { seededRandom, shippedAliases } from './helpers.js';

// The integrator's demo wire (fixtures/demo-wire): its article sources and expected groups. The
// end-to-end test crawls the real pages; this one checks the grouping alone, in many orders.
const root = new URL('../../fixtures/demo-wire/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', root), 'utf8')) as { groups: string[][]; duplicates: Record<string, string> };

interface Source {
  key: string;
  title: string;
  published: string;
  body: string;
  copyOf: string | null;
  dateline: string | null;
}

function readSources(): Source[] {
  const dir = fileURLToPath(new URL('source/', root));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const [head = '', ...rest] = readFileSync(`${dir}/${file}`, 'utf8').split(/^---$/m);
      const meta = new Map(head.split('\n').map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()] as const));
      const body = rest.join('---').split('\n').filter((l) => !l.startsWith('[figure]')).join('\n').trim();
      return { key: meta.get('key') ?? file, title: meta.get('title') ?? '', published: meta.get('published') ?? '', body, copyOf: meta.get('copyOf') ?? null, dateline: meta.get('dateline') ?? null };
    });
}

function toDocs(sources: Source[]): StoryDoc[] {
  const byKey = new Map(sources.map((s) => [s.key, s]));
  return sources.map((s) => {
    const original = s.copyOf === null ? null : byKey.get(s.copyOf);
    const text = original == null ? s.body : `${s.dateline ?? ''} ${original.body}`;
    const at = new Date(s.published).toISOString();
    return { id: s.key, title: s.title, text, publishedAt: at, seenAt: at, source: s.key.split('/')[0] ?? null };
  });
}

describe('demo wire grouping', () => {
  const docs = toDocs(readSources());
  const orders: StoryDoc[][] = [[...docs].sort((a, b) => (a.publishedAt as string).localeCompare(b.publishedAt as string))];
  for (let seed = 1; seed <= 8; seed += 1) {
    const random = seededRandom(seed);
    orders.push([...docs].sort(() => random() - 0.5));
  }

  it('has the articles the expected groups name', () => {
    expect(docs.map((d) => d.id).sort()).toEqual(expected.groups.flat().sort());
  });

  orders.forEach((order, n) => {
    it(`gives exactly the expected groups and duplicates (${n === 0 ? 'time order' : `shuffle ${n}`})`, () => {
      // A crawl sees a whole feed at once: everything is "seen" at the latest time, inside the window.
      const seenAt = order.map((d) => d.seenAt).sort().at(-1) as string;
      const index = createStoryIndex({ windowHours: 24 * 14, aliases: shippedAliases() });
      const storyOf = new Map<string, string>();
      const duplicates: Record<string, string> = {};
      for (const doc of order) {
        const a = index.assign({ ...doc, seenAt });
        storyOf.set(doc.id, a.storyId);
        for (const merged of a.merged) for (const [id, s] of storyOf) if (s === merged) storyOf.set(id, a.storyId);
        if (a.duplicateOf !== null) duplicates[doc.id] = a.duplicateOf;
      }
      const groups = new Map<string, string[]>();
      for (const [id, s] of storyOf) groups.set(s, [...(groups.get(s) ?? []), id]);
      const normalize = (g: string[][]): string[][] => g.map((x) => [...x].sort()).sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
      expect(normalize([...groups.values()])).toEqual(normalize(expected.groups));
      // A copy seen before its original makes the original the duplicate: either direction is one pair.
      const pairs = Object.entries(duplicates).map(([a, b]) => [a, b].sort().join(' = '));
      expect(pairs).toEqual(Object.entries(expected.duplicates).map(([a, b]) => [a, b].sort().join(' = ')));
    });
  });
});
