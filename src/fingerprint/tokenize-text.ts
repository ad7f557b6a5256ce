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
 * separators and write a decimal point in either convention, so "1,000", "1.000" and "1000" agree,
 * and "2,2" and "2.2"; in a language that groups thousands with a space, "1 000" too
 * (spaceGroupsEnd; no-break spaces between groups normalizeText has already removed). Runs of scripts written without spaces (Chinese,
 * Japanese, Thai) become words through word-segmenter.ts, in the article's `language`.
 */
export function tokenizeText(text: string, aliases: AliasTable, language = 'und'): TokenStream {
  const spaceGroups = SPACE_GROUPING_LANGUAGES.has(language);
  // The raw tokens; the second pass writes the stream over them in place (an alias makes one token
  // of several, so it never writes past the token it reads).
  const raw: string[] = [];
  // Per raw token: CAPITAL when it is capitalised away from a sentence start (cleared for the
  // tokens of a Title Case or ALL CAPS line once the line is complete), and its case state
  // (caseState, shifted by one; 0: not known yet) when the scan of the text read it already.
  let flags: Uint8Array = FLAGS;
  let lineStart = 0;
  let lineWords = 0;
  let lineCaps = 0;
  let atStart = true;
  let last = 0;
  for (let start = nextTokenStart(text, 0); start >= 0; start = nextTokenStart(text, last)) {
    // Hot loop: cheap character checks first, and the gap read in place (no slice of it).
    if (start - last !== 1 || text.charCodeAt(last) !== 32) {
      for (let at = last; at < start; at += 1) {
        const code = text.charCodeAt(at);
        if (code === 10) {
          atStart = true;
          endLine(flags, lineStart, raw.length, lineWords, lineCaps);
          lineStart = raw.length;
          lineWords = 0;
          lineCaps = 0;
        } else if (code === 46 || code === 33 || code === 63 || code === 58 || code === 34 || code === 0x201c) atStart = true; // . ! ? : " “
      }
    }
    if (raw.length + 1 >= flags.length) flags = grownFlags(flags, raw.length);
    const isDigit = charClass(text, start) === NUMBER;
    const span = tokenSpan(text, start, isDigit && spaceGroups);
    last = Math.floor(span / SPAN_END);
    const match = last - start >= LONG_TOKEN ? copyOf(text.slice(start, last)) : text.slice(start, last);
    if (isUnspacedRun(match)) {
      // No case in these scripts: no capitalised names, only figures stand out.
      for (const word of segmentWords(match, language)) {
        if (raw.length + 1 >= flags.length) flags = grownFlags(flags, raw.length);
        flags[raw.length] = 0;
        raw.push(word);
      }
      atStart = false;
      continue;
    }
    const token = (span & SPAN_SEPARATOR) === 0 ? match : cleanToken(match, isDigit);
    if (token === '') continue;
    if (isDigit && isNameFigure(text, start, raw.length)) {
      // "COVID-19", "F-16", "MH-17": a figure hyphenated to a word is part of that name, not a count.
      raw[raw.length - 1] = `${raw[raw.length - 1] as string}${token}`;
      // The joined token's case is read again in the second pass.
      flags[raw.length - 1] = (flags[raw.length - 1] as number) & CAPITAL;
      atStart = false;
      continue;
    }
    const upper = !isDigit && isUpper(token);
    // The scan's case state holds for the token when it is the text's characters as they are.
    flags[raw.length] = (upper && !atStart ? CAPITAL : 0) | (token === match ? (span % SPAN_END) & SPAN_CASE : 0);
    raw.push(token);
    if (!isDigit) {
      lineWords += 1;
      if (upper) lineCaps += 1;
    }
    atStart = false;
  }
  endLine(flags, lineStart, raw.length, lineWords, lineCaps);
  const count = raw.length;
  const entity = new Uint8Array(count);
  const firstTokens = aliases.size === 0 ? null : aliasSignatures(aliases);
  // The raw token before the one read (isShouting reads it; its place may hold its stream form by then).
  let before: string | undefined;
  let out = 0;
  for (let i = 0; i < count; ) {
    const first = raw[i] as string;
    const known = (flags[i] as number) >>> 1;
    // One scan says whether lower-casing or folding changes anything (most tokens: neither).
    const state = known !== 0 ? known : caseState(first);
    const lower = state === CHANGES ? first.toLowerCase() : first;
    const alias = firstTokens === null || (!mayStartAlias(firstTokens, first) && (lower === first || !mayStartAlias(firstTokens, lower))) ? null : matchAlias(raw, i, aliases, before);
    if (alias !== null) {
      before = raw[i + alias.length - 1];
      entity[out] = 1;
      raw[out] = alias.canonical;
      out += 1;
      i += alias.length;
      continue;
    }
    entity[out] = startsWithDigit(first) || ((flags[i] as number) & CAPITAL) !== 0 ? 1 : 0;
    raw[out] = state === STABLE ? first : foldLower(lower);
    out += 1;
    before = first;
    i += 1;
  }
  if (out < count) raw.length = out;
  if (flags !== FLAGS && flags.length <= MAX_KEPT_FLAGS) FLAGS = flags;
  return { tokens: raw, entity: out === count ? entity : entity.slice(0, out) };
}

