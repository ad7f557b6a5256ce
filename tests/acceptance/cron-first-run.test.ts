import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, spawnCli, waitFor } from '../support/cli-process.js';

/**
 * Acceptance check of issue 15: a daemon with one `* * * * *` cron source writes its first run
 * within 75 s of start (the old scheduler never ran it: every look put it one slot ahead). It waits
 * for a real minute slot, so it lives apart from `npm test`: `npm run test:acceptance` (CI runs it).
 */
describe.skipIf(!BUILT)('a cron source in the daemon', () => {
  let server: Server;
  let origin: string;
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/minutely.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Minutely</title><link>/</link></channel></rss>');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-cron-'));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs a `* * * * *` cron source for the first time within 75 s of start', async () => {
    const configPath = join(dir, 'cron.json');
    const out = join(dir, 'out');
    await writeFile(configPath, JSON.stringify({ sources: [{ name: 'minutely', url: `${origin}/minutely.xml`, allowPrivateNetwork: true, cron: '* * * * *' }] }));
    const started = Date.now();
    const daemon = spawnCli(['schedule', '--config', configPath, '--out', out, '--log', 'json']);
    try {
      await waitFor(() => existsSync(join(out, 'latest-run.json')), 75_000, 'the first run report');
      expect(Date.now() - started).toBeLessThan(75_000);
      const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
      const report = JSON.parse(await readFile(join(out, latest.path), 'utf8')) as { sources: { name: string; status: string }[] };
      expect(report.sources).toEqual([expect.objectContaining({ name: 'minutely', status: 'ok' })]);
    } finally {
      daemon.process.kill('SIGTERM');
    }
    expect((await daemon.exited).code).toBe(0);
  }, 100_000);
});
