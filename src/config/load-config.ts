import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import { ConfigValidator } from './config-validator.js';
import type { ExtractConfig, FetchConfig, SiteExtractConfig, SitemapConfig, SourceConfig, SourceKind, WiredeskConfig } from './config-types.js';
import { DEFAULT_EXTRACT, DEFAULT_FETCH, DEFAULT_OUTPUT, DEFAULT_SCHEDULE, DEFAULT_SITEMAP, DEFAULT_STORIES } from './defaults.js';
import { cronProblem, selectorProblem } from './field-syntax.js';
import { interpolateEnv, type ConfigEnv } from './interpolate-env.js';
import { parseJsonText } from './parse-json-text.js';
import { readProxy } from './read-proxy.js';
import { sourceUrlKey } from './source-url-key.js';

/** How a config is read. */
export interface ConfigReadOptions {
  /**
   * Variables for `${NAME}` references and the proxy variables. `loadConfig` defaults to `process.env`
   * (it is the CLI's entry point); `parseConfig` defaults to an empty environment.
   */
  env?: ConfigEnv;
}

/** Headers the HTTP layer owns: a per-source value would break framing, routing or the proxy's credentials. */
const RESERVED_HEADERS = new Set(['host', 'proxy-authorization', 'proxy-connection', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'te', 'keep-alive']);

const SOURCE_FIELDS = ['name', 'url', 'kind', 'allowPrivateNetwork', 'privateHosts', 'obeyRobots', 'headers', 'headerOrigins', 'enabled', 'intervalMinutes', 'cron', 'extract'];

/** Reads and validates a config file; every problem is reported at once, naming the file, the field and what was expected. */
export async function loadConfig(path: string, options: ConfigReadOptions = {}): Promise<WiredeskConfig> {
  const absolute = resolve(path);
  let raw: string;
  try {
    raw = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new WiredeskError('CONFIG_INVALID', `config: cannot read ${absolute}: ${(cause as Error).message}`, { cause, details: { path: absolute } });
  }
  return parseConfig(parseConfigJson(raw, absolute), absolute, { env: options.env ?? process.env });
}

/** Parses a config file's text as JSON; a syntax error is CONFIG_INVALID with the file, line and column. */
export function parseConfigJson(text: string, path: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  const { line, column, reason } = parsed.problem;
  throw new WiredeskError('CONFIG_INVALID', `config: ${path} is not valid JSON: line ${line}, column ${column}: ${reason}`, {
    details: { path, line, column },
  });
}

/** Validates an already-parsed config object. `path` is used in messages and to resolve relative paths. */
export function parseConfig(json: unknown, path: string | null, options: ConfigReadOptions = {}): WiredeskConfig {
  const env = options.env ?? {};
  const v = new ConfigValidator(path ?? '<config>');
  const root = v.object(json, '');
  v.only(root, '', ['$schema', 'sources', 'outDir', 'stateDir', 'database', 'fetch', 'extract', 'stories', 'schedule', 'output', 'sitemap']);
  const sources = v.array(root['sources'], 'sources').map((s, i) => readSource(v, s, `sources[${i}]`, env));
  const seen = new Map<string, number>();
  sources.forEach((s, i) => {
    const key = sourceUrlKey(s.url);
    if (key === null) return;
    const first = seen.get(key);
    if (first !== undefined) v.fail(`sources[${i}].url`, `a feed not already listed (same feed as sources[${first}].url once normalized: ${key})`, s.url);
    else seen.set(key, i);
  });
  const base = path === null ? process.cwd() : dirname(path);
  const config: WiredeskConfig = {
    path,
    sources,
    outDir: v.optString(root['outDir'], 'outDir'),
    stateDir: v.optString(root['stateDir'], 'stateDir'),
    database: readDatabase(v, root['database'], env),
    fetch: readFetch(v, root['fetch'], env),
    extract: readExtract(v, root['extract']),
    stories: readSection(v, root['stories'], 'stories', DEFAULT_STORIES),
    schedule: readSection(v, root['schedule'], 'schedule', DEFAULT_SCHEDULE),
    output: readSection(v, root['output'], 'output', DEFAULT_OUTPUT),
    sitemap: readSitemap(v, root['sitemap']),
  };
  if (config.output.baseUrl !== null) config.output.baseUrl = readBaseUrl(v, config.output.baseUrl);
  v.throwIfInvalid();
  if (config.stories.aliasesFile !== null) config.stories.aliasesFile = resolve(base, config.stories.aliasesFile);
  if (config.outDir !== null) config.outDir = resolve(base, config.outDir);
  if (config.stateDir !== null) config.stateDir = resolve(base, config.stateDir);
  return config;
}

