// Interstitial pages (cookie walls, bot checks, paywall teasers, login walls, error pages) told from articles.
export { classifyPage } from './classify-page.js';
export type { PageView } from './classify-page.js';
export { readPageSignals } from './page-signals.js';
export type { PageSignals } from './page-signals.js';
export { isHeadlineRecord, wallStandIn } from './wall-stand-in.js';
