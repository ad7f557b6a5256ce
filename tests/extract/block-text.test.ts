import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/extract/dom/parse-document.js';
import { blocksToText, collectBlocks } from '../../src/extract/text/block-text.js';

const textOf = (html: string): string => {
  const { document } = parseDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return document.body === null ? '' : blocksToText(collectBlocks(document.body));
};

describe('collectBlocks', () => {
  it('keeps the lines of preformatted text (agate, results tables) and joins wrapped lines elsewhere', () => {
    const text = textOf('<p>Results of\nthe day:</p><pre>Team A   3\nTeam B   1\n\nTeam C   2</pre><p>End.</p>');
    expect(text).toBe('Results of the day:\n\nTeam A 3\nTeam B 1\n\nTeam C 2\n\nEnd.');
  });
});
