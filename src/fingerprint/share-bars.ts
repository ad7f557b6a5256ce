import { WeightedKeys } from './weighted-keys.js';

/**
 * Share bars: a page's row of sharing buttons extracted as text ("WhatsApp Facebook Twitter
 * Pinterest Linkedin Tumblr", "Teilen Tweet E-Mail"). Platform names are news words on their own
 * (a story about Facebook), but three or more of them in a row are never prose: two unrelated
 * reports of one site linked through their share bar at cosine 0.21 on the multilingual dev pairs.
 */
const SHARE_WORDS: ReadonlySet<string> = new Set([
  'facebook', 'twitter', 'whatsapp', 'pinterest', 'linkedin', 'tumblr', 'telegram', 'reddit', 'instagram', 'youtube',
  'vk', 'xing', 'messenger', 'flipboard', 'skype', 'viber', 'email', 'e-mail', 'mail', 'correo', 'print', 'imprimir',
  'drucken', 'compartir', 'teilen', 'share', 'tweet', 'copy', 'link',
]);

/** Tokens of a share bar this long or longer are dropped. */
const MIN_RUN = 3;

/** Kind bits of a token (tokenKinds, markTokenKinds): a stop word of the reader's language, a share word, inside a share bar. */
export const STOP_WORD = 1;
export const SHARE_WORD = 2;
export const IN_SHARE_BAR = 4;

const KIND_TABLES = new WeakMap<ReadonlySet<string>, WeightedKeys>();

/**
 * A stop list's words and the share words with their kind bits (as weights: each bit is added once
 * per word, so the sum is the bits' union), built once per stop list: the counting reads one table
 * per token where a share-word set and a stop list were probed apart. A WeightedKeys and not a Map:
 * it is probed by the token hash the counting has already computed (weighted-keys.ts keyHash),
 * where a Map computed V8's own hash of every fresh token string first.
 */
export function tokenKinds(stopWords: ReadonlySet<string>): WeightedKeys {
  let kinds = KIND_TABLES.get(stopWords);
  if (kinds === undefined) {
    kinds = new WeightedKeys();
    for (const word of stopWords) kinds.add(word, STOP_WORD);
    for (const word of SHARE_WORDS) kinds.add(word, SHARE_WORD);
    KIND_TABLES.set(stopWords, kinds);
  }
  return kinds;
}

/**
 * Writes each token's kind bits (from `kinds`, tokenKinds; `keys`: the tokens' keyHashes) to
 * `out[i]`, with IN_SHARE_BAR on the tokens of a run of MIN_RUN or more share words. `out` holds
 * at least tokens.length entries.
 */
export function markTokenKinds(tokens: readonly string[], keys: Int32Array, kinds: WeightedKeys, out: Uint8Array): void {
  let run = 0;
  for (let i = 0; i <= tokens.length; i += 1) {
    if (i < tokens.length) {
      const token = tokens[i] as string;
      const place = kinds.placeOf(token, keys[i] as number);
      const kind = place < 0 ? 0 : (kinds.weights[place] as number);
      out[i] = kind;
      // "E-Mail" is read as "e" and "mail".
      if ((kind & SHARE_WORD) !== 0 || (token === 'e' && tokens[i + 1] === 'mail')) {
        run += 1;
        continue;
      }
    }
    if (run >= MIN_RUN) for (let j = i - run; j < i; j += 1) out[j] = (out[j] as number) | IN_SHARE_BAR;
    run = 0;
  }
}
