/** Rules that must agree wherever records are made: the story record from its members. */
export { storyRecordOf, storyTermsOf, mergesAfter, memberOfArticle } from './story-record.js';
export type { StoryMember, StoryMerges, StorySpan, StoryTerms } from './story-record.js';
export { filedDayOf } from './filed-day.js';
export { memberOf, catalogEntryOf } from './catalog-entry.js';
