import type { WiredeskConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import { createStoryIndex, loadLanguageDetector, replayStoryIndex, type AliasTable, type LanguageDetector, type StoryIndex, type StoryIndexOptions } from '../fingerprint/index.js';
import type { StoryIndexLoad } from '../store/index.js';

/** The story index's options from the config: window, story memory, aliases and the language detector. */
export async function storyIndexOptions(config: Pick<WiredeskConfig, 'stories'>, aliases: AliasTable, detector?: LanguageDetector): Promise<StoryIndexOptions> {
  return { windowHours: config.stories.windowHours, memoryDays: config.stories.memoryDays, aliases, languageDetector: detector ?? (await loadLanguageDetector()) };
}

/**
 * The story index as the state keeps it: the snapshot, with the inputs logged since replayed on it
 * (deterministic, so exactly the index that took them). One that cannot be restored is corrupt
 * state (STATE_CORRUPT naming `where`), not a fresh start.
 */
export function restoreStoryIndex(options: StoryIndexOptions, load: StoryIndexLoad | null, where: string): StoryIndex {
  try {
    const index = createStoryIndex(options, load?.snapshot ?? null);
    replayStoryIndex(index, load?.replay ?? []);
    return index;
  } catch (cause) {
    if (cause instanceof WiredeskError && cause.code === 'CONFIG_INVALID') throw cause;
    throw new WiredeskError('STATE_CORRUPT', `ops: the story index in ${where} cannot be restored: ${(cause as Error).message}. Run "wiredesk state rebuild".`, {
      cause,
      details: { path: where, hint: 'wiredesk state rebuild' },
    });
  }
}
