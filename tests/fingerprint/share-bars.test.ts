import { describe, expect, it } from 'vitest';
import { IN_SHARE_BAR, markTokenKinds, SHARE_WORD, STOP_WORD, tokenKinds } from '../../src/fingerprint/share-bars.js';
import { stopWordsFor } from '../../src/fingerprint/stop-words.js';
import { keyHash } from '../../src/fingerprint/weighted-keys.js';
import { seededRandom } from './helpers.js';

describe('share bars', () => {
  /** 1 where markTokenKinds puts a token inside a share bar (no stop list). */
  const inShareBar = (tokens: string[]): number[] => {
    const out = new Uint8Array(tokens.length);
    markTokenKinds(tokens, Int32Array.from(tokens, keyHash), tokenKinds(new Set()), out);
    return [...out].map((kind) => ((kind & IN_SHARE_BAR) === 0 ? 0 : 1));
  };

  it('marks a run of three or more sharing buttons, E-Mail included', () => {
    expect(inShareBar(['text', 'teilen', 'tweet', 'e', 'mail', 'whatsapp', 'more'])).toEqual([0, 1, 1, 1, 1, 1, 0]);
  });

  it('leaves platform names in prose alone', () => {
    expect(inShareBar(['facebook', 'and', 'twitter', 'removed', 'posts'])).toEqual([0, 0, 0, 0, 0]);
    expect(inShareBar(['facebook', 'twitter'])).toEqual([0, 0]);
  });
});

describe('markTokenKinds', () => {
  it('gives each token the bits a Map of stop words and share words gave, share-bar runs included', () => {
    const random = seededRandom(5);
    for (const language of ['en', 'de', 'es', 'tr']) {
      const stopWords = stopWordsFor(language);
      const table = tokenKinds(stopWords);
      const words = [...[...stopWords].slice(0, 40), 'facebook', 'twitter', 'teilen', 'tweet', 'e', 'mail', 'print', 'word', 'Facebook', 'und', 'the', 'x', ''];
      for (let round = 0; round < 300; round += 1) {
        const tokens = Array.from({ length: Math.floor(random() * 80) }, () => ` ${words[Math.floor(random() * words.length)] as string}`.slice(1));
        const out = new Uint8Array(tokens.length);
        markTokenKinds(tokens, Int32Array.from(tokens, keyHash), table, out);
        expect([...out]).toEqual(referenceKinds(tokens, stopWords));
      }
    }
  });
});

/** markTokenKinds as it read a Map of kinds (before the table was probed by the tokens' hashes). */
function referenceKinds(tokens: readonly string[], stopWords: ReadonlySet<string>): number[] {
  const share = new Set(['facebook', 'twitter', 'whatsapp', 'pinterest', 'linkedin', 'tumblr', 'telegram', 'reddit', 'instagram', 'youtube', 'vk', 'xing', 'messenger', 'flipboard', 'skype', 'viber', 'email', 'e-mail', 'mail', 'correo', 'print', 'imprimir', 'drucken', 'compartir', 'teilen', 'share', 'tweet', 'copy', 'link']);
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i <= tokens.length; i += 1) {
    if (i < tokens.length) {
      const token = tokens[i] as string;
      const kind = (stopWords.has(token) ? STOP_WORD : 0) | (share.has(token) ? SHARE_WORD : 0);
      out.push(kind);
      if ((kind & SHARE_WORD) !== 0 || (token === 'e' && tokens[i + 1] === 'mail')) {
        run += 1;
        continue;
      }
    }
    if (run >= 3) for (let j = i - run; j < i; j += 1) out[j] = (out[j] as number) | IN_SHARE_BAR;
    run = 0;
  }
  return out;
}
