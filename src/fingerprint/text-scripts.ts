/**
 * Writing systems, as far as the story stage needs them: which script a text is mostly written in
 * (a declared language must agree with it), and which scripts write words without spaces between
 * them (their runs go through a word segmenter).
 */
export type Script =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'arabic'
  | 'hebrew'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'thai'
  | 'devanagari'
  | 'other'
  | 'none';

/** Characters read to find a text's script: a title and a lead say it as well as the whole text. */
const SCRIPT_SAMPLE_CHARS = 240;

/** The script most letters of the text's beginning are written in; `none` without letters. */
export function dominantScript(text: string): Script {
  // Counted by script in an array, with the order scripts were first seen (a Map of counts gave
  // that order, and the first script of the largest count wins): no Map write per letter.
  const counts = SCRIPTS.map(() => 0);
  const seen: number[] = [];
  const end = Math.min(text.length, SCRIPT_SAMPLE_CHARS);
  for (let i = 0; i < end; i += 1) {
    const at = scriptIndexOf(text.charCodeAt(i));
    if (at === NONE) continue;
    if (counts[at] === 0) seen.push(at);
    counts[at] = (counts[at] as number) + 1;
  }
  // Japanese mixes kanji with kana: any real share of kana makes a text Japanese rather than Chinese.
  const kana = counts[KANA] as number;
  if (kana > 0 && kana >= 0.1 * (kana + (counts[HAN] as number))) return 'kana';
  let best: Script = 'none';
  let most = 0;
  for (const at of seen) {
    if ((counts[at] as number) > most) {
      best = SCRIPTS[at] as Script;
      most = counts[at] as number;
    }
  }
  return best;
}

/** The scripts scriptOf names, by their place (scriptIndexOf; dominantScript's counts). */
const SCRIPTS: readonly Script[] = ['latin', 'cyrillic', 'greek', 'arabic', 'hebrew', 'han', 'kana', 'hangul', 'thai', 'devanagari', 'other', 'none'];
const [LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, HAN, KANA, HANGUL, THAI, DEVANAGARI, OTHER, NONE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

/** The script of one UTF-16 code unit (letters only; digits, punctuation and spaces are `none`). */
export function scriptOf(code: number): Script {
  return SCRIPTS[scriptIndexOf(code)] as Script;
}

/** scriptOf as a place in SCRIPTS. */
function scriptIndexOf(code: number): number {
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? LATIN : NONE;
  if (code <= 0x024f) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 ? LATIN : NONE;
  if (code >= 0x0370 && code <= 0x03ff) return GREEK;
  if (code >= 0x0400 && code <= 0x052f) return CYRILLIC;
  if (code >= 0x0590 && code <= 0x05ff) return HEBREW;
  if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfeff)) return ARABIC;
  if (code >= 0x0900 && code <= 0x097f) return DEVANAGARI;
  if (code >= 0x0e00 && code <= 0x0e7f) return THAI;
  if (code >= 0x1e00 && code <= 0x1eff) return LATIN;
  if (code >= 0x3040 && code <= 0x30ff) return KANA;
  if ((code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) return HAN;
  if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) return HANGUL;
  if (code >= 0x3000 && code <= 0x303f) return NONE;
  if (code >= 0xff00 && code <= 0xffef) return NONE;
  return code >= 0xd800 && code <= 0xdfff ? NONE : OTHER;
}

/**
 * Whether a code unit belongs to a script written without spaces between words (Chinese,
 * Japanese, Thai, Lao, Khmer, Myanmar): such runs need a dictionary segmenter to become words.
 */
export function isUnspacedScript(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x0e00 && code <= 0x0eff) ||
    (code >= 0x1780 && code <= 0x17ff) ||
    (code >= 0x1000 && code <= 0x109f) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/**
 * The script a language is written in, for the languages whose script says something (a
 * declared `ru` over Latin text is not credible). Languages not listed are written in Latin script.
 */
export function scriptOfLanguage(language: string): Script {
  return LANGUAGE_SCRIPTS[language] ?? 'latin';
}

/**
 * The language a script names outright (Chinese for Han, Japanese for kana, …), or null for a script
 * many languages share: what an article's script says when nothing else does, and the locale an
 * alias name in an unspaced script is segmented in.
 */
export function languageOfScript(script: Script): string | null {
  return SCRIPT_LANGUAGES[script] ?? null;
}

const SCRIPT_LANGUAGES: Partial<Record<Script, string>> = { han: 'zh', kana: 'ja', hangul: 'ko', thai: 'th', greek: 'el', hebrew: 'he' };

/** Whether the table below names the language's script (it is not just assumed Latin). */
export function hasOwnScript(language: string): boolean {
  return LANGUAGE_SCRIPTS[language] !== undefined;
}

const LANGUAGE_SCRIPTS: Record<string, Script> = {
  zh: 'han',
  ja: 'kana',
  ko: 'hangul',
  th: 'thai',
  ru: 'cyrillic',
  uk: 'cyrillic',
  bg: 'cyrillic',
  be: 'cyrillic',
  mk: 'cyrillic',
  kk: 'cyrillic',
  ky: 'cyrillic',
  mn: 'cyrillic',
  tg: 'cyrillic',
  sr: 'cyrillic',
  el: 'greek',
  he: 'hebrew',
  yi: 'hebrew',
  ar: 'arabic',
  fa: 'arabic',
  ur: 'arabic',
  ps: 'arabic',
  ug: 'arabic',
  ckb: 'arabic',
  sd: 'arabic',
  hi: 'devanagari',
  mr: 'devanagari',
  ne: 'devanagari',
  lo: 'other',
  km: 'other',
  my: 'other',
  ka: 'other',
  hy: 'other',
  am: 'other',
  bn: 'other',
  ta: 'other',
  te: 'other',
  kn: 'other',
  ml: 'other',
  gu: 'other',
  pa: 'other',
  si: 'other',
};
