import { crossLanguageKey, isFigureOrAlias } from './cognates.js';
import { stopWordsFor } from './stop-words.js';
import type { TermReader } from './story-vector.js';
import { scriptOfLanguage } from './text-scripts.js';
import { stripSpanishEndings } from './spanish-endings.js';
import { stripTurkishSuffixes } from './turkish-suffixes.js';

/**
 * Characters an inflected word keeps (truncation stemming: McNamee, Nicholas & Mayfield 2009 found
 * 5-character prefixes about as good as Snowball stemmers across European languages, at the cost
 * of a slice). Measured on the multilingual dev pairs, F1 (no truncation → 5): de 0.645 → 0.767,
 * pl 0.535 → 0.714, es 0.825 → 0.842, fr 0.769 → 0.828; 6 and 7 keep less of that (de 0.746, 0.716).
 * English keeps whole words: truncating it cost ECB+ 0.011 pairwise F1 (0.914 → 0.903).
 */
const PREFIX_CHARS = 5;

/**
 * Languages whose words meet at fewer characters. Polish: its declension alternates the stem's last
 * consonants and vowels (Polska / Polsce, Rosja / Rosji, Kraków / Krakowie), which the fifth
 * character often holds. Measured on the dev pairs (5 → 4 characters, 5 shuffles): pl F1 0.701 →
 * 0.754 (P 0.80 → 0.77, R 0.63 → 0.74), on each half of the pairs 0.684 → 0.726 and 0.722 → 0.792;
 * 3 characters and rules for the alternations alone (sce → sk, ce → k) did not help. Its reports
 * still meet other languages at 5 characters (crossTerm).
 */
const PREFIX_CHARS_OF: Readonly<Record<string, number>> = { pl: 4 };

/**
 * Languages where a capital letter says less about a name, so names and capitalised words weigh no
 * more than common words do (StoryTuning.entityWeight is the rest's). Turkish capitalises titles and
 * offices with the name they belong to ("Belediye Başkanı", "Sağlık Bakanlığı", "Valiliği"):
 * 21 % of Turkish tokens are capitalised inside a sentence against 17 % English, 15 % Spanish and
 * 14 % Polish, and its most frequent "names" are those offices. Its dev pairs of one town, one
 * mayor or one minister and two different events linked through them: entity weight 2 → 1, tr F1
 * 0.663 → 0.712 (P 0.52 → 0.60), on each half of the pairs 0.743 → 0.779 and 0.548 → 0.609.
 * The same change for Spanish, French, Polish, Arabic and German together moved them by −0.017 to
 * +0.06 and English lost de–en links (0.685 → 0.571): only Turkish is listed. Turkish goes below
 * common words (0.75): with the offices counted like any word, a shared town or office still
 * outweighs the event's own words (oracle best-bar F1 on its pairs 0.758 → 0.774 at weight 0.5).
 * Measured (5 shuffles, seeds 1-5 / 6-10): tr F1 at 1 0.723 / 0.721, at 0.75 0.748 / 0.739 (each
 * half of the pairs 0.725 → 0.757, 0.722 → 0.739 / 0.722 → 0.723, 0.720 → 0.753), 0.6 0.747 /
 * 0.742 (a half 0.722 → 0.709 on seeds 6-10), 0.5 0.738 (a half 0.725 → 0.711).
 */
const ENTITY_WEIGHT_OF: Readonly<Record<string, number>> = { tr: 0.75 };

/**
 * How much more alike two reports of one event in a language are than their cosine says, where
 * its words meet less often than English ones do: German compounds (Verkehrsunfall / Unfall,
 * Landesregierung / Regierung) and Arabic's templatic forms keep reports of one event further
 * apart, while the link and story bars (StoryTuning) were set on English. Measured without
 * labels: the median cosine between the two halves of one article (both halves report the same
 * event; 1,435 multilingual dev articles, halves of 30+ tokens, per-language idf) is en 0.209,
 * de 0.184, ar 0.205, es 0.210, pl 0.226, tr 0.236; the factor is English's over the language's,
 * only where that is above 1 (lowering Turkish and Polish, 0.89 and 0.92, cost them more same-story
 * pairs than it saved: tr 0.723 -> 0.725 with pl 0.754 -> 0.743). Dev pairs, 5 shuffles: de F1
 * 0.771 -> 0.800 (each half of the pairs 0.784 -> 0.797, 0.759 -> 0.803), ar 0.655 -> 0.678.
 */
