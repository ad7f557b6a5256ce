import { primaryLanguage, storyIndexInputOf, type StoryAssignment, type StoryDoc, type StoryIndex } from '../fingerprint/index.js';
import { catalogEntryOf, filedDayOf, memberOf, mergesAfter, storyRecordOf, type StoryTerms } from '../records/index.js';
import type { ArticleEntry, CommitIntent, OutputSink, StateStore } from '../store/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type ArticleRef, type StoryRecord } from '../types/index.js';
import type { PendingArticle } from './pipeline-types.js';

/** What one commit wrote. */
export interface CommitResult {
  articles: ArticleRef[];
  /** Story ids whose files were written. */
  stories: string[];
  /** Story ids whose files were removed (every member moved to other stories). */
  removedStories: string[];
  /** Stories that gained members (the new article's, and those moved articles joined). */
  gained?: string[];
}

/** Where a commit's story files go: the sink at once, or a batch the committer writes a little later (StoryBatch). */
export type StoryFiles = Pick<OutputSink, 'writeStory' | 'removeStory'>;

/** What a commit needs besides the article. */
export interface CommitDeps {
  sink: OutputSink;
  state: StateStore;
  /** The story index (`lastTrace`, when it has one, is logged with the input so a replay skips the searches). */
  index: Pick<StoryIndex, 'assign'> & Partial<Pick<StoryIndex, 'lastTrace'>>;
  /** Hands out joining-order numbers (one writer: the committer). */
  nextJoinSeq(): number;
  /** How long a story stays open after its latest report (the config's window and memory): story files carry their expiry. */
  storyTerms: StoryTerms;
  /** Where story files go (default: the sink, at once). */
  stories?: StoryFiles;
  /** Story files earlier commits left to a batch not written yet, recorded in the intent (see `CommitIntent`). */
  storiesBehind?: CommitIntent['storiesBehind'];
}

/**
 * Groups one new article and makes it durable, in an order that is safe to interrupt:
 * 1. assign it in the (in-memory) story index;
 * 2. record the intent in the state: which files the commit is about to write;
 * 3. write the article, the stories that gain members, the moved articles, then the stories that
 *    lose members (or remove them when empty), all from the catalog as it will be after the commit;
 * 4. commit the catalog, the seen key, the validators, story history and the index changes in one
 *    transaction, which also clears the intent.
 * Killed before 4, the state still says what it said before, and the intent tells the next start
 * what to undo (commit-recovery.ts); killed after 4, everything is there. Any failure here is
 * fatal for the run: the in-memory index is ahead of the state, so the crawler must restart from it.
 */
export async function commitArticle(deps: CommitDeps, article: PendingArticle): Promise<CommitResult> {
  const { sink, state } = deps;
  const { item } = article;
  const at = article.fetchedAt;
  const doc = storyDocOf(article);
  const assignment = deps.index.assign(doc);
  // Taken now: the trace describes this assignment only until the index assigns again.
  const trace = deps.index.lastTrace?.() ?? null;
  const record = buildArticleRecord(article, assignment);
  const filedDay = filedDayOf(record);

  // The catalog after this commit: the new article, and moved articles joining their new stories.
  const moved = await state.articles(assignment.moved.map((m) => m.articleId));
  const entries: ArticleEntry[] = [catalogEntryOf(record, filedDay, deps.nextJoinSeq())];
  for (const move of assignment.moved) {
    const entry = moved.get(move.articleId);
    if (entry !== undefined) entries.push({ ...entry, storyId: move.to, joinedSeq: deps.nextJoinSeq() });
  }
  const changed = new Map(entries.map((e) => [e.id, e]));
  const gaining = unique([assignment.storyId, ...assignment.moved.map((m) => m.to)]);
  const losing = unique(assignment.moved.map((m) => m.from)).filter((id) => !gaining.includes(id));
  const touched = [...gaining, ...losing, ...assignment.ended.map((e) => e.storyId)];
  const merges = await state.storyMerges(unique(touched));
  const mergeUpdates: { storyId: string; merged: StoryRecord['merged'] }[] = [];
  const storyAfter = async (storyId: string): Promise<StoryRecord | null> => {
    const members: ArticleEntry[] = (await state.storyMembers(storyId)).filter((m) => !changed.has(m.id));
    for (const e of entries) if (e.storyId === storyId) members.push(e);
    let merged = merges.get(storyId) ?? [];
    const ended = assignment.ended.filter((e) => e.into === storyId).map((e) => ({ id: e.storyId, merged: merges.get(e.storyId) ?? [] }));
    if (ended.length > 0) {
      merged = mergesAfter(merged, ended, at, storyId);
      mergeUpdates.push({ storyId, merged });
    }
    return storyRecordOf(storyId, members.map(memberOf), merged, deps.storyTerms);
  };

  const intent: CommitIntent = { articleId: record.id, filedDay, isNew: true, moved: [...moved.keys()], stories: unique(touched), at };
  await state.beginCommit(deps.storiesBehind === undefined ? intent : { ...intent, storiesBehind: deps.storiesBehind });
  const result: CommitResult = { articles: [{ id: record.id, filedDay }], stories: [], removedStories: [], gained: gaining };
  const stories = deps.stories ?? sink;
  await sink.writeArticle(record, filedDay);
  for (const storyId of gaining) {
    const story = await storyAfter(storyId);
    if (story === null) continue;
    await stories.writeStory(story);
    result.stories.push(storyId);
  }
  for (const move of assignment.moved) {
    const entry = moved.get(move.articleId);
    if (entry === undefined) continue;
    const member = await sink.readArticle(move.articleId, entry.filedDay);
    if (member === null) continue;
    await sink.writeArticle({ ...member, story: { ...member.story, id: move.to } }, entry.filedDay);
    result.articles.push({ id: move.articleId, filedDay: entry.filedDay });
  }
  for (const storyId of losing) {
    const story = await storyAfter(storyId);
    if (story === null) {
      await stories.removeStory(storyId);
      result.removedStories.push(storyId);
    } else {
      await stories.writeStory(story);
      result.stories.push(storyId);
    }
  }
  await state.commit({
    articleId: record.id,
    articles: entries,
    // No seen key: the catalog entry itself tells the next run this feed's item is handled.
    seen: [],
    urlValidators: hasValidators(article) ? { url: item.url ?? (article.finalUrl as string), validators: article.validators } : null,
    merges: mergeUpdates,
    endedStories: assignment.ended.map((e) => e.storyId),
    // The index's input, logged: replayed on the last checkpoint, it redoes this assignment exactly
    // (taking what its searches found from the trace instead of searching again).
    index: storyIndexInputOf(doc, trace),
  });
  return result;
}

