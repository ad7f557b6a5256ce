import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/demo/build/build-fixtures.js';
import type { SourceArticle } from '../../src/demo/build/source-article.js';
import { DEMO_WIRE_DIR, loadDemoExpected } from '../../src/demo/index.js';
import { createStoryIndex, type StoryDoc } from '../../src/fingerprint/index.js';
import { finalStories, seededRandom, shippedAliases } from './helpers.js';

// The integrator's demo wire (fixtures/demo-wire): its article sources and expected groups. The
// end-to-end test crawls the real pages; this one checks the grouping alone, in many orders.
const expected = await loadDemoExpected();
const docs = toDocs(await loadArticles(join(DEMO_WIRE_DIR, 'source')));

/** The sources as an extractor would see them: dateline and paragraphs, no photo captions. */
function toDocs(sources: SourceArticle[]): StoryDoc[] {
  return sources.map((s) => {
    const body = s.blocks.flatMap((b) => (b.kind === 'figure' ? [] : [b.text])).join('\n\n');
    const at = new Date(s.published).toISOString();
    return { id: s.key, title: s.title, text: s.dateline === null ? body : `${s.dateline} ${body}`, publishedAt: at, seenAt: at, source: s.agency };
  });
}

describe('demo wire grouping', () => {
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
        for (const move of a.moved) storyOf.set(move.articleId, move.to);
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

describe('demo wire: weakly linked unrelated reports', () => {
  // A battle, a dam repair and a port opening, all in Iraq within three weeks: with links allowed
  // that low they chain up, yet no link among them says "same event".
  const three = ['gulfwire/albu-saif-battle', 'meridian/mosul-dam-grouting', 'tigris/umm-qasr-berth'].map((key) => docs.find((d) => d.id === key) as StoryDoc);
  const place = (pairSimilarity: number): Set<string> => {
    const index = createStoryIndex({ windowHours: 24 * 30, aliases: shippedAliases(), tuning: { linkSimilarity: 0.05, pairSimilarity } });
    return new Set(finalStories(index, three).values());
  };

  it('are no story without one link strong enough to say so', () => {
    expect(place(0.2).size).toBe(3);
  });

  it('would be one story on their weak links alone (the case has power)', () => {
    expect(place(0.05).size).toBeLessThan(3);
  });
});
