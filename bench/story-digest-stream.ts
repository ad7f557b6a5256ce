import type { StoryDoc } from '../src/fingerprint/index.js';
/**
 * The digest's stream (bench/story-digest.ts): events of a few reports over a Zipf vocabulary,
 * copies, re-sent ids, interstitials, and events that come back after the window.
 */
export function digestStream(count: number, random: () => number): StoryDoc[] {
  const vocabulary = Array.from({ length: 8_000 }, (_, i) => `w${i.toString(36)}`);
  const out: StoryDoc[] = [];
  for (let i = 0; i < count; i += 1) {
    const seenAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const roll = random();
    const earlier = out[Math.floor(random() * out.length)];
    if (earlier !== undefined && roll < 0.125) {
      const words = earlier.text.split(' ');
      words[Math.floor(random() * words.length)] = 'changed';
      out.push({ ...earlier, id: `c${i}`, text: words.join(' '), seenAt, publishedAt: null });
      continue;
    }
    if (earlier !== undefined && roll < 0.14) {
      out.push({ ...earlier, seenAt });
      continue;
    }
    // Events come back hours later (past the window: through the memory).
    const event = (Math.floor(i / 5) + Math.floor(random() * 3)) % Math.max(1, Math.floor(count / 12));
    const words: string[] = [];
    for (let w = 0; w < 200; w += 1) {
      const own = random() < 0.3;
      const rank = own ? event * 7 + Math.floor(random() * 20) : Math.floor(vocabulary.length ** random()) - 1;
      words.push(vocabulary[rank % vocabulary.length] as string);
    }
    const nonArticle = roll > 0.975 ? 'cookie-wall' : null;
    out.push({ id: `a${i}`, title: words.slice(0, 8).join(' '), text: words.join(' '), publishedAt: null, seenAt, source: null, nonArticle, language: i % 3 === 0 ? 'en' : null });
  }
  return out;
}
