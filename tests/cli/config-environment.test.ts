import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startScriptServer, type ScriptServer } from '../fetch/support/script-server.js';
import { startLoopbackProxy, type LoopbackProxy } from '../fetch/support/loopback-proxy.js';

const cli = runCli;

const EMPTY_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://wire.example/</link></channel></rss>';
const SAVED = ['WIREDESK_TEST_TOKEN', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

describe('wiredesk run reads secrets and proxies from the environment', () => {
  let dir: string;
  let wire: ScriptServer;
  let proxy: LoopbackProxy | null = null;
  const saved = new Map<string, string | undefined>();
  beforeEach(async () => {
    for (const name of SAVED) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-env-'));
    wire = await startScriptServer('127.0.0.5', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(EMPTY_FEED));
  });
  afterEach(async () => {
    for (const [name, value] of saved) if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    await proxy?.close();
    proxy = null;
    await wire.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(): Promise<string> {
    const file = join(dir, 'wiredesk.json');
    const source = { name: 'Wire', url: `${wire.origin}/feed.xml`, allowPrivateNetwork: true, headers: { Authorization: 'Bearer ${WIREDESK_TEST_TOKEN}' } };
    await writeFile(file, JSON.stringify({ sources: [source], fetch: { minHostGapMs: 0, maxRetries: 0 }, extract: { workers: 0 } }));
    return file;
  }

  it('refuses to start when a referenced variable is unset, naming the file, field and variable', async () => {
    const file = await writeConfig();
    const result = await cli(['run', '--config', file, '--out', join(dir, 'out'), '--quiet']);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('CONFIG_INVALID');
    expect(result.err).toContain(file);
    expect(result.err).toContain('sources[0].headers.Authorization');
    expect(result.err).toContain('WIREDESK_TEST_TOKEN');
    expect(wire.requests).toEqual([]);
  });

  it('sends the token from the environment to the feed, through HTTP_PROXY when it is set', async () => {
    process.env['WIREDESK_TEST_TOKEN'] = 'env-token-1';
    proxy = await startLoopbackProxy('127.0.0.9');
    process.env['HTTP_PROXY'] = proxy.origin;
    const file = await writeConfig();
    const result = await cli(['run', '--config', file, '--out', join(dir, 'out'), '--quiet']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(wire.requests.map((r) => [r.path, r.headers['authorization']])).toEqual([['/feed.xml', 'Bearer env-token-1']]);
    expect(proxy.requests.map((r) => r.target)).toEqual([`${wire.origin}/feed.xml`]);
  });
});
