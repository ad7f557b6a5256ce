/** A news sitemap of `count` URLs as a server would send it (about 420 bytes per entry). */
export function generateNewsSitemap(count: number): Uint8Array {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'];
  for (let i = 0; i < count; i++) {
    const hour = String(i % 24).padStart(2, '0');
    parts.push(
      `<url><loc>https://big.example/news/2024/03/05/story-${i}</loc><lastmod>2024-03-05T${hour}:30:00Z</lastmod><news:news><news:publication><news:name>Big Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-03-05T${hour}:00:00Z</news:publication_date><news:title>Report ${i}: talks resume in Zürich &amp; Geneva</news:title><news:keywords>talks, diplomacy</news:keywords></news:news><image:image><image:loc>https://big.example/img/${i}.jpg</image:loc></image:image></url>\n`,
    );
  }
  parts.push('</urlset>\n');
  return new TextEncoder().encode(parts.join(''));
}