/** What the story index sees of an article: its text, dates, source, declared language. */
function storyDocOf(article: PendingArticle): StoryDoc {
  const { extracted, item } = article;
  return {
    id: article.articleId,
    title: extracted.title || item.title,
    text: extracted.text,
    publishedAt: extracted.publishedAt ?? item.publishedAt,
    seenAt: article.fetchedAt,
    source: article.source.name,
    language: extracted.language ?? item.language,
    // An interstitial's record carries the feed's text; it is still never a copy of anything.
    nonArticle: extracted.nonArticle?.kind ?? null,
  };
}


function buildArticleRecord(article: PendingArticle, assignment: StoryAssignment): ArticleRecord {
  const { extracted, item, source } = article;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: article.articleId,
    url: item.url ?? article.finalUrl ?? source.url,
    finalUrl: article.finalUrl,
    canonicalUrl: extracted.canonicalUrl ?? item.canonicalUrl,
    feed: { url: source.url, name: source.name },
    guid: item.guid,
    title: extracted.title || item.title,
    byline: extracted.byline ?? (item.authors.length > 0 ? item.authors.join(', ') : null),
    publishedAt: extracted.publishedAt ?? item.publishedAt,
    updatedAt: extracted.updatedAt ?? item.updatedAt,
    fetchedAt: article.fetchedAt,
    language: recordLanguage(extracted.language ?? item.language, assignment.language),
    direction: extracted.direction,
    siteName: extracted.siteName,
    leadImage: extracted.leadImage ?? item.media[0]?.url ?? null,
    summary: item.summary,
    text: extracted.text,
    html: extracted.html,
    wordCount: extracted.wordCount,
    extraction: {
      method: extracted.extraction.method,
      reason: article.fallbackReason ?? extracted.extraction.reason,
      encoding: article.encoding,
      encodingSource: article.encodingSource,
      nonArticle: extracted.nonArticle ?? null,
      clampedDates: extracted.clampedDates ?? null,
    },
    fingerprint: { simhash: assignment.simhash },
    story: {
      id: assignment.storyId,
      duplicateOf: assignment.duplicateOf,
      distance: assignment.distance,
      similarity: assignment.similarity,
      reason: assignment.reason,
      via: assignment.via,
    },
  };
}

/**
 * The article's language: the page's (or feed's) declared tag when the story index read the text in
 * that language, or could not tell; else the language the index read it in (a page that declares
 * nothing, or declares a CMS default over text in another language).
 */
function recordLanguage(declared: string | null, read: string): string | null {
  if (read === 'und') return declared;
  return declared !== null && primaryLanguage(declared) === read ? declared : read;
}

/** A page's validators are worth keeping when the server sent any (most article pages send none). */
function hasValidators(article: PendingArticle): article is PendingArticle & { validators: NonNullable<PendingArticle['validators']> } {
  return article.validators !== null && article.finalUrl !== null && (article.validators.etag !== null || article.validators.lastModified !== null);
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
