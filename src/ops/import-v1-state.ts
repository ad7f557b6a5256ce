import type { StoryIndexSnapshot } from '../fingerprint/index.js';
import { readV1State, setAsideV1State, type OutputSink, type SourceState, type StateStore } from '../store/index.js';
import type { Logger } from '../types/index.js';
import { readOutputCatalog } from './read-output-catalog.js';

/**
 * Imports a version 1 `state.json` (wiredesk before the state database) into an empty state
 * store, once: sources with their validators and schedule facts, seen keys, page validators and
 * the story index as they were, and the article catalog from the article files (the v1 state only
 * had their paths). The old file is then kept aside, renamed. Returns whether it imported.
 */
export async function importV1StateIfAny(deps: { sink: OutputSink; state: StateStore; stateDir: string; logger: Logger; now: Date }): Promise<boolean> {
  const v1 = await readV1State(deps.stateDir);
  if (v1 === null) return false;
  const stats = await deps.state.stats();
  if (stats.articles > 0 || stats.sources > 0) {
    deps.logger.warn('a version 1 state.json sits beside a state database that is in use; it is ignored', { state_dir: deps.stateDir });
    return false;
  }
  const catalog = await readOutputCatalog(deps.sink);
  const sources: SourceState[] = Object.entries(v1.sources).map(([url, s]) => ({ url, ...s }));
  await deps.state.replaceAll({
    sources,
    seen: Object.entries(v1.seen).flatMap(([feedUrl, keys]) => Object.entries(keys).map(([key, e]) => ({ feedUrl, key, articleId: e.articleId, at: e.at }))),
    articles: catalog.entries,
    merges: catalog.merges,
    urlValidators: Object.entries(v1.urlValidators).map(([url, validators]) => ({ url, validators })),
    storyIndex: storyIndexOf(v1.storyIndex, deps.logger),
  });
  const aside = await setAsideV1State(deps.stateDir, deps.now);
  deps.logger.info('imported the version 1 state into the state database', { sources: sources.length, articles: catalog.entries.length, kept_as: aside });
  return true;
}

/** The v1 story index when it has the shape of a snapshot; otherwise the index starts afresh (with a warning). */
function storyIndexOf(value: unknown, logger: Logger): StoryIndexSnapshot | null {
  if (value === null || value === undefined) return null;
  const s = value as Partial<StoryIndexSnapshot>;
  if (Array.isArray(s.fingerprints) && Array.isArray(s.stories) && Array.isArray(s.df?.terms) && typeof s.nextSeq === 'number') return s as StoryIndexSnapshot;
  logger.warn('the version 1 story index has an unknown shape; new articles start new stories against older ones');
  return null;
}
