import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createFetcher } from '../../src/fetch/index.js';
import type { FetcherOptions } from '../../src/fetch/index.js';
import { WiredeskError } from '../../src/errors/index.js';
import { startScriptServer, type ScriptServer } from './support/script-server.js';
import { failure, useFetchHarness } from './support/fetch-harness.js';
import { tableLookup, testFetchConfig } from './support/test-config.js';

const { server, fetcher } = useFetchHarness();

const healthy = (): Promise<ScriptServer> => server('127.0.0.9', (_req, res) => res.end('fine'));

describe('fault: timeouts', () => {
  it('gives FETCH_TIMEOUT when headers are slower than the header timeout, and other hosts are not held up', async () => {
    const slow = await server('127.0.0.1', (_req, res) => {
      setTimeout(() => res.end('late'), 3000).unref();
    });
    const ok = await healthy();
    const f = fetcher({ maxRetries: 0 });
    const started = performance.now();
    const [slowResult, okResult] = await Promise.allSettled([
      f.fetch({ url: `${slow.origin}/`, kind: 'feed', allowPrivateNetwork: true }),
      f.fetch({ url: `${ok.origin}/`, kind: 'feed', allowPrivateNetwork: true }).then((r) => ({ r, at: performance.now() - started })),
    ]);
    const error = (slowResult as PromiseRejectedResult).reason as WiredeskError;
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.details?.['cause_code']).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(okResult.status).toBe('fulfilled');
    expect((okResult as PromiseFulfilledResult<{ at: number }>).value.at).toBeLessThan(300);
  });

  it('gives FETCH_TIMEOUT when the connection cannot be set up in time (a resolver that never answers)', async () => {
    const silentResolver = (() => undefined) as unknown as NonNullable<FetcherOptions['lookup']>;
    const f = fetcher({ maxRetries: 0, connectTimeoutMs: 300 }, { lookup: silentResolver });
    const error = await failure(f.fetch({ url: 'http://stuck.example/feed', kind: 'feed' }));
    expect(error).toMatchObject({ code: 'FETCH_TIMEOUT', retryable: true, url: 'http://stuck.example/feed' });
    expect(error.details?.['cause_code']).toBe('UND_ERR_CONNECT_TIMEOUT');
  });

  it('ends a body that trickles forever at the total deadline', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const error = await failure(fetcher({ maxRetries: 0, totalTimeoutMs: 600 }).fetch({ url: `${s.origin}/`, kind: 'article', obeyRobots: false, allowPrivateNetwork: true }));
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.details?.['phase']).toBe('total');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('ends a body that stops arriving at the body idle timeout', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('only a part');
    });
    const error = await failure(fetcher({ maxRetries: 0, bodyIdleTimeoutMs: 200 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.details?.['cause_code']).toBe('UND_ERR_BODY_TIMEOUT');
  });
});

describe('fault: broken connections and server errors', () => {
  it('retries a connection reset mid-body and reports FETCH_NETWORK when it keeps happening', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write('x'.repeat(1000), () => res.socket?.resetAndDestroy());
    });
    const error = await failure(fetcher({ maxRetries: 2 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('FETCH_NETWORK');
    expect(error.retryable).toBe(true);
    expect(error.details?.['attempts']).toBe(3);
    expect(s.requests.length).toBe(3);
  });

  it('retries a 500 and succeeds on the 200 that follows', async () => {
    let calls = 0;
    const s = await server('127.0.0.1', (_req, res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 500 : 200;
      res.end(calls === 1 ? 'oops' : 'recovered');
    });
    const response = await fetcher().fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true });
    expect(new TextDecoder().decode(response.body)).toBe('recovered');
    expect(response.attempts).toBe(2);
  });

  it.each([400, 401, 403, 404, 410])('never retries a %i', async (status) => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.statusCode = status;
      res.end();
    });
    const error = await failure(fetcher().fetch({ url: `${s.origin}/gone`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('HTTP_STATUS');
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(s.requests.length).toBe(1);
  });

  it('gives up after maxRetries on a persistent 503 and says it may work later', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const error = await failure(fetcher({ maxRetries: 1 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true });
    expect(s.requests.length).toBe(2);
  });

  it('waits out a 429 Retry-After: 2 for that host only, then succeeds', async () => {
    let calls = 0;
    const limited = await server('127.0.0.1', (_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(429, { 'retry-after': '2' });
        res.end();
        return;
      }
      res.end('now ok');
    });
    const ok = await healthy();
    const f = fetcher();
    const started = performance.now();
    const first = f.fetch({ url: `${limited.origin}/`, kind: 'feed', allowPrivateNetwork: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const otherStarted = performance.now();
    await f.fetch({ url: `${ok.origin}/`, kind: 'feed', allowPrivateNetwork: true });
    expect(performance.now() - otherStarted).toBeLessThan(300);
    const response = await first;
    expect(new TextDecoder().decode(response.body)).toBe('now ok');
    expect(response.attempts).toBe(2);
    const waited = limited.requests[1]!.at - limited.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(1950);
    expect(performance.now() - started).toBeLessThan(3500);
  });
});

