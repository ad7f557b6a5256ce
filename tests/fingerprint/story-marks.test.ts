import { describe, expect, it } from 'vitest';
import { createStoryIndex } from '../../src/fingerprint/index.js';
import { conflictingKinds, markCounts } from '../../src/fingerprint/story-marks.js';
import { FOREIGN_MONTHS, foreignMonth, isFoldedForm } from '../../src/fingerprint/month-names.js';
import { tokenizeText, type TokenStream } from '../../src/fingerprint/tokenize-text.js';
import { normalizeText } from '../../src/fingerprint/normalize-text.js';
import { fixtureDoc, seededRandom, shippedAliases } from './helpers.js';

const aliases = shippedAliases();
const marksOf = (title: string, text: string, lead = 60) =>
  markCounts(tokenizeText(normalizeText(title), aliases), tokenizeText(normalizeText(text), aliases), lead);

describe('story marks', () => {
  it('reads years, capitalised months, weekdays and figures from the title and the lead only', () => {
    const marks = marksOf('Title defence in March 2009', 'On Saturday 23 pirates were caught; protesters march on. ' + 'word '.repeat(80) + 'Back in 1998 and in May.');
    expect(Object.fromEntries(marks)).toEqual({ 'y:2009': 1, 'm:mar': 1, 'd:saturday': 1, 'n:23': 1 });
  });

  it('finds a conflict only when both sides name a kind and share none of it', () => {
    const a = marksOf('', 'The vote on Sunday, December 14, 2008.');
    const b = marksOf('', 'The vote on Sunday, February 12, 2012.');
    const c = marksOf('', 'The vote on Monday.');
    expect([...conflictingKinds(a, b, 1)].sort()).toEqual(['m', 'n', 'y']);
    expect([...conflictingKinds(a, c, 1)]).toEqual(['d']);
    expect(conflictingKinds(a, c, 2).size).toBe(0);
  });
});

