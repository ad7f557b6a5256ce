/**
 * Cheap necessary conditions for a line pattern, read from the pattern's own source: the longest line it can
 * match (a pattern anchored at both ends, or one whose leading look-ahead is), and sets of strings each of which
 * every match must draw on (`comment` or `kommentar`, and a `:`). A line failing one cannot match, so the regex
 * need not run. Most line patterns fail at their first character and are left alone; the few that scan
 * (`^.{0,120}\b(?:comments?|…)…`, `^(?=.{0,300}$).*\b…`) cost 1–3 µs on each paragraph-long line, and a missing
 * word or a line too long settles them for a fraction of that.
 *
 * The reader understands the syntax our patterns use (groups, alternation, classes, escapes, quantifiers,
 * anchors, look-arounds); anything else (back-references, named groups, unusual escapes) yields no hint and the
 * regex simply runs. Case-insensitive needles keep only ASCII characters, whose case variants `toLowerCase` folds
 * the way the regex does (with the `u` flag `ſ` also matches `s`: such lines skip the needle test).
 */
export interface PatternHint {
  /** Longest line the pattern can match (code points with the `u` flag, code units without); Infinity when unbounded. */
  maxLength: number;
  /** Each set: every match holds one of its strings (lower-cased when the pattern ignores case). Empty: no needle test. */
  needles: ReadonlyArray<readonly string[]>;
  /** The needles are to be found in the lower-cased line. */
  caseless: boolean;
  unicode: boolean;
}

const NO_HINT: PatternHint = { maxLength: Infinity, needles: [], caseless: false, unicode: false };
/** A set of more needles than this costs more to search than the regex it would spare. */
const MAX_NEEDLES = 6;
const hints = new WeakMap<RegExp, PatternHint>();

/** The pattern's hint (computed once per RegExp object). */
export function readPatternHint(re: RegExp): PatternHint {
  let hint = hints.get(re);
  if (hint === undefined) {
    hint = computeHint(re);
    hints.set(re, hint);
  }
  return hint;
}

/** A line as the hints read it, its lower-cased form made once when a case-insensitive needle first asks. */
export class HintedLine {
  private folded: string | null = null;

  constructor(readonly line: string) {}

  get lower(): string {
    this.folded ??= this.line.toLowerCase();
    return this.folded;
  }

  /** False when the line holds `ſ`, which a `u`+`i` pattern matches as `s` but `toLowerCase` keeps. */
  get foldSafe(): boolean {
    return !this.line.includes('\u017F');
  }

  /** The line's length in code points (what `u` patterns count). */
  get codePoints(): number {
    this.points ??= codePointLength(this.line);
    return this.points;
  }

  private points: number | null = null;
}

/** True when the hint can ever rule a line out (otherwise only the regex decides). */
export function isUseful(hint: PatternHint): boolean {
  return hint.maxLength !== Infinity || hint.needles.length > 0;
}

/** False when the pattern cannot match the line; true when it may (the regex decides). */
export function mayMatch(hint: PatternHint, subject: HintedLine): boolean {
  const line = subject.line;
  if (line.length > hint.maxLength && (!hint.unicode || subject.codePoints > hint.maxLength)) return false;
  const sets = hint.needles;
  if (sets.length === 0 || (hint.caseless && hint.unicode && !subject.foldSafe)) return true;
  const haystack = hint.caseless ? subject.lower : line;
  for (let s = 0; s < sets.length; s++) {
    const needles = sets[s] as readonly string[];
    let found = false;
    for (let i = 0; i < needles.length && !found; i++) found = haystack.includes(needles[i] as string);
    if (!found) return false;
  }
  return true;
}

// ---- reading the pattern ----

interface Term {
  node: PatternNode;
  min: number;
  max: number;
}
type PatternNode =
  | { kind: 'alt'; options: Term[][] }
  | { kind: 'char'; ch: string }
  | { kind: 'set' }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'boundary' }
  | { kind: 'look'; positive: boolean; ahead: boolean; body: PatternNode };

class Unsupported extends Error {}

function computeHint(re: RegExp): PatternHint {
  const unicode = re.flags.includes('u');
  const caseless = re.flags.includes('i');
  if (re.flags.includes('v') || re.flags.includes('m') || re.flags.includes('s')) return NO_HINT;
  let root: PatternNode;
  try {
    root = new SourceReader(re.source, unicode).read();
  } catch (error) {
    if (error instanceof Unsupported) return NO_HINT;
    throw error;
  }
  const needles = scansFromStart(root) ? requiredSets(root, caseless) : [];
  return { maxLength: lineBound(root), needles, caseless, unicode };
}

