import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_WITH_EXIT_CODES } from '../../src/cli/exit-codes.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wiredesk-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('usage errors', () => {
  it.each([
    ['run', '--log', 'xml'],
    ['schedule', '--log', 'xml'],
    ['run', '--quiet', '--verbose'],
    ['prune', '--older-than', '30d', '-q', '-v'],
    ['schedule', '--metrics', '9464'],
  ])('%s %s %s exits 2 and says why', async (...args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/invalid|cannot be used with|HOST:PORT/);
  });
});

describe('exit codes in --help', () => {
  it.each(COMMANDS_WITH_EXIT_CODES.map((c) => [c]))('`%s --help` lists its exit codes', async (command) => {
    const result = await runCli([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Exit codes:');
    expect(result.out).toMatch(/\n {2}0 {2}\S/);
    expect(result.out).toMatch(/\n {2}2 {2}usage error/);
  });

  it('every command has its exit codes', async () => {
    const help = (await runCli(['--help'])).out;
    const listed = [...help.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(listed.length).toBeGreaterThan(8);
    for (const command of listed) expect(COMMANDS_WITH_EXIT_CODES.some((c) => c === command || c.startsWith(`${command} `)), command).toBe(true);
    expect(help).toContain('Exit codes:');
  });
});

describe('a missing input file is NOT_FOUND, naming the file, in every command that reads one', () => {
  const missing = () => join(dir, 'no-such-file.xml');
  it.each([
    ['feed', () => ['feed', missing()]],
    ['import-opml', () => ['import-opml', missing(), '--config', join(dir, 'c.json'), '--dry-run']],
    ['extract --input', () => ['extract', '--input', missing()]],
    ['cluster --input', () => ['cluster', '--input', missing()]],
  ])('%s', async (_, args) => {
    const result = await runCli(args());
    expect(result.code).toBe(1);
    expect(result.err).toContain('NOT_FOUND');
    expect(result.err).toContain('no-such-file.xml');
    expect(result.err).not.toContain('INTERNAL');
  });

  it('extract FILE: the missing file\'s line carries NOT_FOUND, the others are extracted', async () => {
    const result = await runCli(['extract', missing()]);
    expect(result.code).toBe(1);
    const line = JSON.parse(result.out.trim()) as { error: { code: string; message: string } };
    expect(line.error.code).toBe('NOT_FOUND');
    expect(line.error.message).toContain('no such file');
  });
});

describe('extract FILE reads the clock once', () => {
  it('clamps a page date after the command started to that time, and names the date it replaced', async () => {
    const page = join(dir, 'future.html');
    const future = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Harbour wall repaired', datePublished: future });
    const body = '<p>Engineers finished repairing the harbour wall on Thursday, two weeks ahead of the winter storms, the port authority said.</p>'.repeat(5);
    await writeFile(page, `<html><head><title>Harbour wall repaired</title><script type="application/ld+json">${ld}</script></head><body><article>${body}</article></body></html>`);
    const before = Date.now();
    const result = await runCli(['extract', page]);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.out.trim()) as { publishedAt: string; clampedDates: { publishedAt: string } | null; provenance: Record<string, string> };
    expect(Date.parse(line.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(line.publishedAt)).toBeLessThanOrEqual(Date.now());
    expect(line.clampedDates?.publishedAt).toBe(future);
    expect(line.provenance['publishedAt']).toContain('clamped');
  });
});
