import { createRequire } from 'node:module';
import { foldScriptVariants } from './normalize-text.js';
import { foldCase } from './tokenize-text.js';
import { STOPWORDS } from './word-lists.js';

/**
 * Stop lists per language: the stopwords-iso collection (58 languages, maintained), folded the way
 * article tokens are (script variants, case), plus our own written lists where we have them
 * (English, Arabic, Persian: word-lists.ts). Entries with digits are left out (figures are what
 * tell two events apart), and so are the two-letter country and language codes stopwords-iso
 * carries in its English list ("de", "uk", "es").
 */
const ISO_LISTS = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

/** Languages whose stop list we write ourselves (the iso list adds to it, see ISO_ADDS). */
const OWN_LISTS: Record<string, ReadonlySet<string>> = { en: STOPWORDS, ar: STOPWORDS, fa: STOPWORDS };

/**
 * For English, stopwords-iso holds 1,298 entries including content words that decide stories
 * ("fire", "bill", "computer", "million"): our list stays, the iso list is not added.
 */
const ISO_ADDS: Record<string, boolean> = { en: false };

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The stop list of a language (ISO 639-1), or of no language (`und`: our written list, which
 * covers English, Arabic and Persian particles). Built once per language, then shared.
 */
export function stopWordsFor(language: string): ReadonlySet<string> {
  const cached = cache.get(language);
  if (cached !== undefined) return cached;
  const own = OWN_LISTS[language];
  const iso = ISO_ADDS[language] === false ? undefined : ISO_LISTS[language];
  let list: ReadonlySet<string>;
  if (iso === undefined) list = own ?? STOPWORDS;
  else {
    const set = new Set<string>(own ?? []);
    for (const word of iso) {
      if (/\p{N}/u.test(word)) continue;
      for (const token of foldCase(foldScriptVariants(word.normalize('NFKC'))).split(/[\s'’.-]+/u)) if (token !== '') set.add(token);
    }
    list = set;
  }
  cache.set(language, list);
  return list;
}

/** Languages with a stop list of their own (not only the fallback). */
export function hasStopList(language: string): boolean {
  return OWN_LISTS[language] !== undefined || ISO_LISTS[language] !== undefined;
}

const LANGUAGES = Object.keys(ISO_LISTS).sort();

/** Every language of the iso collection, for the stop-word vote of detectLanguageByStopWords. */
export function stopListLanguages(): readonly string[] {
  return LANGUAGES;
}
