import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/command-context.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/articles/agency-seed-rasa');
const dir = mkdtempSync(join(tmpdir(), 'wiredesk-extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>>; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['extract', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, lines: out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

describe('wiredesk extract', () => {
  it('prints one JSON line per file, reading .html and .html.gz', async () => {
    const html = readFileSync(join(FIXTURE, 'source.html'));
    writeFileSync(join(dir, 'page.html.gz'), gzipSync(html));
    const url = readFileSync(join(FIXTURE, 'url'), 'utf8').trim();
    const { code, lines } = await cli(['--url', url, join(FIXTURE, 'source.html'), join(dir, 'page.html.gz')]);
    expect(code).toBe(EXIT.OK);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line['title']).toBe('Daesh ringleader al-Baghdadi flees Mosul');
      expect(line['text']).not.toContain('News ID');
      expect((line['extraction'] as { method: string }).method).toBe('readability');
      expect(line['url']).toBe(url);
    }
  });

  it('reads jobs from --input, reports unreadable files as error lines and exits PARTIAL', async () => {
    writeFileSync(join(dir, 'a.html'), readFileSync(join(FIXTURE, 'source.html')));
    writeFileSync(join(dir, 'list.jsonl'), `${JSON.stringify({ file: 'a.html', url: 'https://rasanews.ir/en/news/1' })}\n${JSON.stringify({ file: 'nope.html', url: 'https://x.example/' })}\n`);
    const { code, lines } = await cli(['--input', join(dir, 'list.jsonl')]);
    expect(code).toBe(EXIT.PARTIAL);
    expect(lines.map((l) => l['file'])).toEqual(['a.html', 'nope.html']);
    expect(lines[0]?.['publishedAt']).toBe('2017-03-08T19:44:00.000Z');
    expect((lines[1]?.['error'] as { code: string }).code).toBeTypeOf('string');
  });

  it('applies the site rules of --config, matching the host with or without www.', async () => {
    const config = { sources: [], extract: { sites: { 'rasanews.ir': { removeSelectors: [], bodySelector: null, dropLinePatterns: ['^RNA - '] } } } };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const { code, lines } = await cli(['-c', join(dir, 'config.json'), '--url', 'https://www.rasanews.ir/en/news/1', join(FIXTURE, 'source.html')]);
    expect(code).toBe(EXIT.OK);
    expect(lines[0]?.['text']).not.toContain('RNA - US and Iraqi intelligence sources');
    expect(lines[0]?.['text']).toContain('The sources said the Daesh ringleader');
  });

  it('takes the time budget from the config when --timeout is not given', async () => {
    writeFileSync(join(dir, 'slow-config.json'), JSON.stringify({ sources: [], extract: { timeoutMs: 1 } }));
    const { code, lines } = await cli(['-c', join(dir, 'slow-config.json'), '--workers', '1', '--url', 'https://rasanews.ir/en/news/1', join(FIXTURE, 'source.html')]);
    expect(code).toBe(EXIT.FATAL);
    expect((lines[0]?.['error'] as { code: string }).code).toBe('EXTRACT_TIMEOUT');
  });

  it('is a usage error without files', async () => {
    const { code, err } = await cli([]);
    expect(code).toBe(EXIT.USAGE);
    expect(err).toContain('FILE');
  });
});
