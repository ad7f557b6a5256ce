import { describe, expect, it } from 'vitest';
import { shareBarTokens } from '../../src/fingerprint/share-bars.js';

describe('shareBarTokens', () => {
  it('marks a run of three or more sharing buttons, E-Mail included', () => {
    const tokens = ['text', 'teilen', 'tweet', 'e', 'mail', 'whatsapp', 'more'];
    expect([...(shareBarTokens(tokens) ?? [])]).toEqual([0, 1, 1, 1, 1, 1, 0]);
  });

  it('leaves platform names in prose alone', () => {
    expect(shareBarTokens(['facebook', 'and', 'twitter', 'removed', 'posts'])).toBeNull();
    expect(shareBarTokens(['facebook', 'twitter'])).toBeNull();
  });
});
