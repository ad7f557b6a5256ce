import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openSqliteStateStore } from '../../src/store/index.js';
import { fixtureDoc } from './helpers.js';

// The `wiredesk cluster` command (src/cli/commands/cluster-command.ts) lives with the fingerprint
// tests because the story-grouping area owns it.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wiredesk-cluster-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cluster(args: string[], stdin?: string): Promise<{ code: number; lines: Record<string, unknown>[]; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['cluster', ...args], { out: (t) => (out += t), err: (t) => (err += t), ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }) });
  return { code, lines: out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

async function writeDocs(name: string, docs: object[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return path;
}

describe('wiredesk cluster', () => {
  it('prints one line per input with story, duplicate and simhash', async () => {
    // Undated lines are all "seen now", inside one window.
    const undated = (c: string, n: string): object => ({ ...fixtureDoc(c, n), publishedAt: undefined, seenAt: undefined });
    const input = await writeDocs('docs.jsonl', [
      undated('seed-pair', 'first'),
      undated('wire-copy', 'original'),
      undated('seed-pair', 'second'),
      undated('wire-copy', 'copy-headline'),
    ]);
    const { code, lines } = await cluster(['--input', input]);
    expect(code).toBe(0);
    expect(lines.map((l) => Object.keys(l).sort())).toEqual(Array(4).fill(['duplicateOf', 'id', 'simhash', 'storyId']));
    const [seed1, dam, seed2, copy] = lines;
    expect(seed2?.['storyId']).toBe(seed1?.['storyId']);
    expect(copy).toMatchObject({ storyId: dam?.['storyId'], duplicateOf: 'agency-a-kalvar-dam' });
    expect(dam?.['storyId']).not.toBe(seed1?.['storyId']);
    expect(seed1?.['simhash']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prints where each article ends up, in input order, when a later article splits its story', async () => {
    const names = ['quake-a-1', 'quake-a-2', 'quake-b-1', 'quake-b-2'];
    const { code, lines } = await cluster(['--input', await writeDocs('quakes.jsonl', names.map((n) => fixtureDoc('same-kind-events', n))), '--explain']);
    expect(code).toBe(0);
    expect(lines.map((l) => l['id'])).toEqual(['quake-a-agency-1', 'quake-a-agency-2', 'quake-b-agency-1', 'quake-b-agency-2']);
    const [a1, a2, b1, b2] = lines;
    expect(a2?.['storyId']).toBe(a1?.['storyId']);
    // b1 was first filed with the first quake; b2 took it along into the second quake's story.
    expect(b1).toMatchObject({ storyId: b2?.['storyId'], firstStoryId: a1?.['storyId'] });
    expect(b2?.['storyId']).not.toBe(a1?.['storyId']);
  });

  it('explains a join across languages: the language each report was read in and what joined it', async () => {
    const docs = ['german', 'unrelated', 'english'].map((n) => fixtureDoc('cross-language-pair', n));
    const { code, lines } = await cluster(['--input', await writeDocs('languages.jsonl', docs), '--explain']);
    expect(code).toBe(0);
    const [german, unrelated, english] = lines;
    expect(german).toMatchObject({ language: 'de', reason: 'new', via: null });
    expect(english).toMatchObject({ language: 'en', reason: 'similar', via: 'cross-language', storyId: german?.['storyId'] });
    expect(unrelated?.['storyId']).not.toBe(german?.['storyId']);
    // A line's declared language is taken when the text agrees (Han text can be Japanese), and not when it does not.
    const han = { title: '北京宣布新措施', text: '北京市政府今天宣布了一系列新的交通措施，以缓解城市拥堵问题。', publishedAt: '2026-11-20T10:00:00.000Z' };
    const input = [{ ...han, id: 'han-declared-ja', language: 'ja' }, { ...han, id: 'han-undeclared' }, { ...docs[0], id: 'de-declared-en', language: 'en' }];
    const declared = await cluster(['--input', await writeDocs('declared.jsonl', input), '--explain']);
    expect(declared.lines.map((l) => l['language'])).toEqual(['ja', 'zh', 'de']);
  });

  it('continues from --state in a later run: tomorrow\'s copy joins today\'s story', async () => {
    const state = join(dir, 'state');
    const today = await cluster(['--input', await writeDocs('today.jsonl', [fixtureDoc('wire-copy', 'original')]), '--state', state]);
    const tomorrow = await cluster(['--input', await writeDocs('tomorrow.jsonl', [fixtureDoc('wire-copy', 'copy-next-day')]), '--state', state, '--explain']);
    expect(tomorrow.code).toBe(0);
    expect(tomorrow.lines[0]).toMatchObject({ storyId: today.lines[0]?.['storyId'], duplicateOf: 'agency-a-kalvar-dam', reason: 'duplicate' });
    const saved = openSqliteStateStore({ stateDir: state, readonly: true });
    const stored = (await saved?.loadStoryIndex())?.snapshot;
    expect(stored != null && 'blocks' in stored ? stored.live : stored?.fingerprints.length).toBe(2);
    await saved?.close();
  });

  it('rejects a bad window or a bad input line as a usage error naming it', async () => {
    const input = await writeDocs('bad.jsonl', [{ id: 'a', title: 't', text: 'x' }]);
    expect((await cluster(['--input', input, '--window', 'soon'])).code).toBe(2);
    await writeFile(join(dir, 'broken.jsonl'), '{"id":"a","title":"t","text":"x"}\nnot json\n');
    const broken = await cluster(['--input', join(dir, 'broken.jsonl')]);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('line 2');
  });

  it('reads the articles from standard input with --input -, as from a file', async () => {
    const docs = [fixtureDoc('seed-pair', 'first'), fixtureDoc('wire-copy', 'original'), fixtureDoc('seed-pair', 'second')];
    const path = await writeDocs('docs.jsonl', docs);
    const fromFile = await cluster(['--input', path]);
    const fromStdin = await cluster(['--input', '-'], docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    expect(fromStdin.code, fromStdin.err).toBe(0);
    expect(fromStdin.lines).toHaveLength(3);
    expect(fromStdin.lines).toEqual(fromFile.lines);
  });

  it('fails with exit 1 naming the command when the input cannot be read', async () => {
    const missing = await cluster(['--input', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^wiredesk cluster: NOT_FOUND: .*nope\.jsonl/);
    expect(missing.lines).toEqual([]);
  });
});
