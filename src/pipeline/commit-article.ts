import type { StoryAssignment, StoryIndex } from '../fingerprint/index.js';
import type { Store } from '../store/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type StoryRecord } from '../types/index.js';
import type { PendingArticle } from './pipeline-types.js';
import { addToStory, recordEnded, withMembers } from './story-records.js';

/** Files one commit wrote, relative to the output directory. */
export interface CommitResult {
  articles: string[];
  stories: string[];
  /** Ids of story files removed because every member moved to other stories. */
  removedStories: string[];
}

/**
 * Fingerprints and groups one article, then writes it and its story. When the assignment moved
 * earlier articles (a story split, or two joined), the stories gaining members are written
 * first, then the moved articles' records, then the stories losing members (a story left empty
 * is removed): a crash between steps can leave an article listed twice, never one listed nowhere,
 * and redoing the commit finishes the job.
 */
export async function commitArticle(store: Store, index: Pick<StoryIndex, 'assign'>, article: PendingArticle): Promise<CommitResult> {
  const { extracted, item } = article;
  const at = article.fetchedAt;
  const assignment = index.assign({
    id: article.articleId,
    title: extracted.title || item.title,
    text: extracted.text,
    publishedAt: extracted.publishedAt ?? item.publishedAt,
    seenAt: at,
    source: article.source.name,
  });
  const record = buildArticleRecord(article, assignment);
  const result: CommitResult = { articles: [await store.writeArticle(record)], stories: [], removedStories: [] };

  const movedRecords = new Map<string, ArticleRecord>();
  for (const move of assignment.moved) {
    const member = await store.readArticle(move.articleId);
    if (member !== null) movedRecords.set(move.articleId, { ...member, story: { ...member.story, id: move.to } });
  }
  const ended = new Map<string, StoryRecord>();
  for (const { storyId } of assignment.ended) {
    const story = await store.readStory(storyId);
    if (story !== null) ended.set(storyId, story);
  }

  // 1. Stories that gain members (the article's own first), with the ended stories' history.
  const gaining = [assignment.storyId, ...assignment.moved.map((m) => m.to)].filter((id, i, all) => all.indexOf(id) === i);
  for (const storyId of gaining) {
    let story = await store.readStory(storyId);
    if (storyId === assignment.storyId) story = addToStory(story, record, at);
    for (const move of assignment.moved) {
      const member = movedRecords.get(move.articleId);
      if (move.to === storyId && member !== undefined) story = addToStory(story, member, at);
    }
    if (story === null) continue;
    const absorbed = assignment.ended.filter((e) => e.into === storyId).map((e) => ended.get(e.storyId)).filter((s) => s !== undefined);
    result.stories.push(await store.writeStory(recordEnded(story, absorbed, at)));
  }
  // 2. The moved articles point at their new stories.
  for (const member of movedRecords.values()) result.articles.push(await store.writeArticle(member));
  // 3. Stories that lost members: rewritten from the members left, or removed when none is.
  const losing = assignment.moved.map((m) => m.from).filter((id, i, all) => all.indexOf(id) === i);
  for (const storyId of losing) {
    const story = await store.readStory(storyId);
    if (story === null) continue;
    const gone = new Set(assignment.moved.filter((m) => m.from === storyId && m.to !== storyId).map((m) => m.articleId));
    const left: ArticleRecord[] = [];
    for (const id of story.members) {
      if (gone.has(id)) continue;
      const member = id === record.id ? record : await store.readArticle(id);
      if (member !== null && member.story.id === storyId) left.push(member);
    }
    if (left.length === 0) {
      await store.removeStory(storyId);
      result.removedStories.push(storyId);
    } else {
      result.stories.push(await store.writeStory(withMembers(story, left)));
    }
  }
  return result;
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
    language: extracted.language ?? item.language,
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
    },
    fingerprint: { simhash: assignment.simhash },
    story: {
      id: assignment.storyId,
      duplicateOf: assignment.duplicateOf,
      distance: assignment.distance,
      similarity: assignment.similarity,
      reason: assignment.reason,
    },
  };
}

