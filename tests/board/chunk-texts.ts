import { runInNewContext } from 'node:vm';
import type { BoardAsset, BoardPage } from '../../src/board/index.js';

/** A text chunk read back the way a browser reads it: run as JavaScript, with `wdTexts` defined. */
export interface ReadChunk {
  name: string;
  texts: Map<string, string>;
}

/**
 * Runs a chunk file in a fresh V8 context (a real JavaScript parse, like the page's `<script
 * src>`) and returns what it registered; throws when it does not call `wdTexts` exactly once.
 */
export function readChunk(text: string): ReadChunk {
  const calls: { name: unknown; flat: unknown }[] = [];
  runInNewContext(text, { wdTexts: (name: unknown, flat: unknown) => calls.push({ name, flat }) }, { timeout: 2000 });
  if (calls.length !== 1) throw new Error(`chunk called wdTexts ${calls.length} times`);
  const [{ name, flat }] = calls as [{ name: unknown; flat: unknown }];
  if (typeof name !== 'string' || !Array.isArray(flat)) throw new Error('chunk registered no name or no array');
  const texts = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) texts.set(String(flat[i]), String(flat[i + 1]));
  return { name, texts };
}

/** Every article text of a rendered board, by article id, read back from its chunks. */
export function textsOf(files: readonly BoardAsset[] | BoardPage): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of Array.isArray(files) ? files : (files as BoardPage).texts) for (const [id, text] of readChunk(file.text).texts) out.set(id, text);
  return out;
}
