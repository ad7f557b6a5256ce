import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const cli = runCli;

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Reader export</title></head><body>\n';
const FEEDS = [
  '  <outline text="Agencies">',
  '    <outline type="rss" text="Gamma" xmlUrl="https://gamma.example/feed.xml"/>',
  '    <outline type="rss" text="Delta" xmlUrl="https://delta.example/feed.xml"/>',
  '    <outline type="rss" text="Epsilon" xmlUrl="https://epsilon.example/feed.xml"/>',
  '  </outline>',
].join('\n');

describe('import-opml', () => {
  let dir: string;
  let configPath: string;
  let before: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-opml-'));
    configPath = join(dir, 'wiredesk.json');
    before = JSON.stringify({ sources: [{ name: 'Alpha', url: 'https://alpha.example/rss' }] });
    await writeFile(configPath, before);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['inside an attribute', `${HEAD}${FEEDS}\n  <outline type="rss" text="Zeta" xmlUrl="https://zeta.exa`],
    ['after a complete outline', `${HEAD}${FEEDS}\n`],
    ['before </opml>', `${HEAD}${FEEDS}\n</body>`],
  ])('refuses an OPML file cut off %s with a typed error, and imports nothing', async (_where, text) => {
    const file = join(dir, 'cut.opml');
    await writeFile(file, text);
    const result = await cli(['import-opml', file, '--config', configPath]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('CONFIG_INVALID');
    expect(result.err).toContain('truncated');
    expect(result.err).toContain(file);
    expect(await readFile(configPath, 'utf8')).toBe(before);
  });

  it('reports entries without xmlUrl by name (with their site address) instead of dropping them', async () => {
    const file = join(dir, 'subs.opml');
    await writeFile(
      file,
      `${HEAD}${FEEDS}\n  <outline type="rss" text="Broken export" htmlUrl="https://broken.example/"/>\n  <outline text="Bookmark only" type="link" url="https://link.example/page"/>\n  <outline title="Empty folder"></outline>\n</body></opml>\n`,
    );
    const result = await cli(['import-opml', file, '--config', configPath]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('added 3 feed(s)');
    expect(result.out).toContain('skipped, no xmlUrl (3)');
    expect(result.out).toContain('? Broken export  (site https://broken.example/)');
    expect(result.out).toContain('? Bookmark only  (site https://link.example/page)');
    expect(result.out).toContain('? Empty folder');
    expect(result.out).not.toContain('? Agencies');
  });

  it('counts a feed already in the config under another spelling of its URL as present', async () => {
    const file = join(dir, 'same.opml');
    await writeFile(file, `${HEAD}  <outline text="Alpha" xmlUrl="HTTPS://ALPHA.example/./rss#latest"/>\n</body></opml>\n`);
    const result = await cli(['import-opml', file, '--config', configPath]);
    expect(result.out).toContain('nothing new');
    expect(result.out).toMatch(/already present \(1\)/);
  });

  it('names the line and column of a syntax error in the config it would extend, and writes nothing', async () => {
    await writeFile(configPath, '{\n  "sources": [\n    { "name": "Alpha", "url": "https://alpha.example/rss" },\n  ]\n}\n');
    const file = join(dir, 'subs.opml');
    await writeFile(file, `${HEAD}${FEEDS}\n</body></opml>\n`);
    const result = await cli(['import-opml', file, '--config', configPath]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${configPath} is not valid JSON: line 4, column 3`);
  });

  it('validates a config whose headers use ${ENV} against the real environment', async () => {
    process.env['WIREDESK_TEST_OPML_COOKIE'] = 'session=1';
    try {
      await writeFile(configPath, JSON.stringify({ sources: [{ name: 'Alpha', url: 'https://alpha.example/rss', headers: { Cookie: '${WIREDESK_TEST_OPML_COOKIE}' } }] }));
      const file = join(dir, 'subs.opml');
      await writeFile(file, `${HEAD}${FEEDS}\n</body></opml>\n`);
      const result = await cli(['import-opml', file, '--config', configPath]);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      // The reference stays a reference in the rewritten file: the secret is never written out.
      expect(await readFile(configPath, 'utf8')).toContain('${WIREDESK_TEST_OPML_COOKIE}');
    } finally {
      delete process.env['WIREDESK_TEST_OPML_COOKIE'];
    }
  });
});
