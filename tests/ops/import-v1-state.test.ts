import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryIndexSnapshot } from '../../src/fingerprint/index.js';
import { silentLogger } from '../../src/log/index.js';
import { importV1StateIfAny, openSink, openState, stateDirOf } from '../../src/ops/index.js';
import type { ArticleRecord } from '../../src/types/index.js';
import { shippedAliases } from '../fingerprint/helpers.js';

// fixtures/state/v1-demo-output: the demo wire crawled by wiredesk before the state database
// (commit 626f2bc), state.json and its path journal included, as users have them on disk.
const FIXTURE = fileURLToPath(new URL('../../fixtures/state/v1-demo-output/', import.meta.url));

describe('import of a version 1 state.json', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-v1-'));
    await cp(FIXTURE, out, { recursive: true });
  });
  afterEach(() => rm(out, { recursive: true, force: true }));

  it('carries sources, validators, seen keys, the catalog and the story index into the database, once, and keeps the old file aside', async () => {
    const v1 = JSON.parse(await readFile(join(out, '.wiredesk-state', 'state.json'), 'utf8')) as {
      sources: Record<string, { validators: unknown; lastSuccessAt: string }>;
      seen: Record<string, Record<string, { articleId: string }>>;
      articlePaths: Record<string, string>;
      storyIndex: { fingerprints: { id: string; storyId: string }[] };
    };
    const sink = await openSink({ outDir: out }, { clock: { now: () => new Date() }, logger: silentLogger });
    const state = openState({ outDir: out });
    try {
      expect(await importV1StateIfAny({ sink, state, stateDir: stateDirOf({ outDir: out }), logger: silentLogger, now: new Date('2026-12-04T00:00:00Z') })).toBe(true);
      for (const [url, saved] of Object.entries(v1.sources)) {
        expect(await state.source(url)).toMatchObject({ url, validators: saved.validators, lastSuccessAt: saved.lastSuccessAt });
      }
      for (const [feed, keys] of Object.entries(v1.seen)) expect(await state.seenKeys(feed, Object.keys(keys))).toEqual(new Set(Object.keys(keys)));
      const ids = Object.keys(v1.articlePaths);
      const catalog = await state.articles(ids);
      expect(catalog.size).toBe(ids.length);
      for (const [id, rel] of Object.entries(v1.articlePaths)) {
        const record = JSON.parse(await readFile(join(out, rel), 'utf8')) as ArticleRecord;
        expect(catalog.get(id)).toMatchObject({ storyId: record.story.id, title: record.title, source: record.feed.name, duplicateOf: record.story.duplicateOf });
        expect(await sink.readArticle(id, catalog.get(id)!.filedDay)).toEqual(record);
      }
      // The story index continues: a republication of a report in the window is its copy.
      // An imported index keeps the JSON form it came in (story-index-bytes.ts).
      const snapshot = ((await state.loadStoryIndex())?.snapshot ?? null) as StoryIndexSnapshot | null;
      expect(snapshot?.fingerprints.map((f) => f.id)).toEqual(v1.storyIndex.fingerprints.map((f) => f.id));
      const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() }, snapshot);
      const inWindow = v1.storyIndex.fingerprints[0]!;
      const original = JSON.parse(await readFile(join(out, v1.articlePaths[inWindow.id]!), 'utf8')) as ArticleRecord;
      const copy = index.assign({ id: 'republished', title: `Republished: ${original.title}`, text: original.text, publishedAt: original.publishedAt, seenAt: original.fetchedAt, source: 'Other' });
      expect(copy).toMatchObject({ duplicateOf: original.id, storyId: inWindow.storyId });

      const files = await readdir(join(out, '.wiredesk-state'));
      expect(files).not.toContain('state.json');
      expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/^state\.json\.imported-/)]));
      // Once: a second start does not import again.
      expect(await importV1StateIfAny({ sink, state, stateDir: stateDirOf({ outDir: out }), logger: silentLogger, now: new Date() })).toBe(false);
    } finally {
      await state.close();
    }
  });

  it('refuses a broken version 1 file as STATE_CORRUPT (a null state is not a fresh start)', async () => {
    for (const content of ['null', '{"formatVersion":1,"seen":null}', '{"formatVersion":1,"sou']) {
      await writeFile(join(out, '.wiredesk-state', 'state.json'), content);
      const sink = await openSink({ outDir: out }, { clock: { now: () => new Date() }, logger: silentLogger });
      const state = openState({ outDir: out });
      try {
        await expect(importV1StateIfAny({ sink, state, stateDir: stateDirOf({ outDir: out }), logger: silentLogger, now: new Date() })).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
      } finally {
        await state.close();
      }
    }
  });
});