describe('story marks in other languages', () => {
  it('reads dated months in German, Spanish, Turkish, Polish, Russian and Arabic as the English ones', () => {
    const month = (text: string) => [...marksOf('', text).keys()].filter((m) => m.startsWith('m:'));
    expect(month('Am 17. März 2020 gegen 03:10 Uhr wurden die Beamten gerufen.')).toEqual(['m:mar']);
    expect(month('Ciudad de México, 5 de mayo de 2020. El gobierno anunció.')).toEqual(['m:may']);
    expect(month("Kahramanmaraş'ta 15 Mayıs'ta düzenlenen tören.")).toEqual(['m:may']);
    expect(month('Wybory odbędą się 10 maja, powiedział Terlecki.')).toEqual(['m:may']);
    expect(month('Выборы прошли 10 сентября в Москве.')).toEqual(['m:sep']);
    expect(month('القاهرة في 3 مارس أعلنت الحكومة')).toEqual(['m:mar']);
  });

  it('reads the Levantine and Maghreb month names of Arabic wires, the two-word ones by their second word', () => {
    const month = (text: string) => [...marksOf('', text).keys()].filter((m) => m.startsWith('m:'));
    expect(month('دمشق في 12 آذار 2020 أعلنت الحكومة')).toEqual(['m:mar']);
    expect(month('بغداد ١٥ حزيران أعلنت الوزارة')).toEqual(['m:jun']);
    expect(month('الجزائر في 3 جويلية 2019 أعلنت الرئاسة')).toEqual(['m:jul']);
    expect(month('الرباط 20 غشت 2021 أعلنت الوزارة')).toEqual(['m:aug']);
    expect(month('بيروت في 5 كانون الثاني 2020 أعلن')).toEqual(['m:jan']);
    expect(month('بيروت في 5 كانون الأول 2020 أعلن')).toEqual(['m:dec']);
    expect(month('عمان 9 تشرين الأول أعلن')).toEqual(['m:oct']);
    expect(month('عمان 9 تشرين الثاني أعلن')).toEqual(['m:nov']);
    // A report of 5 January and one of 25 October are two events; of 30 November and 2 December, one may be.
    expect(conflictingKinds(marksOf('', 'بيروت 5 كانون الثاني 2020'), marksOf('', 'بيروت 25 تشرين الأول 2020'), 1).has('m')).toBe(true);
    expect(conflictingKinds(marksOf('', 'بيروت 30 تشرين الثاني'), marksOf('', 'بيروت 2 كانون الأول'), 1).has('m')).toBe(false);
  });

  it('reads Chinese, Japanese and Korean months, written as a number and the word for month', () => {
    const zh = (text: string, language: string) => markCounts(tokenizeText('', aliases), tokenizeText(normalizeText(text), aliases, language), 60);
    expect(Object.fromEntries(zh('2020年3月10日，国家统计局发布数据。', 'zh'))).toEqual({ 'y:2020': 1, 'm:mar': 1, 'n:10': 1 });
    expect([...zh('政府于3月10日に発表した。', 'ja').keys()]).toContain('m:mar');
    expect([...zh('정부는 2020년 3월 10일 발표했다.', 'ko').keys()]).toContain('m:mar');
    // A count of something is no month.
    expect([...zh('已造成13人死亡，27人受伤。', 'zh').keys()].filter((m) => m.startsWith('m:'))).toEqual([]);
    expect(conflictingKinds(zh('3月10日，地震发生。', 'zh'), zh('5月2日，地震发生。', 'zh'), 1).has('m')).toBe(true);
  });

  it('an Arabic word that folds like a month is no mark: أب (father) beside a figure, كانون without its second word', () => {
    const month = (text: string) => [...marksOf('', text).keys()].filter((m) => m.startsWith('m:'));
    expect(month('قتل أب لـ3 أطفال في الموصل')).toEqual([]);
    expect(month('سجل كانون 12 هدفا')).toEqual([]);
  });

  it('a month name without a date is no mark (Kasım Süleymani, im März hatte, Maja)', () => {
    const month = (text: string) => [...marksOf('', text).keys()].filter((m) => m.startsWith('m:'));
    expect(month('Kudüs Gücü komutanı Kasım Süleymani öldürüldü.')).toEqual([]);
    expect(month('Maja Ostaszewska zagrała w filmie.')).toEqual([]);
  });

  it('neighbouring months do not contradict each other, months further apart do', () => {
    const december = marksOf('', 'Der Unfall geschah am 30. Dezember 2019 in Wien.');
    const january = marksOf('', 'El accidente del 1 de enero en Viena.');
    const march = marksOf('', "Kaza 3 Mart'ta Viyana'da oldu.");
    expect(conflictingKinds(december, january, 1).has('m')).toBe(false);
    expect(conflictingKinds(january, march, 1).has('m')).toBe(true);
  });

  it('neighbouring years still contradict each other: an annual event and next year’s edition are two stories', () => {
    // Pass 7 measured "neighbouring years agree" (as months do): a year's-end report pair joined, but so did
    // a New Year's concert and the announcement of the next year's conductor (docs/notes/stories.md).
    const concert = marksOf('', 'Viena, 1 de enero de 2020. La Filarmónica celebró su concierto de Año Nuevo.');
    const nextEdition = marksOf('', 'El director dirigirá en 2021 el concierto de Año Nuevo de la Filarmónica.');
    expect(conflictingKinds(concert, nextEdition, 1).has('y')).toBe(true);
  });
});

describe('story index: same-kind events of different years', () => {
  const docs = () => ['defence-2009', 'defence-2013', 'defence-2009-followup'].map((n) => fixtureDoc('same-kind-years', n));

  it('keeps a champion’s two title defences apart by the years and months of their leads', () => {
    const index = createStoryIndex({ windowHours: 72, aliases });
    const [first, other, followup] = docs().map((d) => index.assign(d));
    expect(other?.storyId).not.toBe(first?.storyId);
    expect(followup?.storyId).toBe(first?.storyId);
  });

  it('keeps the articles’ dates across a JSON snapshot round trip', () => {
    const [early, late, followup] = docs();
    const today = createStoryIndex({ windowHours: 72, aliases });
    const first = today.assign(early!);
    const saved = JSON.parse(JSON.stringify(today.snapshot())) as ReturnType<typeof today.snapshot>;
    expect(saved.nodes?.[0]?.marks.length).toBeGreaterThan(0);
    const restored = createStoryIndex({ windowHours: 72, aliases }, saved);
    expect(restored.assign(late!).storyId).not.toBe(first.storyId);
    expect(restored.assign(followup!).storyId).toBe(first.storyId);
  });

  it('would merge them on words alone (the fixture is a real test of the date check)', () => {
    const index = createStoryIndex({ windowHours: 72, aliases, tuning: { yearConflictFactor: 1, monthConflictFactor: 1 } });
    const [first, other] = docs().map((d) => index.assign(d));
    expect(other?.storyId).toBe(first?.storyId);
  });

  it('does not count a date conflict between texts published weeks apart', () => {
    const index = createStoryIndex({ windowHours: 24 * 60, aliases });
    const [early, late] = docs();
    index.assign(early!);
    const later = index.assign({ ...late!, publishedAt: '2026-04-20T10:00:00Z', seenAt: '2026-04-20T10:00:00Z' });
    expect(later.reason).toBe('similar');
  });
});

