import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptySourceState, emptyState, recordItemTime } from '../../src/store/index.js';
import { fakeClock, useTempStore, listFiles, makeArticle, makeRun, makeStory } from './make-records.js';
import { kindOfPath, loadSchemaValidators, schemaErrors } from './schema-validator.js';

describe('schemas of the output contract', () => {
  const validators = loadSchemaValidators();
  const t = useTempStore(fakeClock());

  it('every file the store writes validates against its schema', async () => {
    const state = await t.store().loadState();
    const a = await t.store().writeArticle(makeArticle('a1'));
    const b = await t.store().writeArticle(makeArticle('b2', { publishedAt: null, story: { id: 's-a1', duplicateOf: 'a1', distance: 2, similarity: null, reason: 'duplicate' } }));
    const s = await t.store().writeStory(makeStory('s-a1', ['a1', 'b2'], { merged: [{ storyId: 'old-1', at: '2026-11-21T03:00:00.000Z' }] }));
    const source = emptySourceState('Agency');
    recordItemTime(source, '2026-11-21T02:00:00.000Z');
    source.lastError = { code: 'HTTP_STATUS', message: 'HTTP 503', at: '2026-11-21T02:00:00.000Z' };
    state.sources['https://agency.example/rss'] = source;
    state.seen['https://agency.example/rss'] = { g1: { articleId: 'a1', at: '2026-11-21T03:00:00.000Z' } };
    await t.store().saveState(state);
    await t.store().writeRunReport(makeRun('20261121-030000-abcdef', { articles: [a, b], stories: [s] }));

    const files = (await listFiles(t.dir())).filter((f) => f.endsWith('.json'));
    expect(files.map(kindOfPath).sort()).toEqual(['article', 'article', 'latest-run', 'run', 'state', 'story']);
    for (const file of files) {
      const kind = kindOfPath(file);
      if (kind === null) continue;
      const value: unknown = JSON.parse(await readFile(join(t.dir(), file), 'utf8'));
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
