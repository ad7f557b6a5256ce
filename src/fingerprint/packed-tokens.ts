import type { TokenStream } from './tokenize-text.js';

/**
 * An article's title and body as tokenizeText gave them, in the form a log row keeps: each
 * stream's tokens joined by spaces and its entity flags as a string of '0' and '1', one per token.
 * A replay given them reads the streams back instead of normalizing and tokenizing the text again
 * (~11 % of a restart's replay at 100,000 live), and the logged doc can leave its title and text
 * out: the tokens, case-folded and without punctuation, deflate to about what the text did.
 */
export type PackedTokens = [titleTokens: string, bodyTokens: string, titleEntity: string, bodyEntity: string];

/** The two streams packed; undefined when a token holds a space or is empty (the split would not give it back), so the text is logged instead. */
export function packTokenStreams(title: TokenStream, body: TokenStream): PackedTokens | undefined {
  if (!isSplittable(title.tokens) || !isSplittable(body.tokens)) return undefined;
  return [title.tokens.join(' '), body.tokens.join(' '), flagsOf(title.entity), flagsOf(body.entity)];
}

/** A stream from its packed tokens and flags (packTokenStreams); throws when they disagree in length or a flag is not 0 or 1. */
export function unpackTokenStream(tokens: string, flags: string): TokenStream {
  const list = tokens === '' ? [] : tokens.split(' ');
  if (typeof flags !== 'string' || list.length !== flags.length) throw new Error(`packed tokens: ${list.length} tokens but ${String(flags?.length)} entity flags`);
  const entity = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i += 1) {
    const flag = flags.charCodeAt(i) - 48;
    if (flag !== 0 && flag !== 1) throw new Error(`packed tokens: entity flag ${JSON.stringify(flags[i])}`);
    entity[i] = flag;
  }
  return { tokens: list, entity };
}

function isSplittable(tokens: readonly string[]): boolean {
  for (const token of tokens) if (token === '' || token.includes(' ')) return false;
  return true;
}

function flagsOf(entity: Uint8Array): string {
  let out = '';
  for (let i = 0; i < entity.length; i += 1) out += entity[i] === 1 ? '1' : '0';
  return out;
}