/** Flags of raw tokens (tokenizeText): CAPITAL, and the case state shifted by one. */
const CAPITAL = 1;
/** Per raw token, reused from call to call (tokenizeText runs to its end before it is called again). */
let FLAGS: Uint8Array = new Uint8Array(1024);
/** Flags kept for the next call at most (a longer text's are dropped with it). */
const MAX_KEPT_FLAGS = 1 << 16;

/** A flags array of twice the room, the first `used` copied. */
function grownFlags(flags: Uint8Array, used: number): Uint8Array {
  const grown = new Uint8Array(2 * flags.length);
  grown.set(flags.subarray(0, used));
  return grown;
}

/** In a Title Case or ALL CAPS line (headlines, bylines) capitals say nothing about names: its tokens' flags are cleared. */
function endLine(flags: Uint8Array, from: number, to: number, words: number, caps: number): void {
  if (words >= 4 && caps >= 0.6 * words) for (let i = from; i < to; i += 1) flags[i] = (flags[i] as number) & ~CAPITAL;
}

/**
 * The case-kept tokens of a text as tokenizeText reads them before aliases apply. Alias names are
 * read with it (aliases.ts), so a name matches the text it was written for.
 */
export function rawTokens(text: string): string[] {
  const out: string[] = [];
  for (let start = nextTokenStart(text, 0); start >= 0; ) {
    const end = tokenEnd(text, start);
    const isDigit = charClass(text, start) === NUMBER;
    const token = cleanToken(text.slice(start, end), isDigit);
    // As tokenizeText reads "COVID-19", so an alias written with one matches the text.
    if (token !== '' && isDigit && isNameFigure(text, start, out.length)) out[out.length - 1] = `${out[out.length - 1] as string}${token}`;
    else if (token !== '') out.push(token);
    start = nextTokenStart(text, end);
  }
  return out;
}

/**
 * The first `limit` matches of /[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu in `text` (runs of letters and
 * marks, with one apostrophe and the letters after it), read from the class table: the language
 * check's sample words, once per article, where matchAll made a match object per word.
 */
export function letterWords(text: string, limit: number): string[] {
  const out: string[] = [];
  const n = text.length;
  let at = 0;
  while (at < n && out.length < limit) {
    const cls = charClass(text, at);
    if (cls !== LETTER && cls !== MARK) {
      at += width(text, at);
      continue;
    }
    const start = at;
    at = skipClass(text, at, LETTER, MARK);
    const quote = text.charCodeAt(at);
    if ((quote === 39 || quote === 0x2019) && at + 1 < n && charClass(text, at + 1) === LETTER) at = skipClass(text, at + 1, LETTER, LETTER);
    out.push(text.slice(start, at));
  }
  return out;
}

/**
 * V8 makes a substring of 13 or more characters a slice that keeps the whole text alive. Terms
 * outlive their article (df tables, postings, the window's vectors, the story memory), so a long
 * word would keep its article's text in memory (200 such keys held 24 MB of 110 kB texts; the
 * 976 ECB+ and Giveme5W1H articles in one window: 23.4 -> 22.9 MB of heap); those are copied.
 */