describe('fault: Retry-After without retries left', () => {
  it('still holds the host back and reports notBefore', async () => {
    let calls = 0;
    const s = await server('127.0.0.1', (_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(503, { 'retry-after': '1' });
        res.end();
        return;
      }
      res.end('back');
    });
    const f = fetcher({ maxRetries: 0 });
    const error = await failure(f.fetch({ url: `${s.origin}/a`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true });
    expect(Date.parse(String(error.details?.['notBefore'])) - Date.now()).toBeGreaterThan(500);
    await f.fetch({ url: `${s.origin}/b`, kind: 'feed', allowPrivateNetwork: true });
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });
});

describe('fault: Retry-After above the cap', () => {
  it('is not retried: the fetch gives up at once and keeps notBefore at the time the server asked for', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    });
    const started = Date.now();
    const error = await failure(fetcher({ maxRetries: 3, retryAfterCapMs: 500 }).fetch({ url: `${s.origin}/feed`, kind: 'feed', allowPrivateNetwork: true }));
    expect(s.requests.length).toBe(1);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 429, retryable: true });
    expect(error.details?.['retryAfterOverCap']).toBe(true);
    expect(Date.parse(String(error.details?.['notBefore'])) - started).toBeGreaterThan(3_590_000);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('a Retry-After within the cap is still waited out and retried', async () => {
    let calls = 0;
    const s = await server('127.0.0.1', (_req, res) => {
      calls += 1;
      if (calls === 1) return void res.writeHead(503, { 'retry-after': '1' }).end();
      res.end('back');
    });
    const response = await fetcher({ maxRetries: 1, retryAfterCapMs: 1500 }).fetch({ url: `${s.origin}/feed`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.attempts).toBe(2);
  });
});

describe('fault: oversized bodies', () => {
  it('stops an endless body at the cap with BODY_TOO_LARGE', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(16 * 1024, 120);
      const pump = (): void => {
        while (res.write(chunk)) {
          /* keep the pipe full */
        }
        res.once('drain', pump);
      };
      pump();
    });
    const error = await failure(fetcher({ maxBodyBytes: 256 * 1024 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.retryable).toBe(false);
    expect(s.requests.length).toBe(1);
  });

  it('stops a gzip bomb at the cap on the decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KiB on the wire
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const before = process.memoryUsage().rss;
    const error = await failure(fetcher({ maxBodyBytes: 1024 * 1024 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.details?.['compressed']).toBe(true);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('refuses early when Content-Length already exceeds the cap', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024));
    });
    const error = await failure(fetcher({ maxBodyBytes: 1024 * 1024 }).fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('BODY_TOO_LARGE');
  });
});

describe('fault: a body refused unread', () => {
  it('frees the connection of a streaming body with an unsupported Content-Encoding, so the host is not stalled', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      if (req.url === '/ok') return res.end('ok');
      res.writeHead(200, { 'content-encoding': 'zstd' });
      const timer = setInterval(() => res.write(Buffer.alloc(1024, 120)), 20);
      res.on('close', () => clearInterval(timer));
    });
    // Per-host concurrency 1 gives the host two connections: three refused bodies would hold both.
    const f = fetcher({ maxRetries: 0, perHostConcurrency: 1, totalTimeoutMs: 1500 });
    for (let i = 0; i < 3; i++) {
      expect((await failure(f.fetch({ url: `${s.origin}/z${i}`, kind: 'feed', allowPrivateNetwork: true }))).code).toBe('UNSUPPORTED_CONTENT');
    }
    // Without the fix this request waits for a socket forever: undici ignores an abort until it has one.
    const response = await f.fetch({ url: `${s.origin}/ok`, kind: 'feed', allowPrivateNetwork: true });
    expect(new TextDecoder().decode(response.body)).toBe('ok');
  }, 5000);
});

