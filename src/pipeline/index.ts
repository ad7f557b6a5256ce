export { runOnce } from './run-once.js';
export { articleIdFor } from './article-id.js';
export { addToStory, recordEnded, withMembers } from './story-records.js';
export type { RunDeps, RunProgress, PendingArticle, SourceOutcome } from './pipeline-types.js';
