import { describe, expect, it } from 'vitest';
import { groupDocuments } from '../../src/ops/index.js';
import { fixtureDoc } from '../fingerprint/helpers.js';

describe('groupDocuments (the library call)', () => {
  it('groups as a crawl does: a German and an English report of one event in one story, read in their languages, the join explained', async () => {
    const docs = ['german', 'unrelated', 'english'].map((n) => fixtureDoc('cross-language-pair', n));
    const [german, unrelated, english] = await groupDocuments(docs);
    expect(german).toMatchObject({ language: 'de', reason: 'new', via: null });
    expect(english).toMatchObject({ language: 'en', reason: 'similar', via: 'cross-language', storyId: german?.storyId });
    expect(unrelated?.storyId).not.toBe(german?.storyId);
  });

  it('believes a declared language only when the text agrees with it', async () => {
    const [german] = await groupDocuments([{ ...fixtureDoc('cross-language-pair', 'german'), language: 'en-GB' }]);
    const [english] = await groupDocuments([{ ...fixtureDoc('cross-language-pair', 'english'), language: 'en-GB' }]);
    expect(german?.language).toBe('de');
    expect(english?.language).toBe('en');
  });
});

describe('groupDocuments in languages the dev pairs lack (Chinese, Russian, Italian; no language declared)', () => {
  /** The case's documents in the order they were published, and the story each ended in, by name. */
  async function grouped(caseName: string, names: string[]): Promise<Map<string, { storyId: string; language: string }>> {
    const docs = names.map((n) => ({ name: n, doc: fixtureDoc(`languages/${caseName}`, n) })).sort((a, b) => (a.doc.publishedAt as string).localeCompare(b.doc.publishedAt as string));
    const out = await groupDocuments(docs.map((d) => d.doc));
    return new Map(docs.map((d, i) => [d.name, out[i] as { storyId: string; language: string }]));
  }

  it('Chinese: reports of one event join, other events stay apart, an earthquake a week later is a story of its own', async () => {
    const g = await grouped('chinese-events', ['quake-sichuan-1', 'quake-sichuan-2', 'reserve-ratio-1', 'reserve-ratio-2', 'motor-show', 'quake-yunnan', 'quake-yunnan-2']);
    const story = (n: string) => g.get(n)?.storyId;
    for (const { language } of g.values()) expect(language).toBe('zh');
    expect(story('quake-sichuan-2')).toBe(story('quake-sichuan-1'));
    expect(story('reserve-ratio-2')).toBe(story('reserve-ratio-1'));
    expect(story('quake-yunnan-2')).toBe(story('quake-yunnan'));
    expect(new Set([story('quake-sichuan-1'), story('reserve-ratio-1'), story('motor-show'), story('quake-yunnan')]).size).toBe(4);
  });

  it('Russian: two events, two stories of two reports each', async () => {
    const g = await grouped('russian-events', ['quake-sichuan-1', 'quake-sichuan-2', 'key-rate-1', 'key-rate-2']);
    const story = (n: string) => g.get(n)?.storyId;
    for (const { language } of g.values()) expect(language).toBe('ru');
    expect(story('quake-sichuan-2')).toBe(story('quake-sichuan-1'));
    expect(story('key-rate-2')).toBe(story('key-rate-1'));
    expect(story('key-rate-1')).not.toBe(story('quake-sichuan-1'));
  });

  it('Italian: the two reports of a collapse join; another city’s school and its budget stay apart', async () => {
    const g = await grouped('italian-events', ['bridge-genoa-1', 'bridge-genoa-2', 'roof-bari', 'budget-milan']);
    const story = (n: string) => g.get(n)?.storyId;
    for (const { language } of g.values()) expect(language).toBe('it');
    expect(story('bridge-genoa-2')).toBe(story('bridge-genoa-1'));
    expect(new Set([story('bridge-genoa-1'), story('roof-bari'), story('budget-milan')]).size).toBe(3);
  });
});

describe('groupDocuments across Chinese and English', () => {
  it('joins a Chinese and an English report of one event through their figures (0.5 points, 7.0 %), and not an unrelated report', async () => {
    // Before figures inside Chinese runs were tokens of their own, "下调0.5个百分点" gave "0" and "5", and the two never met.
    const docs = ['chinese', 'unrelated', 'english'].map((n) => fixtureDoc('languages/chinese-english-figures', n));
    const [chinese, unrelated, english] = await groupDocuments(docs);
    expect(chinese?.language).toBe('zh');
    expect(english).toMatchObject({ language: 'en', via: 'cross-language', storyId: chinese?.storyId });
    expect(unrelated?.storyId).not.toBe(chinese?.storyId);
  });

  it('joins a Chinese report of the seed story to the English one through the shipped aliases (ISIS, al-Baghdadi, Mosul, the Pentagon)', async () => {
    // Before alias names in Chinese were segmented as text is, the two shared no name and stayed apart.
    const docs = [fixtureDoc('seed-pair', 'second'), fixtureDoc('languages/seed-story-chinese', 'chinese')];
    const [english, chinese] = await groupDocuments(docs);
    expect(chinese).toMatchObject({ language: 'zh', via: 'cross-language', storyId: english?.storyId });
  });
});