const LONG_TOKEN = 13;

/** A copy of a string that shares no storage with the text it was cut from. */
function copyOf(slice: string): string {
  // Concatenating flattens into a new string of slice.length + 1 characters; the second cut refers to that one only.
  return ` ${slice}`.slice(1);
}

/** Whether a matched run starts or ends in a script written without spaces (such a run is segmented into words; aliases.ts does the same). */
export function isUnspacedRun(run: string): boolean {
  const first = run.charCodeAt(0);
  const last = run.charCodeAt(run.length - 1);
  return (first >= 0x0e00 && isUnspacedScript(first)) || (last >= 0x0e00 && isUnspacedScript(last));
}

/**
 * Whether the number starting at `start` hangs on the word before it by a hyphen ("Kovid-19",
 * "F-16"): such a figure names something (a disease, a plane, a motorway) and is read as part of
 * the word. As a figure of its own it weighed four times a word in every language's vector and
 * matched across languages: in 2020 news "19" (COVID-19) linked every daily case count to every
 * other, in Turkish, Polish and Spanish alike (docs/notes/stories.md).
 */
function isNameFigure(text: string, start: number, tokens: number): boolean {
  if (tokens === 0 || start < 2) return false;
  const hyphen = text.charCodeAt(start - 1);
  if (hyphen !== 45 && hyphen !== 0x2010 && hyphen !== 0x2011) return false;
  return charClass(text, start - 2) === LETTER;
}

/** Whether a token is a number (starts with a digit of any script). */
function startsWithDigit(token: string): boolean {
  const first = token.charCodeAt(0);
  // \p{N} is the class table's NUMBER (classOf; the general categories L, M and N do not overlap).
  return first >= 48 && first <= 57 ? true : first < 128 ? false : charClass(token, 0) === NUMBER;
}

