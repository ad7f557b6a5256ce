import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on a loopback address, port 0, whose handler scripts each fault. */
export interface ScriptServer {
  /** `http://127.0.0.x:port` */
  origin: string;
  host: string;
  port: number;
  /** Requests received, in order (path and headers), robots.txt included. */
  requests: Array<{ path: string; headers: IncomingMessage['headers']; at: number }>;
  close(): Promise<void>;
}

/** Handler type for scripted responses. */
export type ScriptHandler = (req: IncomingMessage, res: ServerResponse, server: ScriptServer) => unknown;

/** Starts a server on `host` (a 127.0.0.0/8 address), port 0. */
export async function startScriptServer(host: string, handler: ScriptHandler): Promise<ScriptServer> {
  const server: Server = createServer();
  const script: ScriptServer = {
    origin: '',
    host,
    port: 0,
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('request', (req, res) => {
    script.requests.push({ path: req.url ?? '/', headers: req.headers, at: performance.now() });
    void Promise.resolve(handler(req, res, script)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address() as AddressInfo;
  script.port = address.port;
  script.origin = `http://${host}:${address.port}`;
  return script;
}
