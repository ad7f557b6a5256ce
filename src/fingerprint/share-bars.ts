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
    if (token !== undefined && (SHARE_WORDS.has(token) || (token === 'e' && tokens[i + 1] === 'mail'))) {
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
