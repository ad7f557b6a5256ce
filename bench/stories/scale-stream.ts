/**
 * The synthetic wire `--scale` streams through the story stage (scale.ts) and through the
 * baseline it is compared with (single-pass-baseline.ts): both passes make it from the same seed,
 * so they read the same articles in the same order.
 */
import { stopWordsFor, type StoryDoc } from '../../src/fingerprint/index.js';
import { seededRandom } from '../../tests/support/seeded-random.js';
import { BASE_TIME } from './corpus.js';

/**
 * The stream's languages, by share of articles: a wire desk reading world agencies, mostly
 * English, with the languages of the dev pairs, Russian, and Chinese (whose runs go through the
 * word segmenter). Each event is reported in one language.
 */
export const LANGUAGE_MIX: [string, number][] = [['en', 0.45], ['de', 0.12], ['es', 0.1], ['fr', 0.07], ['ar', 0.07], ['tr', 0.05], ['pl', 0.05], ['ru', 0.04], ['zh', 0.05]];
/** Share of articles whose page declares its language (the rest are identified from the text); a few declare the wrong one. */
export const DECLARED = 0.8;
const MISDECLARED = 0.05;
/** One article every INTERVAL_S seconds: ~13,000 live in a 72 h window. */
export const INTERVAL_S = 20;

/** One article of the stream and the language its event was written in. */
export interface StreamArticle {
  doc: StoryDoc;
  lang: string;
}

/**
 * The stream's articles by number, in order (each call draws from the one seeded generator, so
 * article i is the same only when 0 … i-1 were drawn before it): events of ~5 reports in one
 * language each, 300 words of which 35 % function words, 25 % the event's own and the rest from a
 * Zipf-like vocabulary of 30,000 made-up words per language.
 */
export function createStream(mix: readonly [string, number][]): (i: number) => StreamArticle {
  const random = seededRandom(77);
  const languages = new Map(LANGUAGE_MIX.map(([lang]) => [lang, syntheticLanguage(lang, random)]));
  return (i) => {
    const event = Math.floor(i / 5) + Math.floor(random() * 3);
    const lang = pickLanguage(seededRandom(event * 7919 + 13)(), mix);
    const { functionWords, functionSet, vocabulary } = languages.get(lang) as SyntheticLanguage;
    const words: string[] = [];
    for (let w = 0; w < 300; w += 1) {
      const roll = random();
      if (roll < 0.35) words.push(functionWords[Math.floor(functionWords.length * random() * random())] as string);
      else if (roll < 0.6) words.push(vocabulary[(event * 7 + Math.floor(random() * 20)) % vocabulary.length] as string);
      else words.push(vocabulary[Math.floor(vocabulary.length ** random()) - 1] as string);
    }
    const separator = lang === 'zh' ? '' : ' ';
    const declared = random();
    const language = declared < DECLARED ? lang : declared < DECLARED + MISDECLARED ? 'en' : null;
    const seenAt = new Date(BASE_TIME + i * INTERVAL_S * 1000).toISOString();
    const content = words.filter((w) => !functionSet.has(w));
    const doc: StoryDoc = { id: `a${i}`, title: content.slice(0, 8).join(separator), text: sentences(words, separator), publishedAt: null, seenAt, source: null, language };
    return { doc, lang };
  };
}

interface SyntheticLanguage {
  functionWords: string[];
  functionSet: ReadonlySet<string>;
  vocabulary: string[];
}

const ALPHABETS: Record<string, string> = {
  latin: 'bcdfghjklmnprstvwz',
  vowels: 'aeiou',
  cyrillic: 'бвгдзклмнпрстфх',
  cyrillicVowels: 'аеиоуя',
  arabic: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
};

/** Function words from the language's stop list and 30,000 made-up content words in its script. */
function syntheticLanguage(lang: string, random: () => number): SyntheticLanguage {
  // The index's own stop list of the language: its function words, as real prose is full of them.
  const list = [...stopWordsFor(lang)].filter((w) => /^\p{L}+$/u.test(w) && w.length <= 6).slice(0, 120);
  const words = new Set<string>();
  while (words.size < 30_000) {
    let word = '';
    if (lang === 'zh') {
      const length = 1 + Math.floor(random() * 3);
      for (let c = 0; c < length; c += 1) word += String.fromCharCode(0x4e00 + Math.floor(random() * 3000));
    } else if (lang === 'ar') {
      const length = 3 + Math.floor(random() * 4);
      for (let c = 0; c < length; c += 1) word += ALPHABETS['arabic']?.[Math.floor(random() * 28)] ?? '';
    } else {
      const [consonants, vowels] = lang === 'ru' ? [ALPHABETS['cyrillic'] as string, ALPHABETS['cyrillicVowels'] as string] : [ALPHABETS['latin'] as string, ALPHABETS['vowels'] as string];
      const syllables = 2 + Math.floor(random() * 3);
      for (let c = 0; c < syllables; c += 1) word += (consonants[Math.floor(random() * consonants.length)] ?? '') + (vowels[Math.floor(random() * vowels.length)] ?? '');
    }
    words.add(word);
  }
  return { functionWords: list, functionSet: new Set(list), vocabulary: [...words] };
}

function pickLanguage(roll: number, mix: readonly [string, number][]): string {
  let sum = 0;
  for (const [lang, share] of mix) {
    sum += share;
    if (roll < sum) return lang;
  }
  return 'en';
}

/**
 * The mix of `languages` alone, their shares scaled to sum to 1. Every language's vocabulary is
 * still made (benchStoryStage), so the random draws and each language's words are the full mix's.
 */
export function restrictedMix(languages: readonly string[]): [string, number][] {
  const kept = LANGUAGE_MIX.filter(([lang]) => languages.includes(lang));
  const unknown = languages.filter((lang) => !LANGUAGE_MIX.some(([l]) => l === lang));
  if (kept.length === 0 || unknown.length > 0) throw new Error(`scale: --languages takes some of ${LANGUAGE_MIX.map(([l]) => l).join(',')}, got ${languages.join(',')}`);
  const total = kept.reduce((sum, [, share]) => sum + share, 0);
  return kept.map(([lang, share]) => [lang, share / total]);
}

/** Words joined into sentences of 12–20 words (a capital first, a full stop last) in paragraphs. */
function sentences(words: string[], separator: string): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 16) {
    const sentence = words.slice(i, i + 16);
    const first = sentence[0] ?? '';
    sentence[0] = first.charAt(0).toUpperCase() + first.slice(1);
    out.push(sentence.join(separator) + (separator === '' ? '。' : '.'));
  }
  return out.join(separator === '' ? '' : ' ');
}

