/** Reading the stories corpora (third-party data, read in place, never copied) and ordering them. */
import { readFileSync } from 'node:fs';
import { classifyPage, wallStandIn } from '../../src/extract/index.js';
import { parseStoryTime, type StoryDoc } from '../../src/fingerprint/index.js';
import type { NonArticleKind } from '../../src/types/index.js';
import { seededRandom } from '../../tests/support/seeded-random.js';

/** One article of a corpus file. */
export interface CorpusDoc {
  id: string;
  title: string;
  text: string;
  publishedAt: string | null;
  source: string | null;
  /** Event label (labelled files); null in a pair set, where pairs carry the labels. */
  gold: string | null;
  /** The language the corpus says the article is in, when it says (pair sets). */
  lang: string | null;
}

/** A rated pair of a pair set: "same story" when the annotators' mean `overall` is ≤ 2. */
export interface RatedPair {
  id1: string;
  id2: string;
  lang1: string;
  lang2: string;
  overall: number;
}

/** Undated articles are placed this close together that any window holds them all. */
export const BASE_TIME = Date.parse('2020-01-01T00:00:00Z');

/**
 * The JSON objects of a file, one per line. A line that is not a JSON object (a cut write, a stray
 * header) is left out and named on stderr, so one bad line costs that line, not the file or the run.
 */
export function readJsonLines(path: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const bad: number[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const value: unknown = JSON.parse(line);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) out.push(value as Record<string, unknown>);
        else bad.push(i + 1);
      } catch {
        bad.push(i + 1);
      }
    });
  if (bad.length > 0) process.stderr.write(`stories-bench: ${path}: ${bad.length} line(s) not a JSON object, left out (line ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''})\n`);
  return out;
}

/** Articles of a corpus file; an id seen before gets a suffix (`x~2`), so two articles never share one. */
export function readCorpus(path: string): CorpusDoc[] {
  const seen = new Map<string, number>();
  return readJsonLines(path).map((raw) => ({
    id: uniqueId(String(raw['id']), seen),
    title: typeof raw['title'] === 'string' ? raw['title'] : '',
    text: typeof raw['text'] === 'string' ? raw['text'] : '',
    // A date nobody can read makes the article undated (as a feed item without one), not a NaN in every comparison.
    publishedAt: typeof raw['publishedAt'] === 'string' && !Number.isNaN(parseStoryTime(raw['publishedAt'])) ? raw['publishedAt'] : null,
    source: typeof raw['source'] === 'string' ? raw['source'] : null,
    gold: raw['gold'] === null || raw['gold'] === undefined ? null : String(raw['gold']),
    lang: typeof raw['lang'] === 'string' ? raw['lang'] : null,
  }));
}

function uniqueId(id: string, seen: Map<string, number>): string {
  const times = (seen.get(id) ?? 0) + 1;
  seen.set(id, times);
  return times === 1 ? id : `${id}~${times}`;
}

/**
 * A labelled file as one stream: dated when at least half its articles carry a readable date, and
 * then the undated rest is left out (a crawl files them at crawl time, which the file does not
 * give); else undated, every date dropped, so shuffles never mix real dates with placed ones.
 */
export function asStream(docs: readonly CorpusDoc[]): { docs: CorpusDoc[]; dated: boolean; leftOut: number } {
  const datedDocs = docs.filter((d) => d.publishedAt !== null);
  if (datedDocs.length > 0 && datedDocs.length >= docs.length / 2) return { docs: datedDocs, dated: true, leftOut: docs.length - datedDocs.length };
  return { docs: docs.map((d) => ({ ...d, publishedAt: null })), dated: false, leftOut: 0 };
}

/**
 * Rated pairs of a pair file. A pair that does not name its languages takes them from its articles
 * (`langOf`, the articles' own `lang`), else `und`; a rating that is not a number reads as NaN.
 */
export function readPairs(path: string, langOf: ReadonlyMap<string, string | null> = new Map()): RatedPair[] {
  return readJsonLines(path).map((raw) => {
    const [id1, id2] = [String(raw['id1']), String(raw['id2'])];
    const lang = (value: unknown, id: string): string => (typeof value === 'string' && value !== '' ? value : (langOf.get(id) ?? 'und'));
    return { id1, id2, lang1: lang(raw['lang1'], id1), lang2: lang(raw['lang2'], id2), overall: raw['overall'] === null || raw['overall'] === '' ? Number.NaN : Number(raw['overall']) };
  });
}

/** Dated articles in time order (ties by id): by time, not by text, as a file may mix zones and formats. */
export function chronological(docs: readonly CorpusDoc[]): CorpusDoc[] {
  return [...docs].sort((a, b) => timeOf(a) - timeOf(b) || a.id.localeCompare(b.id));
}

/** A fixed shuffle (Fisher–Yates on the seeded PRNG). */
export function shuffle<T>(docs: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...docs];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Publication time in ms, read as the story index reads it (a time without a zone is UTC); undated articles get BASE_TIME. */
export function timeOf(doc: CorpusDoc | undefined): number {
  const at = doc?.publishedAt ?? null;
  return at === null ? BASE_TIME : parseStoryTime(at);
}

/** The StoryDoc of a corpus article; undated ones are "seen" `offsetHours` after BASE_TIME. */
export function toStoryDoc(doc: CorpusDoc, offsetHours: number): StoryDoc {
  const seenAt = doc.publishedAt !== null ? doc.publishedAt : new Date(BASE_TIME + offsetHours * 3_600_000).toISOString();
  return { id: doc.id, title: doc.title, text: doc.text, publishedAt: doc.publishedAt, seenAt, source: doc.source };
}

/**
 * The StoryDoc the pipeline would commit for a corpus article, or null when it would commit none. The corpus holds
 * texts someone else scraped, not pages and feed items, and some are walls (cookie notices, bot checks, login
 * pages). The text is judged as an extracted body by the extraction's own classifier, and a wall enters as the
 * pipeline takes one whose feed item has no text (wall-stand-in.ts): a lasting wall as its headline, the scraped
 * title standing in for the feed's; a bot check or an error page not at all (it is fetched again later).
 */
export function pipelineDoc(doc: CorpusDoc, offsetHours: number): StoryDoc | null {
  const plain = toStoryDoc(doc, offsetHours);
  const wall = wallKindOf(doc);
  if (wall === null) return plain;
  return wallStandIn(wall, doc.title) === 'headline' ? { ...plain, text: '', nonArticle: wall } : null;
}

/** The wall a corpus text is to the extraction's classifier (judged as an extracted body), or null for an article. */
export function wallKindOf(doc: CorpusDoc): NonArticleKind | null {
  return classifyPage({ title: doc.title, bodyText: doc.text, pageText: doc.text, forms: 0, passwordInputs: 0 })?.kind ?? null;
}

/** A story of its own for an article the pipeline would not commit (`pipelineDoc` null): it groups with nothing. */
export function absentStory(doc: CorpusDoc): string {
  return `absent:${doc.id}`;
}
