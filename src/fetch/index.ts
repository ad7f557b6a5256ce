export { createFetcher, hostKey } from './create-fetcher.js';
export { onAbort } from './abort-hub.js';
export { computeNotBefore, parseRetryAfter, parseHttpDate } from './cache-headers.js';
export type { HeaderMap } from './cache-headers.js';
export { isPrivateAddress } from './address-policy.js';
export { RETRYABLE_STATUSES, isRetryableStatus, backoffDelayMs } from './retry-policy.js';
export { parseRobotsTxt, isAllowedByRobots } from './robots-txt.js';
export type { RobotsRules } from './robots-txt.js';
export type { Fetcher, FetcherOptions, FetchRequest, FetchResponse, Validators, LookupFunction } from './fetch-types.js';
