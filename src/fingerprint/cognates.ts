/**
 * The key on which a word meets other languages' words in cross-language vectors (cross-language.ts):
 * its first 5 characters, as inflected languages' terms are cut (term-forms.ts), after the
 * spellings that European languages give one borrowed word are brought together: Koalition /
 * coalition, Polizei / police, Kontrollen / controls, Kandidat / candidate, Demokraten / democrats,
 * koronawirus / coronavirus, Philippinen / Philippines, Zentrum / centre. Reports of one event in
 * two languages share such words beside names and figures; cut to 5 characters without this they
 * met only where the spelling agreed.
 */
const CROSS_PREFIX_CHARS = 5;

/**
 * The cross-language key of a term (folded as term-forms.ts nameKey folds it): figures and alias
 * tokens as they are; words of the letters a–z cognate-folded, then cut to 5 characters; other
 * words (other scripts, letters nameKey leaves, such as ß) only cut.
 */
export function crossLanguageKey(term: string): string {
  if (isFigureOrAlias(term)) return term;
  if (isAsciiWord(term)) return cognateFold(term, CROSS_PREFIX_CHARS);
  return term.length > CROSS_PREFIX_CHARS ? term.slice(0, CROSS_PREFIX_CHARS) : term;
}

/**
 * One spelling for the letters that European languages write differently in a shared word:
 * c before e, i or y → s and any other c → k (ch is kept: China, Chemie), ck → k, z → s, ph → f,
 * th → t, sch → sh, w → v, y → i, a doubled letter once. Lower-case a–z in, a–z out; at most
 * `limit` characters of it (the same as folding all and cutting, without folding the rest).
 */
export function cognateFold(word: string, limit = Infinity): string {
  // On code units in a reused array, the string made once at the end (building it a letter at a
  // time made a string per letter, and `endsWith` compared them): the same steps as folding letter
  // by letter, "sh" and "ch" as two units whose repeat is checked as a pair.
  const length = word.length;
  if (length + 2 > foldCodes.length) foldCodes = new Uint16Array(2 * (length + 2));
  const out = foldCodes;
  let size = 0;
  for (let i = 0; i < length && size < limit; i += 1) {
    let ch = word.charCodeAt(i);
    let second = -1;
    const next = i + 1 < length ? word.charCodeAt(i + 1) : -1;
    if (ch === S && next === C && i + 2 < length && word.charCodeAt(i + 2) === H) {
      second = H;
      i += 2;
    } else if (ch === C) {
      if (next === H) {
        second = H;
        i += 1;
      } else if (next === K) {
        ch = K;
        i += 1;
      } else ch = next === E || next === I || next === Y ? S : K;
    } else if ((ch === P || ch === T) && next === H) {
      ch = ch === P ? F : T;
      i += 1;
    } else if (ch === Z) ch = S;
    else if (ch === W) ch = V;
    else if (ch === Y) ch = I;
    if (second < 0) {
      if (size > 0 && out[size - 1] === ch) continue;
      out[size] = ch;
      size += 1;
    } else {
      if (size > 1 && out[size - 2] === ch && out[size - 1] === second) continue;
      out[size] = ch;
      out[size + 1] = second;
      size += 2;
    }
  }
  return codesToString(out, size > limit ? limit : size);
}

/** cognateFold's output, reused (grown as longer words come). */
let foldCodes = new Uint16Array(32);
const [C, E, F, H, I, K, P, S, T, V, W, Y, Z] = [...'cefhikpstvwyz'].map((letter) => letter.charCodeAt(0)) as [number, number, number, number, number, number, number, number, number, number, number, number, number];

/** The first `size` code units of `codes` as a string (short keys made by one call). */
function codesToString(codes: Uint16Array, size: number): string {
  switch (size) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(codes[0] as number);
    case 2:
      return String.fromCharCode(codes[0] as number, codes[1] as number);
    case 3:
      return String.fromCharCode(codes[0] as number, codes[1] as number, codes[2] as number);
    case 4:
      return String.fromCharCode(codes[0] as number, codes[1] as number, codes[2] as number, codes[3] as number);
    case 5:
      return String.fromCharCode(codes[0] as number, codes[1] as number, codes[2] as number, codes[3] as number, codes[4] as number);
    default: {
      let out = '';
      for (let at = 0; at < size; at += 1024) out += String.fromCharCode(...codes.subarray(at, Math.min(size, at + 1024)));
      return out;
    }
  }
}

function isAsciiWord(term: string): boolean {
  for (let i = 0; i < term.length; i += 1) {
    const code = term.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return term.length > 0;
}

/** A figure (starts with a digit) or an alias's canonical token (has an underscore): kept whole in every form. */
export function isFigureOrAlias(term: string): boolean {
  const first = term.charCodeAt(0);
  return (first >= 48 && first <= 57) || term.includes('_');
}
