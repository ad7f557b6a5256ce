/**
 * The form of a source URL used to find duplicates: what URL parsing already normalizes (scheme and
 * host case, default port, `.`/`..` segments, percent-encoding of spaces and non-ASCII) with the
 * fragment dropped, since `#x` never reaches the server. `HTTP://Wire.example:80/./feed.xml#top` and
 * `http://wire.example/feed.xml` are one feed. Null when `url` does not parse.
 */
export function sourceUrlKey(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
