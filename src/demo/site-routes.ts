/** One URL a fixture site answers, as listed in its generated `routes.json`. */
export interface SiteRoute {
  /** File under the site's folder. */
  file: string;
  /** `Content-Type` header value. */
  type: string;
  /** `Last-Modified` value (HTTP date) or null when the file has none. */
  lastModified: string | null;
}

/** A site's routes keyed by URL path (`/en/rss/allnews`). */
export type SiteRoutes = Record<string, SiteRoute>;
