export { renderBoard, contentSecurityPolicy } from './render-board.js';
export { renderStoryFeeds, languageFeedName, normalizeBaseUrl } from './render-story-feeds.js';
export { collectBoardInput } from './collect-board-input.js';
export { publishBoard } from './publish-board.js';
export type { PublishBoardOptions, PublishBoardResult } from './publish-board.js';
export { escapeMarkup, safeHttpUrl } from './escape-markup.js';
export { entryId } from './story-entries.js';
export { storyAnchor } from './render-story.js';
export type { BoardSource, BoardSink, BoardInput, BoardOptions, BoardPage, BoardAsset, StoryFeedOptions, StoryFeeds } from './board-types.js';
