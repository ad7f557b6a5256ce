import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSites, type LoadedSite, type SiteFile } from './load-sites.js';

/** Options for {@link startDemoWire}. */
export interface DemoWireOptions {
  /** Interface to listen on; default `127.0.0.1`. Each agency gets its own random port. */
  host?: string;
  /** Fixture folder (default: the shipped `fixtures/demo-wire`). */
  dir?: string;
  /**
   * First port of a fixed range (agency i listens on `basePort + i`); default 0 = a random port each.
   * Article ids derive from URLs that include the port, so only fixed ports keep ids equal across runs.
   */
  basePort?: number;
}

/** One request the demo wire answered; lets tests check politeness and conditional GETs. */
export interface DemoRequest {
  agency: string;
  method: string;
  /** Path with query string, as requested. */
  url: string;
  status: number;
  userAgent: string | null;
}

/** A running demo wire: one HTTP server per agency. */
export interface DemoWire {
  /** Every agency's feed, in the order of `expected.json`. */
  sources: { name: string; url: string }[];
  /** Absolute URL of `agency/path` (`rasa/en/rss/allnews`) or of an agency name alone (its home page). */
  urlFor(path: string): string;
  /** Live URL of an `expected.json` article key (`rasa/baghdadi-flees-mosul`). */
  articleUrl(key: string): string;
  /** The `expected.json` key of a crawled URL (query and fragment ignored), or null if it is no article. */
  keyFor(url: string): string | null;
  /** Requests served so far, oldest first. */
  requests: DemoRequest[];
  /** Stops every server and drops open keep-alive sockets. */
  close(): Promise<void>;
}

/** A prepared response: placeholders already swapped for live URLs. */
interface Prepared {
  type: string;
  body: Buffer;
  etag: string;
  lastModified: string | null;
}

/**
 * Starts the demo wire: a `node:http` server per agency on `host` with a random port, so each
 * agency is its own host for per-host politeness. Pages and feeds are stored with `{{BASE:agency}}`
 * placeholders that are replaced with the live base URLs, so links are absolute and cross-agency
 * links work. Nothing here touches the internet.
 */
export async function startDemoWire(options: DemoWireOptions = {}): Promise<DemoWire> {
  const host = options.host ?? '127.0.0.1';
  const { sites, sources, articles } = await loadSites(options.dir);
  const requests: DemoRequest[] = [];
  const tables = new Map<string, Map<string, Prepared>>();
  const servers: Server[] = [];
  const bases = new Map<string, string>();
  try {
    for (const [index, site] of sites.entries()) {
      const server = createServer((req, res) => answer(site.name, tables.get(site.name), req, res, requests));
      servers.push(server);
      await listen(server, host, options.basePort ? options.basePort + index : 0);
      const { port } = server.address() as AddressInfo;
      bases.set(site.name, `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    }
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
  for (const site of sites) tables.set(site.name, prepare(site, bases));
  const baseOf = (name: string): string => {
    const b = bases.get(name);
    if (b === undefined) throw new Error(`demo wire: unknown agency ${name}`);
    return b;
  };
  const byUrl = new Map(articles.map((a) => [`${baseOf(a.agency)}${a.path}`, a.key]));
  return {
    sources: sources.map((s) => ({ name: s.name, url: `${baseOf(s.name)}${s.feedPath}` })),
    urlFor(path: string): string {
      const clean = path.replace(/^\/+/, '');
      const slash = clean.indexOf('/');
      return slash < 0 ? `${baseOf(clean)}/` : `${baseOf(clean.slice(0, slash))}${clean.slice(slash)}`;
    },
    articleUrl(key: string): string {
      const a = articles.find((x) => x.key === key);
      if (!a) throw new Error(`demo wire: unknown article ${key}`);
      return `${baseOf(a.agency)}${a.path}`;
    },
    keyFor(url: string): string | null {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return null;
      }
      return byUrl.get(`${u.origin}${u.pathname}`) ?? null;
    },
    requests,
    close: () => closeAll(servers),
  };
}

function prepare(site: LoadedSite, bases: Map<string, string>): Map<string, Prepared> {
  const out = new Map<string, Prepared>();
  for (const [path, file] of site.files) {
    const body = typeof file.body === 'string' ? Buffer.from(fillBases(file, bases), 'utf8') : file.body;
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    out.set(path, { type: file.type, body, etag, lastModified: file.lastModified });
  }
  return out;
}

function fillBases(file: SiteFile, bases: Map<string, string>): string {
  return String(file.body).replace(/\{\{BASE:([a-z0-9-]+)\}\}/g, (whole, name: string) => bases.get(name) ?? whole);
}

function answer(agency: string, table: Map<string, Prepared> | undefined, req: IncomingMessage, res: ServerResponse, log: DemoRequest[]): void {
  const method = req.method ?? 'GET';
  const send = (status: number, headers: Record<string, string>, body: Buffer | string): void => {
    log.push({ agency, method, url: req.url ?? '', status, userAgent: req.headers['user-agent'] ?? null });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
    res.end(method === 'HEAD' || status === 304 ? undefined : bytes);
  };
  if (method !== 'GET' && method !== 'HEAD') return send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'method not allowed\n');
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
  } catch {
    return send(400, { 'Content-Type': 'text/plain' }, 'bad request\n');
  }
  const file = table?.get(path);
  if (!file) return send(404, { 'Content-Type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>\n');
  const headers: Record<string, string> = { 'Content-Type': file.type, ETag: file.etag, 'Cache-Control': 'max-age=60' };
  if (file.lastModified) headers['Last-Modified'] = file.lastModified;
  if (isNotModified(req, file)) return send(304, headers, '');
  send(200, headers, file.body);
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since when both are sent. */
function isNotModified(req: IncomingMessage, file: Prepared): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag || t.trim() === '*');
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || file.lastModified === null) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Date.parse(file.lastModified) <= since;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (!s.listening) return resolve();
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    ),
  );
}
