import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { openFileSink, openSqliteStateStore, type FileSink, type StateStore } from '../../src/store/index.js';
import type { ArticleRecord, Clock, RunReport, StoryRecord } from '../../src/types/index.js';
import { SCHEMA_VERSION } from '../../src/types/index.js';

/** Test-only builders for store records, with realistic field values. */
export function makeArticle(id: string, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    url: `https://agency.example/news/${id}`,
    finalUrl: null,
    canonicalUrl: `https://agency.example/news/${id}`,
    feed: { url: 'https://agency.example/rss', name: 'Agency' },
    guid: `guid-${id}`,
    title: `Title of ${id}`,
    byline: null,
    publishedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: null,
    fetchedAt: '2026-11-21T03:00:00.000Z',
    language: 'en',
    direction: 'ltr',
    siteName: 'Agency',
    leadImage: null,
    summary: null,
    text: 'First paragraph.\n\nSecond paragraph.',
    html: null,
    wordCount: 4,
    extraction: { method: 'readability', reason: null, encoding: 'utf-8', encodingSource: 'http-charset' },
    fingerprint: { simhash: '0123456789abcdef' },
    story: { id: `s-${id}`, duplicateOf: null, distance: null, similarity: null, reason: 'new' },
    ...overrides,
  };
}

export function makeStory(id: string, members: string[], overrides: Partial<StoryRecord> = {}): StoryRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    members,
    representative: members[0] ?? 'none',
    title: `Story ${id}`,
    sources: ['Agency'],
    firstSeenAt: '2026-11-21T03:00:00.000Z',
    lastSeenAt: '2026-11-21T03:00:00.000Z',
    merged: [],
    ...overrides,
  };
}

export function makeRun(runId: string, written: RunReport['written'] = { articles: [], stories: [] }): RunReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    runId,
    startedAt: '2026-11-21T03:00:00.000Z',
    finishedAt: '2026-11-21T03:00:05.000Z',
    durationMs: 5000,
    status: 'ok',
    sources: [
      {
        name: 'Agency',
        url: 'https://agency.example/rss',
        status: 'ok',
        http: { status: 200, finalUrl: 'https://agency.example/rss', notModified: false, durationMs: 120, encoding: 'utf-8' },
        itemsSeen: 3,
        itemsNew: 1,
        articlesWritten: written.articles.length,
        error: null,
        failures: [{ code: 'HTTP_STATUS', message: 'HTTP 404', retryable: false, url: 'https://agency.example/x', status: 404, itemUrl: 'https://agency.example/x' }],
        warnings: [],
        notBefore: null,
        durationMs: 4000,
      },
    ],
    totals: { sources: 1, sourcesFailed: 0, itemsSeen: 3, itemsNew: 1, articlesWritten: written.articles.length, failures: 1 },
    written,
  };
}

/** A clock that only moves when told to. */
export function fakeClock(iso = '2026-11-21T03:00:00.000Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = Date.parse(iso);
  return { now: () => new Date(now), set: (t) => (now = Date.parse(t)), advance: (ms) => (now += ms) };
}

export async function tempDir(prefix = 'wiredesk-store-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every file under `dir`, relative, sorted (hidden ones included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Registers before/after hooks giving each test a fresh temp output directory with its sink and state open. */
export function useTempOutput(clock: Clock): { dir: () => string; sink: () => FileSink; state: () => StateStore } {
  let dir: { path: string; remove(): Promise<void> } | null = null;
  let sink: FileSink | null = null;
  let state: StateStore | null = null;
  beforeEach(async () => {
    dir = await tempDir();
    sink = await openFileSink({ outDir: dir.path, clock, logger: silentLogger });
    state = openSqliteStateStore({ stateDir: join(dir.path, '.wiredesk-state') });
  });
  afterEach(async () => {
    await state?.close();
    await dir?.remove();
  });
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('output not open');
    return value;
  };
  return { dir: () => dir?.path ?? '', sink: () => need(sink), state: () => need(state) };
}