describe('fault: one run with every fault at once', () => {
  it('gives each source its own code and record while the healthy sources complete', async () => {
    // One "agency" per loopback address, each scripting one fault, all fetched concurrently as in a run.
    let flaky = 0;
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    const faults = await server('127.0.0.1', (req, res) => {
      if (req.url === '/loop') res.writeHead(302, { location: '/loop2' }).end();
      else if (req.url === '/loop2') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/missing') res.writeHead(404).end();
      // '/hang' never answers: header timeout
    });
    const broken = await server('127.0.0.2', (req, res) => {
      if (req.url === '/reset') {
        res.writeHead(200, { 'content-length': '5000' });
        res.write('x'.repeat(100), () => res.socket?.resetAndDestroy());
      } else if (req.url === '/bomb') {
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
      } else if (req.url === '/flaky') {
        flaky += 1;
        res.writeHead(flaky === 1 ? 500 : 200).end('recovered');
      }
    });
    const ok = await healthy();
    const f = fetcher({ maxRetries: 1, maxBodyBytes: 1024 * 1024 }, { lookup: tableLookup({}) });
    const cases: Array<[string, string | number, boolean | null, number | null]> = [
      [`${faults.origin}/loop`, 'REDIRECT_LOOP', false, 302],
      [`${faults.origin}/missing`, 'HTTP_STATUS', false, 404],
      [`${faults.origin}/hang`, 'FETCH_TIMEOUT', true, null],
      ['http://does-not-resolve.invalid/feed', 'DNS_FAILURE', false, null],
      [`${broken.origin}/reset`, 'FETCH_NETWORK', true, null],
      [`${broken.origin}/bomb`, 'BODY_TOO_LARGE', false, 200],
      [`${broken.origin}/flaky`, 200, null, null],
      [`${ok.origin}/a`, 200, null, null],
      [`${ok.origin}/b`, 200, null, null],
    ];
    const results = await Promise.allSettled(cases.map(([url]) => f.fetch({ url, kind: 'feed', allowPrivateNetwork: true })));
    for (const [i, result] of results.entries()) {
      const [url, expected, retryable, status] = cases[i]!;
      if (result.status === 'fulfilled') {
        expect([url, result.value.status]).toEqual([url, expected]);
        continue;
      }
      const record = (result.reason as WiredeskError).toRecord();
      expect([url, record.code, record.retryable, record.status, record.url]).toEqual([url, expected, retryable, status, url]);
    }
  });

  it('close() aborts requests in flight and frees the sockets promptly', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const f = createFetcher({ config: testFetchConfig({ totalTimeoutMs: 10_000 }) });
    const pending = f.fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true });
    const queued = f.fetch({ url: `${s.origin}/2`, kind: 'feed', allowPrivateNetwork: true });
    const settled = Promise.allSettled([pending, queued]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = performance.now();
    await f.close();
    const codes = (await settled).map((r) => (r.status === 'rejected' ? (r.reason as WiredeskError).code : 'ok'));
    expect(codes).toEqual(['ABORTED', 'ABORTED']);
    // Not the URL's fault: the pipeline may try these again in the next run.
    expect((await settled).every((r) => r.status === 'rejected' && (r.reason as WiredeskError).retryable)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
    expect((await failure(f.fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }))).code).toBe('ABORTED');
  });

  it('lets one run-wide signal abort many queued fetches without listener warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const s = await server('127.0.0.1', (_req, res) => res.end('x'));
    const f = fetcher({ minHostGapMs: 1000 });
    const run = new AbortController();
    const all = Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => f.fetch({ url: `${s.origin}/${i}`, kind: 'feed', allowPrivateNetwork: true, signal: run.signal })),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    run.abort();
    const results = await all;
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1); // the first started before the gap
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r.reason as WiredeskError).code === 'ABORTED')).toBe(true);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(s.requests.length).toBe(1);
  });

  it('leaves no sockets or timers behind after close()', async () => {
    const count = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const before = { sockets: count('TCPSocketWrap'), timers: count('Timeout') };
    const s = await startScriptServer('127.0.0.1', (_req, res) => res.end('x'));
    const f = createFetcher({ config: testFetchConfig({ minHostGapMs: 50 }) });
    await Promise.all([1, 2, 3].map((n) => f.fetch({ url: `${s.origin}/${n}`, kind: 'feed', allowPrivateNetwork: true })));
    expect(count('TCPSocketWrap')).toBeGreaterThan(before.sockets); // keep-alive sockets are open now
    await f.close();
    await s.close();
    for (let i = 0; i < 20 && count('TCPSocketWrap') > before.sockets; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(count('TCPSocketWrap')).toBe(before.sockets);
    expect(count('Timeout')).toBeLessThanOrEqual(before.timers);
  });
});

describe('retry backoff', () => {
  it('backs off exponentially with jitter through the injected sleep, and never beyond maxRetries', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.statusCode = 502;
      res.end();
    });
    const waits: number[] = [];
    const f = fetcher({ maxRetries: 3, retryBaseDelayMs: 100 }, { sleep: async (ms) => void waits.push(ms) });
    const error = await failure(f.fetch({ url: `${s.origin}/`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 502 });
    expect(s.requests.length).toBe(4);
    expect(waits.length).toBe(3);
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });
});
