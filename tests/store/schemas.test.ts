import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { emptySourceState, emptyState, openStore, recordItemTime, type Store } from '../../src/store/index.js';
import { fakeClock, listFiles, makeArticle, makeRun, makeStory, tempDir } from './make-records.js';
import { kindOfPath, loadSchemaValidators, schemaErrors } from './schema-validator.js';

describe('schemas of the output contract', () => {
  const validators = loadSchemaValidators();
  let dir: { path: string; remove(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir();
    store = await openStore({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
  });
  afterEach(() => dir.remove());

  it('every file the store writes validates against its schema', async () => {
    const state = await store.loadState();
    const a = await store.writeArticle(makeArticle('a1'));
    const b = await store.writeArticle(makeArticle('b2', { publishedAt: null, story: { id: 's-a1', duplicateOf: 'a1', distance: 2, similarity: null, reason: 'duplicate' } }));
    const s = await store.writeStory(makeStory('s-a1', ['a1', 'b2'], { merged: [{ storyId: 'old-1', at: '2026-11-21T03:00:00.000Z' }] }));
    const source = emptySourceState('Agency');
    recordItemTime(source, '2026-11-21T02:00:00.000Z');
    source.lastError = { code: 'HTTP_STATUS', message: 'HTTP 503', at: '2026-11-21T02:00:00.000Z' };
    state.sources['https://agency.example/rss'] = source;
    state.seen['https://agency.example/rss'] = { g1: { articleId: 'a1', at: '2026-11-21T03:00:00.000Z' } };
    await store.saveState(state);
    await store.writeRunReport(makeRun('20261121-030000-abcdef', { articles: [a, b], stories: [s] }));

    const files = (await listFiles(dir.path)).filter((f) => f.endsWith('.json'));
    expect(files.map(kindOfPath).sort()).toEqual(['article', 'article', 'latest-run', 'run', 'state', 'story']);
    for (const file of files) {
      const kind = kindOfPath(file);
      if (kind === null) continue;
      const value: unknown = JSON.parse(await readFile(join(dir.path, file), 'utf8'));
      expect(schemaErrors(validators[kind], value), file).toEqual([]);
    }
  });

  it('the schemas reject what the contract forbids', () => {
    const bad = [
      ['article', { ...makeArticle('a1'), fingerprint: { simhash: 'ABC' } }],
      ['article', { ...makeArticle('a1'), id: '../x' }],
      ['article', { ...makeArticle('a1'), publishedAt: 'yesterday' }],
      ['article', (({ schemaVersion: _, ...rest }) => rest)(makeArticle('a1'))],
      ['story', makeStory('s1', [])],
      ['run', { ...makeRun('r1'), written: { articles: ['/etc/passwd'], stories: [] } }],
      ['state', { ...emptyState(), formatVersion: 2 }],
    ] as const;
    for (const [kind, value] of bad) expect(schemaErrors(validators[kind], value), `${kind} ${JSON.stringify(value).slice(0, 80)}`).not.toEqual([]);
  });
});
