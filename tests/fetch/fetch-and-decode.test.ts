import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/encoding/index.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { startScriptServer, type ScriptServer } from './support/script-server.js';
import { testFetchConfig } from './support/test-config.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/fetch');
const cases = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());

interface Expected {
  encoding: string;
  source: string;
  contains: string;
}

let server: ScriptServer;
let fetcher: Fetcher;

beforeAll(async () => {
  // Each fixture folder is served as it would be by the misconfigured site: its bytes and its headers.
  server = await startScriptServer('127.0.0.1', (req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (!cases.includes(name)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const response = JSON.parse(readFileSync(join(FIXTURES, name, 'response.json'), 'utf8')) as { status: number; headers: Record<string, string> };
    res.writeHead(response.status, response.headers);
    res.end(readFileSync(join(FIXTURES, name, 'body.bin')));
  });
  fetcher = createFetcher({ config: testFetchConfig() });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('served pages decode right (fixtures/fetch)', () => {
  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
    const response = await fetcher.fetch({ url: `${server.origin}/${name}`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.status).toBe(200);
    const sent = JSON.parse(readFileSync(join(FIXTURES, name, 'response.json'), 'utf8')) as { headers: Record<string, string> };
    expect(response.contentType).toBe(sent.headers['content-type']);
    const decoded = decodeBytes(response.body, { contentType: response.contentType, kind: 'auto' });
    expect(decoded.text).toContain(expected.contains);
    expect({ encoding: decoded.encoding, source: decoded.source }).toEqual({ encoding: expected.encoding, source: expected.source });
  });
});
