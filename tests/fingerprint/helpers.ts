import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAliases, type AliasTable, type StoryDoc } from '../../src/fingerprint/index.js';
import { seededRandom } from '../support/seeded-random.js';

export { seededRandom } from '../support/seeded-random.js';
export { finalStories } from '../support/final-stories.js';

/** A made-up vocabulary of `size` lowercase words. */
export function makeVocabulary(random: () => number, size: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = new Set<string>();
  while (words.size < size) {
    const length = 3 + Math.floor(random() * 7);
    let word = '';
    for (let i = 0; i < length; i += 1) word += letters[Math.floor(random() * letters.length)];
    words.add(word);
  }
  return [...words];
}

/** `count` words drawn with a Zipf-like skew (a few common words, a long tail), as real text has. */
export function randomWords(random: () => number, vocabulary: readonly string[], count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const rank = Math.floor(vocabulary.length ** random()) - 1;
    out.push(vocabulary[Math.min(rank, vocabulary.length - 1)] as string);
  }
  return out;
}

/** The shipped alias file. */
export function shippedAliases(): AliasTable {
  return parseAliases(JSON.parse(readFileSync(fileURLToPath(new URL('../../config/aliases.json', import.meta.url)), 'utf8')));
}

/** A fixture article from `fixtures/stories/<case>/<name>.json`, as a StoryDoc seen at its publication time. */
export function fixtureDoc(caseName: string, name: string): StoryDoc {
  const path = fileURLToPath(new URL(`../../fixtures/stories/${caseName}/${name}.json`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { id: string; title: string; text: string; publishedAt: string; source: string | null };
  return { id: raw.id, title: raw.title, text: raw.text, publishedAt: raw.publishedAt, seenAt: raw.publishedAt, source: raw.source };
}

/**
 * A small stream for image-format tests: events of three reports over a made-up vocabulary, every
 * fifth a copy of the report before it, an hour apart (so a 72-hour window holds all of them).
 */
export function imageTestStream(count: number): StoryDoc[] {
  const random = seededRandom(11);
  const vocabulary = makeVocabulary(random, 400);
  const docs: StoryDoc[] = [];
  for (let i = 0; i < count; i += 1) {
    const seenAt = new Date(Date.UTC(2026, 1, 1) + i * 3_600_000).toISOString();
    const previous = docs[i - 1];
    if (i % 5 === 4 && previous !== undefined) {
      docs.push({ ...previous, id: `copy-${i}`, seenAt, publishedAt: null, source: null });
      continue;
    }
    const event = randomWords(seededRandom(1000 + Math.floor(i / 3)), vocabulary, 25);
    const words = [...event, ...randomWords(random, vocabulary, 40)];
    docs.push({ id: `article-${i}`, title: words.slice(0, 8).join(' '), text: words.join(' '), publishedAt: null, seenAt, source: null });
  }
  return docs;
}
