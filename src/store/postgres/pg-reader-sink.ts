import type { ArticleRecord, RunReport, RunSummary, StoryRecord } from '../../types/index.js';
import type { LatestRunPointer, OutputSink } from '../output-sink.js';
import { pgError, type PgPool } from './pg-connect.js';

/** Channel on which every row written to `articles` or `stories` is announced (`article:<id>:<seq>`; named in `wd_reader_rows`). */
export const READER_CHANNEL = 'wiredesk';

/** One change to the reader tables, as `wd_reader_rows` (pg-schema.ts) applies it. */
export type ReaderRow =
  | { t: 'article'; id: string; storyId: string; duplicateOf: string | null; title: string; url: string | null; canonicalUrl: string | null; feedUrl: string; source: string; language: string | null; publishedAt: string | null; fetchedAt: string | null; filedDay: string; record: ArticleRecord }
  | { t: 'story'; id: string; title: string; size: number; firstSeenAt: string | null; lastSeenAt: string | null; record: StoryRecord }
  | { t: 'article-removed' | 'story-removed'; id: string };

/**
 * The output for SQL readers beside the files: every article and story the grouper writes to the
 * output directory is also upserted into the `articles` and `stories` tables, with a new value of
 * the increasing `seq` column and a NOTIFY on channel `wiredesk`. Removals keep the row with
 * `removed = true` (and a new seq), so a reader following `seq` learns of them too. The rows follow
 * the files' protocol: written before the state commit, put back by the recovery of an interrupted
 * one. Everything else (lock, reads, run reports) is the wrapped sink's.
 */
export class PgReaderSink implements OutputSink {
  readonly location: string;
  private deferred: ReaderRow[] | null = null;

  constructor(
    private readonly files: OutputSink,
    private readonly pool: PgPool,
    private readonly database: string,
  ) {
    this.location = files.location;
  }

  acquireLock(): Promise<void> {
    return this.files.acquireLock();
  }
  releaseLock(): Promise<void> {
    return this.files.releaseLock();
  }
  lockHolder(): Promise<{ pid: number; hostname: string; startedAt: string } | null> {
    return this.files.lockHolder();
  }

  /**
   * From now on rows wait in memory (`takeRows`) to be written by the state commit that follows the
   * files, in its statement (`PgStateStore.setRowSource`); `flushRows` writes any left over. For the
   * grouper once its recovery is done: the rows then land in the commit's transaction.
   */
  deferRows(): void {
    this.deferred = [];
  }

  /** The rows waiting since the last take, in the order they were written. */
  takeRows(): ReaderRow[] {
    if (this.deferred === null) return [];
    const rows = this.deferred;
    this.deferred = [];
    return rows;
  }

  /** Writes the rows no commit took. */
  async flushRows(): Promise<void> {
    const rows = this.takeRows();
    if (rows.length > 0) await this.q('SELECT wd_reader_rows($1::jsonb)', [JSON.stringify(rows)], 'write reader rows');
  }

  async writeArticle(record: ArticleRecord, filedDay: string): Promise<void> {
    await this.files.writeArticle(record, filedDay);
    await this.row({
      t: 'article',
      id: record.id,
      storyId: record.story.id,
      duplicateOf: record.story.duplicateOf,
      title: record.title,
      url: record.url,
      canonicalUrl: record.canonicalUrl,
      feedUrl: record.feed.url,
      source: record.feed.name,
      language: record.language,
      publishedAt: validTime(record.publishedAt),
      fetchedAt: validTime(record.fetchedAt),
      filedDay,
      record,
    });
  }

  readArticle(id: string, filedDay: string): Promise<ArticleRecord | null> {
    return this.files.readArticle(id, filedDay);
  }

  async removeArticle(id: string, filedDay: string): Promise<void> {
    await this.files.removeArticle(id, filedDay);
    await this.markRemoved('articles', id);
  }

  async discardArticle(id: string, filedDay: string): Promise<void> {
    await this.files.discardArticle(id, filedDay);
    await this.markRemoved('articles', id);
  }

  scanArticles(): AsyncIterable<{ id: string; filedDay: string; record: ArticleRecord | null; where: string }> {
    return this.files.scanArticles();
  }

  async writeStory(record: StoryRecord): Promise<void> {
    await this.files.writeStory(record);
    await this.row({ t: 'story', id: record.id, title: record.title, size: record.members.length, firstSeenAt: validTime(record.firstSeenAt), lastSeenAt: validTime(record.lastSeenAt), record });
  }

  readStory(id: string): Promise<StoryRecord | null> {
    return this.files.readStory(id);
  }

  async removeStory(id: string): Promise<void> {
    await this.files.removeStory(id);
    await this.markRemoved('stories', id);
  }

  scanStories(): AsyncIterable<StoryRecord> {
    return this.files.scanStories();
  }

  writeRunReport(summary: RunSummary): Promise<RunReport> {
    return this.files.writeRunReport(summary);
  }
  readLatestRun(): Promise<LatestRunPointer | null> {
    return this.files.readLatestRun();
  }
  runsBefore(cutoff: Date): Promise<string[]> {
    return this.files.runsBefore(cutoff);
  }
  removeRun(runId: string): Promise<void> {
    return this.files.removeRun(runId);
  }

  writeBoard(html: string): Promise<string> {
    return this.files.writeBoard(html);
  }

  writeStoryFeed(name: string, text: string): Promise<string> {
    return this.files.writeStoryFeed(name, text);
  }

  readStoryFeed(name: string): Promise<string | null> {
    return this.files.readStoryFeed(name);
  }

  writeBoardAsset(name: string, text: string): Promise<string> {
    return this.files.writeBoardAsset(name, text);
  }

  listBoardAssets(): Promise<string[]> {
    return this.files.listBoardAssets();
  }

  boardWrittenAt(): Promise<Date | null> {
    return this.files.boardWrittenAt();
  }

  removeBoardAsset(name: string): Promise<void> {
    return this.files.removeBoardAsset(name);
  }

  private async markRemoved(table: 'articles' | 'stories', id: string): Promise<void> {
    await this.row({ t: table === 'articles' ? 'article-removed' : 'story-removed', id });
  }

  /** A row for readers: written now, or kept for the next commit (`deferRows`). */
  private async row(row: ReaderRow): Promise<void> {
    if (this.deferred !== null) this.deferred.push(row);
    else await this.q('SELECT wd_reader_rows($1::jsonb)', [JSON.stringify([row])], `write a reader row (${row.t})`);
  }

  private async q(sql: string, params: unknown[], what: string): Promise<void> {
    try {
      await this.pool.query(sql, params);
    } catch (cause) {
      throw pgError(this.database, what, cause);
    }
  }
}

function validTime(iso: string | null): string | null {
  return iso !== null && Number.isFinite(Date.parse(iso)) ? iso : null;
}
