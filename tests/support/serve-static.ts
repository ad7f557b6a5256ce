import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
};

/** A running static server. */
export interface StaticServer {
  /** Base URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * The plainest static file server (what `python3 -m http.server` or nginx `root` does): files
 * under `root` by path, `index.html` for a directory, 404 for anything else or outside `root`.
 * Lets the browser tests open the board the way a reader does when it is served.
 */
export async function serveStatic(root: string, host = '127.0.0.1'): Promise<StaticServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file).catch(() => null);
      if (body === null) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(body.length) }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
