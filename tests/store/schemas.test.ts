import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeClock, listFiles, makeArticle, makeRun, makeStory, useTempOutput } from './make-records.js';
import { kindOfPath, loadSchemaValidators, schemaErrors } from './schema-validator.js';

describe('schemas of the output contract', () => {
  const validators = loadSchemaValidators();
  const t = useTempOutput(fakeClock());

  it('every file the sink writes validates against its schema', async () => {
    await t.sink().writeArticle(makeArticle('a1', { feed: { url: 'https://agency.example/rss', name: 'Agency', alsoIn: [{ url: 'https://other.example/rss', name: 'Other' }] } }), '2026-11-20');
    await t.sink().writeArticle(makeArticle('b2', { publishedAt: null, story: { id: 's-a1', duplicateOf: 'a1', distance: 2, similarity: null, reason: 'duplicate' } }), '2026-11-21');
    await t.sink().writeStory(makeStory('s-a1', ['a1', 'b2'], { merged: [{ storyId: 'old-1', at: '2026-11-21T03:00:00.000Z' }] }));
    await t.sink().writeRunReport({ ...makeRun('20261121-030000-abcdef'), written: { articles: [{ id: 'a1', filedDay: '2026-11-20' }, { id: 'b2', filedDay: '2026-11-21' }], stories: ['s-a1'] } });

    const files = (await listFiles(t.dir())).filter((f) => f.endsWith('.json'));
    expect(files.map(kindOfPath).sort()).toEqual(['article', 'article', 'latest-run', 'run', 'story']);
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
      ['article', { ...makeArticle('a1'), feed: { url: 'u', name: 'n', alsoIn: [{ url: 'u' }] } }],
      ['story', makeStory('s1', [])],
      ['run', { ...makeRun('r1'), written: { articles: ['/etc/passwd'], stories: [] } }],
    ] as const;
    for (const [kind, value] of bad) expect(schemaErrors(validators[kind], value), `${kind} ${JSON.stringify(value).slice(0, 80)}`).not.toEqual([]);
  });
});
