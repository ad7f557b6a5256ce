import { join } from 'node:path';
import { silentLogger } from '../../src/log/index.js';
import { filedDayOf, memberOf, storyRecordOf, storyTermsOf } from '../../src/records/index.js';
import { openFileSink, openSqliteStateStore, type ArticleEntry, type SourceState, type StateStore } from '../../src/store/index.js';
import { systemClock, type ArticleRecord } from '../../src/types/index.js';
import { DEFAULT_STORIES } from '../../src/config/index.js';

/**
 * Puts articles into an output directory as a crawl would have left them: the article files, the
 * state's catalog and seen keys, and each story's file made from its members by the story-record
 * rule. Sources, when given, are saved too.
 */
export async function seedOutput(out: string, articles: ArticleRecord[], sources: SourceState[] = []): Promise<void> {
  const sink = await openFileSink({ outDir: out, clock: systemClock, logger: silentLogger });
  const state = openSqliteStateStore({ stateDir: join(out, '.wiredesk-state') }) as StateStore;
  try {
    let joined = await state.nextJoinSeq();
    const entries: ArticleEntry[] = [];
    for (const a of articles) {
      const filedDay = filedDayOf(a);
      await sink.writeArticle(a, filedDay);
      const entry: ArticleEntry = { id: a.id, filedDay, feedUrl: a.feed.url, source: a.feed.name, title: a.title, duplicateOf: a.story.duplicateOf, storyId: a.story.id, joinedSeq: joined++, seenAt: a.fetchedAt, alsoIn: [] };
      entries.push(entry);
      await state.commit({ articleId: a.id, articles: [entry], seen: [{ feedUrl: a.feed.url, key: a.guid ?? a.url, articleId: a.id, at: a.fetchedAt }], urlValidators: null, merges: [], endedStories: [], index: null });
    }
    for (const storyId of new Set(entries.map((e) => e.storyId))) {
      const story = storyRecordOf(storyId, (await state.storyMembers(storyId)).map(memberOf), [], storyTermsOf(DEFAULT_STORIES));
      if (story !== null) await sink.writeStory(story);
    }
    for (const source of sources) await state.saveSource(source);
  } finally {
    await state.close();
  }
}
