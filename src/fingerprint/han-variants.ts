import { requireOnFirstUse } from '../types/index.js';

/**
 * Chinese is written in two character sets: Simplified (mainland China, Singapore: Xinhua, China
 * News Service) and Traditional (Taiwan, Hong Kong, Macau: CNA, RTHK, many overseas papers). One
 * event reported in each shares its names and words only after one is read in the other's
 * characters (們/们, 國/国, 發/发), as Arabic and Persian letter variants are folded before they are
 * compared. OpenCC's Traditional → Simplified character table (opencc-js) does it one character
 * for one (its phrase tables, 資訊 → 信息, are left out: a rewrite, not a fold).
 *
 * Its two tables (each module default-exports "from to|from to|…") are loaded on the first text
 * that holds Han characters, not with this module: imported, they added ~15 ms to every CLI start.
 */
const tsCharacters = requireOnFirstUse<{ default: string }>('opencc-js/dict/TSCharacters');
const stCharacters = requireOnFirstUse<{ default: string }>('opencc-js/dict/STCharacters');

interface FoldTables {
  /** Per BMP code unit: the Simplified form of a Traditional character, 0 when none. */
  toSimplified: Uint16Array;
  /**
   * 1 for Traditional characters that are no Simplified character too: a text is read as
   * Traditional by their share of its Han characters (foldTraditionalChinese), so a Simplified
   * text, which holds none of them, is never changed, not even in the few characters both sets share.
   */
  traditionalOnly: Uint8Array;
}

let tables: FoldTables | null = null;

function foldTables(): FoldTables {
  if (tables !== null) return tables;
  const toSimplified = new Uint16Array(0x10000);
  const traditionalOnly = new Uint8Array(0x10000);
  const simplifiedCharacters = new Set<number>();
  for (const pair of stCharacters().default.split('|')) simplifiedCharacters.add(pair.charCodeAt(0));
  for (const pair of tsCharacters().default.split('|')) {
    // "鬱 郁": one BMP code unit each side (pairs with an astral character are rare names and are left as they are).
    if (pair.length !== 3 || pair.charCodeAt(1) !== 32 || isSurrogate(pair.charCodeAt(0)) || isSurrogate(pair.charCodeAt(2))) continue;
    const traditional = pair.charCodeAt(0);
    toSimplified[traditional] = pair.charCodeAt(2);
    if (!simplifiedCharacters.has(traditional)) traditionalOnly[traditional] = 1;
  }
  tables = { toSimplified, traditionalOnly };
  return tables;
}

/** Share of a text's Han characters that must be Traditional-only for it to be read as Traditional (1 in 20; ~30 % in running Traditional text, 0 in Simplified). */
const TRADITIONAL_SHARE = 20;
/** Japanese writes kanji, some of them Traditional forms (東, 車, 時), among its kana: a text with kana of a tenth of its Han characters or more is left alone. */
const KANA_SHARE = 10;

/**
 * A Traditional Chinese text in Simplified characters, one for one; any other text (Simplified,
 * Japanese, no Han at all) as it is.
 */
export function foldTraditionalChinese(text: string): string {
  // Most texts hold no Han character: one native scan (~0.3 ns a character) answers for them.
  if (!HAN_RE.test(text)) return text;
  const { toSimplified, traditionalOnly } = foldTables();
  let han = 0;
  let traditional = 0;
  let kana = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x3040) continue;
    if (code <= 0x30ff) kana += 1;
    else if (code >= 0x3400 && code <= 0x9fff) {
      han += 1;
      traditional += traditionalOnly[code] as number;
    }
  }
  if (traditional === 0 || traditional * TRADITIONAL_SHARE < han || kana * KANA_SHARE >= han) return text;
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    codes[i] = code >= 0x3400 ? (toSimplified[code] as number) || code : code;
  }
  return UTF16.decode(codes);
}

const HAN_RE = /[\u3400-\u9fff]/;
/** The folded code units back to a string in one native call (String.fromCharCode would take them as arguments, on the stack). */
const UTF16 = new TextDecoder('utf-16le');

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}
