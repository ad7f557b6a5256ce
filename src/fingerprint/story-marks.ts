import { FOREIGN_MONTHS, foreignMonth, isFoldedForm, PAIRED_MONTHS, pairedMonth } from './month-names.js';
import type { TokenStream } from './tokenize-text.js';

/**
 * When-and-how-many marks of a text: the years, months, weekdays and other figures it mentions,
 * as `kind:value` → count. Two events of the same kind (a boxer's two title defences, two
 * elections in one country) share names and places but not the year, month, weekday or score; two
 * reports of one event usually share at least one mark of each kind both give (measured on ECB+
 * same-topic pairs that both carry the kind: no year in common for 13 % of same-event pairs and
 * 85 % of different-event pairs; months 17 % / 79 %; weekdays 20 % / 59 %; figures 22 % / 60 %).
 */
export type MarkCounts = Map<string, number>;

/** The kinds of mark, in the order of StoryTuning's conflict factors. */
export const MARK_KINDS = ['y', 'm', 'd', 'n'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

// Calendar years a news text plausibly dates itself by. Round 2000 is left out: as a token it is
// as often a count ("2,000 people", separators are dropped) as the year.
const YEAR_RE = /^(19[5-9]\d|20[0-4]\d)$/;
const FIGURE_RE = /^\d+$/;
const MONTHS = new Map<string, string>([
  ['january', 'jan'], ['jan', 'jan'], ['february', 'feb'], ['feb', 'feb'], ['april', 'apr'],
  ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['aug', 'aug'], ['september', 'sep'], ['sept', 'sep'],
  ['october', 'oct'], ['oct', 'oct'], ['november', 'nov'], ['nov', 'nov'], ['december', 'dec'], ['dec', 'dec'],
]);
const AMBIGUOUS_MONTHS = new Map<string, string>([['march', 'mar'], ['may', 'may']]);
const MONTH_ORDER = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NEXT_MONTH = new Map(MONTH_ORDER.map((m, i) => [m, MONTH_ORDER[(i + 1) % 12] as string]));
const PREVIOUS_MONTH = new Map(MONTH_ORDER.map((m, i) => [m, MONTH_ORDER[(i + 11) % 12] as string]));
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** How a lead word may mark a date: an English month, "march"/"may", a weekday, another language's month. */
const MONTH = 0;
const VERB_LIKE = 1;
const WEEKDAY = 2;
const FOREIGN = 3;
const PAIRED = 4;
interface LeadWord { readonly kind: number; readonly mark: string; readonly months?: readonly [string, string] }
/**
 * Every word above in one Map, with its mark's string made once: one probe per lead token where
 * there were four (English months, "march"/"may", weekdays, foreign months), and nearly every
 * token misses them all. Written in reverse order of precedence, so a word in two lists keeps the
 * meaning the checks in markCounts gave it first.
 */
const LEAD_WORDS = new Map<string, LeadWord>();
for (const [name, months] of PAIRED_MONTHS) LEAD_WORDS.set(name, { kind: PAIRED, mark: '', months });
for (const [name, month] of FOREIGN_MONTHS) LEAD_WORDS.set(name, { kind: FOREIGN, mark: `m:${month}` });
for (const day of WEEKDAYS) LEAD_WORDS.set(day, { kind: WEEKDAY, mark: `d:${day}` });
for (const [name, month] of AMBIGUOUS_MONTHS) LEAD_WORDS.set(name, { kind: VERB_LIKE, mark: `m:${month}` });
for (const [name, month] of MONTHS) LEAD_WORDS.set(name, { kind: MONTH, mark: `m:${month}` });

/**
 * A bit per lead word's signature (leadWordBit): a token whose bit is clear is no lead word, and
 * nearly every token is none, so it skips the Map's probe, which first has V8 hash the fresh token
 * string (that line was ~0.5 % of the story stage's profile). The ~180 lead words set under 0.3 % of
 * the 65,536 bits.
 */
const LEAD_WORD_BITS = new Uint32Array(2048);
for (const word of LEAD_WORDS.keys()) {
  const bit = leadWordBit(word);
  LEAD_WORD_BITS[bit >>> 5] = (LEAD_WORD_BITS[bit >>> 5] as number) | (1 << (bit & 31));
}

/**
 * The marks in the title and the first `leadTokens` body tokens (the dateline and the lead say when
 * it happened; history comes later). Months are read in English and, through month-names.ts, in
 * the other languages of the wires (canonical, so "Mai", "mayo" and "May" agree).
 */
export function markCounts(title: TokenStream, body: TokenStream, leadTokens: number): MarkCounts {
  const counts: MarkCounts = new Map();
  const add = (mark: string): void => {
    counts.set(mark, (counts.get(mark) ?? 0) + 1);
  };
  for (const stream of [title, body]) {
    const end = stream === body ? Math.min(leadTokens, stream.tokens.length) : stream.tokens.length;
    for (let i = 0; i < end; i += 1) {
      const token = stream.tokens[i] as string;
      const first = token.charCodeAt(0);
      if (first >= 48 && first <= 57) {
        if (!FIGURE_RE.test(token)) continue;
        const month = token.length <= 2 ? numberedMonth(token, stream.tokens[i + 1]) : null;
        if (month !== null) {
          add(month);
          i += 1;
        } else if (token.length === 4 && YEAR_RE.test(token)) {
          if (token !== '2000') add(`y:${token}`);
        } else if (token.length > 1 || first > 51) add(`n:${Number(token)}`); // 0–3 are too common to tell events apart
        continue;
      }
      const bit = leadWordBit(token);
      const word = ((LEAD_WORD_BITS[bit >>> 5] as number) & (1 << (bit & 31))) === 0 ? undefined : LEAD_WORDS.get(token);
      if (word === undefined) {
        // Not found as it stands: only a token that folds (non-ASCII, or with an apostrophe) can
        // still be another language's month (foreignMonth folds it).
        if (isFoldedForm(token)) continue;
        const foreign = foreignMonth(token);
        if (foreign !== null && nearFigure(stream.tokens, i)) add(`m:${foreign}`);
        continue;
      }
      switch (word.kind) {
        case MONTH:
          add(word.mark);
          break;
        case VERB_LIKE:
          // "march" and "may" are also verbs: they count as months before a day or year ("May 03,
          // 2013" opening a dateline), and "March" also when capitalised inside a sentence.
          if (/^\d/.test(stream.tokens[i + 1] ?? '') || (token === 'march' && stream.entity[i] === 1)) add(word.mark);
          break;
        case WEEKDAY:
          add(word.mark);
          break;
        case FOREIGN:
          // The figure is looked for only once the token is a month name (no closure per token).
          if (nearFigure(stream.tokens, i)) add(word.mark);
          break;
        case PAIRED: {
          // كانون الثاني / تشرين الأول: the next word says which month; a figure must stand near, as above.
          const month = pairedMonth(word.months as readonly [string, string], stream.tokens[i + 1]);
          if (month !== null && nearFigure(stream.tokens, i)) add(`m:${month}`);
        }
      }
    }
  }
  return counts;
}

/**
 * The kinds on which the two sides disagree: both mention at least `minMentions` marks of the kind
 * and none in common. A side without marks of a kind never conflicts on it.
 */
export function conflictingKinds(a: MarkCounts, b: MarkCounts, minMentions: number): ReadonlySet<MarkKind> {
  // Most pairs have a side without marks: no Set is made per scored candidate for them.
  if (a.size === 0 || b.size === 0) return NO_KINDS;
  const out = new Set<MarkKind>();
  const massA = kindMass(a);
  const massB = kindMass(b);
  const shared = new Set<string>();
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const mark of small.keys()) if (large.has(mark)) shared.add(mark[0] as string);
  // Neighbouring months agree: a story crosses a month's end ("died on 1 January after a stroke in December").
  if (!shared.has('m')) for (const mark of small.keys()) if (mark.startsWith('m:') && (large.has(`m:${NEXT_MONTH.get(mark.slice(2))}`) || large.has(`m:${PREVIOUS_MONTH.get(mark.slice(2))}`))) shared.add('m');
  for (const kind of MARK_KINDS) {
    if ((massA.get(kind) ?? 0) >= minMentions && (massB.get(kind) ?? 0) >= minMentions && !shared.has(kind)) out.add(kind);
  }
  return out;
}

