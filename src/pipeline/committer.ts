import type { SourceConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import type { StoryIndex } from '../fingerprint/index.js';
import { storyTermsOf, type StorySpan, type StoryTerms } from '../records/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { commitArticle, type CommitResult } from './commit-article.js';
import { StoryBatch } from './story-batch.js';
import type { PendingArticle } from './pipeline-types.js';

/** An item whose article is already stored (another feed listed it first, or a feed lists it again). */
export interface KnownItem {
  source: SourceConfig;
  key: string;
  articleId: string;
  at: string;
}

/**
 * The one writer of articles and stories: commits run one at a time, in the order they are handed
 * in, against the story index it owns (kept in memory for as long as the crawler runs). After a
 * failed commit it refuses every later one: its index may be ahead of the state, and only a
 * restart from the state puts them back in step.
 */
export class Committer {
  private chain: Promise<unknown> = Promise.resolve();
  private broken: unknown = null;
  private readonly storyTerms: StoryTerms;

  constructor(
    private readonly deps: {
      sink: OutputSink;
      state: StateStore;
      /**
       * The story index, or how to restore it: restored on the first commit, so a run with
       * nothing new (most cron runs) never pays for reading and replaying it.
       */
      index: StoryIndex | (() => Promise<StoryIndex>);
      joinSeq: number;
      /** The config's story window and memory: story files carry their expiry (story-record.ts). */
      stories: StorySpan;
      /**
       * Hold story files for up to this long and write each once (StoryBatch); 0 (default)
       * writes them in each commit. Needs a state with `storiesBehind` (SQLite): others write at once.
       */
      storyBatchMs?: number;
      /** Milliseconds now (tests); default Date.now. */
      now?: () => number;
    },
  ) {
    this.restoreIndex = typeof deps.index === 'function' ? deps.index : null;
    this.storyTerms = storyTermsOf(deps.stories);
    const ms = deps.storyBatchMs ?? 0;
    this.batch = ms > 0 && deps.state.storiesBehind !== undefined && deps.state.storiesWritten !== undefined ? new StoryBatch() : null;
    this.batchMs = ms;
    this.now = deps.now ?? Date.now;
  }

  private readonly restoreIndex: (() => Promise<StoryIndex>) | null;
  private readonly batch: StoryBatch | null;
  private readonly batchMs: number;
  private readonly now: () => number;
  private batchTimer: NodeJS.Timeout | null = null;

  private async storyIndex(): Promise<StoryIndex> {
    if (typeof this.deps.index === 'function') this.deps.index = await this.deps.index();
    return this.deps.index;
  }

  /** Groups and writes a new article (or records it as known when another feed's copy got there first). */
  commit(article: PendingArticle): Promise<CommitResult> {
    return this.serial(async () => {
      const existing = (await this.deps.state.articles([article.articleId])).get(article.articleId);
      if (existing !== undefined) return this.known({ source: article.source, key: article.item.key, articleId: article.articleId, at: article.fetchedAt });
      const { sink, state } = this.deps;
      const index = await this.storyIndex();
      const batch = this.batch;
      const held = batch === null ? {} : { stories: batch, storiesBehind: batch.behind(this.deps.joinSeq - 1, this.now()) };
      const result = await commitArticle({ sink, state, index, nextJoinSeq: () => this.deps.joinSeq++, storyTerms: this.storyTerms, ...held }, article);
      batch?.committed(result);
      // Now and then the state takes the whole live index as its new base (its change log would
      // otherwise grow without end); it decides when, by the size of its log against the window.
      if (await state.storyIndexCheckpointDue()) await state.checkpointStoryIndex(index.image());
      if (batch !== null) await this.afterBatchedCommit(batch);
      return result;
    });
  }

  /**
   * Writes the story files held for a batch now (before a run report names them, before prune,
   * at close). Rejects with the storage error that also stops every later commit.
   */
  flushStories(): Promise<void> {
    return this.batch === null || this.batch.openedAt === null ? Promise.resolve() : this.serial(() => this.writeStories());
  }

  /**
   * Lets go of the story index when no commit is coming for a while (a one-off run before its
   * board, which then has that memory to itself); the next commit restores it from the state, as
   * the first one did. Held story files are written first. A committer given a ready index keeps it.
   */
  releaseIndex(): Promise<void> {
    return this.serial(async () => {
      await this.writeStories();
      if (this.restoreIndex !== null) this.deps.index = this.restoreIndex;
    });
  }

  /**
   * Marks an item whose article is stored as seen; when another feed listed it, the article keeps
   * its first feed and names this one in `feed.alsoIn` (one article, never a second file or story).
   */
  recordKnown(item: KnownItem): Promise<CommitResult> {
    return this.serial(() => this.known(item));
  }

  /**
   * Runs `work` between commits, with none in progress and none starting until it is done (a
   * daemon's prune rewrites stories that a commit could otherwise be rewriting at the same time).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    // Prune rewrites stories from the catalog: held records would be older than its files.
    return this.serial(async () => {
      await this.writeStories();
      return work();
    });
  }

  /** A batch is written once it is `storyBatchMs` old, by the commit that finds it so or by a timer when commits stop. */
  private async afterBatchedCommit(batch: StoryBatch): Promise<void> {
    const openedAt = batch.openedAt;
    if (openedAt === null) return;
    const age = this.now() - openedAt;
    if (age >= this.batchMs) return this.writeStories();
    if (this.batchTimer === null) {
      // A timer's failure marks the committer broken (serial): the next commit or report meets it.
      this.batchTimer = setTimeout(() => void this.flushStories().catch(() => undefined), this.batchMs - age);
      this.batchTimer.unref();
    }
  }

  private async writeStories(): Promise<void> {
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    const batch = this.batch;
    if (batch === null || batch.openedAt === null) return;
    await batch.writeTo(this.deps.sink);
    await this.deps.state.storiesWritten?.();
  }

  private async known(item: KnownItem): Promise<CommitResult> {
    const { sink, state } = this.deps;
    const none: CommitResult = { articles: [], stories: [], removedStories: [] };
    const seen = [{ feedUrl: item.source.url, key: item.key, articleId: item.articleId, at: item.at }];
    const entry = (await state.articles([item.articleId])).get(item.articleId);
    if (entry === undefined || entry.feedUrl === item.source.url || entry.alsoIn.some((f) => f.url === item.source.url)) {
      await state.markSeen(seen);
      return none;
    }
    const alsoIn = [...entry.alsoIn, { url: item.source.url, name: item.source.name }];
    const record = await sink.readArticle(entry.id, entry.filedDay);
    // The file is rewritten before the state commit: redone after a crash, it lands the same way.
    if (record !== null) await sink.writeArticle({ ...record, feed: { ...record.feed, alsoIn } }, entry.filedDay);
    await state.commit({ articleId: entry.id, articles: [{ ...entry, alsoIn }], seen, urlValidators: null, merges: [], endedStories: [], index: null });
    return record === null ? none : { articles: [{ id: entry.id, filedDay: entry.filedDay }], stories: [], removedStories: [] };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.broken !== null) throw new WiredeskError('STORE_WRITE', 'pipeline: an earlier commit failed; restart to continue from the saved state', { cause: this.broken });
      try {
        return await work();
      } catch (error) {
        this.broken = error;
        throw error;
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
