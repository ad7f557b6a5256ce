import { foldTraditionalChinese } from './han-variants.js';
import { dropKeywordLists } from './keyword-lists.js';
import { stripPressReleaseTrailer } from './press-release.js';

/**
 * Text normalization that runs before any fingerprint: the same story must look the same whatever
 * the site's Unicode habits, script variants, digits and left-over page chrome (boilerplate lines,
 * datelines, agency credits, press-wire trailers, a site's keyword lists).
 * Case is kept here (aliases such as "IS" are case-sensitive); tokenize-text.ts folds it.
 */
export function normalizeText(text: string): string {
  const folded = stripPressReleaseTrailer(foldScriptVariants(joinDigitGroups(text).normalize('NFKC')));
  const lines = folded.split(/\r?\n|\r|\u2028|\u2029/);
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = dropKeywordLists((hasSpaceRun(line) ? line.replace(/[\s\u00a0]+/g, ' ') : line).trim());
    if (trimmed === '' || isBoilerplateLine(trimmed)) continue;
    // Twice: a republisher's dateline goes in front of the original's own ("BAGHDAD (Reuters) - MOSUL, Iraq —").
    kept.push(kept.length === 0 ? stripAgencyCredit(stripDateline(stripDateline(trimmed))) : trimmed);
  }
  return kept.join('\n');
}

/** A no-break, narrow no-break, figure or thin space: what a digit group's space is written with. */
const GROUP_SPACE = /[\u00a0\u2007\u2009\u202f]/;
const DIGIT_GROUPS_RE = /(?<![\d.,+\-/:\u2010\u2011])(?<!\d[\s\u00a0\u2007\u2009\u202f])[1-9]\d{0,2}(?:[\u00a0\u2007\u2009\u202f]\d{3})+(?!\d)(?![\s\u00a0\u2007\u2009\u202f\-\u2010\u2011]\d)/g;

/**
 * A number whose thousands are grouped with no-break or thin spaces, written without them: "1 000",
 * "12 500", "1 059 000" (French writes U+202F, Polish, Russian, Czech, Swedish … U+00A0, as CLDR
 * does) → 1000, 12500, 1059000, as "1,000" and "1.000" become 1000 (tokenize-text.ts). NFKC below makes
 * those spaces plain ones, after which the tokenizer read two figures ("12" and "500"). A space of
 * this kind between digits is a group separator by its purpose; the form is still held strict (1–3
 * digits not starting with 0, then groups of exactly 3, nothing of a number around it), so telephone
 * numbers ("+41 21 924 38 20", "01 23 45 67 89") keep their parts. Plain spaces: tokenize-text.ts.
 */
function joinDigitGroups(text: string): string {
  if (!GROUP_SPACE.test(text)) return text;
  return text.replace(DIGIT_GROUPS_RE, (run) => run.replace(/[\u00a0\u2007\u2009\u202f]/g, ''));
}

/**
 * Whether a line holds anything the space collapse changes: white space other than a lone ASCII
 * space (JavaScript's \s). Most lines hold none, and the test is cheaper than the replace; as an
 * expression (code units: two spaces, or \s other than the space) it ran ~7× faster than a
 * loop over the line's characters (2.7 against 19 µs for a 2,000-character line).
 */
function hasSpaceRun(line: string): boolean {
  return SPACE_RUN_RE.test(line);
}

