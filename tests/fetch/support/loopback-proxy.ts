import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** What the proxy was asked to do. */
export interface ProxyRequest {
  method: string;
  /** `http://host:port/path` for forwarded requests, `host:port` for CONNECT. */
  target: string;
  proxyAuthorization: string | null;
  cookie: string | null;
}

/** A small forward proxy on loopback: absolute-form GET is forwarded, CONNECT is tunnelled (or refused with 403). */
export interface LoopbackProxy {
  origin: string;
  requests: ProxyRequest[];
  close(): Promise<void>;
}

/**
 * Starts the proxy on `host`. Names in `hosts` stand for loopback addresses (the proxy resolves them
 * itself, as a real proxy would); any other name gets 502. `refuseConnect` answers CONNECT with 403.
 */
export async function startLoopbackProxy(host: string, hosts: Record<string, string> = {}, refuseConnect = false): Promise<LoopbackProxy> {
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    requests.push({ method: req.method ?? '', target, proxyAuthorization: req.headers['proxy-authorization'] ?? null, cookie: req.headers['cookie'] ?? null });
    if (!/^http:\/\//.test(target)) return void res.writeHead(400).end('absolute-form requests only');
    const url = new URL(target);
    const address = hosts[url.hostname] ?? (/^127\./.test(url.hostname) ? url.hostname : null);
    if (address === null) return void res.writeHead(502).end('unknown host');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: address, port: url.port || 80, path: url.pathname + url.search, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end('upstream failed'));
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] ?? null, cookie: null });
    if (refuseConnect) return void client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    const [name = '', port = '443'] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), hosts[name] ?? name, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