const NO_KINDS: ReadonlySet<MarkKind> = new Set();

/**
 * Chinese and Japanese (3月) and Korean (3월) name a month by its number and the word for month,
 * which the tokenizer reads as two tokens: the month's mark for 1–12 followed by it, else null.
 */
function numberedMonth(figure: string, next: string | undefined): string | null {
  if (next !== '月' && next !== '월') return null;
  const month = MONTH_ORDER[Number(figure) - 1];
  return month === undefined ? null : `m:${month}`;
}

/** Whether a figure stands within two tokens of token `i` ("15 Mayıs", "5 de mayo", "maja 2020"). */
function nearFigure(tokens: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 2); k <= i + 2 && k < tokens.length; k += 1) {
    const first = (tokens[k] as string).charCodeAt(0);
    if (k !== i && first >= 48 && first <= 57) return true;
  }
  return false;
}

function kindMass(marks: MarkCounts): Map<string, number> {
  const mass = new Map<string, number>();
  const counts = marks.values();
  for (const mark of marks.keys()) mass.set(mark[0] as string, (mass.get(mark[0] as string) ?? 0) + (counts.next().value as number));
  return mass;
}

/** A word's bit in LEAD_WORD_BITS: a hash of its length and its first and last code units (equal words, equal bits). */
function leadWordBit(word: string): number {
  const signature = ((word.length & 0x3f) << 24) | ((word.charCodeAt(0) & 0xfff) << 12) | (word.charCodeAt(word.length - 1) & 0xfff);
  return Math.imul(signature, 0x9e3779b1) >>> 16;
}
