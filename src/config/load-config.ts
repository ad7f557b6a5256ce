import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import type { ExtractConfig, SiteExtractConfig, SitemapConfig, SourceConfig, SourceKind, WiredeskConfig } from './config-types.js';
import { DEFAULT_EXTRACT, DEFAULT_FETCH, DEFAULT_SCHEDULE, DEFAULT_SITEMAP, DEFAULT_STORIES } from './defaults.js';

/** Reads and validates a config file; every error names the file, the field and what was expected. */
export async function loadConfig(path: string): Promise<WiredeskConfig> {
  const absolute = resolve(path);
  let raw: string;
  try {
    raw = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new WiredeskError('CONFIG_INVALID', `config: cannot read ${absolute}: ${(cause as Error).message}`, { cause, details: { path: absolute } });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new WiredeskError('CONFIG_INVALID', `config: ${absolute} is not valid JSON: ${(cause as Error).message}`, { cause, details: { path: absolute } });
  }
  return parseConfig(json, absolute);
}

/** Validates an already-parsed config object. `path` is used in messages and to resolve relative paths. */
export function parseConfig(json: unknown, path: string | null): WiredeskConfig {
  const v = new Validator(path ?? '<config>');
  const root = v.object(json, '');
  v.only(root, '', ['$schema', 'sources', 'outDir', 'stateDir', 'fetch', 'extract', 'stories', 'schedule', 'sitemap']);
  const sourcesRaw = v.array(root['sources'], 'sources');
  const sources = sourcesRaw.map((s, i) => readSource(v, s, `sources[${i}]`));
  const seen = new Set<string>();
  sources.forEach((s, i) => {
    if (seen.has(s.url)) v.fail(`sources[${i}].url`, `a URL not already listed (duplicate ${s.url})`);
    seen.add(s.url);
  });
  const base = path === null ? process.cwd() : dirname(path);
  const config: WiredeskConfig = {
    path,
    sources,
    outDir: v.optString(root['outDir'], 'outDir'),
    stateDir: v.optString(root['stateDir'], 'stateDir'),
    fetch: readSection(v, root['fetch'], 'fetch', DEFAULT_FETCH),
    extract: readExtract(v, root['extract']),
    stories: readSection(v, root['stories'], 'stories', DEFAULT_STORIES),
    schedule: readSection(v, root['schedule'], 'schedule', DEFAULT_SCHEDULE),
    sitemap: readSitemap(v, root['sitemap']),
  };
  if (config.stories.aliasesFile !== null) config.stories.aliasesFile = resolve(base, config.stories.aliasesFile);
  if (config.outDir !== null) config.outDir = resolve(base, config.outDir);
  if (config.stateDir !== null) config.stateDir = resolve(base, config.stateDir);
  return config;
}

function readSource(v: Validator, raw: unknown, at: string): SourceConfig {
  const o = v.object(raw, at);
  v.only(o, at, ['name', 'url', 'kind', 'allowPrivateNetwork', 'obeyRobots', 'headers', 'enabled', 'intervalMinutes', 'cron', 'extract']);
  const url = v.string(o['url'], `${at}.url`);
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) v.fail(`${at}.url`, 'an absolute http(s) URL');
  return {
    name: v.string(o['name'], `${at}.name`),
    url,
    kind: readKind(v, o['kind'], `${at}.kind`),
    allowPrivateNetwork: v.optBool(o['allowPrivateNetwork'], `${at}.allowPrivateNetwork`) ?? false,
    obeyRobots: v.optBool(o['obeyRobots'], `${at}.obeyRobots`) ?? true,
    headers: v.stringMap(o['headers'], `${at}.headers`),
    enabled: v.optBool(o['enabled'], `${at}.enabled`) ?? true,
    intervalMinutes: v.optNumber(o['intervalMinutes'], `${at}.intervalMinutes`),
    cron: v.optString(o['cron'], `${at}.cron`),
    extract: o['extract'] === undefined || o['extract'] === null ? null : readSite(v, o['extract'], `${at}.extract`),
  };
}

const SOURCE_KINDS: readonly SourceKind[] = ['feed', 'news-sitemap'];

function readKind(v: Validator, raw: unknown, at: string): SourceKind {
  if (raw === undefined) return 'feed';
  const kind = SOURCE_KINDS.find((k) => k === raw);
  return kind ?? v.fail(at, `one of ${SOURCE_KINDS.map((k) => `"${k}"`).join(', ')}`, raw);
}

