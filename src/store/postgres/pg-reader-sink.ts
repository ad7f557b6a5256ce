import type { ArticleRecord, RunReport, RunSummary, StoryRecord } from '../../types/index.js';
import type { LatestRunPointer, OutputSink } from '../output-sink.js';
import { pgError, type PgPool } from './pg-connect.js';

/** Channel on which every row written to `articles` or `stories` is announced (`article:<id>:<seq>`). */
export const READER_CHANNEL = 'wiredesk';

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

  async writeArticle(record: ArticleRecord, filedDay: string): Promise<void> {
    await this.files.writeArticle(record, filedDay);
    await this.q(
      `WITH up AS (
         INSERT INTO articles (id, seq, removed, story_id, duplicate_of, title, url, canonical_url, feed_url, source, language, published_at, fetched_at, filed_day, record)
         VALUES ($1, nextval('wd_reader_seq'), false, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, removed = false, story_id = excluded.story_id, duplicate_of = excluded.duplicate_of,
           title = excluded.title, url = excluded.url, canonical_url = excluded.canonical_url, feed_url = excluded.feed_url, source = excluded.source,
           language = excluded.language, published_at = excluded.published_at, fetched_at = excluded.fetched_at, filed_day = excluded.filed_day, record = excluded.record
         RETURNING id, seq)
       SELECT pg_notify('${READER_CHANNEL}', 'article:' || id || ':' || seq) FROM up`,
      [
        record.id,
        record.story.id,
        record.story.duplicateOf,
        record.title,
        record.url,
        record.canonicalUrl,
        record.feed.url,
        record.feed.name,
        record.language,
        validTime(record.publishedAt),
        validTime(record.fetchedAt),
        filedDay,
        JSON.stringify(record),
      ],
      'write an article row',
    );
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
    await this.q(
      `WITH up AS (
         INSERT INTO stories (id, seq, removed, title, size, first_seen_at, last_seen_at, record)
         VALUES ($1, nextval('wd_reader_seq'), false, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, removed = false, title = excluded.title, size = excluded.size,
           first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at, record = excluded.record
         RETURNING id, seq)
       SELECT pg_notify('${READER_CHANNEL}', 'story:' || id || ':' || seq) FROM up`,
      [record.id, record.title, record.members.length, validTime(record.firstSeenAt), validTime(record.lastSeenAt), JSON.stringify(record)],
      'write a story row',
    );
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
    const kind = table === 'articles' ? 'article' : 'story';
    await this.q(
      `WITH up AS (UPDATE ${table} SET removed = true, seq = nextval('wd_reader_seq') WHERE id = $1 AND NOT removed RETURNING id, seq)
       SELECT pg_notify('${READER_CHANNEL}', '${kind}:' || id || ':' || seq) FROM up`,
      [id],
      `mark a ${kind} row removed`,
    );
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