const SIMILARITY_SCALE_OF: Readonly<Record<string, number>> = { de: 0.209 / 0.184, ar: 0.209 / 0.205 };

/** The factor on the similarity of two articles both in `language` (1 for most; see SIMILARITY_SCALE_OF). */
export function similarityScaleOf(language: string): number {
  return SIMILARITY_SCALE_OF[language] ?? 1;
}

/**
 * Languages whose words lose their endings by rule instead of being cut to a prefix (their reports
 * still meet other languages at 5 characters, crossTerm). Turkish (turkish-suffixes.ts): a 5-letter
 * prefix joins different words (başkan mayor / başka other) and keeps a long stem's endings apart.
 * Oracle pair separation (AUC of the cosine, Turkish dev pairs) 0.914 → 0.913 unstemmed, 0.919 / 0.928 /
 * 0.927 stemmed and cut at 5 / 6 / 7; clustered, 5 shuffles (seeds 1-5 / 6-10), with names at 0.75:
 * tr F1 0.748 / 0.739 → stemmed and cut at 5, 6, 7: 0.731, 0.739, 0.749; stemmed, uncut: 0.769 / 0.757
 * (halves of the pairs 0.757 → 0.754 and 0.739 → 0.781 / 0.723 → 0.727 and 0.753 → 0.781).
 * Spanish (spanish-endings.ts, Savoy's light stemmer): a 5-letter prefix joined words of one family
 * (provincia / provisional, ministro / ministerio), so reports of other events in one province or
 * ministry linked; Spanish inflects its nouns and adjectives by a final vowel and -s / -es only.
 * Dev pairs, seeds 1-5 / 6-10 / 11-15: es F1 0.845 / 0.848 / 0.857 → 0.862 / 0.861 / 0.864, every
 * half of the pairs up (notes, pass 7); overall 0.796 / 0.793 / 0.792 → 0.799 / 0.794 / 0.793.
 */
const STEMMER_OF: Readonly<Record<string, (word: string) => string>> = { tr: stripTurkishSuffixes, es: stripSpanishEndings };

const readers = new Map<string, TermReader>();

/**
 * How tokens of a language become vector terms, built once per language: its stop list, then
 * a normalization that makes inflected forms of one word meet (docs/notes/stories.md):
 * - letters folded to their base (Erdoğan → erdogan, Köln → koln), in every language;
 * - Turkish suffixes after an apostrophe dropped (Erdoğan'ın → erdogan), then its inflectional
 *   endings stripped (belediyesinde, belediyesi → beledi; turkish-suffixes.ts);
 * - Arabic clitics and suffixes stripped (light10, Larkey, Ballesteros & Connell 2002: والحكومة → حکوم);
 * - words of other inflected languages (Latin, Cyrillic or Greek script, not English) cut to their
 *   first 5 characters (Polish 4), so German compounds and cases and Polish endings meet.
 * Figures and alias tokens are never cut.
 */
