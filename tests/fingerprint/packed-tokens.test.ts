import { describe, expect, it } from 'vitest';
import { normalizeText, storyIndexInputOf, tokenizeText, type StoryDoc } from '../../src/fingerprint/index.js';
import { packTokenStreams, unpackTokenStream } from '../../src/fingerprint/packed-tokens.js';
import { shippedAliases } from './helpers.js';

const streamOf = (text: string, language: string) => tokenizeText(normalizeText(text), shippedAliases(), language);

describe('packed tokens', () => {
  it('give back the streams tokenizeText gave, entity flags included, in several languages and scripts', () => {
    const texts: [string, string][] = [
      ['The U.S. Senate passed 1,000 bills on Monday, said John Smith in Washington.', 'en'],
      ['Die Bundesregierung in Berlin hat am Dienstag 2,5 Milliarden Euro beschlossen.', 'de'],
      ['İstanbul\'da deprem: AFAD 4,8 büyüklüğünde olduğunu açıkladı.', 'tr'],
      ['東京都は月曜日、新しい計画を発表した。', 'ja'],
      ['', 'en'],
    ];
    for (const [text, language] of texts) {
      const title = streamOf(text.slice(0, 30), language);
      const body = streamOf(text, language);
      const packed = packTokenStreams(title, body);
      expect(packed).toBeDefined();
      const [titleTokens, bodyTokens, titleFlags, bodyFlags] = JSON.parse(JSON.stringify(packed)) as [string, string, string, string];
      expect(unpackTokenStream(titleTokens, titleFlags)).toEqual(title);
      expect(unpackTokenStream(bodyTokens, bodyFlags)).toEqual(body);
    }
  });

  it('are not made when a token holds a space or is empty, and the input then keeps its text', () => {
    const plain = { tokens: ['a', 'b'], entity: new Uint8Array([0, 1]) };
    expect(packTokenStreams(plain, { tokens: ['new york'], entity: new Uint8Array([1]) })).toBeUndefined();
    expect(packTokenStreams({ tokens: [''], entity: new Uint8Array([0]) }, plain)).toBeUndefined();
    const doc: StoryDoc = { id: 'a', title: 'T', text: 'Body', publishedAt: null, seenAt: '2026-01-01T00:00:00.000Z', source: null };
    const trace = { language: 'en', duplicate: null, links: [], plans: [] };
    expect(storyIndexInputOf(doc, trace)).toEqual({ doc, placement: null, trace });
    expect(storyIndexInputOf(doc, null)).toEqual({ doc, placement: null });
    expect(storyIndexInputOf(doc, { ...trace, tokens: ['t', 'body', '1', '0'] }).doc).toEqual({ ...doc, title: '', text: '' });
  });
});
