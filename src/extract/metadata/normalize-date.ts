// Dates outside this window are template junk (1970 epochs, 9999 "never expires").
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * Turns a page's date string into ISO 8601 UTC, or null when it is not a plausible date. Accepts ISO forms
 * (with or without zone, `2017-03-08 23:14:00+03:30`), RFC 2822 and compact `20170308`. A date without a zone
 * is read as UTC so that results never depend on the machine's zone.
 */
export function normalizeDate(value: string): string | null {
  let text = value.trim();
  if (text.length === 0 || text.length > 64) return null;
  if (/^\d{8}$/.test(text)) text = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  // "2017-03-08 23:14" → ISO with T; a missing zone becomes Z.
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso !== null) {
    // A one-digit hour gets its zero whatever follows (padding the whole string missed "9:05:30.123").
    const time = iso[2] === undefined ? '00:00:00' : `${iso[2].replace(/^(\d):/, '0$1:')}${iso[2].length <= 5 ? ':00' : ''}`;
    const zone = iso[3] === undefined ? 'Z' : iso[3].toUpperCase() === 'Z' ? 'Z' : iso[3].includes(':') ? iso[3] : `${iso[3].slice(0, 3)}:${iso[3].slice(3)}`;
    text = `${iso[1]}T${time}${zone}`;
  } else if (!/(?:[+-]\d{2}:?\d{2}|\b(?:gmt|utc|z|[ecmp][sd]t)\b)\s*$/i.test(text)) {
    text = `${text} UTC`;
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date.toISOString() : null;
}