class SourceReader {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  read(): PatternNode {
    const node = this.disjunction();
    if (this.at !== this.source.length) throw new Unsupported();
    return node;
  }

  private disjunction(): PatternNode {
    const options: Term[][] = [this.alternative()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.alternative());
    }
    return { kind: 'alt', options };
  }

  private alternative(): Term[] {
    const terms: Term[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const node = this.atom();
      const [min, max] = this.quantifier();
      // A quantified assertion (legal for look-aheads outside `u` mode) may be skipped: not worth reading.
      if ((min !== 1 || max !== 1) && (node.kind === 'start' || node.kind === 'end' || node.kind === 'boundary' || node.kind === 'look')) throw new Unsupported();
      terms.push({ node, min, max });
    }
    return terms;
  }

  private atom(): PatternNode {
    const c = this.source[this.at++] as string;
    if (c === '^') return { kind: 'start' };
    if (c === '$') return { kind: 'end' };
    if (c === '.') return { kind: 'set' };
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    if ('*+?{}])'.includes(c) || (this.unicode && c >= '\uD800' && c <= '\uDFFF')) throw new Unsupported();
    return { kind: 'char', ch: c };
  }

  private group(): PatternNode {
    let look: { positive: boolean; ahead: boolean } | null = null;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) {
      look = { positive: this.source[this.at + 1] === '=', ahead: true };
      this.at += 2;
    } else if (this.source.startsWith('?<=', this.at) || this.source.startsWith('?<!', this.at)) {
      look = { positive: this.source[this.at + 2] === '=', ahead: false };
      this.at += 3;
    } else if (this.source[this.at] === '?') throw new Unsupported();
    const body = this.disjunction();
    if (this.source[this.at] !== ')') throw new Unsupported();
    this.at++;
    return look === null ? body : { kind: 'look', ...look, body };
  }

  private characterClass(): PatternNode {
    if (this.source[this.at] === '^') this.at++;
    // A `]` right after `[` or `[^` is a literal only outside `u` mode; the reader leaves such classes alone.
    if (this.source[this.at] === ']') throw new Unsupported();
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      if (this.source[this.at] === '[' && this.unicode) throw new Unsupported();
      this.at += this.source[this.at] === '\\' ? 2 : 1;
    }
    if (this.at >= this.source.length) throw new Unsupported();
    this.at++;
    return { kind: 'set' };
  }

  private escape(): PatternNode {
    const c = this.source[this.at++];
    if (c === undefined) throw new Unsupported();
    if (c === 'b' || c === 'B') return { kind: 'boundary' };
    if ('dDwWsS'.includes(c)) return { kind: 'set' };
    if (c === 'p' || c === 'P') {
      if (!this.unicode || this.source[this.at] !== '{') throw new Unsupported();
      const close = this.source.indexOf('}', this.at);
      if (close < 0) throw new Unsupported();
      this.at = close + 1;
      return { kind: 'set' };
    }
    if (/[0-9A-Za-z]/.test(c)) throw new Unsupported();
    return { kind: 'char', ch: c };
  }

  private quantifier(): [number, number] {
    const c = this.source[this.at];
    let range: [number, number] | null = null;
    if (c === '*') range = [0, Infinity];
    else if (c === '+') range = [1, Infinity];
    else if (c === '?') range = [0, 1];
    if (range !== null) this.at++;
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at));
      if (m === null) throw new Unsupported();
      const min = Number(m[1]);
      range = [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])];
      this.at += m[0].length;
    } else return [1, 1];
    if (this.source[this.at] === '?') this.at++;
    return range;
  }
}

// ---- what the pattern tells about a line ----

// Longest text a node can match (one unit per character or class: code points in `u` mode, code units otherwise).
function maxLengthOf(node: PatternNode): number {
  switch (node.kind) {
    case 'char':
    case 'set':
      return 1;
    case 'alt': {
      let longest = 0;
      for (const option of node.options) longest = Math.max(longest, sequenceMax(option));
      return longest;
    }
    default:
      return 0;
  }
}

function sequenceMax(terms: readonly Term[]): number {
  let total = 0;
  for (const term of terms) {
    const one = maxLengthOf(term.node);
    if (one > 0 && term.max > 0) total += term.max === Infinity ? Infinity : one * term.max;
  }
  return total;
}