// Feeds must carry absolute links, so the public URL of the output is an absolute http(s) URL;
// a trailing slash is added so board/ and feeds/ resolve below it rather than beside it.
function readBaseUrl(v: ConfigValidator, value: string): string {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) {
    v.fail('output.baseUrl', 'an absolute http(s) URL', value);
    return value;
  }
  const url = new URL(value);
  if (url.search !== '' || url.hash !== '') v.fail('output.baseUrl', 'a URL without query or fragment', value);
  return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
}

function readSource(v: ConfigValidator, raw: unknown, at: string, env: ConfigEnv): SourceConfig {
  const o = v.object(raw, at);
  v.only(o, at, SOURCE_FIELDS);
  const rawUrl = v.string(o['url'], `${at}.url`);
  // A feed URL may carry a token in its query: `${ENV}` works there too.
  const url = interpolateEnv(rawUrl, env, (message) => v.fail(`${at}.url`, message));
  if (rawUrl !== '' && (!/^https?:\/\//i.test(url) || !URL.canParse(url))) v.fail(`${at}.url`, 'an absolute http(s) URL', rawUrl);
  const headers = v.stringMap(o['headers'], `${at}.headers`, true);
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) v.fail(`${at}.headers`, `an HTTP header name (got ${JSON.stringify(name.slice(0, 40))})`);
    else if (RESERVED_HEADERS.has(name.toLowerCase())) v.fail(`${at}.headers.${name}`, 'a header wiredesk does not set itself (Host, Proxy-Authorization and the framing headers are not per source)');
    const resolved = interpolateEnv(value, env, (message) => v.fail(`${at}.headers.${name}`, message));
    // A line break in a header value would let a config (or an environment variable) inject headers.
    if (/[\r\n\0]/.test(resolved)) v.fail(`${at}.headers.${name}`, 'a value without line breaks or NUL');
    headers[name] = resolved;
  }
  const cron = v.optString(o['cron'], `${at}.cron`);
  if (cron !== null && cron !== '') {
    const problem = cronProblem(cron);
    if (problem !== null) v.fail(`${at}.cron`, `a cron expression such as "*/15 * * * *" (${problem})`, cron);
  }
  return {
    name: v.string(o['name'], `${at}.name`),
    url,
    kind: readKind(v, o['kind'], `${at}.kind`),
    allowPrivateNetwork: v.optBool(o['allowPrivateNetwork'], `${at}.allowPrivateNetwork`) ?? false,
    privateHosts: v.stringArray(o['privateHosts'], `${at}.privateHosts`).map((host, i) => hostName(v, host, `${at}.privateHosts[${i}]`)),
    obeyRobots: v.optBool(o['obeyRobots'], `${at}.obeyRobots`) ?? true,
    headers,
    headerOrigins: v.stringArray(o['headerOrigins'], `${at}.headerOrigins`).map((origin, i) => originOf(v, origin, `${at}.headerOrigins[${i}]`)),
    enabled: v.optBool(o['enabled'], `${at}.enabled`) ?? true,
    intervalMinutes: v.optNumber(o['intervalMinutes'], `${at}.intervalMinutes`),
    cron,
    extract: o['extract'] === undefined || o['extract'] === null ? null : readSite(v, o['extract'], `${at}.extract`),
  };
}

const SOURCE_KINDS: readonly SourceKind[] = ['feed', 'news-sitemap'];

function readKind(v: ConfigValidator, raw: unknown, at: string): SourceKind {
  if (raw === undefined) return 'feed';
  const kind = SOURCE_KINDS.find((k) => k === raw);
  if (kind === undefined) v.fail(at, `one of ${SOURCE_KINDS.map((k) => `"${k}"`).join(', ')}`, raw);
  return kind ?? 'feed';
}

/** The sitemap section: every bound must be positive (a zero would read nothing, silently). */
function readSitemap(v: ConfigValidator, raw: unknown): SitemapConfig {
  const section = readSection(v, raw, 'sitemap', DEFAULT_SITEMAP);
  for (const [key, value] of Object.entries(section)) if (value <= 0) v.fail(`sitemap.${key}`, 'a number > 0', value);
  for (const key of ['maxSitemapsPerRun', 'maxBytes', 'maxUrls'] as const) {
    if (!Number.isInteger(section[key])) v.fail(`sitemap.${key}`, 'a whole number', section[key]);
  }
  return section;
}

