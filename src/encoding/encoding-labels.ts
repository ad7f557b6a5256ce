/** Extracts the `charset` parameter of a Content-Type value (quoted or not, among other parameters). */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^;\s]+)/i.exec(contentType);
  if (match === null) return null;
  const value = match[2] ?? match[3] ?? match[1] ?? '';
  return value.trim() || null;
}

/**
 * Maps a label to the name TextDecoder uses, or null when the label is unknown to it.
 * Besides the WHATWG labels, a few spellings seen on real servers are accepted (`win-1251`,
 * `cp-1256`, `windows1252`, `shift-jis`, `x-sjis`…). `x-user-defined` and `replacement` are refused:
 * they never describe real news text.
 */
export function normalizeEncodingLabel(label: string | null): string | null {
  if (label === null) return null;
  const cleaned = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (cleaned === '') return null;
  for (const candidate of [cleaned, ...aliasesOf(cleaned)]) {
    const name = whatwgName(candidate);
    if (name !== null) return name === 'replacement' || name === 'x-user-defined' ? null : name;
  }
  return null;
}

/** Encodings where a byte sequence can be invalid, so a wrong label shows up as a decoding error. */
const MULTI_BYTE = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb18030', 'big5', 'euc-kr']);

/** True for the CJK multi-byte encodings. */
export function isMultiByte(encoding: string): boolean {
  return MULTI_BYTE.has(encoding);
}

/**
 * True when `bytes` are well-formed in `encoding`. Only multi-byte encodings can fail; every byte
 * is valid in a single-byte one. A sequence cut at the end (a capped body) does not count as invalid.
 */
export function isPlausibleIn(encoding: string, bytes: Uint8Array): boolean {
  if (!MULTI_BYTE.has(encoding)) return true;
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The labels servers send by default rather than by knowledge of the page (Apache AddDefaultCharset,
 * PHP and Tomcat defaults): ISO-8859-1, US-ASCII and windows-1252 all normalise to windows-1252.
 */
export function isGenericWesternLabel(encoding: string): boolean {
  return encoding === 'windows-1252';
}

function whatwgName(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function aliasesOf(label: string): string[] {
  const out: string[] = [];
  const windows = /^(?:win|windows|cp|ms|x-cp)[-_ ]?(125\d|874)$/.exec(label);
  if (windows?.[1] !== undefined) out.push(`windows-${windows[1]}`);
  const iso = /^iso[-_ ]?8859[-_ ]?(\d{1,2})$/.exec(label);
  if (iso?.[1] !== undefined) out.push(`iso-8859-${iso[1]}`);
  if (/^(?:shift[-_ ]?jis|x-sjis|sjis|ms932|cp932)$/.test(label)) out.push('shift_jis');
  if (/^(?:gb[-_]?2312|gb[-_]?18030|cp936|x-gbk)$/.test(label)) out.push('gb18030');
  if (/^(?:big[-_ ]?5(?:-hkscs)?|cp950)$/.test(label)) out.push('big5');
  if (/^(?:euc[-_ ]?kr|cp949|ks_c_5601)$/.test(label)) out.push('euc-kr');
  if (/^koi8[-_ ]?(r|u)$/.test(label)) out.push(`koi8-${label.slice(-1)}`);
  if (/^utf[-_ ]?8$/.test(label)) out.push('utf-8');
  return out;
}
