import { MONTH_NAMES, MULTI_WORD_MONTHS, ZONE_OFFSETS } from './date-names.js';

const ISO_DATE =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
/** The well-formed RFC 822 shape most feeds use, parsed without the general tokenizer (speed). */
const RFC_822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4}|\d{2})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[A-Za-z]{1,4})$/;
const NUMERIC_DATE = /(?<![\d:])(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\d:])/;
const TOKEN = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?|(\d{1,2})h(\d{2})\b|([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)|(\d+)|([\p{L}]+)/gu;

/**
 * Parses the dates real feeds contain into a UTC Date, or null. Accepts RFC 822/1123 (two-digit
 * years, named zones such as EST or MEST, `GMT+7`), W3C/ISO 8601 (no zone means UTC, never the
 * machine's zone), asctime, `dd/mm/yyyy`, and month names in en, pt, es, fr, de, it, ru and ar
 * (day names in any language are ignored). Pure: never reads the clock.
 */
export function parseFeedDate(raw: string): Date | null {
  const text = toAsciiDigits(raw.trim());
  if (text === '' || text.length > 200) return null;
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return fromIso(iso);
  const rfc = RFC_822.exec(text);
  if (rfc !== null) {
    const fast = fromRfc822(rfc);
    if (fast !== null) return fast;
  }
  return fromFreeText(text);
}

function fromIso(m: RegExpExecArray): Date | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const millis = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return build(
    Number(y),
    Number(mo ?? 1),
    Number(d ?? 1),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    millis,
    zone === undefined ? 0 : zoneOffset(zone),
  );
}

function fromRfc822(m: RegExpExecArray): Date | null {
  const [, d, mon, y, h, mi, s, zone] = m;
  const month = MONTH_NAMES.get((mon ?? '').toLowerCase());
  const offset = zone === undefined ? undefined : /^[+-]/.test(zone) ? zoneOffset(zone) : ZONE_OFFSETS.get(zone.toLowerCase());
  if (month === undefined || offset === undefined) return null;
  return build(expandYear(Number(y)), month, Number(d), Number(h), Number(mi), Number(s ?? 0), 0, offset);
}

interface Parts {
  day: number | null;
  month: number | null;
  year: number | null;
  hour: number;
  minute: number;
  second: number;
  offset: number;
}

function fromFreeText(input: string): Date | null {
  let text = input.toLowerCase();
  for (const [pattern, replacement] of MULTI_WORD_MONTHS) text = text.replace(pattern, replacement);
  const parts: Parts = { day: null, month: null, year: null, hour: 0, minute: 0, second: 0, offset: 0 };

  const numeric = NUMERIC_DATE.exec(text);
  if (numeric !== null) {
    assignNumericDate(parts, Number(numeric[1]), Number(numeric[3]), Number(numeric[4]), (numeric[1] ?? '').length);
    text = text.slice(0, numeric.index) + ' ' + text.slice(numeric.index + numeric[0].length);
  }

  const numbers: string[] = [];
  let sawTime = false;
  let sawZoneWord = false;
  let sawOffset = false;
  let pm: boolean | null = null;
  for (const t of text.matchAll(TOKEN)) {
    if (t[1] !== undefined || t[4] !== undefined) {
      parts.hour = Number(t[1] ?? t[4]);
      parts.minute = Number(t[2] ?? t[5]);
      parts.second = Number(t[3] ?? 0);
      sawTime = true;
    } else if (t[6] !== undefined) {
      // A signed number is a zone offset only after a time or a zone word (`GMT+7`, `+0200`).
      if ((!sawTime && !sawZoneWord) || sawOffset) continue;
      sawOffset = true;
      const hours = Number(t[7]);
      const minutes = t[8] !== undefined ? Number(t[8]) : 0;
      // `+0530` arrives as hours "05" + minutes "30", `+530` as "5" + "30", `+7` as hours only.
      parts.offset += (t[6] === '-' ? -1 : 1) * (hours * 60 + minutes);
    } else if (t[9] !== undefined) {
      numbers.push(t[9]);
    } else if (t[10] !== undefined) {
      const word = t[10];
      const month = MONTH_NAMES.get(word);
      const zone = ZONE_OFFSETS.get(word);
      // The last month word wins: a leading `mar` is Tuesday in es/fr ("mar., 24 sept. 2018").
      if (month !== undefined) parts.month = month;
      // After a numeric offset a zone name is only a comment: `+0100 (CET)` must not count twice.
      else if (zone !== undefined && !sawOffset && !sawZoneWord && (sawTime || word.length > 1)) {
        parts.offset += zone;
        sawZoneWord = true;
      } else if (word === 'pm' || word === 'am') pm = word === 'pm';
    }
  }
  assignNumbers(parts, numbers, sawTime);
  if (pm === true && parts.hour < 12) parts.hour += 12;
  if (pm === false && parts.hour === 12) parts.hour = 0;
  if (parts.day === null || parts.month === null || parts.year === null) return null;
  return build(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, 0, parts.offset);
}

function assignNumericDate(parts: Parts, a: number, b: number, c: number, firstLength: number): void {
  if (firstLength === 4) {
    parts.year = a;
    parts.month = b;
    parts.day = c;
  } else if (b > 12 && a <= 12) {
    // Only a US-style date can have a second field above 12.
    parts.month = a;
    parts.day = b;
    parts.year = expandYear(c);
  } else {
    parts.day = a;
    parts.month = b;
    parts.year = expandYear(c);
  }
}

/** Gives the free numbers day/year (and an `hhmm` time when no `hh:mm` was seen) roles. */
function assignNumbers(parts: Parts, numbers: string[], sawTime: boolean): void {
  let hasTime = sawTime;
  for (const n of numbers) {
    const value = Number(n);
    if (parts.year === null && n.length === 4 && parts.day === null && parts.month === null) {
      parts.year = value;
    } else if (parts.day === null && n.length <= 2) {
      parts.day = value;
    } else if (parts.year === null && (n.length === 4 || n.length === 2)) {
      parts.year = n.length === 2 ? expandYear(value) : value;
    } else if (!hasTime && n.length === 4) {
      // `03 Apr 02 1500 GMT`: a bare hhmm after the year.
      parts.hour = Math.floor(value / 100);
      parts.minute = value % 100;
      hasTime = true;
    }
  }
}

/** RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx. */
function expandYear(year: number): number {
  if (year >= 100) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function zoneOffset(zone: string): number {
  const named = ZONE_OFFSETS.get(zone.toLowerCase());
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number): Date | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second > 60 || Math.abs(offsetMinutes) > 18 * 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null; // 31 April and friends
  return new Date(utc - offsetMinutes * 60_000);
}

function toAsciiDigits(text: string): string {
  // Arabic-Indic (U+0660…) and Persian (U+06F0…) digits appear in ar/fa feeds.
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}
