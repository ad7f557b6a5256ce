import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStoryIndex, loadLanguageDetector, type LanguageDetector, type StoryDoc } from '../../src/fingerprint/index.js';
import { WeightedKeys } from '../../src/fingerprint/weighted-keys.js';
import { crossLanguageKey } from '../../src/fingerprint/cognates.js';
import { crossLanguageVector } from '../../src/fingerprint/cross-language.js';
import { seededRandom } from '../support/seeded-random.js';
import { shippedAliases } from './helpers.js';

/** A report of fixtures/stories/cross-language-pair (written by us): one event in German and English, and an unrelated one. */
function report(name: string): StoryDoc {
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/stories/cross-language-pair/${name}.json`, import.meta.url)), 'utf8')) as StoryDoc & { publishedAt: string };
  return { ...raw, seenAt: raw.publishedAt };
}

describe('cross-language links', () => {
  let languageDetector: LanguageDetector;
  beforeAll(async () => {
    languageDetector = await loadLanguageDetector();
  });

  it('a German and an English report of one event share a story through names, places and figures, and say so', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector });
    const german = index.assign(report('german'));
    const unrelated = index.assign(report('unrelated'));
    const english = index.assign(report('english'));
    expect(german.language).toBe('de');
    expect(english.language).toBe('en');
    expect(english.storyId).toBe(german.storyId);
    expect(english.via).toBe('cross-language');
    expect(unrelated.storyId).not.toBe(german.storyId);
  });

  it('without cross-language links they stay apart (the words of the two languages do not meet)', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector, tuning: { crossLanguageSimilarity: 2 } });
    const german = index.assign(report('german'));
    expect(index.assign(report('english')).storyId).not.toBe(german.storyId);
  });
});

describe('crossLanguageVector', () => {
  /** As it was written on Maps: keys summed in a Map, pairs sorted heavier first, normalized, then rounded. */
  function reference(vector: Map<string, number>, size: number): Map<string, number> {
    const merged = new Map<string, number>();
    for (const [term, weight] of vector) merged.set(crossLanguageKey(term), (merged.get(crossLanguageKey(term)) ?? 0) + weight);
    const list = [...merged].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, size);
    let norm = 0;
    for (const [, w] of list) norm += w * w;
    norm = Math.sqrt(norm);
    const out = new Map<string, number>();
    if (norm === 0) return out;
    for (const [key, w] of list) out.set(key, Math.round((w / norm) * 100_000) / 100_000);
    return out;
  }

  it('sums, sorts, normalizes and rounds a whole-word language\'s keys as the Map-based version did, bit for bit', () => {
    const random = seededRandom(31);
    const pieces = ['ka', 'co', 'ci', 'ph', 'th', 'sch', 'w', 'y', 'z', 'ss', 'a', 'e', 'po', 'li', 'zei', 'ck', '1', '2', 'é', 'ß', 'ı'];
    const scratch = new WeightedKeys();
    for (let n = 0; n < 3_000; n += 1) {
      const vector = new Map<string, number>();
      for (let k = Math.floor(random() * 100); k > 0; k -= 1) {
        let term = '';
        for (let j = 1 + Math.floor(random() * 5); j > 0; j -= 1) term += pieces[Math.floor(random() * pieces.length)];
        vector.set(term, Math.round(random() * 1e5) / 1e5 + (random() < 0.1 ? 0.5 : 0));
      }
      for (const size of [40, 3]) expect([...crossLanguageVector(vector, 'en', size, scratch)]).toEqual([...reference(vector, size)]);
    }
  });
});
