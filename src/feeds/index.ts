export { parseFeed, parseFeedInSlices } from './parse-feed.js';
export type { ParseFeedOptions, SliceOptions } from './parse-feed.js';
export { parseFeedDate } from './parse-date.js';
export { TRACKING_PARAMS, canonicalizeUrl, isTrackingParam } from './canonical-url.js';
export { contentKey } from './assign-keys.js';
