import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryIndexSnapshot } from '../../src/fingerprint/index.js';
import { seededRandom, shippedAliases } from './helpers.js';

// Whatever the crawler feeds it (broken markup leftovers, mixed scripts, odd dates), the index
// answers with a well-formed assignment and a snapshot that restores.
describe('story index on arbitrary input', () => {
  it('never throws and keeps its output contract', () => {
    const random = seededRandom(424242);
    const alphabet = ['a', 'B', ' ', '\n', '.', '-', 'ي', 'ک', 'ـ', '٣', '۷', 'é', '中', '😀', '\u200c', 'IS', ' US ', 'Daesh', '©', '(Reuters)', '\t', '"', '1,000', 'U.S.'];
    const pick = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const dates = [null, '2026-01-01T00:00:00Z', '2026-01-01T05:00:00', 'yesterday', '', '2099-01-01T00:00:00Z', '1970-01-01T00:00:00Z'];
    let index = createStoryIndex({ windowHours: 48, aliases: shippedAliases() });
    for (let i = 0; i < 300; i += 1) {
      const seenAt = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 600_000).toISOString();
      const a = index.assign({ id: `doc-${i % 250}`, title: pick(Math.floor(random() * 12)), text: pick(Math.floor(random() * 400)), publishedAt: dates[i % dates.length] ?? null, seenAt, source: null });
      expect(a.simhash).toMatch(/^[0-9a-f]{16}$/);
      expect(a.storyId).toMatch(/^[a-z0-9_-]+$/);
      expect(['new', 'duplicate', 'similar']).toContain(a.reason);
      if (i % 50 === 49) index = createStoryIndex({ windowHours: 48, aliases: shippedAliases() }, JSON.parse(JSON.stringify(index.snapshot())) as StoryIndexSnapshot);
    }
  });
});
