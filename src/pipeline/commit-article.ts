import type { StoryAssignment, StoryIndex } from '../fingerprint/index.js';
import type { Store } from '../store/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type StoryRecord } from '../types/index.js';
import type { PendingArticle } from './pipeline-types.js';
import { addToStory, mergeStories } from './story-records.js';

/** Files one commit wrote, relative to the output directory. */
export interface CommitResult {
  articles: string[];
  stories: string[];
  /** Ids of story files removed because they were merged into this article's story. */
  removedStories: string[];
}

/**
 * Fingerprints and groups one article, then writes it and its story. When the assignment merged
 * other stories into this one, the survivor is written first (it lists every member), then the
 * absorbed stories' articles are re-pointed at it, then the absorbed files go: a crash between
 * steps can leave an article listed twice, never one listed nowhere.
 */
export async function commitArticle(store: Store, index: Pick<StoryIndex, 'assign'>, article: PendingArticle): Promise<CommitResult> {
  const { extracted, item } = article;
  const assignment = index.assign({
    id: article.articleId,
    title: extracted.title || item.title,
    text: extracted.text,
    publishedAt: extracted.publishedAt ?? item.publishedAt,
    seenAt: article.fetchedAt,
    source: article.source.name,
  });
  const record = buildArticleRecord(article, assignment);
  const result: CommitResult = { articles: [await store.writeArticle(record)], stories: [], removedStories: [] };

  let story = addToStory(await store.readStory(assignment.storyId), record, article.fetchedAt);
  const absorbed: StoryRecord[] = [];
  for (const id of assignment.merged) {
    const other = id === story.id ? null : await store.readStory(id);
    if (other !== null) absorbed.push(other);
  }
  if (absorbed.length > 0) story = mergeStories(story, absorbed, article.fetchedAt);
  result.stories.push(await store.writeStory(story));

  for (const other of absorbed) {
    for (const memberId of other.members) {
      const member = await store.readArticle(memberId);
      if (member === null || member.story.id === story.id) continue;
      result.articles.push(await store.writeArticle({ ...member, story: { ...member.story, id: story.id } }));
    }
    await store.removeStory(other.id);
    result.removedStories.push(other.id);
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

