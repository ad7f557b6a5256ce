/**
 * The syndication check of the stories bench: one republished copy derived from every article with
 * a seeded PRNG (headline rewritten, dateline and agency credit added, last 1–3 paragraphs cut
 * keeping at least half of the words, 1–2 sentences edited, newsletter and copyright lines added),
 * fed with the originals through one index: duplicate recall, and originals wrongly marked as
 * copies of a different story.
 */
import { createStoryIndex, type AliasTable, type LanguageDetector, type StoryAssignment, type StoryTuning } from '../../src/fingerprint/index.js';
import { seededRandom } from '../../tests/support/seeded-random.js';
import { chronological, shuffle, timeOf, toStoryDoc, type CorpusDoc } from './corpus.js';

/** What the check found. */
export interface SyndicationResult {
  recall: number;
  /** Originals marked as a copy of an article of a different story, and the pairs that could be. */
  falsePairs: number;
  differentPairs: number;
  /** Originals marked as a copy of another original, with the two ids. */
  flagged: { id: string; of: string }[];
}

/**
 * Runs the check. `sameStory(a, b)` says whether two originals report the same story: true, false,
 * or null when nobody knows (a pair set rates only some pairs); `differentPairs` is how many pairs
 * are known to differ.
 */
export function syndicationCheck(
  docs: readonly CorpusDoc[],
  setup: { aliases: AliasTable; tuning: Partial<StoryTuning>; memoryDays: number | undefined; languageDetector: LanguageDetector | undefined },
  sameStory: (a: string, b: string) => boolean | null,
  differentPairs: number,
): SyndicationResult {
  const random = seededRandom(4242);
  const dated = docs.every((d) => d.publishedAt !== null);
  const originals = dated ? chronological(docs) : shuffle(docs, 1);
  // Undated files: each copy comes up to 40 articles after its original. Dated files: 1–30 hours
  // after it, in time order (a copy must not fall out of the window behind later originals).
  const keyed: { doc: CorpusDoc; copyOf: string | null; key: number }[] = originals.map((doc, i) => ({ doc, copyOf: null, key: dated ? timeOf(doc) : i }));
  originals.forEach((doc, i) => {
    const copy = republish(doc, random);
    const delay = 1 + Math.floor(random() * 30);
    if (dated) copy.publishedAt = new Date(timeOf(doc) + delay * 3_600_000).toISOString();
    keyed.push({ doc: copy, copyOf: doc.id, key: dated ? timeOf(copy) : i + 0.5 + Math.floor(random() * 40) });
  });
  const stream = keyed.sort((a, b) => a.key - b.key);
  const index = createStoryIndex({ windowHours: 72, aliases: setup.aliases, tuning: setup.tuning, memoryDays: setup.memoryDays, languageDetector: setup.languageDetector });
  let found = 0;
  let copies = 0;
  let falsePairs = 0;
  const distances: number[] = [];
  const originalOf = new Map<string, string>();
  const flagged: { id: string; of: string }[] = [];
  const missed = { none: 0, other: 0 };
  stream.forEach(({ doc, copyOf }, position) => {
    const result: StoryAssignment = index.assign(toStoryDoc(doc, position * 0.01));
    if (copyOf === null) {
      originalOf.set(doc.id, result.duplicateOf ?? doc.id);
      if (result.duplicateOf !== null) {
        const of = result.duplicateOf.replace(/#copy$/, '');
        flagged.push({ id: doc.id, of });
        if (sameStory(doc.id, of) === false) falsePairs += 1;
      }
      return;
    }
    copies += 1;
    // When the original was itself a copy of an earlier article, the first copy is the answer.
    if (result.duplicateOf === originalOf.get(copyOf)) {
      found += 1;
      distances.push(result.distance ?? -1);
    } else if (result.duplicateOf === null) {
      missed.none += 1;
      if (process.env['STORIES_DEBUG']) process.stdout.write(`MISS ${doc.id}\n  copy: ${doc.title.slice(0, 60)} | ${doc.text.slice(0, 160).replace(/\n/g, ' ')}\n  orig: ${docs.find((d) => d.id === copyOf)?.title.slice(0, 60)} | ${docs.find((d) => d.id === copyOf)?.text.slice(0, 160).replace(/\n/g, ' ')}\n`);
    }
    else missed.other += 1;
  });
  const recall = found / copies;
  distances.sort((a, b) => a - b);
  const within3 = distances.filter((d) => d <= 3).length;
  const known = flagged.filter((f) => sameStory(f.id, f.of) !== null).length;
  process.stdout.write(
    `  syndication    duplicate recall ${recall.toFixed(4)} (${found}/${copies}; simhash distance median ${distances[Math.floor(distances.length / 2)] ?? '-'}, ${within3} found within 3 bits; missed: ${missed.none} not marked, ${missed.other} marked as a copy of another article)\n` +
      `                 false duplicates ${falsePairs} of ${differentPairs} different-story pairs = ${differentPairs === 0 ? '-' : ((falsePairs / differentPairs) * 100).toFixed(4)} %; ` +
      `originals marked duplicate of another original: ${flagged.length} (${falsePairs} of a different story, ${known - falsePairs} of the same, ${flagged.length - known} unrated)\n`,
  );
  return { recall, falsePairs, differentPairs, flagged };
}

const CITIES = ['BAGHDAD', 'WASHINGTON', 'LONDON', 'PARIS', 'NEW YORK', 'BEIRUT', 'TOKYO', 'BERLIN'];
const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'Anadolu', 'Xinhua'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const NEWSLETTER_LINES = [
  'Sign up for our morning newsletter and get the day’s top stories in your inbox.',
  'Get the latest headlines delivered to your inbox: subscribe to our daily briefing.',
  'Want more stories like this? Sign up for our free newsletter.',
  'Never miss a story: subscribe to breaking news alerts.',
];
const COPYRIGHT_LINES = [
  '© 2018 Thomson Reuters. All rights reserved.',
  'Copyright 2017 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  '(c) Agence France-Presse',
  'Copyright © 2016 dpa. All rights reserved.',
];
const EDIT_WORDS = ['reportedly', 'officials', 'late', 'now', 'local', 'again', 'also', 'earlier'];

/** A republished copy with every kind of edit from the issue. */
function republish(doc: CorpusDoc, random: () => number): CorpusDoc {
  const paragraphs = doc.text.split(/\n+/).filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) paragraphs.push(doc.title);
  // Cut 1–3 closing paragraphs, but a copy keeps at least half of the words: a two-line item
  // cut to its dateline is no longer a republished story.
  const words = (list: string[]): number => list.join(' ').split(/\s+/).length;
  let cut = 1 + Math.floor(random() * 3);
  while (cut > 0 && (cut >= paragraphs.length || words(paragraphs.slice(0, paragraphs.length - cut)) < words(paragraphs) / 2)) cut -= 1;
  const kept = paragraphs.slice(0, paragraphs.length - cut);
  const edits = 1 + Math.floor(random() * 2);
  for (let e = 0; e < edits; e += 1) {
    const p = Math.floor(random() * kept.length);
    const tokens = (kept[p] as string).split(' ');
    const w = Math.floor(random() * tokens.length);
    if (random() < 0.5) tokens.splice(w, 1);
    else tokens.splice(w, 0, EDIT_WORDS[Math.floor(random() * EDIT_WORDS.length)] as string);
    kept[p] = tokens.join(' ');
  }
  const city = pick(CITIES, random);
  const agency = pick(AGENCIES, random);
  const dateline = `${city}, ${pick(MONTHS, random)} ${1 + Math.floor(random() * 28)} (${agency}) - `;
  kept[0] = dateline + (kept[0] as string);
  kept.push(`(Reporting by ${agency} staff; editing by the ${city.toLowerCase()} desk)`);
  kept.push(pick(NEWSLETTER_LINES, random));
  kept.push(pick(COPYRIGHT_LINES, random));
  const lead = (paragraphs[0] ?? doc.title).split(' ').slice(0, 6 + Math.floor(random() * 5)).join(' ');
  return { ...doc, id: `${doc.id}#copy`, title: `${agency}: ${lead}`, text: kept.join('\n\n') };
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}
