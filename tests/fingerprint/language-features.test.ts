import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognateFold, crossLanguageKey } from '../../src/fingerprint/cognates.js';
import { weightedTermCounts } from '../support/weighted-term-counts.js';
import { DEFAULT_STORY_TUNING } from '../../src/fingerprint/story-tuning.js';
import { similarityScaleOf } from '../../src/fingerprint/term-forms.js';
import { EMPTY_ALIASES, foldScriptVariants, loadLanguageDetector, normalizeText, resolveLanguage, stopWordsFor, termReaderFor, tokenizeText, type LanguageDetector } from '../../src/fingerprint/index.js';

/** A language case (fixtures/stories/languages/<name>/case.json), written by us. */
function languageCase<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/stories/languages/${name}/case.json`, import.meta.url)), 'utf8')) as T;
}

interface TokenCase {
  language: string;
  text: string;
  words?: string[];
  stopWords?: string[];
  contentWords?: string[];
  sameTerm?: string[][];
}

function tokens(c: TokenCase): string[] {
  return tokenizeText(normalizeText(c.text), EMPTY_ALIASES, c.language).tokens;
}

describe('language features: segmentation of unspaced scripts (Intl.Segmenter)', () => {
  it.each(['chinese-segmentation', 'japanese-segmentation', 'thai-segmentation'])('%s: the text becomes words, not one run', (name) => {
    const c = languageCase<TokenCase>(name);
    const words = tokens(c);
    for (const word of c.words ?? []) expect(words).toContain(word);
    // A run of characters as one token is what made Chinese pairs fail: no token holds a whole clause.
    expect(Math.max(...words.map((w) => [...w].length))).toBeLessThanOrEqual(10);
    const stop = stopWordsFor(c.language);
    for (const word of c.stopWords ?? []) expect(stop.has(word)).toBe(true);
  });
});

describe('language features: stop lists and term forms per language', () => {
  it('Spanish function words are stop words, its content words are not', () => {
    const c = languageCase<TokenCase>('spanish-stop-words');
    const stop = stopWordsFor('es');
    for (const word of c.stopWords ?? []) expect(stop.has(word)).toBe(true);
    for (const word of c.contentWords ?? []) expect(stop.has(word)).toBe(false);
    expect(tokens(c)).toEqual(expect.arrayContaining(c.contentWords ?? []));
  });

  it.each(['german-compounds', 'arabic-clitics', 'turkish-suffixes', 'polish-endings'])('%s: inflected and compound forms of one word meet in one term', (name) => {
    const c = languageCase<TokenCase>(name);
    const reader = termReaderFor(c.language);
    const termOf = (word: string): string => reader.term(tokenizeText(foldScriptVariants(word), EMPTY_ALIASES, c.language).tokens[0] as string);
    for (const group of c.sameTerm ?? []) {
      const terms = group.map(termOf);
      expect(new Set(terms).size, `${group.join(' / ')} → ${terms.join(' / ')}`).toBe(1);
    }
    for (const word of c.stopWords ?? []) expect(reader.stopWords.has(foldScriptVariants(word)), word).toBe(true);
    // The words of the text really are read as tokens of that language.
    expect(tokens(c).length).toBeGreaterThan(8);
  });

  it('keeps English words whole and figures uncut in every language', () => {
    expect(termReaderFor('en').term('earthquakes')).toBe('earthquakes');
    expect(termReaderFor('de').term('2020')).toBe('2020');
    expect(termReaderFor('de').term('islamic_state')).toBe('islamic_state');
  });

  it('Polish terms are cut at 4 characters, its cross-language forms at 5 as in other languages', () => {
    const pl = termReaderFor('pl');
    expect(pl.term('polsce')).toBe('pols');
    // Cross-language forms are cognate-folded (cognates.ts): c before e → s.
    expect(pl.crossTerm?.('polsce')).toBe('polse');
    expect(pl.crossTerm?.('scheveningen')).toBe(termReaderFor('de').crossTerm?.('scheveningen'));
    expect(termReaderFor('ar').crossTerm).toBeUndefined();
  });

  it('Latin-script languages meet English on cognate-folded 5-character keys', () => {
    expect(crossLanguageKey('police')).toBe('polis');
    expect(termReaderFor('de').crossTerm?.('polizei')).toBe('polis');
    expect(termReaderFor('de').term('polizei')).toBe('poliz');
    expect(termReaderFor('pl').crossTerm?.('koronawirus')).toBe(crossLanguageKey('coronavirus'));
    expect(termReaderFor('tr').crossTerm?.('koalisyon')).toBe(crossLanguageKey('coalition'));
    expect(termReaderFor('de').crossTerm?.('kontrollen')).toBe(crossLanguageKey('controls'));
    expect(termReaderFor('es').crossTerm?.('filipinas')).toBe(crossLanguageKey('philippines'));
    // German writes the e of loans as ä / ö: Präsident, Ökonomie.
    expect(termReaderFor('de').crossTerm?.('präsident')).toBe(crossLanguageKey('president'));
    expect(termReaderFor('de').crossTerm?.('ökonomie')).toBe(crossLanguageKey('economy'));
    expect(termReaderFor('de').term('präsident')).toBe('prasi');
    // ... while names and native words with ä / ö keep a key as English text writes them (Söder, Björn).
    expect(termReaderFor('de').crossTermVariant?.('söder')).toBe(crossLanguageKey(termReaderFor('en').term('söder')));
    expect(termReaderFor('de').crossTermVariant?.('björn')).toBe('bjorn');
    expect(termReaderFor('de').crossTermVariant?.('polizei')).toBeUndefined();
    expect(termReaderFor('en').crossTermVariant).toBeUndefined();
    // Figures, alias tokens and names with figures are not folded.
    expect(crossLanguageKey('covid19')).toBe('covid');
    expect(termReaderFor('de').crossTerm?.('covid19')).toBe('covid');
    expect(crossLanguageKey('united_states')).toBe('united_states');
    expect(cognateFold('schock')).toBe('shok');
    expect(cognateFold('zentrum')).toBe(cognateFold('centrum'));
  });

  it('a German word with ä / ö counts on both its loan key and its plain key, other words on one', () => {
    const de = termReaderFor('de');
    const stream = tokenizeText(normalizeText('Der Präsident traf Markus Söder in der Polizei.'), EMPTY_ALIASES, 'de');
    const crossCounts = new Map<string, number>();
    const crossTerms = new Map<string, string[]>();
    const counts = weightedTermCounts({ tokens: [], entity: new Uint8Array(0) }, stream, DEFAULT_STORY_TUNING, de, crossCounts, crossTerms);
    expect([...crossCounts.keys()].sort()).toEqual(['marku', 'polis', 'prasi', 'presi', 'seder', 'soder', 'traf']);
    expect(crossCounts.get('soder')).toBe(crossCounts.get('seder'));
    expect(crossTerms.get('soder')).toEqual(['soder']);
    // The language's own terms are untouched.
    expect([...counts.keys()].sort()).toEqual(['marku', 'poliz', 'prasi', 'soder', 'traf']);
  });

  it('Turkish names weigh less than common words, other languages keep the tuning', () => {
    expect(termReaderFor('tr').entityWeight).toBe(0.75);
    expect(termReaderFor('en').entityWeight).toBeUndefined();
  });

  it('German and Arabic similarities are put on the scale of English ones, no language is scaled down', () => {
    expect(similarityScaleOf('de')).toBeGreaterThan(1.1);
    expect(similarityScaleOf('ar')).toBeGreaterThan(1);
    for (const language of ['en', 'es', 'tr', 'pl', 'fr', 'und', 'zh']) expect(similarityScaleOf(language)).toBe(1);
  });

  it('different words stay apart', () => {
    const de = termReaderFor('de');
    expect(de.term('küste')).not.toBe(de.term('kirche'));
    const ar = termReaderFor('ar');
    expect(ar.term(tokenizeText(foldScriptVariants('الحكومة'), EMPTY_ALIASES, 'ar').tokens[0] as string)).not.toBe(
      ar.term(tokenizeText(foldScriptVariants('المدينة'), EMPTY_ALIASES, 'ar').tokens[0] as string),
    );
  });
});

describe('language features: the language of an article', () => {
  it('believes a declared language the text agrees with, and not one it does not', () => {
    const { cases } = languageCase<{ cases: { title: string; text: string; declared: string | null; language: string; source: string }[] }>('declared-language');
    for (const c of cases) expect(resolveLanguage(c.title, c.text, c.declared, undefined), c.title).toEqual({ language: c.language, source: c.source });
  });

  it('a detector settles what the stop words cannot (Russian against Bulgarian)', async () => {
    const detector = await loadLanguageDetector();
    expect(resolveLanguage('Президент провёл совещание', 'Президент провёл в среду совещание с членами правительства.', 'en', detector)).toEqual({ language: 'ru', source: 'detected' });
  });

  describe('with the fastText detector', () => {
    let detector: LanguageDetector;
    beforeAll(async () => {
      detector = await loadLanguageDetector();
    });

    it('identifies each language of the fixture', () => {
      const { cases } = languageCase<{ cases: [string, string][] }>('detector');
      for (const [language, text] of cases) expect(resolveLanguage('', text, null, detector).language, text).toBe(language);
    });

    it('identifies the text when the declared language is wrong, and says nothing about an empty one', () => {
      expect(resolveLanguage('', 'El Consejo de Ministros aprobó este martes el nuevo plan de vivienda para los próximos años.', 'de', detector)).toEqual({ language: 'es', source: 'detected' });
      expect(resolveLanguage('', '', null, detector)).toEqual({ language: 'und', source: 'none' });
      expect(detector.detect('   ')).toBeNull();
    });
  });
});