/** Writes numbers in one form (canonicalNumber), drops dots of abbreviations and a possessive 's. */
function cleanToken(token: string, isDigit: boolean): string {
  // One pass says which of the replacements can apply (most tokens need none).
  let commas = false;
  let dots = false;
  let quotes = false;
  let spaces = false;
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code === 44) commas = true;
    else if (code === 46) dots = true;
    else if (code === 39 || code === 0x2019) quotes = true;
    else if (code === 32) spaces = true;
  }
  let out = token;
  if (isDigit) {
    // Only a number of space-separated thousands groups holds a space (spaceGroupsEnd).
    if (spaces) out = out.replace(/ /g, '');
    if (commas || dots) out = canonicalNumber(out);
  } else if (dots) out = out.replace(/\./g, '');
  if (quotes) out = out.replace(/['’](s)?$/i, '');
  return out;
}

/**
 * A number written with separators in one form whichever convention wrote it: thousands separators
 * dropped, a decimal separator as a point. English writes 1,000.5 and 2.2, German, Spanish, French,
 * Polish and Turkish 1.000,5 and 2,2; before, "2,2 Prozent" became 22 (a figure it is not, weighed
 * ×4) and never met "2.2 percent". A separator followed by exactly three digits after one to three
 * is read as thousands in both conventions (1,000 / 1.000 → 1000); both kinds in one number: the
 * last is the decimal one (12.345,67 / 12,345.67 → 12345.67); a separator before one, two or four+
 * digits is decimal (2,2 / 3,75 → 2.2 / 3.75), as is one after a leading 0 (0.125); Indian grouping
 * (1,50,000) is thousands. Anything else (25.05.2020, 1.2.3, 10,5,7) is kept.
 */
function canonicalNumber(token: string): string {
  const groups = token.split(/[.,]/);
  if (groups.some((g) => g === '' || !/^\p{N}+$/u.test(g))) return token;
  const seps = token.replace(/[^.,]/g, '');
  const first = groups[0] as string;
  // A lone leading 0 never starts a thousands group (0.125 / 0,125 are 0.125, not 125; 030.123.456 is no figure).
  const leadingZero = first.charCodeAt(0) === 48;
  const thousands = (from: number, to: number): boolean => {
    if (first.length > 3 || leadingZero) return false;
    for (let i = from; i < to; i += 1) if ((groups[i] as string).length !== 3) return false;
    return true;
  };
  const kinds = new Set(seps).size;
  if (kinds === 2) {
    const decimal = seps[seps.length - 1] as string;
    if (seps.slice(0, -1).includes(decimal) || !thousands(1, groups.length - 1)) return token;
    return `${groups.slice(0, -1).join('')}.${groups[groups.length - 1] as string}`;
  }
  if (seps.length >= 2) return thousands(1, groups.length) || isLakh(groups, seps) ? groups.join('') : token;
  return thousands(1, 2) ? groups.join('') : `${first}.${groups[1] as string}`;
}

/**
 * Indian grouping (1,50,000 is 1.5 lakh = 150,000; 1,00,00,000 a crore): commas, one or two digits,
 * pairs, then three. Read as thousands, as before decimal commas were told apart.
 */
function isLakh(groups: readonly string[], seps: string): boolean {
  const first = groups[0] as string;
  if (seps.includes('.') || first.length > 2 || first.charCodeAt(0) === 48 || (groups[groups.length - 1] as string).length !== 3) return false;
  for (let i = 1; i < groups.length - 1; i += 1) if ((groups[i] as string).length !== 2) return false;
  return true;
}

/**
 * Per alias table, a signature (length, first and last code unit) of every first token: a token
 * whose signature is not there starts no alias, which spares two string-keyed map lookups (and
 * hashing a fresh string) per token.
 */
const ALIAS_SIGNATURES = new WeakMap<AliasTable, AliasSignatures>();

/**
 * The signatures of an alias table's first tokens, and a bit per signature's 16-bit hash: a clear
 * bit answers "not there" without the set's lookup (two per token; ~90 first tokens set ~90 of
 * 65,536 bits), a set one is checked in the set.
 */
interface AliasSignatures {
  set: ReadonlySet<number>;
  bits: Uint32Array;
}

function aliasSignatures(aliases: AliasTable): AliasSignatures {
  let signatures = ALIAS_SIGNATURES.get(aliases);
  if (signatures === undefined) {
    const set = new Set([...aliases.byFirstToken.keys()].map(signature));
    const bits = new Uint32Array(2048);
    for (const s of set) {
      const h = signatureBit(s);
      bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
    }
    signatures = { set, bits };
    ALIAS_SIGNATURES.set(aliases, signatures);
  }
  return signatures;
}

/** Whether `word`'s signature is among the alias table's first tokens' (aliasSignatures). */
function mayStartAlias(signatures: AliasSignatures, word: string): boolean {
  const s = signature(word);
  const h = signatureBit(s);
  return ((signatures.bits[h >>> 5] as number) & (1 << (h & 31))) !== 0 && signatures.set.has(s);
}

/** A signature's bit in AliasSignatures.bits. */
function signatureBit(s: number): number {
  return Math.imul(s, 0x9e3779b1) >>> 16;
}

/** A small integer from a word's length and its first and last code units (equal words, equal signatures). */
function signature(word: string): number {
  return ((word.length & 0x3f) << 24) | ((word.charCodeAt(0) & 0xfff) << 12) | (word.charCodeAt(word.length - 1) & 0xfff);
}

/**
 * Per BMP code unit: 0 not yet looked up, STABLE when toLowerCase leaves it as it is, CHANGES when
 * it changes it, FOLDS when it stays but foldLower changes it (ß, ς). Surrogates are never looked
 * up (astral letters such as Deseret have case).
 */
const LOWER_STABLE = new Uint8Array(0x10000);
const STABLE = 1;
const CHANGES = 2;
const FOLDS = 3;

/** A code unit's LOWER_STABLE entry, looked up on first sight. */
function lowerState(code: number): number {
  let state = LOWER_STABLE[code] as number;
  if (state === 0) {
    const char = String.fromCharCode(code);
    state = code >= 0xd800 && code <= 0xdfff ? CHANGES : char.toLowerCase() !== char ? CHANGES : code === 0xdf || code === 0x3c2 ? FOLDS : STABLE;
    LOWER_STABLE[code] = state;
  }
  return state;
}

/**
 * CHANGES when toLowerCase changes the token, else FOLDS when foldLower does, else STABLE (the
 * token is its own foldCase): one scan where toLower and foldLower made one each.
 */
function caseState(token: string): number {
  let state = STABLE;
  for (let i = 0; i < token.length; i += 1) {
    const code = lowerState(token.charCodeAt(i));
    if (code === CHANGES) return CHANGES;
    if (code === FOLDS) state = FOLDS;
  }
  return state;
}

/**
 * `token.toLowerCase()`, without a new string when nothing in it changes: V8 allocates a copy even
 * of an all-lower-case string, once per token of every article. Exact: the locale-independent
 * lower-casing is context-free except for the final sigma, whose capital Σ is not stable anyway.
 */
function toLower(token: string): string {
  for (let i = 0; i < token.length; i += 1) if (lowerState(token.charCodeAt(i)) === CHANGES) return token.toLowerCase();
  return token;
}

/** Unicode-aware case folding beyond toLowerCase for the letters that matter in news text. */
export function foldCase(token: string): string {
  return foldLower(toLower(token));
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
  if (first >= 0xd800 && first <= 0xdfff) return /^\p{Lu}/u.test(token);
  let upper = UPPER_FIRST[first] as number;
  if (upper === 0) {
    upper = /^\p{Lu}/u.test(String.fromCharCode(first)) ? 1 : 2;
    UPPER_FIRST[first] = upper;
  }
  return upper === 1;
}

/** Per BMP code unit outside the surrogates: 0 not yet looked up, 1 \p{Lu}, 2 not (isUpper reads the first code unit only). */
const UPPER_FIRST = new Uint8Array(0x10000);

/*
 * Tokens are the matches of
 *   /(?:\p{L}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*|\p{N}+(?:[.,]\p{N}+)*\/gu
 * — dotted abbreviations (U.S., U.N.), words (letters, marks, inner digits and apostrophes), and
 * numbers with decimal or thousands separators — where a word also ends before a letter or digit
 * of the other kind of script (unspaced or not: isUnspacedChar), found by the scanner below, which takes the same
 * alternatives in the same order with the same greedy repetitions (tests compare it with the
 * expression). It reads a class per code unit from a table filled on first sight, where matchAll
 * made a match array and ran the Unicode property classes per token (the tokenizer was the
 * largest single item of the story stage's profile).
 */
const LETTER = 1;
const MARK = 2;
const NUMBER = 3;
const OTHER = 4;
/**
 * Per BMP code unit outside the surrogates (0: not yet looked up): its class in CLASS_BITS, and
 * CASE_CHANGES or CASE_FOLDS as lowerState says, so the scan of a token reads its case too.
 */
const BMP_CLASSES = new Uint8Array(0x10000);
const CLASS_BITS = 7;
const CASE_CHANGES = 8;
const CASE_FOLDS = 16;

/** The class (LETTER, MARK, NUMBER, OTHER) of the code point at `at` (a lone surrogate is OTHER). */
function charClass(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdfff) {
    const known = BMP_CLASSES[code] as number;
    return (known !== 0 ? known : bmpEntry(code)) & CLASS_BITS;
  }
  const point = text.codePointAt(at) as number;
  return point > 0xffff ? classOf(String.fromCodePoint(point)) : OTHER;
}

