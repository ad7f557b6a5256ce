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
