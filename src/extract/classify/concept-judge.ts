import type { NonArticleKind } from '../../types/index.js';
import { countWords } from '../text/normalize-text.js';
import { foldForPhrases } from './interstitial-phrases.js';
import { ADDRESS_CASED, ADDRESS_ENDINGS, ADDRESS_TERMS, REPORTING_TERMS, WALL_CONCEPTS, type WallConcepts } from './wall-concepts.js';

/** A wall the concept judge found: its kind, its share of the text, and what gave it away. */
export interface ConceptVerdict {
  kind: NonArticleKind;
  share: number;
  reason: string;
}

/** Past this many words (CJK characters counted in pairs) a text is no wall to this judge: notices run 20–150 words, vendor lists longer but those are the phrase lists' case. */
const MAX_WORDS = 250;
/** Share of the text's words in sentences that speak of the wall, for a wall that is the whole text. */
const MIN_SHARE = 0.6;
/** A paywall teaser keeps the article's opening: its wall is a tail of at least two sentences and this share. */
const MIN_TEASER_SHARE = 0.25;
/** A line this short naming one of the wall's groups is a button or a label ("Accept", "Passwort", "Zur Startseite"). */
const LABEL_WORDS = 4;
/** A wall names its groups in at least this many sentences or labels: one sentence decides nothing. */
const MIN_SPEAKING = 2;

interface CompiledConcepts {
  kind: NonArticleKind;
  core: string;
  required: readonly string[];
  minGroups: number;
  groups: [string, RegExp][];
  coreRe: RegExp;
  /** The core's and the required groups' expressions. */
  defining: RegExp[];
}

const COMPILED: readonly CompiledConcepts[] = WALL_CONCEPTS.map(compileConcepts);
const NO_KINDS: ReadonlySet<NonArticleKind> = new Set();
const REPORTING = termsRegExp(REPORTING_TERMS);
const ADDRESS = termsRegExp(ADDRESS_TERMS);

/**
 * The classifier's second judge, for walls worded unlike the phrase lists (wall-concepts.ts). A
 * sentence says what the page is when it names the kind's core group, two of its groups, or one in a
 * label of ≤ 4 words ("Accept", "Passwort"), and does not report (said, announced, a weekday). Once
 * one does, every unreported sentence naming one of the kind's groups is the wall's: at least two
 * such sentences, naming between them the core, the required groups and enough groups, of which one
 * speaks to the visitor or as the site (a label, "you", "we", "Ihre"). Their words must be most of a
 * short text, or for a paywall teaser its tail. `title` is folded (foldForPhrases) and may name a
 * group; `sentences` are unfolded; kinds in `skip` are not judged (headlineKinds). The kind with the
 * largest share wins. Pure.
 */
export function judgeByConcepts(title: string, sentences: readonly string[], skip: ReadonlySet<NonArticleKind> = NO_KINDS): ConceptVerdict | null {
  const folded = sentences.map(foldForPhrases);
  const words = folded.map(conceptWords);
  const total = words.reduce((a, b) => a + b, 0);
  if (total === 0 || total > MAX_WORDS) return null;
  // Most texts name no kind's core at all: one test of the whole text per kind, before any per sentence.
  const whole = folded.join('\n');
  const kinds = COMPILED.filter((c) => !skip.has(c.kind) && c.coreRe.test(whole));
  if (kinds.length === 0) return null;
  const reporting = folded.map((s) => REPORTING.test(s));
  const address = sentences.map((s, i) => !(reporting[i] as boolean) && (ADDRESS.test(folded[i] as string) || ADDRESS_ENDINGS.test(folded[i] as string) || ADDRESS_CASED.test(s)));
  let best: ConceptVerdict | null = null;
  for (const concepts of kinds) {
    const verdict = judgeKind(concepts, title, { folded, words, total, reporting, address });
    if (verdict !== null && (best === null || verdict.share > best.share)) best = verdict;
  }
  return best;
}

/** Between a page title's headline and its site's name: "Page not found | Herald", "Herald – Sign in". */
const TITLE_PARTS_RE = /\s+[|–—·-]{1,2}\s+/u;
/** A part of a title this long is a headline, not a wall's label ("Sign in", "Page not found", "Zugriff verweigert"). */
const HEADLINE_WORDS = 5;

/**
 * The kinds of wall a page's title headlines as its subject: a part of the title of at least five
 * words that names the kind's core or required groups ("How to reset your email password", "What are
 * cookies and how do I delete them?", "Fix: Page not found errors on WordPress"). Such a page is a
 * guide or a report about the wall's subject, whatever its short body says to its reader; a wall's
 * own title is a label, a site's name or an unrelated headline. `title` folded (foldForPhrases).
 */
export function headlineKinds(title: string): ReadonlySet<NonArticleKind> {
  let out: Set<NonArticleKind> | null = null;
  for (const part of title.split(TITLE_PARTS_RE)) {
    if (conceptWords(part) < HEADLINE_WORDS) continue;
    for (const concepts of COMPILED) {
      if (concepts.defining.some((re) => re.test(part))) (out ??= new Set()).add(concepts.kind);
    }
  }
  return out ?? NO_KINDS;
}

