import { WiredeskError } from '../errors/index.js';
import type { SharedRobotsStore } from './fetch-types.js';
import { ROBOTS_TTL_MS, type RobotsLoader } from './robots-cache.js';

/**
 * Puts a shared store in front of a robots.txt loader: a fresh stored answer is used without a
 * request, and what the host answers (a body, or a 4xx that means "allow all") is stored for the
 * others. Failures that say nothing about the rules (5xx, network, blocked) are not shared: each
 * process asks again on its own schedule. A store that cannot be read or written is skipped.
 */
export function withSharedRobots(store: SharedRobotsStore | undefined, load: RobotsLoader): RobotsLoader {
  if (store === undefined) return load;
  return async (robotsUrl, allowPrivateNetwork) => {
    const origin = robotsUrl.origin;
    const stored = await store.load(origin).catch(() => null);
    if (stored !== null) return stored;
    try {
      const answer = await load(robotsUrl, allowPrivateNetwork);
      await store.save(origin, answer, ROBOTS_TTL_MS).catch(() => undefined);
      return answer;
    } catch (error) {
      const status = error instanceof WiredeskError ? error.status : null;
      if (status !== null && status >= 400 && status < 500) await store.save(origin, { status, body: new Uint8Array(0) }, ROBOTS_TTL_MS).catch(() => undefined);
      throw error;
    }
  };
}