/** markCounts as it was before the lead words' signature bits (a Map probe per lead token): the reference. */
function markCountsBefore(title: TokenStream, body: TokenStream, leadTokens: number): Map<string, number> {
  const months: [string, string][] = [['january', 'jan'], ['jan', 'jan'], ['february', 'feb'], ['feb', 'feb'], ['april', 'apr'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['aug', 'aug'], ['september', 'sep'], ['sept', 'sep'], ['october', 'oct'], ['oct', 'oct'], ['november', 'nov'], ['nov', 'nov'], ['december', 'dec'], ['dec', 'dec']];
  const leadWords = new Map<string, { kind: number; mark: string }>();
  for (const [name, month] of FOREIGN_MONTHS) leadWords.set(name, { kind: 3, mark: `m:${month}` });
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) leadWords.set(day, { kind: 2, mark: `d:${day}` });
  for (const [name, month] of [['march', 'mar'], ['may', 'may']]) leadWords.set(name as string, { kind: 1, mark: `m:${month as string}` });
  for (const [name, month] of months) leadWords.set(name, { kind: 0, mark: `m:${month}` });
  const nearFigure = (tokens: readonly string[], i: number): boolean => {
    for (let k = Math.max(0, i - 2); k <= i + 2 && k < tokens.length; k += 1) if (k !== i && /^\d/.test(tokens[k] as string)) return true;
    return false;
  };
  const counts = new Map<string, number>();
  const add = (mark: string): void => void counts.set(mark, (counts.get(mark) ?? 0) + 1);
  for (const stream of [title, body]) {
    const end = stream === body ? Math.min(leadTokens, stream.tokens.length) : stream.tokens.length;
    for (let i = 0; i < end; i += 1) {
      const token = stream.tokens[i] as string;
      const first = token.charCodeAt(0);
      if (first >= 48 && first <= 57) {
        if (!/^\d+$/.test(token)) continue;
        if (token.length === 4 && /^(19[5-9]\d|20[0-4]\d)$/.test(token)) {
          if (token !== '2000') add(`y:${token}`);
        } else if (token.length > 1 || first > 51) add(`n:${Number(token)}`);
        continue;
      }
      const word = leadWords.get(token);
      if (word === undefined) {
        if (isFoldedForm(token)) continue;
        const foreign = foreignMonth(token);
        if (foreign !== null && nearFigure(stream.tokens, i)) add(`m:${foreign}`);
        continue;
      }
      if (word.kind === 0 || word.kind === 2) add(word.mark);
      else if (word.kind === 1) {
        if (/^\d/.test(stream.tokens[i + 1] ?? '') || (token === 'march' && stream.entity[i] === 1)) add(word.mark);
      } else if (nearFigure(stream.tokens, i)) add(word.mark);
    }
  }
  return counts;
}

describe('markCounts against the version without signature bits', () => {
  it('gives the same marks on random streams of month names, weekdays, figures and other words', () => {
    const random = seededRandom(1403);
    const words = [...FOREIGN_MONTHS.keys(), 'march', 'may', 'january', 'sept', 'dec', 'monday', 'sunday', 'mayıs', "mayıs'ta", 'märz', 'maja', 'the', 'a', 'de', 'x', 'y', 'ze', 'mai', 'junio', 'août', '15', '2020', '2000', '3', '12.5', '1e3'];
    const stream = (length: number): TokenStream => {
      const tokens = Array.from({ length }, () => words[Math.floor(random() * words.length)] as string);
      return { tokens, entity: Uint8Array.from(tokens, () => (random() < 0.3 ? 1 : 0)) };
    };
    for (let n = 0; n < 3_000; n += 1) {
      const title = stream(Math.floor(random() * 10));
      const body = stream(Math.floor(random() * 80));
      const lead = Math.floor(random() * 70);
      expect([...markCounts(title, body, lead)]).toEqual([...markCountsBefore(title, body, lead)]);
    }
  });
});