const SPACE_RUN_RE = / {2}|[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Folds Arabic/Persian letter variants, Russian ё, and unifies digits. The same word is typed with Arabic
 * yeh/kaf by one agency and Persian yeh/keheh by another; tatweel and harakat are decoration.
 * A Traditional Chinese text is read in Simplified characters (han-variants.ts).
 */
export function foldScriptVariants(text: string): string {
  return foldTraditionalChinese(
    text.replace(SCRIPT_VARIANT_RE, (ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
      if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
      return LETTER_FOLDS[ch] ?? '';
    }),
  );
}

const LETTER_FOLDS: Record<string, string> = {
  '\u064a': '\u06cc', // Arabic yeh → Farsi yeh
  '\u0649': '\u06cc', // alef maksura → Farsi yeh
  '\u0643': '\u06a9', // Arabic kaf → keheh
  '\u0623': '\u0627', // alef with hamza above → alef
  '\u0625': '\u0627', // alef with hamza below → alef
  '\u0622': '\u0627', // alef with madda → alef
  '\u0671': '\u0627', // alef wasla → alef
  '\u06c0': '\u0647', // heh with yeh above → heh
  '\u066b': '.', // Arabic decimal separator
  '\u066c': ',', // Arabic thousands separator
  // Russian writes ё as е in most texts and as ё in some (Пётр / Петр, всё / все): one word either way.
  '\u0451': '\u0435',
  '\u0401': '\u0415',
};

// Digits (Arabic-Indic, extended/Persian), letter variants, tatweel, harakat and the
// superscript alef, Cyrillic ё, zero-width (non-)joiners and the BOM.
const SCRIPT_VARIANT_RE =
  /[\u0660-\u0669\u06f0-\u06f9\u064a\u0649\u0643\u0623\u0625\u0622\u0671\u06c0\u066b\u066c\u0640\u064b-\u065f\u0670\u0401\u0451\u200b-\u200d\ufeff]/g;

/**
 * Page chrome that survives extraction often enough to matter: comment forms, counters, copyright
 * and newsletter lines, share prompts. Whole lines only, so a sentence quoting "copyright" stays
 * unless the line is short.
 */
export function isBoilerplateLine(line: string): boolean {
  if (line.length <= 120) {
    for (const re of SHORT_LINE_PATTERNS) if (re.test(line)) return true;
  }
  for (const re of ANY_LINE_PATTERNS) if (re.test(line)) return true;
  // One word or less ("A", "Service :", "847/940") carries no story content; a run of Chinese,
  // Japanese or Thai has no spaces between its words, so two of its characters are words enough.
  return !TWO_WORDS_RE.test(line) && !UNSPACED_WORDS_RE.test(line);
}

const TWO_WORDS_RE = /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u;
const UNSPACED_WORDS_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]{2}/;

