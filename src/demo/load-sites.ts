import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_WIRE_DIR, loadDemoExpected } from './load-expected.js';
import type { SiteRoutes } from './site-routes.js';

/** A fixture file held in memory with its placeholders still in place. */
export interface SiteFile {
  type: string;
  lastModified: string | null;
  /** Raw bytes for binary files, text for anything with `{{BASE:…}}` placeholders. */
  body: Buffer | string;
}

/** One agency's site as loaded from `fixtures/demo-wire/sites/<name>/`. */
export interface LoadedSite {
  name: string;
  files: Map<string, SiteFile>;
}

/** The feed path of each agency, from expected.json's `sources`. */
export interface SiteSource {
  name: string;
  feedPath: string;
}

/** Where an expected.json article lives: its key and its place on the wire. */
export interface SiteArticle {
  key: string;
  agency: string;
  path: string;
}

/** Reads every site's routes and files (a few hundred kilobytes) so serving never touches the disk. */
export async function loadSites(dir: string = DEMO_WIRE_DIR): Promise<{ sites: LoadedSite[]; sources: SiteSource[]; articles: SiteArticle[] }> {
  const expected = await loadDemoExpected(dir);
  const names = new Set(await readdir(join(dir, 'sites')));
  const sites: LoadedSite[] = [];
  for (const source of expected.sources) {
    if (!names.has(source.name)) throw new Error(`demo wire: site folder missing for ${source.name}`);
    const siteDir = join(dir, 'sites', source.name);
    const routes = JSON.parse(await readFile(join(siteDir, 'routes.json'), 'utf8')) as SiteRoutes;
    const files = new Map<string, SiteFile>();
    for (const [path, route] of Object.entries(routes)) {
      const bytes = await readFile(join(siteDir, route.file));
      const isText = route.type.startsWith('text/') || route.type.includes('xml');
      files.set(path, { type: route.type, lastModified: route.lastModified, body: isText ? bytes.toString('utf8') : bytes });
    }
    sites.push({ name: source.name, files });
  }
  const articles = Object.entries(expected.articles).map(([key, a]) => ({ key, agency: a.agency, path: a.path }));
  return { sites, sources: expected.sources, articles };
}