function readSite(v: ConfigValidator, raw: unknown, at: string): SiteExtractConfig {
  const o = v.object(raw, at);
  v.only(o, at, ['removeSelectors', 'bodySelector', 'dropLinePatterns']);
  const patterns = v.stringArray(o['dropLinePatterns'], `${at}.dropLinePatterns`);
  patterns.forEach((p, i) => {
    try {
      new RegExp(p, 'u');
    } catch {
      v.fail(`${at}.dropLinePatterns[${i}]`, 'a valid regular expression', p);
    }
  });
  const removeSelectors = v.stringArray(o['removeSelectors'], `${at}.removeSelectors`);
  removeSelectors.forEach((selector, i) => checkSelector(v, selector, `${at}.removeSelectors[${i}]`));
  const bodySelector = v.optString(o['bodySelector'], `${at}.bodySelector`);
  if (bodySelector !== null) checkSelector(v, bodySelector, `${at}.bodySelector`);
  return { removeSelectors, bodySelector, dropLinePatterns: patterns };
}

function checkSelector(v: ConfigValidator, selector: string, field: string): void {
  if (selector === '') return;
  const problem = selectorProblem(selector);
  if (problem !== null) v.fail(field, `a CSS selector (${problem})`, selector);
}

function readFetch(v: ConfigValidator, raw: unknown, env: ConfigEnv): FetchConfig {
  const section = raw === undefined ? {} : v.object(raw, 'fetch');
  const { proxy: _proxy, ...defaults } = DEFAULT_FETCH;
  const plain = readSection(v, omit(omit(section, 'proxy'), 'noProxy'), 'fetch', defaults);
  return { ...plain, proxy: readProxy(v, section, env) };
}

function readExtract(v: ConfigValidator, raw: unknown): ExtractConfig {
  const base = readSection(v, raw === undefined ? undefined : omit(v.object(raw, 'extract'), 'sites'), 'extract', omit(DEFAULT_EXTRACT, 'sites'));
  const sitesRaw = raw === undefined ? undefined : (raw as Record<string, unknown>)['sites'];
  const sites: Record<string, SiteExtractConfig> = {};
  if (sitesRaw !== undefined) {
    for (const [host, site] of Object.entries(v.object(sitesRaw, 'extract.sites'))) sites[host] = readSite(v, site, `extract.sites.${host}`);
  }
  return { ...(base as Omit<ExtractConfig, 'sites'>), sites };
}

/** Reads a flat section whose every field has a default of the same primitive type. */
function readSection<T extends object>(v: ConfigValidator, raw: unknown, at: string, defaults: T): T {
  if (raw === undefined) return { ...defaults };
  const o = v.object(raw, at);
  v.only(o, at, at === 'fetch' ? [...Object.keys(defaults), 'proxy', 'noProxy'] : Object.keys(defaults));
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, def] of Object.entries(defaults)) {
    const value = o[key];
    if (value === undefined) continue;
    const field = `${at}.${key}`;
    if (typeof def === 'number') {
      const n = v.number(value, field);
      if (n < 0 && !(key === 'workers' && n === -1)) v.fail(field, 'a number ≥ 0', n);
      out[key] = n;
    } else if (typeof def === 'string') out[key] = v.string(value, field);
    else if (typeof def === 'boolean') out[key] = v.bool(value, field);
    else if (def === null) out[key] = v.optString(value, field);
  }
  return out as T;
}

function hostName(v: ConfigValidator, host: string, field: string): string {
  const text = `http://${host}`;
  if (host === '') return host; // already reported as not a non-empty string
  if (/[/?#@\s]/.test(host) || !URL.canParse(text)) {
    v.fail(field, 'a host name or IP address (intranet.example, 10.0.0.7, [fd00::1])', host);
    return host;
  }
  return new URL(text).hostname;
}

function originOf(v: ConfigValidator, origin: string, field: string): string {
  if (origin === '') return origin; // already reported as not a non-empty string
  if (!/^https?:\/\//i.test(origin) || !URL.canParse(origin)) {
    v.fail(field, 'an http(s) origin such as https://www.wire.example', origin);
    return origin;
  }
  return new URL(origin).origin;
}

function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** `database`: a postgres:// URL (a password may come from the environment as `${NAME}`), or absent. */
function readDatabase(v: ConfigValidator, raw: unknown, env: ConfigEnv): string | null {
  const value = v.optString(raw, 'database');
  if (value === null) return null;
  const url = interpolateEnv(value, env, (message) => v.fail('database', message));
  if (!/^postgres(ql)?:\/\/./i.test(url)) v.fail('database', 'a postgres:// URL (postgres://user@host:5432/db)', raw);
  return url;
}
