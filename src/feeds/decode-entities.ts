import { decodeWith } from '../encoding/index.js';
import { HTML_NAMED_ENTITIES } from './html-entities.js';

/** Counts of entity repairs made while decoding, so the caller can warn once per kind. */
export interface EntityRepairs {
  /** `&` not starting a valid reference, kept as a literal ampersand. */
  bareAmpersands: number;
  /** HTML named references (`&nbsp;`) that XML does not define, decoded anyway. */
  htmlEntities: number;
}

const XML_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

// Only an ampersand that starts a reference matches: a bare one is left where it is without a callback, so a
// text of a million bare ampersands costs one scan, not a million replacements (fuzz:feeds found it at 1.4-2 s/MB).
const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}))(;?)/g;

/**
 * Decodes character references in raw XML text the lenient way real feeds need: the five XML
 * entities, numeric references (with or without the `;`), and HTML 4 named entities. A bare `&`
 * or an unknown name stays literal text, as a browser would show it. Pass `repairs` to count
 * what was not well-formed XML.
 */
export function decodeEntities(raw: string, repairs: EntityRepairs | null = null): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  // Fast path for the references feeds are made of (escaped HTML: &lt; &gt; &amp; &quot;); anything
  // else hands the rest of the string to the general (regex) decoder.
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const next4 = raw.charCodeAt(amp + 3);
    let replacement: string | null = null;
    let length = 0;
    if (next4 === 59 /* ; */) {
      const name = raw.slice(amp + 1, amp + 3);
      replacement = name === 'lt' ? '<' : name === 'gt' ? '>' : null;
      length = 4;
    } else if (raw.startsWith('amp;', amp + 1)) {
      replacement = '&';
      length = 5;
    } else if (raw.startsWith('quot;', amp + 1)) {
      replacement = '"';
      length = 6;
    }
    if (replacement === null) return out + decodeGeneral(raw.slice(from), repairs);
    out += raw.slice(from, amp) + replacement;
    from = amp + length;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/**
 * Decodes references in text that was already decoded once (a field escaped twice): only complete
 * references (`;` required) that name a character; `&#0;` or `&#xD800;` stay as written, since
 * they cannot have been meant as characters.
 */
export function decodeReferencesStrictly(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (semi !== ';') return whole;
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return isCharacter(code) ? codePointToString(code) : whole;
    }
    const named = name === undefined ? undefined : (XML_ENTITIES.get(name) ?? fromHtmlEntity(name));
    return named ?? whole;
  });
}

/**
 * Reads C1 control characters (U+0080–U+009F) as the windows-1252 characters they were meant as:
 * cp1252 text stored as if it were Latin-1 carries U+0092 for ’ and U+0096 for –, exactly what
 * `&#146;` and `&#150;` mean and are decoded to. The five positions cp1252 leaves empty are dropped.
 */
export function mapC1Controls(text: string): string {
  if (!HAS_C1.test(text)) return text;
  return text.replace(C1, (ch) => WINDOWS_1252_C1.get(ch.charCodeAt(0)) ?? '');
}

const HAS_C1 = /[\u0080-\u009f]/;
const C1 = /[\u0080-\u009f]/g;

function fromHtmlEntity(name: string): string | undefined {
  const code = HTML_NAMED_ENTITIES.get(name);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

function isCharacter(code: number): boolean {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
}

function decodeGeneral(raw: string, repairs: EntityRepairs | null): string {
  if (raw.indexOf('&') === -1) return raw;
  let references = 0;
  const decoded = raw.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    references++;
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return codePointToString(code);
    }
    if (name !== undefined && semi === ';') {
      const xml = XML_ENTITIES.get(name);
      if (xml !== undefined) return xml;
      const html = HTML_NAMED_ENTITIES.get(name);
      if (html !== undefined) {
        if (repairs !== null) repairs.htmlEntities++;
        return String.fromCodePoint(html);
      }
    }
    if (repairs !== null) repairs.bareAmpersands++;
    return whole;
  });
  // Ampersands that start no reference at all are bare too.
  if (repairs !== null) repairs.bareAmpersands += countAmpersands(raw) - references;
  return decoded;
}

function countAmpersands(text: string): number {
  let count = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) count++;
  return count;
}

/** Escapes text for re-serialisation inside XML/HTML markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function codePointToString(code: number): string {
  // Windows-1252 C1 code points are what authors meant by &#150; and friends (HTML's own rule).
  const c1 = WINDOWS_1252_C1.get(code);
  if (c1 !== undefined) return c1;
  return isCharacter(code) ? String.fromCodePoint(code) : '\uFFFD';
}

// Built with decodeWith, not TextDecoder: Node 20's TextDecoder reads windows-1252 as Latin-1 and would
// leave this map empty (`&#150;` an invisible C1 control instead of an en dash).
const WINDOWS_1252_C1: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  for (let code = 0x80; code <= 0x9f; code++) {
    const ch = decodeWith('windows-1252', Uint8Array.of(code));
    if (ch.codePointAt(0) !== code) map.set(code, ch);
  }
  return map;
})();
