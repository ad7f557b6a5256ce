import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../src/extract/metadata/clean-title.js';
import { detectLanguage, normalizeLanguage } from '../../src/extract/metadata/detect-language.js';
import { readJsonLdArticle } from '../../src/extract/metadata/json-ld.js';
import { normalizeDate } from '../../src/extract/metadata/normalize-date.js';
import { BOILERPLATE_LINE_PATTERNS } from '../../src/extract/rules/boilerplate-rules.js';

const dropped = (line: string): boolean => BOILERPLATE_LINE_PATTERNS.some((re) => re.test(line));

describe('normalizeDate', () => {
  it('reads ISO with offsets, space-separated times and zone-less dates as UTC', () => {
    expect(normalizeDate('2017-03-08T23:14:00+03:30')).toBe('2017-03-08T19:44:00.000Z');
    expect(normalizeDate('2017-03-08 23:14')).toBe('2017-03-08T23:14:00.000Z');
    expect(normalizeDate('2017-03-08')).toBe('2017-03-08T00:00:00.000Z');
    expect(normalizeDate('Wed, 08 Mar 2017 20:14:00 GMT')).toBe('2017-03-08T20:14:00.000Z');
    expect(normalizeDate('20170308')).toBe('2017-03-08T00:00:00.000Z');
  });

  it('reads a one-digit hour also with fractional seconds', () => {
    expect(normalizeDate('2017-03-08 9:05:30.123+03:30')).toBe('2017-03-08T05:35:30.123Z');
    expect(normalizeDate('2017-03-08 9:05')).toBe('2017-03-08T09:05:00.000Z');
  });

  it('rejects junk and implausible years', () => {
    expect(normalizeDate('yesterday')).toBeNull();
    expect(normalizeDate('1970-01-01T00:00:00Z')).toBeNull();
    expect(normalizeDate('9999-12-31')).toBeNull();
    expect(normalizeDate('')).toBeNull();
  });
});

describe('cleanTitle', () => {
  it('strips the site name behind a separator at either end', () => {
    expect(cleanTitle('Baghdadi flees Mosul - Rasa News Agency', 'Rasa News Agency')).toBe('Baghdadi flees Mosul');
    expect(cleanTitle('Rasa News Agency | Baghdadi flees Mosul', 'Rasa News Agency')).toBe('Baghdadi flees Mosul');
  });

  it('keeps separators that belong to the headline', () => {
    expect(cleanTitle('Iraq - Mosul: the battle for the old city', 'Gulf Wire')).toBe('Iraq - Mosul: the battle for the old city');
  });

  it('uses the page headline when the title is that headline plus a suffix', () => {
    expect(cleanTitle('Cup final decided – The Tigris Times', null, 'http://127.0.0.1/x', 'Cup final decided')).toBe('Cup final decided');
  });
});

describe('detectLanguage', () => {
  it('tells languages apart by script and stopwords', () => {
    expect(detectLanguage('The minister said on Monday that the government would not change the budget and that it was too early to say.')).toBe('en');
    expect(detectLanguage('Le ministre a déclaré lundi que le gouvernement ne changera pas le budget et que la décision est pour la suite.')).toBe('fr');
    expect(detectLanguage('أعلنت وزارة النفط العراقية يوم الثلاثاء أن صادرات الخام من موانئ البصرة ارتفعت خلال الشهر الماضي إلى أعلى مستوى لها منذ عامين. وقال المتحدث باسم الوزارة إن الزيادة جاءت بعد انتهاء أعمال الصيانة.')).toBe('ar');
    expect(detectLanguage('وزیر نفت روز سه شنبه گفت که صادرات نفت از بنادر جنوبی در ماه گذشته به بالاترین سطح خود در دو سال اخیر رسیده است و این برای کشور مهم است')).toBe('fa');
  });

  it('returns null for text too short to call', () => {
    expect(detectLanguage('Hello')).toBeNull();
  });

  it('normalizes tags to the primary subtag', () => {
    expect(normalizeLanguage('en-US')).toBe('en');
    expect(normalizeLanguage('AR_iq')).toBe('ar');
    expect(normalizeLanguage('und')).toBeNull();
    expect(normalizeLanguage('english please')).toBeNull();
  });
});

describe('readJsonLdArticle', () => {
  it('finds the NewsArticle inside @graph and arrays, and survives broken blocks', () => {
    const blocks = [
      '{ not json',
      JSON.stringify([{ '@type': 'WebSite', name: 'Site' }]),
      JSON.stringify({ '@graph': [{ '@type': 'WebPage', name: 'Page' }, { '@type': ['NewsArticle'], headline: 'H', datePublished: '2024-01-02', author: [{ name: 'A' }, 'B'], publisher: { name: 'P' }, image: [{ url: '/i.jpg' }] }] }),
    ];
    const article = readJsonLdArticle(blocks);
    expect(article?.headline).toBe('H');
    expect(article?.authors).toEqual(['A', 'B']);
    expect(article?.publisher).toBe('P');
    expect(article?.image).toBe('/i.jpg');
  });

  it('returns null when no block describes an article', () => {
    expect(readJsonLdArticle([JSON.stringify({ '@type': 'Organization', name: 'X' })])).toBeNull();
  });
});

describe('boilerplate line patterns', () => {
  it('drop the agency chrome of the seed reports', () => {
    for (const line of ['News ID: 428001', '847/940', 'Send comment', 'Please type in your comments in English.', 'Service :', '08 March 2017 - 23:14',
      'The comments that contain insults or libel to individuals, ethnicities, or contradictions with the laws of the country and religious teachings will not be disclosed']) {
      expect(dropped(line), line).toBe(true);
    }
  });

  it('keep real sentences that merely mention dates, comments or sharing', () => {
    for (const line of ['On Tuesday, Iraqi forces thwarted a Daesh counterattack near Mosul\'s main government buildings.', 'He was born on 3 May 1970 at the hospital.',
      'The ministry will share the data with the public in March.', 'Readers sent more than 300 comments about the plan.', 'At 10:30 am the market opened.', '4:14 p.m.']) {
      expect(dropped(line), line).toBe(false);
    }
  });
});
