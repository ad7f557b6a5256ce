import { describe, expect, it } from 'vitest';
import { createStoryIndex, foldScriptVariants } from '../../src/fingerprint/index.js';
import { foldTraditionalChinese } from '../../src/fingerprint/han-variants.js';
import { fixtureDoc, shippedAliases } from './helpers.js';

const doc = (name: string) => fixtureDoc('languages/traditional-chinese', name);

describe('Traditional Chinese read in Simplified characters', () => {
  it('folds a Traditional text to the Simplified one it was converted from, character for character', () => {
    expect(foldTraditionalChinese(doc('traditional-copy').text)).toBe(doc('simplified').text);
    expect(foldTraditionalChinese(doc('traditional-copy').title)).toBe(doc('simplified').title);
    // A name alone (an alias entry) is Traditional too.
    expect(foldScriptVariants('習近平')).toBe('习近平');
  });

  it('leaves Simplified Chinese, Japanese (kanji among kana, 東 and 車 included) and other scripts as they are', () => {
    for (const text of [doc('simplified').text, doc('japanese').text, 'Der Zug hält in Köln.', '東京駅の電車']) expect(foldTraditionalChinese(text)).toBe(text);
    // One Traditional name quoted in a Simplified report does not make it Traditional.
    const quoted = `${doc('simplified').text}台湾媒体称“國民黨”表示关注。`;
    expect(foldTraditionalChinese(quoted)).toBe(quoted);
  });

  it('a Traditional republication of a Simplified wire text is its copy, and a Traditional report of the event joins its story', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() });
    const original = index.assign(doc('simplified'));
    expect(index.assign(doc('traditional-copy'))).toMatchObject({ duplicateOf: 'zh-hans-quake-report', storyId: original.storyId });
    const report = index.assign(doc('traditional-report'));
    expect(report.storyId).toBe(original.storyId);
    expect(report.duplicateOf).toBeNull();
  });
});
