const DAY_MS = 86_400_000;

/**
 * The UTC day (`YYYY-MM-DD`) an article is filed under: its publication date when it parses and is
 * not after the fetch (a day of slack for time zones), else when it was fetched. Fixed at the
 * article's first commit (the state keeps it), so a page whose date changes between fetches never
 * gets a second file.
 */
export function filedDayOf(article: { publishedAt: string | null; fetchedAt: string }): string {
  const fetched = Date.parse(article.fetchedAt);
  const published = article.publishedAt === null ? Number.NaN : Date.parse(article.publishedAt);
  const plausible = Number.isFinite(published) && published >= 0 && (!Number.isFinite(fetched) || published <= fetched + DAY_MS);
  const at = plausible ? published : Number.isFinite(fetched) ? fetched : 0;
  return new Date(Math.min(Math.max(at, 0), Date.UTC(9999, 11, 31))).toISOString().slice(0, 10);
}
