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
  let out = '';
  for (let i = 0; i < word.length && out.length < limit; i += 1) {
    let ch = word[i] as string;
    const next = word[i + 1] ?? '';
    if (ch === 's' && next === 'c' && word[i + 2] === 'h') {
      ch = 'sh';
      i += 2;
    } else if (ch === 'c') {
      if (next === 'h') {
        ch = 'ch';
        i += 1;
      } else if (next === 'k') {
        ch = 'k';
        i += 1;
      } else ch = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
    } else if ((ch === 'p' || ch === 't') && next === 'h') {
      ch = ch === 'p' ? 'f' : 't';
      i += 1;
    } else if (ch === 'z') ch = 's';
    else if (ch === 'w') ch = 'v';
    else if (ch === 'y') ch = 'i';
    if (out.endsWith(ch)) continue;
    out += ch;
  }
  return out.length > limit ? out.slice(0, limit) : out;
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
