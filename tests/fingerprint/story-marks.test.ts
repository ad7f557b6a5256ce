import { describe, expect, it } from 'vitest';
import { createStoryIndex } from '../../src/fingerprint/index.js';
import { conflictingKinds, markCounts } from '../../src/fingerprint/story-marks.js';
import { tokenizeText } from '../../src/fingerprint/tokenize-text.js';
import { normalizeText } from '../../src/fingerprint/normalize-text.js';
import { fixtureDoc, shippedAliases } from './helpers.js';

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
