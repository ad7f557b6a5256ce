/**
 * Savoy's light stemmer for Spanish (J. Savoy, "Report on CLEF-2001 Experiments"; the rules of
 * Lucene's SpanishLightStemmer), on folded words (term-forms.ts folds á → a, ñ → n first): words of
 * 5+ letters lose the gender vowel -o / -a / -e or the plural -os / -as / -es, "-ces" becomes "-z"
 * (veces / vez) and "-eses" loses its "-es" (meses / mes). Inflection only: words of one family
 * with other endings stay apart (provincia / provisional, ministro / ministerio, municipio /
 * municipal), where a 5-letter prefix joined them and linked reports of other events in one region
 * or office. Verbs keep their endings.
 */
export function stripSpanishEndings(word: string): string {
  const n = word.length;
  if (n < 5) return word;
  const last = word.charCodeAt(n - 1);
  if (last === O || last === A || last === E) return word.slice(0, n - 1);
  if (last !== S) return word;
  const before = word.charCodeAt(n - 2);
  if (before === E && word.charCodeAt(n - 3) === S && word.charCodeAt(n - 4) === E) return word.slice(0, n - 2);
  if (before === E && word.charCodeAt(n - 3) === C) return `${word.slice(0, n - 3)}z`;
  if (before === O || before === A || before === E) return word.slice(0, n - 2);
  return word;
}

const A = 97;
const C = 99;
const E = 101;
const O = 111;
const S = 115;
