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

/**
 * Per length (below 16) and last code unit (its low 7 bits), 1 when a share word has both: most
 * tokens are ruled out without hashing them for the set (one lookup per token of every article).
 */
const SHARE_SIGNATURES = new Uint8Array(16 * 128);
for (const word of SHARE_WORDS) SHARE_SIGNATURES[signature(word)] = 1;

/** Tokens of a share bar this long or longer are dropped. */
const MIN_RUN = 3;

/**
 * Marks the tokens that belong to a run of MIN_RUN or more share words; null when there is none
 * (the common case: one set lookup per token, no array).
 */
export function shareBarTokens(tokens: readonly string[]): Uint8Array | null {
  let mask: Uint8Array | null = null;
  let run = 0;
  for (let i = 0; i <= tokens.length; i += 1) {
    const token = tokens[i];
    // "E-Mail" is read as "e" and "mail".
    if (token !== undefined && ((SHARE_SIGNATURES[signature(token)] === 1 && SHARE_WORDS.has(token)) || (token === 'e' && tokens[i + 1] === 'mail'))) {
      run += 1;
      continue;
    }
    if (run >= MIN_RUN) {
      mask ??= new Uint8Array(tokens.length);
      mask.fill(1, i - run, i);
    }
    run = 0;
  }
  return mask;
}

/** A token's place in SHARE_SIGNATURES (words of 16 or more characters share the last row: none is a share word). */
function signature(token: string): number {
  return (Math.min(token.length, 15) << 7) | (token.charCodeAt(token.length - 1) & 0x7f);
}