/** BMP_CLASSES' entry of a code unit outside the surrogates, looked up and kept. */
function bmpEntry(code: number): number {
  const state = lowerState(code);
  const entry = classOf(String.fromCharCode(code)) | (state === CHANGES ? CASE_CHANGES : state === FOLDS ? CASE_FOLDS : 0);
  BMP_CLASSES[code] = entry;
  return entry;
}

/** The case bits (CASE_CHANGES, CASE_FOLDS) of the code unit at `at`; a surrogate counts as changing (as lowerState has it). */
function caseBitsAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdfff) return CASE_CHANGES;
  const known = BMP_CLASSES[code] as number;
  return known !== 0 ? known : bmpEntry(code);
}

/** tokenSpan's case part from the case bits read over a token: caseState's answer, shifted by one. */
function spanCase(bits: number): number {
  return ((bits & CASE_CHANGES) !== 0 ? CHANGES : (bits & CASE_FOLDS) !== 0 ? FOLDS : STABLE) << 1;
}

function classOf(char: string): number {
  return /\p{L}/u.test(char) ? LETTER : /\p{M}/u.test(char) ? MARK : /\p{N}/u.test(char) ? NUMBER : OTHER;
}

/** Code units of the code point at `at` (2 for a surrogate pair). */
function width(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** Where the next token starts at or after `from` (a letter, mark or number), or -1. */
function nextTokenStart(text: string, from: number): number {
  for (let at = from; at < text.length; at += width(text, at)) if (charClass(text, at) !== OTHER) return at;
  return -1;
}

/**
 * The end of the token starting at `start` (the expression's first alternative that matches there,
 * taken greedily); with `spaceGroups`, a number's thousands groups written after spaces are part of
 * it (spaceGroupsEnd).
 */
function tokenEnd(text: string, start: number, spaceGroups = false): number {
  return Math.floor(tokenSpan(text, start, spaceGroups) / SPAN_END);
}

/** tokenSpan's parts: the end times SPAN_END, plus SPAN_SEPARATOR and the case state shifted by one (SPAN_CASE). */
const SPAN_END = 8;
const SPAN_SEPARATOR = 1;
const SPAN_CASE = 6;

/**
 * tokenEnd × SPAN_END, plus SPAN_SEPARATOR when the token holds a separator (a dot, comma,
 * apostrophe or space: the only characters of a token outside the letter, mark and number classes,
 * and all cleanToken rewrites), so that most tokens skip cleanToken's scan; for a word without
 * one, plus caseState of its characters shifted by one (read in the same scan; 0 otherwise), so
 * that the tokenizer's second pass need not scan it again.
 */
function tokenSpan(text: string, start: number, spaceGroups: boolean): number {
  const first = charClass(text, start);
  const n = text.length;
  if (first === NUMBER) {
    const digits = skipClass(text, start, NUMBER, NUMBER);
    let at = spaceGroups ? spaceGroupsEnd(text, start, digits) : digits;
    for (;;) {
      const sep = text.charCodeAt(at);
      if ((sep !== 46 && sep !== 44) || at + 1 >= n || charClass(text, at + 1) !== NUMBER) return SPAN_END * at + (at === digits ? 0 : SPAN_SEPARATOR);
      at = skipClass(text, at + 1, NUMBER, NUMBER);
    }
  }
  if (first === LETTER) {
    // (?:\p{L}\.){2,}
    let at = start;
    let pairs = 0;
    while (at < n && charClass(text, at) === LETTER) {
      const next = at + width(text, at);
      if (text.charCodeAt(next) !== 46 || next >= n) break;
      pairs += 1;
      at = next + 1;
    }
    if (pairs >= 2) return SPAN_END * at + SPAN_SEPARATOR;
  }
  // [\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*, the case bits of its characters or'ed on the way,
  // ending where a letter or number of the other kind of script begins (isUnspacedChar).
  let cased = caseBitsAt(text, start);
  const unspaced = isUnspacedChar(text.charCodeAt(start));
  let at = start + width(text, start);
  while (at < n) {
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdfff) {
      if (charClass(text, at) === OTHER) break;
      cased |= CASE_CHANGES;
      at += width(text, at);
      continue;
    }
    const known = BMP_CLASSES[code] as number;
    const entry = known !== 0 ? known : bmpEntry(code);
    const cls = entry & CLASS_BITS;
    if (cls === OTHER) break;
    if (cls !== MARK && isUnspacedChar(code) !== unspaced) break;
    cased |= entry;
    at += 1;
  }
  const plain = at;
  for (;;) {
    const quote = text.charCodeAt(at);
    if ((quote !== 39 && quote !== 0x2019) || at + 1 >= n || charClass(text, at + 1) !== LETTER) return SPAN_END * at + (at === plain ? spanCase(cased) : SPAN_SEPARATOR);
    at = skipClass(text, at + 1, LETTER, LETTER);
  }
}