// The longest line the whole pattern can match: it must be anchored at the start, and either at the end too,
// or carry a look-ahead right after `^` that is (`^(?=.{0,300}$)…`).
function lineBound(root: PatternNode): number {
  if (root.kind !== 'alt' || root.options.length !== 1) return Infinity;
  const terms = root.options[0] as Term[];
  if (terms[0]?.node.kind !== 'start') return Infinity;
  let bound = terms[terms.length - 1]?.node.kind === 'end' ? sequenceMax(terms) : Infinity;
  for (let i = 1; i < terms.length; i++) {
    const node = (terms[i] as Term).node;
    if (node.kind !== 'look') break;
    if (!node.positive || !node.ahead || node.body.kind !== 'alt' || node.body.options.length !== 1) continue;
    const body = node.body.options[0] as Term[];
    if (body[body.length - 1]?.node.kind === 'end') bound = Math.min(bound, sequenceMax(body));
  }
  return bound;
}

// Anchored at `^`, and what follows is not a literal (optionally after short optional parts): such a pattern
// tries many positions in a long line before it fails (`^.{0,120}\b…`, `^(?=.{0,300}$).*…`). A pattern that
// must start with a word fails at once, and an unanchored one is searched for by the regex engine itself well.
function scansFromStart(root: PatternNode): boolean {
  if (root.kind !== 'alt' || root.options.length !== 1) return false;
  const terms = root.options[0] as Term[];
  return terms[0]?.node.kind === 'start' && !leadsWithLiteral(terms.slice(1));
}

function leadsWithLiteral(terms: readonly Term[]): boolean {
  for (const term of terms) {
    const node = term.node;
    if (term.min >= 1) return node.kind === 'char' || (node.kind === 'alt' && node.options.every((option) => leadsWithLiteral(option)));
    // Short optional parts ("(?:the )?", "\\(?") are tried once and dropped.
    if (term.max !== 1 || (node.kind !== 'char' && node.kind !== 'alt')) return false;
  }
  return false;
}

// Every set the whole pattern's sequence requires (all must be met), cheapest first: for a pattern of one
// sequence each required run of characters and each required group; for alternatives one set joining theirs.
function requiredSets(root: PatternNode, caseless: boolean): string[][] {
  if (root.kind !== 'alt') return [];
  return setsOf(root, caseless).filter((set) => set.length <= MAX_NEEDLES).map((set) => [...new Set(set)]).sort((a, b) => a.length - b.length || shortest(b) - shortest(a));
}

// The sets a node requires, all of them met by every match: a group of one sequence requires what the
// sequence does; a group of alternatives requires one set joining each alternative's best (the longest
// shortest needle, then the fewest needles); none when an alternative has none.
function setsOf(node: PatternNode, caseless: boolean): string[][] {
  if (node.kind === 'look') return node.positive && node.ahead ? setsOf(node.body, caseless) : [];
  if (node.kind !== 'alt') return [];
  if (node.options.length === 1) return sequenceSets(node.options[0] as Term[], caseless);
  const all: string[] = [];
  for (const option of node.options) {
    const sets = sequenceSets(option, caseless);
    if (sets.length === 0) return [];
    const best = sets.reduce((a, b) => (shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a));
    all.push(...best);
  }
  return [all];
}

// Each set a sequence requires: every run of characters met exactly once, each required group, each positive look-ahead.
function sequenceSets(terms: readonly Term[], caseless: boolean): string[][] {
  const sets: string[][] = [];
  const offer = (found: string[][]): void => {
    for (const set of found) if (set.length > 0 && shortest(set) > 0) sets.push(set);
  };
  let run = '';
  for (const term of terms) {
    const node = term.node;
    // Zero-width terms leave a run of characters contiguous.
    if (node.kind === 'start' || node.kind === 'end' || node.kind === 'boundary') continue;
    if (node.kind === 'look') {
      offer(setsOf(node, caseless));
      continue;
    }
    if (node.kind === 'char' && term.min >= 1 && usable(node.ch, caseless)) {
      run += caseless ? node.ch.toLowerCase() : node.ch;
      if (term.max === 1) continue;
    } else if (term.min >= 1) offer(setsOf(node, caseless));
    offer([[run]]);
    run = '';
  }
  offer([[run]]);
  return sets;
}

function shortest(set: readonly string[]): number {
  let n = Infinity;
  for (const s of set) n = Math.min(n, s.length);
  return n;
}

// Case-insensitive needles keep to ASCII, whose case variants are exactly what `toLowerCase` folds, and to
// characters without case (©, Arabic letters), which match only themselves.
function usable(ch: string, caseless: boolean): boolean {
  return !caseless || ch.charCodeAt(0) < 128 || (ch.toLowerCase() === ch && ch.toUpperCase() === ch);
}

function codePointLength(line: string): number {
  let n = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      const d = line.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