export function termReaderFor(language: string): TermReader {
  let reader = readers.get(language);
  if (reader === undefined) {
    const script = scriptOfLanguage(language);
    const truncate = language !== 'en' && language !== 'und' && (script === 'latin' || script === 'cyrillic' || script === 'greek');
    const arabic = language === 'ar';
    const latinCross = truncate && script === 'latin';
    const prefix = PREFIX_CHARS_OF[language] ?? PREFIX_CHARS;
    const stemmer = STEMMER_OF[language];
    const cut = (token: string, chars: number): string => {
      const term = nameKey(token);
      if (arabic) return stripArabicAffixes(term);
      return truncate && term.length > chars && !isFigureOrAlias(term) ? term.slice(0, chars) : term;
    };
    const stem = (token: string): string => {
      const term = nameKey(token);
      return isFigureOrAlias(term) || stemmer === undefined ? term : stemmer(term);
    };
    reader = {
      stopWords: stopWordsFor(language),
      name: nameKey,
      term: stemmer === undefined ? (token: string): string => cut(token, prefix) : stem,
      // Latin-script languages meet English on cognate-folded keys (cognates.ts), whatever their own terms are.
      ...(latinCross ? { crossTerm: (token: string): string => crossLanguageKey(nameKey(language === 'de' ? germanLoanVowels(token) : token)) } : prefix === PREFIX_CHARS && stemmer === undefined ? {} : { crossTerm: (token: string): string => cut(token, PREFIX_CHARS) }),
      ...(language === 'de' ? { crossTermVariant: germanUmlautKey } : {}),
      ...(ENTITY_WEIGHT_OF[language] === undefined ? {} : { entityWeight: ENTITY_WEIGHT_OF[language] }),
    };
    readers.set(language, reader);
  }
  return reader;
}

/**
 * German writes the e of Latin and Greek loans as ä or ö (Präsident / president, Ägypten / Egypt,
 * Phänomen / phenomenon, Ökonomie / economy, Föderation / federation); for its cross-language keys
 * only (its own terms fold them to a and o, as nameKey does). Measured on the dev pairs, 5 shuffles:
 * de–en F1 0.705 → 0.713 (halves 0.744 → 0.759, 0.667 → 0.667), seeds 6-10 unchanged, nothing else moved.
 * Names and native words keep their own vowel in English text (Söder, Höcke, Schäuble, Björn, Hände
 * / hands): germanUmlautKey gives those a second key.
 */
function germanLoanVowels(token: string): string {
  return token.includes('ä') || token.includes('ö') ? token.replace(/[äö]/g, 'e') : token;
}

/**
 * The second cross-language key of a German word with ä or ö: the letters folded as nameKey folds
 * them (Söder → soder, as English "Söder" reads), beside the loan key of germanLoanVowels (seder).
 * Which of the two a word needs cannot be told from the word: a capital does not tell a name from a
 * noun in German (Präsident is flagged as a name at 98 % of its occurrences), and the loan contexts
 * (prä-, phä-, ök-, föd- …) recur inside words (repräsentieren, Konföderation, Tragödie, Palästina).
 * Measured on the dev pairs, de–en F1 (halves) with seeds 1-5 / 6-10 / 11-15: loan key only 0.713
 * (0.759 / 0.667) / 0.689 (0.727 / 0.649) / 0.711 (0.753 / 0.667); both keys 0.718 (0.769 / 0.667)
 * / 0.707 (0.763 / 0.649) / 0.725 (0.779 / 0.667); overall 0.791 / 0.789 → 0.790 / 0.791, the rest
 * equal. Tried: the folded key for capitalised words only (= no loan key: 0.705), the loan key only
 * at the start of a word (prä-, phä-, päd-, ä[gq], äth, äst, ök, öd, föd-: 0.713 / 0.697 / 0.720),
 * both keys at half weight (0.713), a third, transliterated key (ä → ae: Schaefer, Muenchen; 0.702 /
 * 0.698 / 0.712, half B 0.667 → 0.649: a third key dilutes the vector).
 */
function germanUmlautKey(token: string): string | undefined {
  return token.includes('ä') || token.includes('ö') ? crossLanguageKey(nameKey(token)) : undefined;
}

/**
 * The language-neutral form of a name or figure, the key on which reports in different languages
 * meet: letters folded to their base (diacritics, ı, ł, ø, đ) and a suffix after an apostrophe
 * dropped ("Erdoğan'ın", "Ankara'da", "l'Élysée" keeps its name part).
 */
