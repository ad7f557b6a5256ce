/** Fingerprinting and story grouping: pure functions and an in-memory index with a JSON snapshot and a binary image. */
export { simhash64, simhashToHex, simhashFromHex, hammingDistance, SHINGLE_SIZE } from './simhash.js';
export { parseAliases, EMPTY_ALIASES } from './aliases.js';
export type { AliasTable, AliasPhrase } from './aliases.js';
export { normalizeText, foldScriptVariants, isBoilerplateLine, stripDateline } from './normalize-text.js';
export { tokenizeText } from './tokenize-text.js';
export type { TokenStream } from './tokenize-text.js';
export { SimhashIndex } from './simhash-index.js';
export type { SimhashMatch } from './simhash-index.js';
export { createStoryIndex, DEFAULT_STORY_TUNING, DEFAULT_MEMORY_DAYS, parseStoryTime, storyDocTime } from './story-index.js';
export { loadLanguageDetector } from './language-detector.js';
export type { LanguageDetector, LanguageGuess } from './language-detector.js';
export { stopWordsFor } from './stop-words.js';
export { termReaderFor, nameKey } from './term-forms.js';
export { resolveLanguage, primaryLanguage, detectLanguageByStopWords } from './article-language.js';
export type { ArticleLanguage } from './article-language.js';
export type { StoryIndex, StoryPlacement } from './story-index.js';
export { replayStoryIndex, storyIndexInputOf } from './story-replay.js';
export { STORY_IMAGE_VERSION } from './story-image.js';
export type { StoryIndexImage } from './story-image.js';
export type { StoryIndexInput, StoryIndexTrace } from './story-replay.js';
export type {
  StoryIndexOptions,
  StoryTuning,
  StoryDoc,
  StoryAssignment,
  StoryIndexSnapshot,
  FingerprintSnapshot,
  StorySnapshot,
  GraphNodeSnapshot,
  StoryMove,
} from './story-index-types.js';