/**
 * Whether a code unit is of a script written without spaces (isUnspacedScript), or of the CJK
 * symbols block (々, 〆, 〇: letters inside Chinese and Japanese words). A word never runs from such
 * characters into letters or digits of other scripts: Chinese and Japanese write figures and Latin
 * names inside their runs ("增长2.2%", "GDP增长", "iPhone15发布"), and read as one word with them
 * the figure was lost ("2", "2": the separator ended the word there) and the name was glued to its
 * neighbours ("gdp增长5"). Marks and astral code points never end a word (as before).
 */
function isUnspacedChar(code: number): boolean {
  return code >= 0x0e00 && ((code >= 0x3000 && code <= 0x303f) || isUnspacedScript(code));
}

/**
 * Languages whose numbers group thousands with a space (CLDR's grouping separator, as
 * Intl.NumberFormat(language) writes 12345: a no-break or narrow no-break space): "1 000", "12 500".
 * normalizeText has made every such space a plain one (NFKC), so the tokenizer read two numbers,
 * "12" and "500", each weighed ×4 as a figure and neither meeting "12,500" or "12.500" elsewhere.
 */
const SPACE_GROUPING_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'pl', 'ru', 'uk', 'be', 'cs', 'sk', 'sv', 'nb', 'nn', 'no', 'fi', 'bg', 'hu', 'et', 'lt', 'lv', 'kk']);

