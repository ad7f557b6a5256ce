import type { AliasTable } from './aliases.js';
import { isUnspacedScript } from './text-scripts.js';
import { segmentWords } from './word-segmenter.js';

/** Tokens of a normalized text, case-folded, with a flag per token for named entities and numbers. */
export interface TokenStream {
  tokens: string[];
  /**
   * 1 when the token is likely a name or a figure: capitalised away from a sentence start, an alias
   * canonical, or a number. Those are what tell two earthquakes apart.
   */
  entity: Uint8Array;
}

/**
 * Splits normalized text (see normalizeText) into case-folded word tokens and applies aliases.
 * Dotted abbreviations lose their dots ("U.S." → "US") before alias lookup; numbers lose thousands
 * separators so "1,000" and "1000" agree. Runs of scripts written without spaces (Chinese,
 * Japanese, Thai) become words through word-segmenter.ts, in the article's `language`.
 */
export function tokenizeText(text: string, aliases: AliasTable, language = 'und'): TokenStream {
  const raw: string[] = [];
  const sentenceStart: boolean[] = [];
  const lineOf: number[] = [];
  const lineWords: number[] = [0];
  const lineCaps: number[] = [0];
  let line = 0;
  let atStart = true;
  let last = 0;
  for (const match of text.matchAll(TOKEN_RE)) {
    // Hot loop: cheap character checks first, regular expressions only when they can matter.
    if (match.index - last !== 1 || text.charCodeAt(last) !== 32) {
      const gap = text.slice(last, match.index);
      if (SENTENCE_BREAK_RE.test(gap)) atStart = true;
      for (let at = gap.indexOf('\n'); at >= 0; at = gap.indexOf('\n', at + 1)) {
        line += 1;
        lineWords.push(0);
        lineCaps.push(0);
      }
    }
    last = match.index + match[0].length;
    if (isUnspacedRun(match[0])) {
      // No case in these scripts: no capitalised names, only figures stand out.
      for (const word of segmentWords(match[0], language)) {
        raw.push(word);
        sentenceStart.push(true);
        lineOf.push(line);
      }
      atStart = false;
      continue;
    }
    const isDigit = startsWithDigit(match[0]);
    const token = cleanToken(match[0], isDigit);
    if (token === '') continue;
    raw.push(token);
    sentenceStart.push(atStart);
    lineOf.push(line);
    if (!isDigit) {
      lineWords[line] = (lineWords[line] as number) + 1;
      if (isUpper(token)) lineCaps[line] = (lineCaps[line] as number) + 1;
    }
    atStart = false;
  }
  // In a Title Case or ALL CAPS line (headlines, bylines) capitals say nothing about names.
  const caseless = lineWords.map((words, i) => words >= 4 && (lineCaps[i] as number) >= 0.6 * words);
  const tokens: string[] = [];
  const flags: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const first = raw[i] as string;
    const lower = first.toLowerCase();
    const alias = aliases.size === 0 || (!aliases.byFirstToken.has(first) && !aliases.byFirstToken.has(lower)) ? null : matchAlias(raw, i, aliases);
    if (alias !== null) {
      tokens.push(alias.canonical);
      flags.push(1);
      i += alias.length;
      continue;
    }
    const token = first;
    const isNumber = startsWithDigit(token);
    const isCapitalised = sentenceStart[i] !== true && caseless[lineOf[i] as number] !== true && isUpper(token);
    tokens.push(foldLower(lower));
    flags.push(isNumber || isCapitalised ? 1 : 0);
    i += 1;
  }
  return { tokens, entity: Uint8Array.from(flags) };
}

/**
 * The case-kept tokens of a text as tokenizeText reads them before aliases apply. Alias names are
 * read with it (aliases.ts), so a name matches the text it was written for.
 */
export function rawTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN_RE)) {
    const token = cleanToken(match[0], startsWithDigit(match[0]));
    if (token !== '') out.push(token);
  }
  return out;
}

/** Whether a matched run starts or ends in a script written without spaces. */
function isUnspacedRun(run: string): boolean {
  const first = run.charCodeAt(0);
  const last = run.charCodeAt(run.length - 1);
  return (first >= 0x0e00 && isUnspacedScript(first)) || (last >= 0x0e00 && isUnspacedScript(last));
}

/** Whether a token is a number (starts with a digit of any script). */
function startsWithDigit(token: string): boolean {
  const first = token.charCodeAt(0);
  return first >= 48 && first <= 57 ? true : first < 128 ? false : /^\p{N}/u.test(token);
}

/** Drops thousands separators of numbers, dots of abbreviations and a possessive 's. */
function cleanToken(token: string, isDigit: boolean): string {
  let out = token;
  if (isDigit) {
    if (out.includes(',')) out = out.replace(/,/g, '');
  } else if (out.includes('.')) out = out.replace(/\./g, '');
  if (out.includes("'") || out.includes('’')) out = out.replace(/['’](s)?$/i, '');
  return out;
}

/** Unicode-aware case folding beyond toLowerCase for the letters that matter in news text. */
export function foldCase(token: string): string {
  return foldLower(token.toLowerCase());
}

/** foldCase of a token already lower-cased. */
function foldLower(lower: string): string {
  for (let i = 0; i < lower.length; i += 1) {
    const code = lower.charCodeAt(i);
    if (code === 0xdf || code === 0x3c2) return lower.replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  }
  return lower;
}

/** Whether a token starts with an upper-case letter. */
function isUpper(token: string): boolean {
  const first = token.charCodeAt(0);
  if (first < 128) return first >= 65 && first <= 90;
  return /^\p{Lu}/u.test(token);
}

const SENTENCE_BREAK_RE = /[.!?:\n"“]/;

// Dotted abbreviations (U.S., U.N.), words (letters, marks, inner digits and apostrophes), and
// numbers with decimal or thousands separators.
const TOKEN_RE = /(?:\p{L}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*|\p{N}+(?:[.,]\p{N}+)*/gu;

function matchAlias(raw: string[], at: number, aliases: AliasTable): { canonical: string; length: number } | null {
  if (aliases.size === 0) return null;
  const first = raw[at] as string;
  const exact = aliases.byFirstToken.get(first) ?? [];
  const lower = first.toLowerCase() === first ? [] : (aliases.byFirstToken.get(first.toLowerCase()) ?? []);
  if (exact.length === 0 && lower.length === 0) return null;
  const candidates = [...exact, ...lower].sort((a, b) => b.tokens.length - a.tokens.length);
  for (const phrase of candidates) {
    if (at + phrase.tokens.length > raw.length) continue;
    let ok = true;
    for (let k = 0; k < phrase.tokens.length && ok; k += 1) {
      const word = raw[at + k] as string;
      ok = phrase.caseSensitive ? word === phrase.tokens[k] : word.toLowerCase() === phrase.tokens[k];
    }
    if (!ok) continue;
    // A case-sensitive short name inside an all-caps run ("THIS IS WAR") is shouting, not a name.
    if (phrase.caseSensitive && isShouting(raw, at, phrase.tokens.length)) continue;
    return { canonical: phrase.canonical, length: phrase.tokens.length };
  }
  return null;
}

function isShouting(raw: string[], at: number, length: number): boolean {
  const neighbours = [raw[at - 1], raw[at + length]].filter((w): w is string => w !== undefined);
  return neighbours.some((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w));
}