/** The sitemap section: every bound must be positive (a zero would read nothing, silently). */
function readSitemap(v: Validator, raw: unknown): SitemapConfig {
  const section = readSection(v, raw, 'sitemap', DEFAULT_SITEMAP);
  for (const [key, value] of Object.entries(section)) if (value <= 0) v.fail(`sitemap.${key}`, 'a number > 0', value);
  for (const key of ['maxSitemapsPerRun', 'maxBytes', 'maxUrls'] as const) {
    if (!Number.isInteger(section[key])) v.fail(`sitemap.${key}`, 'a whole number', section[key]);
  }
  return section;
}

function readSite(v: Validator, raw: unknown, at: string): SiteExtractConfig {
  const o = v.object(raw, at);
  v.only(o, at, ['removeSelectors', 'bodySelector', 'dropLinePatterns']);
  const patterns = v.stringArray(o['dropLinePatterns'], `${at}.dropLinePatterns`);
  patterns.forEach((p, i) => {
    try {
      new RegExp(p, 'u');
    } catch {
      v.fail(`${at}.dropLinePatterns[${i}]`, 'a valid regular expression');
    }
  });
  return {
    removeSelectors: v.stringArray(o['removeSelectors'], `${at}.removeSelectors`),
    bodySelector: v.optString(o['bodySelector'], `${at}.bodySelector`),
    dropLinePatterns: patterns,
  };
}

function readExtract(v: Validator, raw: unknown): ExtractConfig {
  const base = readSection(v, raw === undefined ? undefined : omit(v.object(raw, 'extract'), 'sites'), 'extract', omit(DEFAULT_EXTRACT, 'sites'));
  const sitesRaw = raw === undefined ? undefined : (raw as Record<string, unknown>)['sites'];
  const sites: Record<string, SiteExtractConfig> = {};
  if (sitesRaw !== undefined) {
    for (const [host, site] of Object.entries(v.object(sitesRaw, 'extract.sites'))) sites[host] = readSite(v, site, `extract.sites.${host}`);
  }
  return { ...(base as Omit<ExtractConfig, 'sites'>), sites };
}

/** Reads a flat section whose every field has a default of the same primitive type. */
function readSection<T extends object>(v: Validator, raw: unknown, at: string, defaults: T): T {
  if (raw === undefined) return { ...defaults };
  const o = v.object(raw, at);
  v.only(o, at, Object.keys(defaults));
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, def] of Object.entries(defaults)) {
    const value = o[key];
    if (value === undefined) continue;
    const field = `${at}.${key}`;
    if (typeof def === 'number') {
      const n = v.number(value, field);
      if (n < 0 && !(key === 'workers' && n === -1)) v.fail(field, 'a number ≥ 0');
      out[key] = n;
    } else if (typeof def === 'string') out[key] = v.string(value, field);
    else if (typeof def === 'boolean') out[key] = v.bool(value, field);
    else if (def === null) out[key] = v.optString(value, field);
  }
  return out as T;
}

function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** Small typed reader that throws CONFIG_INVALID naming the file, the field and what was expected. */
class Validator {
  constructor(private readonly file: string) {}

  fail(field: string, expected: string, got?: unknown): never {
    const where = field === '' ? 'top level' : `field "${field}"`;
    const gotText = got === undefined ? '' : `, got ${JSON.stringify(got)?.slice(0, 60)}`;
    throw new WiredeskError('CONFIG_INVALID', `config ${this.file}: ${where}: expected ${expected}${gotText}`, { details: { path: this.file, field } });
  }
  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'an object', value);
    return value as Record<string, unknown>;
  }
  only(o: Record<string, unknown>, at: string, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(at === '' ? key : `${at}.${key}`, `a known field (one of: ${allowed.join(', ')}); unknown field`);
    }
  }
  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'an array', value);
    return value;
  }
  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'a non-empty string', value);
    return value;
  }
  optString(value: unknown, field: string): string | null {
    return value === undefined || value === null ? null : this.string(value, field);
  }
  number(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number', value);
    return value;
  }
  optNumber(value: unknown, field: string): number | null {
    if (value === undefined || value === null) return null;
    const n = this.number(value, field);
    if (n <= 0) this.fail(field, 'a number > 0', value);
    return n;
  }
  bool(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'true or false', value);
    return value;
  }
  optBool(value: unknown, field: string): boolean | null {
    return value === undefined ? null : this.bool(value, field);
  }
  stringArray(value: unknown, field: string): string[] {
    if (value === undefined) return [];
    return this.array(value, field).map((s, i) => this.string(s, `${field}[${i}]`));
  }
  stringMap(value: unknown, field: string): Record<string, string> {
    if (value === undefined) return {};
    const o = this.object(value, field);
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(o)) out[k] = this.string(s, `${field}.${k}`);
    return out;
  }
}