const SHORT_LINE_PATTERNS: readonly RegExp[] = [
  /^news ?id\s*:?\s*\d+/i,
  /^\d+\s*\/\s*\d+$/,
  /^\d{1,2}\s+\p{L}+\s+\d{4}\s*[-–—]\s*\d{1,2}:\d{2}$/u,
  /^(send|post|leave|add) (a )?comments?\b/i,
  /^(share|tweet|email|print)( (this|on|via) .*)?$/i,
  /^(read more|related( (stories|articles|news|coverage))?|more on this|see also|advertisement|click here.*)\s*:?$/i,
  /^(follow|like) us on\b/i,
  /^(?=.*\b(sign up|subscribe)\b)(?=.*\b(newsletter|updates|inbox|alerts|briefing)\b)/i,
  // Agency trailers: "(Reporting by …; Editing by …)", "Additional reporting by …", "Compiled by …".
  /^\(?(additional )?(reporting|writing|editing|compiled|compiling) by\b/i,
  /^(©|\(c\)|copyright\b)/i,
  /\ball rights reserved\b/i,
  /^(photo|image|picture|video|file photo)\s*(:|\/|credit)/i,
  /\bmay not be (published|broadcast|rewritten|redistributed)\b/i,
];

const ANY_LINE_PATTERNS: readonly RegExp[] = [
  /^please type in your comments?\b/i,
  /^the comments that contain insults\b/i,
];

/**
 * Removes a wire dateline and agency credit from the first line ("BAGHDAD, March 8 (Reuters) -",
 * "MOSUL, Iraq (AP) —"): syndicated copies add them, and they say nothing about the event.
 */
export function stripDateline(line: string): string {
  const match = DATELINE_RE.exec(line);
  if (match === null) return line;
  const prefix = match[1] ?? '';
  const hasCredit = /\([^()]{1,40}\)/.test(prefix);
  // The place leads in capitals ("MOSUL, Iraq —"); a headline-like sentence that only names an
  // acronym before a dash ("China may achieve what the US or USSR never did – landing …") is no dateline.
  const hasCapsPlace = /^\p{Lu}{3,}\b/u.test(prefix) && prefix.split(/\s+/).length <= 6;
  return hasCredit || hasCapsPlace ? line.slice(match[0].length) : line;
}

// Up to ~60 characters, at most a handful of words, before a spaced dash.
const DATELINE_RE = /^([^\n]{2,60}?)\s+[-–—]{1,2}\s+(?=\S)/;

/**
 * Removes an agency credit in parentheses before a dash or colon from the opening of the first line,
 * where stripDateline cannot reach it: after a headline on the same line ("Aktien New York Schluss:
 * Schwacher Wochenauftakt … NEW YORK (dpa-AFX) - Die US-Aktienmärkte") or after a place and date
 * written with ".-" ("Yakarta, 1 de enero (Notimex) .- El comienzo", "MADRID, 5 de abril (Europa
 * Press): el grupo"). The place and date stay (they are the event's); the credit says who wrote
 * the report, and as a capitalised lead word it weighed 4 times a body word, so two reports of one
 * agency on one day linked through it (Notimex from Jakarta and from Caracas, rated "very
 * dissimilar"). Measured on the dev pairs, 5 shuffles each (seeds 1-5 / 6-10 / 11-15): es F1 0.837 →
 * 0.845 / 0.842 → 0.848 / 0.854 → 0.857 (half A equal, half B 0.791 → 0.806 / 0.811 → 0.824 / 0.819 →
 * 0.825), overall 0.791 → 0.792 / 0.790 → 0.791 / 0.791 → 0.793, ECB+, Giveme5W1H and duplicates equal;
 * without the colon (a dash only): es 0.842 / 0.843 / 0.856.
 */
function stripAgencyCredit(line: string): string {
  // Only the opening is searched (a wire text without line breaks is one line of many kilobytes).
  const match = AGENCY_CREDIT_RE.exec(line.length > CREDIT_WITHIN + 40 ? line.slice(0, CREDIT_WITHIN + 40) : line);
  if (match === null || match.index > CREDIT_WITHIN) return line;
  if ((match[1] as string).includes(':') && !isDatelineCredit(line, match.index, match[0])) return line;
  const from = match.index > 0 && line.charCodeAt(match.index - 1) === 32 ? match.index - 1 : match.index;
  return `${line.slice(0, from)}${line.slice(match.index + match[0].length - (match[1] as string).length)}`;
}

/**
 * A credit before a colon follows a dateline ("Jan 01 (ANI):", "5 de abril (Europa Press):",
 * "Moscú (Sputnik):"), while a headline quoting a politician writes the party there ("Söder (CSU):
 * Keine Lockerungen", "Habeck (Grüne): …"), which is the report's own word. Taken as a credit: a
 * date or a "]" just before it, or a name of 6+ characters that is not all capitals (an agency's
 * name: Sputnik, Europa Press; parties are mostly short capitals). Before a dash nothing changes.
 */
function isDatelineCredit(line: string, at: number, credit: string): boolean {
  if (/[\d\]]/.test(line.slice(Math.max(0, at - DATE_BEFORE_CREDIT), at))) return true;
  const name = credit.slice(1, credit.indexOf(')'));
  return name.length >= 6 && name !== name.toUpperCase();
}

/** Characters before a colon credit searched for its dateline's date. */
const DATE_BEFORE_CREDIT = 25;

/** "(Reuters) -", "(dpa-AFX) -", "(Notimex) .-", "(Europa Press):", "(OTS / RK) –": a name of 2–20 characters without digits. */
const AGENCY_CREDIT_RE = /\([^()\d]{2,20}\)(\s*\.?\s*[-–—:]+\s)/;
/** Characters of the first line searched: a headline and a dateline. */
const CREDIT_WITHIN = 300;
