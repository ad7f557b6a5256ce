/** Resolves `value` against `base`; null when either is not a URL. Whitespace inside URLs is dropped (HTML does so). */
export function resolveUrl(value: string, base: string): string | null {
  const trimmed = value.trim().replace(/[\t\n\r]/g, '');
  if (trimmed.length === 0) return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    try {
      return new URL(trimmed).href;
    } catch {
      return null;
    }
  }
}

/** Resolves and keeps only http(s) URLs (canonical URLs, lead images). */
export function resolveHttpUrl(value: string | null | undefined, base: string): string | null {
  if (value === null || value === undefined) return null;
  const url = resolveUrl(value, base);
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}
