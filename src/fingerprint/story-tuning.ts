import type { StoryTuning } from './story-index-types.js';

/** The measured defaults (docs/notes/stories.md). */
export const DEFAULT_STORY_TUNING: StoryTuning = {
  duplicateDistance: 3,
  duplicateContainment: 0.6,
  linkSimilarity: 0.14,
  pairSimilarity: 0.2,
  neighbours: 5,
  titleWeight: 3,
  leadWeight: 2,
  leadTokens: 50,
  entityWeight: 2,
  numberWeight: 4,
  maxDocTerms: 80,
  keptTerms: 40,
  yearConflictFactor: 0.5,
  monthConflictFactor: 0.5,
  weekdayConflictFactor: 1,
  figureConflictFactor: 1,
  markMinMentions: 1,
  markConflictHours: 48,
  markLeadTokens: 60,
  memorySimilarity: 0.18,
  crossLanguageSimilarity: 0.25,
  crossLanguageWeight: 1,
};

/** Days a story stays joinable after it left the window (StoryIndexOptions.memoryDays). */
export const DEFAULT_MEMORY_DAYS = 30;