interface Sentences {
  folded: readonly string[];
  words: readonly number[];
  total: number;
  reporting: readonly boolean[];
  address: readonly boolean[];
}

function judgeKind(concepts: CompiledConcepts, title: string, text: Sentences): ConceptVerdict | null {
  const { folded, words, total, reporting, address } = text;
  const groups = folded.map((sentence, i) => (reporting[i] ? [] : groupsIn(concepts, sentence)));
  // A sentence that names the core, two groups, or one in a label says what the page is; once one
  // does, every unreported sentence naming one of the kind's groups is the wall's.
  const says = groups.map((g, i) => g.length >= 2 || g.includes(concepts.core) || (g.length === 1 && (words[i] as number) <= LABEL_WORDS));
  if (!says.includes(true)) return null;
  const wall = groups.map((g) => g.length > 0);
  const named = new Set<string>(groupsIn(concepts, title));
  let sentences = 0;
  let addressed = false;
  groups.forEach((g, i) => {
    if (!wall[i]) return;
    sentences += 1;
    addressed ||= (address[i] as boolean) || (words[i] as number) <= LABEL_WORDS;
    for (const name of g) named.add(name);
  });
  if (sentences < MIN_SPEAKING || !addressed || !named.has(concepts.core) || !concepts.required.every((g) => named.has(g)) || named.size < concepts.minGroups) return null;
  let share: number;
  if (concepts.kind === 'paywall-teaser') {
    // The wall is the tail: from the first sentence that names it to the end, short lines ("Cancel anytime.") allowed between.
    const first = wall.indexOf(true);
    const tail = wall.slice(first).every((w, k) => w || (words[first + k] as number) <= 6);
    share = words.slice(first).reduce((a, b) => a + b, 0) / total;
    if (!tail || share < MIN_TEASER_SHARE) return null;
  } else {
    share = words.reduce((sum, w, i) => (wall[i] ? sum + w : sum), 0) / total;
    if (share < MIN_SHARE) return null;
  }
  return { kind: concepts.kind, share, reason: `concepts ${[...named].sort().join(', ')}; ${Math.round(share * 100)}% of ${Math.round(total)} words` };
}

function groupsIn(concepts: CompiledConcepts, text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const [name, re] of concepts.groups) if (re.test(text)) out.push(name);
  return out;
}

/** Words as the judge counts them: runs of letters or digits, Chinese, Japanese, Korean and Thai characters in pairs (their text has no spaces to count). */
function conceptWords(text: string): number {
  const cjk = text.match(UNSPACED_RE)?.length ?? 0;
  return cjk === 0 ? countWords(text) : countWords(text.replace(UNSPACED_RE, ' ')) + cjk / 2;
}

const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;

function compileConcepts(concepts: WallConcepts): CompiledConcepts {
  const groups = Object.entries(concepts.groups).map(([name, terms]): [string, RegExp] => [name, termsRegExp(terms)]);
  const coreRe = groups.find(([name]) => name === concepts.core)?.[1];
  if (coreRe === undefined) throw new Error(`wall-concepts: ${concepts.kind} has no group ${concepts.core}`);
  const required = concepts.required ?? [];
  const defining = groups.filter(([name]) => name === concepts.core || required.includes(name)).map(([, re]) => re);
  return { kind: concepts.kind, core: concepts.core, required, minGroups: concepts.minGroups, groups, coreRe, defining };
}

/**
 * One expression for a list of terms: at a word start where the script has words, whole where the
 * term ends in `=`. Terms that share an edge share one lookbehind: a lookbehind per term (~600 of
 * them, each a Unicode script class) made the expressions' first use cost ~130 ms.
 */
function termsRegExp(terms: readonly string[]): RegExp {
  const started: string[] = [];
  const whole: string[] = [];
  const anywhere: string[] = [];
  const arabicWhole: string[] = [];
  for (const term of terms) {
    const isWhole = term.endsWith('=');
    const text = isWhole ? term.slice(0, -1) : term;
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A word's edge is a letter of its own script or a digit: Latin "cookie" stands right after Chinese characters ("使用cookie").
    if (/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}]/u.test(text)) (isWhole ? whole : started).push(escaped);
    // Arabic attaches its clitics (ال, و, ب) to the word: its stems match anywhere, unless whole.
    else if (isWhole && /^\p{Script=Arabic}/u.test(text)) arabicWhole.push(escaped);
    else anywhere.push(escaped);
  }
  const edge = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{N}]';
  const arabicEdge = '[\\p{Script=Arabic}\\p{N}]';
  const parts = [
    started.length > 0 ? `(?<!${edge})(?:${started.join('|')})` : null,
    whole.length > 0 ? `(?<!${edge})(?:${whole.join('|')})(?!${edge})` : null,
    anywhere.length > 0 ? `(?:${anywhere.join('|')})` : null,
    arabicWhole.length > 0 ? `(?<!${arabicEdge})(?:${arabicWhole.join('|')})(?!${arabicEdge})` : null,
  ].filter((p): p is string => p !== null);
  return new RegExp(parts.join('|'), 'u');
}