export function nameKey(token: string): string {
  // One scan finds the apostrophes and the non-ASCII code units, where two indexOf calls and an
  // ASCII scan of the key read the token up to three times (nameKey runs for every distinct token
  // of a Latin-script article: ~0.5 % of the story stage's profile).
  let straight = -1;
  let curly = -1;
  let firstWide = -1;
  let lastWide = -1;
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code < 0x80) {
      if (code === 39 && straight < 0) straight = i;
      continue;
    }
    if (code === 0x2019 && curly < 0) curly = i;
    if (firstWide < 0) firstWide = i;
    lastWide = i;
  }
  // The first straight apostrophe, else the first curly one.
  const apostrophe = straight >= 0 ? straight : curly;
  if (apostrophe <= 0) return firstWide < 0 ? token : foldLetters(token);
  if (apostrophe <= 2 || isElision(token, apostrophe)) return lastWide <= apostrophe ? token.slice(apostrophe + 1) : foldLetters(token.slice(apostrophe + 1));
  return firstWide < 0 || firstWide >= apostrophe ? token.slice(0, apostrophe) : foldLetters(token.slice(0, apostrophe));
}

/**
 * Italian and French words of more than two letters that elide before a vowel or h and hang on the
 * next word: "dell'Onu", "sull'incidente", "all'ospedale", "quest'anno", "jusqu'à", "lorsqu'il".
 * Their word is the part after the apostrophe; read as a suffix (as Turkish "Ankara'da" is), the
 * noun was dropped and the preposition kept ("dell'onu" → "dell"), in every such phrase.
 */
const ELISIONS: ReadonlySet<string> = new Set([
  'all', 'dall', 'dell', 'nell', 'sull', 'coll', 'pell', 'quell', 'quest', 'bell', 'tutt', 'sant', 'nessun', 'buon', 'senz',
  'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu', 'quelqu',
]);
const ELIDED_BEFORE = 'aeiouhàâäèéêëìîïíòóôöùúûü';

/** Whether `token`'s apostrophe at `at` (3–6) ends an elided word of ELISIONS before a vowel or h. */
function isElision(token: string, at: number): boolean {
  return at <= 6 && at + 1 < token.length && ELIDED_BEFORE.includes(token.charAt(at + 1)) && ELISIONS.has(token.slice(0, at));
}

/**
 * Latin letters folded to their base letter; other scripts are left as they are. The text is
 * copied in runs between the code units that change (FOLDED_LETTERS, combining marks dropped),
 * where each character was appended alone and each accented one normalized on the spot; most
 * non-ASCII tokens (Arabic, Cyrillic, Chinese) hold none and are returned as they are. Code units
 * suffice: every code unit that changes is a BMP character, and a surrogate pair is copied whole.
 */
function foldLetters(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x00c0 || code > 0x036f || (code > 0x024f && code < 0x0300)) continue;
    out += code >= 0x0300 ? text.slice(from, i) : text.slice(from, i) + (FOLDED_LETTERS[code - 0x00c0] as string);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const SPECIAL_FOLDS: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };

/** The folded form of each code unit from U+00C0 to U+024F (Latin-1 to Latin Extended-B): its special fold, else its base letters without combining marks. */
const FOLDED_LETTERS: readonly string[] = Array.from({ length: 0x0250 - 0x00c0 }, (_, i) => {
  const ch = String.fromCharCode(0x00c0 + i);
  return SPECIAL_FOLDS[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
});

// Written in folded form (normalize-text.ts: ي → ی, ك → ک).
const ARABIC_ARTICLES = ['وال', 'بال', 'کال', 'فال', 'لل', 'ال'];
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ین', 'یه', 'یة', 'ه', 'ة', 'ی'];

/**
 * Light10 (Larkey et al.): "and" (و) when 3 letters stay, then one definite article with its
 * preposition, then suffixes right to left while 2 letters stay. Measured: Arabic dev pairs F1
 * 0.414 → 0.620-0.658 together with the per-language document frequencies.
 */
function stripArabicAffixes(word: string): string {
  let w = word;
  if (w.length >= 4 && w.startsWith('و')) w = w.slice(1);
  for (const article of ARABIC_ARTICLES) {
    if (w.startsWith(article) && w.length - article.length >= 2) {
      w = w.slice(article.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) if (w.endsWith(suffix) && w.length - suffix.length >= 2) w = w.slice(0, -suffix.length);
  return w;
}
