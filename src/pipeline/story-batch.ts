import type { CommitIntent, OutputSink } from '../store/index.js';
import type { StoryRecord } from '../types/index.js';
import type { CommitResult, StoryFiles } from './commit-article.js';

/**
 * Story files held for a short batch of commits, each written once at the end of it. A story
 * gains its members one commit at a time, and each commit rewrote its whole file: on a wire where
 * an event's reports arrive together that was one file write (a 4 KB block at least, however
 * small the file) per member. Only the latest record of each story is kept, so a batch writes a
 * story once however many members joined it (or removes it when it ended).
 *
 * What a kill in the middle of a batch leaves behind is named in every intent of the batch
 * (`storiesBehind`): the last join number committed before the batch, which finds the stories
 * that gained members since, and the few stories changed otherwise (members moved out, ended).
 * The next start rewrites those files from the catalog (commit-recovery.ts).
 */
export class StoryBatch implements StoryFiles {
  readonly #records = new Map<string, StoryRecord | null>();
  /** Stories of the batch's commits that gained no member (the catalog's join numbers cannot find them). */
  readonly #changed = new Set<string>();
  #sinceJoinSeq: number | null = null;
  #openedAt = 0;

  async writeStory(record: StoryRecord): Promise<void> {
    this.#records.set(record.id, record);
  }

  async removeStory(id: string): Promise<void> {
    this.#records.set(id, null);
  }

  /** Story files held. */
  get size(): number {
    return this.#records.size;
  }

  /** When the batch's first commit began (ms since the epoch), or null when no batch is open. */
  get openedAt(): number | null {
    return this.#sinceJoinSeq === null ? null : this.#openedAt;
  }

  /**
   * What the next commit's intent records; opens a batch when none is open. `lastJoinSeq` is the
   * largest join number committed so far.
   */
  behind(lastJoinSeq: number, now: number): NonNullable<CommitIntent['storiesBehind']> {
    if (this.#sinceJoinSeq === null) {
      this.#sinceJoinSeq = lastJoinSeq;
      this.#openedAt = now;
    }
    return { sinceJoinSeq: this.#sinceJoinSeq, stories: [...this.#changed] };
  }

  /** Takes note of a commit of the batch (its story files are already held). */
  committed(result: CommitResult): void {
    const gained = new Set(result.gained ?? []);
    for (const id of [...result.stories, ...result.removedStories]) if (!gained.has(id)) this.#changed.add(id);
  }

  /** Writes every story file held (stories that gained members first, as a single commit does) and closes the batch. */
  async writeTo(sink: Pick<OutputSink, 'writeStory' | 'removeStory'>): Promise<void> {
    const records = [...this.#records];
    for (const [, record] of records) if (record !== null) await sink.writeStory(record);
    for (const [id, record] of records) if (record === null) await sink.removeStory(id);
    this.#records.clear();
    this.#changed.clear();
    this.#sinceJoinSeq = null;
  }
}
