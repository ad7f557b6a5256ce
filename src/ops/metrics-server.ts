import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { WiredeskError } from '../errors/index.js';

/** Where the metrics endpoint listens. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** `host:port` actually bound (port 0 picks a free one). */
  readonly address: string;
  close(): Promise<void>;
}

/** What `/healthz` reports: healthy while the daemon is running, not once it is stopping or broken. */
export interface HealthReader {
  (): { healthy: boolean; detail: Record<string, unknown> };
}

/**
 * Parses `--metrics HOST:PORT` (`127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`); a bare port is
 * refused so that exposing metrics beyond the host is always written out. CONFIG_INVALID when unusable.
 */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !(port >= 0 && port <= 65_535)) {
    throw new WiredeskError('CONFIG_INVALID', `--metrics: expected HOST:PORT such as 127.0.0.1:9464 or [::1]:9464, got ${JSON.stringify(text)}`, { details: { value: text } });
  }
  return { host: match[1] ?? match[2] ?? '', port };
}

/**
 * Serves `GET /metrics` (Prometheus text exposition from the registry) and `GET /healthz` (200 and
 * `{"status":"ok",…}` while healthy, 503 otherwise). Anything else is 404; nothing but GET and HEAD.
 */
export async function startMetricsServer(address: ListenAddress, registry: Registry, health: HealthReader): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    if (path === '/healthz') {
      const { healthy, detail } = health();
      return void res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', ...detail }) + '\n');
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /healthz\n');
  });
  // Scrapes are short; keep-alive sockets must not hold a stopping daemon open.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new WiredeskError('CONFIG_INVALID', `--metrics: cannot listen on ${address.host}:${address.port}: ${(cause as Error).message}`, { cause, details: { host: address.host, port: address.port } })),
    );
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