/**
 * Where a number with thousands groups after single spaces ends ("1 000", "12 500", "1 059 000"),
 * given the end of its first digits (`leadEnd`); `leadEnd` when it has none. A space between two
 * numbers is far more often just a space ("in 2020 100 people", telephone numbers "801 20 30",
 * "+41 21 924 3820", "450 583-3303"), so only the strict form joins: 1–3 digits not starting with
 * 0 and not themselves after a number and a space or after + - / . , : (a name's figure, a phone
 * prefix, a decimal), then groups of exactly three ASCII digits; a run that goes on with a space
 * and another number, or a hyphen and a number, is left as it was.
 */
function spaceGroupsEnd(text: string, start: number, leadEnd: number): number {
  if (leadEnd - start > 3 || text.charCodeAt(start) === 48 || !isAsciiDigit(text.charCodeAt(start)) || text.charCodeAt(leadEnd) !== 32) return leadEnd;
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before === 43 || before === 45 || before === 47 || before === 46 || before === 44 || before === 58 || before === 0x2010 || before === 0x2011) return leadEnd;
    if (before === 32 && start > 1 && charClass(text, start - 2) === NUMBER) return leadEnd;
  }
  let at = leadEnd;
  while (text.charCodeAt(at) === 32 && isAsciiDigit(text.charCodeAt(at + 1)) && isAsciiDigit(text.charCodeAt(at + 2)) && isAsciiDigit(text.charCodeAt(at + 3)) && !(at + 4 < text.length && charClass(text, at + 4) === NUMBER)) at += 4;
  if (at === leadEnd) return leadEnd;
  const after = text.charCodeAt(at);
  if ((after === 32 || after === 45 || after === 0x2010 || after === 0x2011) && at + 1 < text.length && charClass(text, at + 1) === NUMBER) return leadEnd;
  return at;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The end of the run of `a` or `b` code points starting at `at`. */
function skipClass(text: string, at: number, a: number, b: number): number {
  let end = at;
  while (end < text.length) {
    const cls = charClass(text, end);
    if (cls !== a && cls !== b) break;
    end += width(text, end);
  }
  return end;
}

/** The alias starting at raw[at] (longest first); `before`: the raw token before it (undefined at the start). */
function matchAlias(raw: string[], at: number, aliases: AliasTable, before: string | undefined): { canonical: string; length: number } | null {
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
    if (phrase.caseSensitive && isShouting(before, raw[at + phrase.tokens.length])) continue;
    return { canonical: phrase.canonical, length: phrase.tokens.length };
  }
  return null;
}

function isShouting(before: string | undefined, after: string | undefined): boolean {
  const neighbours = [before, after].filter((w): w is string => w !== undefined);
  return neighbours.some((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w));
}
