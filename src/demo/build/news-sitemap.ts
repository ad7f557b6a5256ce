import { articleUrl, esc, imageUrl } from './html-helpers.js';
import type { SourceArticle } from './source-article.js';
import type { AgencyTemplate } from './templates/agency-template.js';

/**
 * A Google News sitemap of an agency's articles (loc, lastmod, news:publication, publication_date,
 * title, image:image), for agencies that publish one beside their feed. Its URLs are the pages' own
 * (no tracking parameters), so a crawler that reads both must see one article per page.
 */
export function renderNewsSitemap(template: AgencyTemplate, articles: SourceArticle[]): string {
  const entries = articles
    .map((a) => {
      const figure = a.blocks.find((b) => b.kind === 'figure');
      const image = figure === undefined ? '' : `\n    <image:image><image:loc>${imageUrl(a.agency, figure.image)}</image:loc></image:image>`;
      return `  <url>
    <loc>${articleUrl(a)}</loc>
    <lastmod>${a.published}</lastmod>
    <news:news>
      <news:publication><news:name>${esc(template.displayName)}</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>${a.published}</news:publication_date>
      <news:title>${esc(a.title)}</news:title>
    </news:news>${image}
  </url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
${entries}
</urlset>
`;
}
