/**
 * Regenerates `fixtures/demo-wire/sites/**` and `expected.json` from the article sources in
 * `fixtures/demo-wire/source/*.md` and the agency templates. Run: `npx tsx src/demo/build/build-fixtures.ts`.
 * The generated files are committed: the server serves files, so a fresh clone needs no build step.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExpected } from './expected.js';
import { renderNewsSitemap } from './news-sitemap.js';
import { parseSourceArticle, type SourceArticle } from './source-article.js';
import { TEMPLATES } from './templates/index.js';
import type { AgencyTemplate } from './templates/agency-template.js';
import { TINY_PNG } from '../tiny-png.js';
import type { SiteRoute } from '../site-routes.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/demo-wire/', import.meta.url));

/** Builds every site and expected.json; returns the articles it rendered. */
export async function buildFixtures(root: string = ROOT): Promise<SourceArticle[]> {
  const articles = await loadArticles(join(root, 'source'));
  await rm(join(root, 'sites'), { recursive: true, force: true });
  for (const template of TEMPLATES) {
    const own = articles.filter((a) => a.agency === template.agency).sort(byNewest);
    await buildSite(join(root, 'sites', template.agency), template, own, articles);
  }
  await writeFile(join(root, 'expected.json'), `${JSON.stringify(buildExpected(articles, TEMPLATES), null, 2)}\n`);
  return articles;
}

/**
 * Parses every `*.md` article source in `dir` (sorted by file name); a syndicated copy (`copyOf`)
 * takes its original's body.
 */
export async function loadArticles(dir: string): Promise<SourceArticle[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  const parsed = await Promise.all(names.map(async (n) => parseSourceArticle(await readFile(join(dir, n), 'utf8'), n)));
  const byKey = new Map(parsed.map((a) => [a.key, a]));
  return parsed.map((a) => {
    if (!a.copyOf) return a;
    const original = byKey.get(a.copyOf);
    if (!original) throw new Error(`${a.key}: copyOf ${a.copyOf} not found`);
    // A syndicated copy takes the wire text verbatim; the republisher drops the wire's photos.
    return { ...a, blocks: original.blocks.filter((b) => b.kind !== 'figure') };
  });
}

function byNewest(a: SourceArticle, b: SourceArticle): number {
  return Date.parse(b.published) - Date.parse(a.published);
}

async function buildSite(dir: string, template: AgencyTemplate, own: SourceArticle[], all: SourceArticle[]): Promise<void> {
  const routes: Record<string, SiteRoute> = {};
  const put = async (urlPath: string, file: string, type: string, body: string | Uint8Array, lastModified: string | null): Promise<void> => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), body);
    routes[urlPath] = { file, type, lastModified };
  };
  const html = 'text/html; charset=utf-8';
  const newest = own[0] ? new Date(own[0].published).toUTCString() : null;
  await put('/robots.txt', 'robots.txt', 'text/plain; charset=utf-8', robotsTxt(template), null);
  await put('/', 'index.html', html, template.renderHome(own), newest);
  await put(template.feedPath, fileFor(template.feedPath, '.xml'), template.feedContentType, template.renderFeed(own), newest);
  if (template.newsSitemapPath !== undefined) {
    await put(template.newsSitemapPath, fileFor(template.newsSitemapPath, '.xml'), 'application/xml; charset=utf-8', renderNewsSitemap(template, own), newest);
  }
  const images = new Set(template.chromeImages);
  for (const article of own) {
    const siblings = own.filter((o) => o !== article);
    await put(article.path, fileFor(article.path, '.html'), html, template.renderArticle(article, { siblings, all }), new Date(article.published).toUTCString());
    for (const b of article.blocks) if (b.kind === 'figure') images.add(b.image);
  }
  for (const image of [...images].sort()) await put(`/images/${image}`, `images/${image}`, 'image/png', TINY_PNG, null);
  await writeFile(join(dir, 'routes.json'), `${JSON.stringify(routes, null, 2)}\n`);
}

/** Mirrors the URL path on disk so a reader of the fixtures finds pages where the URL says. */
function fileFor(urlPath: string, ext: string): string {
  const rel = urlPath.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) return `${rel}index${ext}`;
  return rel.endsWith(ext) ? rel : `${rel}${ext}`;
}

function robotsTxt(template: AgencyTemplate): string {
  // Real agencies keep crawlers out of search and print views; articles stay allowed.
  const sitemap = template.newsSitemapPath === undefined ? '' : `\nSitemap: {{BASE:${template.agency}}}${template.newsSitemapPath}\n`;
  return `# robots.txt for ${template.displayName}\nUser-agent: *\nDisallow: /search\nDisallow: /print/\nAllow: /\n${sitemap}`;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const articles = await buildFixtures();
  process.stdout.write(`built ${articles.length} articles into ${ROOT}\n`);
}
