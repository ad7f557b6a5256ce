import type { NonArticle } from '../../types/index.js';
import { countWords } from '../text/normalize-text.js';
import { headlineKinds, judgeByConcepts } from './concept-judge.js';
import { foldForPhrases, INTERSTITIAL_PHRASES, type KindPhrases } from './interstitial-phrases.js';
import type { PageSignals } from './page-signals.js';

/** What `classifyPage` judges: the page title, the extracted body's text and the whole page's signals. */
export interface PageView extends PageSignals {
  title: string | null;
  /** The extracted body text ('' when extraction found none). */
  bodyText: string;
}

/** Past this many words a text is an article whatever it says (consent texts with vendor lists reach ~350). */
const MAX_WALL_WORDS = 400;
/** A body this short is also judged on the whole page's text: the pre-clean removes banners from the body. */
const SHORT_BODY_WORDS = 50;
/** At or below this many words one site-speaking phrase is enough, if the wall's sentences make up most of the text. */
const SHORT_WALL_WORDS = 150;
/** Least share of the text's words in sentences that speak of the wall, with two strong phrases or with one (short text). */
const MIN_SHARE_TWO = 0.5;
const MIN_SHARE_ONE = 0.6;
/** A paywall teaser keeps the article's first paragraph: with two strong phrases its wall sentences may be a smaller share. */
const MIN_SHARE_TEASER = 0.25;
/** A form of the wall's own kind (a password input for a login wall, any form for a bot check) is evidence of its own. */
const MIN_SHARE_WITH_FORM = 0.25;
/** A line this short with one of the wall's words is a button or a label. */
const LABEL_WORDS = 6;
// Spans in quotation marks (folded to straight quotes; „…“ keeps its low opening mark).
const QUOTED_RE = /["\u201e][^"\u201e\n]{1,300}"/g;
/** With a title that names the wall and no phrase at all, the body must be next to empty. */
const TITLE_ONLY_WORDS = 30;

/**
 * Tells an interstitial page from an article: a cookie-consent wall, a bot check, a paywall teaser, a login
 * wall or an error page served with status 200. Signals, in this order: a short text (past 400 words nothing
 * is a wall), phrases in which the site speaks to its visitor in many languages ("we use cookies", "nie jestem
 * robotem", "bitte melden Sie sich an"), the share of the text's sentences that speak of the wall (a news
 * report about a cookie law mentions cookies in some sentences, a wall in nearly all), title patterns
 * ("Just a moment...", "404 Not Found"), and forms: password inputs for login walls, any form for bot checks. Then,
 * for walls worded unlike the phrases, what the text talks about (concept-judge.ts). A page whose title headlines a
 * wall's subject ("How to reset your email password") is not that wall to either judge. The extracted body is judged
 * first; a body under 50 words is also judged on the page's whole text, since the pre-clean prunes banners.
 * Pure: returns the kind and what gave it away, or null for an article.
 */
export function classifyPage(view: PageView): NonArticle | null {
  const title = foldForPhrases(view.title ?? '').trim();
  const bodyWords = countWords(view.bodyText);
  if (bodyWords > MAX_WALL_WORDS) return null;
  const texts = bodyWords < SHORT_BODY_WORDS && view.pageText.trim() !== '' ? [view.bodyText, view.pageText] : [view.bodyText];
  // A page headlined "How to reset your password" is a guide to the login wall's subject, not a login wall.
  const about = headlineKinds(title);
  for (const text of texts) {
    const words = text === view.bodyText ? bodyWords : countWords(text);
    if (words > MAX_WALL_WORDS) continue;
    const raw = splitSentences(text);
    const sentences = raw.map(foldForPhrases);
    for (const phrases of INTERSTITIAL_PHRASES) {
      if (about.has(phrases.kind)) continue;
      const verdict = judgeKind(phrases, title, sentences, words, view);
      if (verdict !== null) return { kind: phrases.kind, reason: verdict };
    }
    // Walls worded unlike the phrases: what the text talks about (concept-judge.ts).
    const byConcepts = judgeByConcepts(title, raw, about);
    if (byConcepts !== null) return { kind: byConcepts.kind, reason: byConcepts.reason };
  }
  return null;
}

function judgeKind(phrases: KindPhrases, title: string, sentences: readonly string[], words: number, signals: Pick<PageSignals, 'forms' | 'passwordInputs'>): string | null {
  const strong = new Set<string>();
  let wallWords = 0;
  for (const sentence of sentences) {
    // A report quotes what walls say ("a 404 Not Found page", « Abonnez-vous pour lire la suite »): quoted, a phrase is only weak.
    const unquoted = sentence.replace(QUOTED_RE, ' ');
    let speaks = false;
    for (const phrase of phrases.strong) {
      if (unquoted.includes(phrase)) {
        strong.add(phrase);
        speaks = true;
      }
    }
    // Without a strong phrase, a sentence is the wall's when it is a label (a few words) or says two of its words.
    if (!speaks) {
      const weak = distinct([...phrases.weak, ...phrases.strong].filter((w) => sentence.includes(w))).length;
      speaks = weak >= 2 || (weak === 1 && countWords(sentence) <= LABEL_WORDS);
    }
    if (speaks) wallWords += countWords(sentence);
  }
  for (const phrase of phrases.strong) if (title.replace(QUOTED_RE, ' ').includes(phrase)) strong.add(phrase);
  const titled = title !== '' && phrases.title.some((re) => re.test(title.replace(QUOTED_RE, ' ')));
  const share = words === 0 ? 0 : wallWords / words;
  // "bitte melden sie sich an" also holds "melden sie sich an": one thing said, counted once.
  const said = distinct([...strong]);
  const hits = said.length;
  const teaser = phrases.kind === 'paywall-teaser';
  const form = phrases.kind === 'login-wall' ? (signals.passwordInputs > 0 ? 'password input' : null) : phrases.kind === 'bot-check' && signals.forms > 0 ? 'form' : null;
  const decided =
    (hits >= 3 && words <= SHORT_WALL_WORDS) ||
    (hits >= 2 && share >= (teaser ? MIN_SHARE_TEASER : MIN_SHARE_TWO)) ||
    (hits >= 1 && words <= SHORT_WALL_WORDS && share >= (form !== null ? MIN_SHARE_WITH_FORM : MIN_SHARE_ONE)) ||
    (titled && words <= SHORT_WALL_WORDS && (hits >= 1 || words <= TITLE_ONLY_WORDS));
  if (!decided) return null;
  const quoted = said.slice(0, 3).map((p) => `"${p}"`).join(', ');
  return [
    titled ? `title "${title.slice(0, 60)}"` : null,
    hits > 0 ? `${hits} phrase${hits === 1 ? '' : 's'} (${quoted})` : null,
    `${Math.round(share * 100)}% of ${words} words`,
    form,
  ].filter((s): s is string => s !== null).join('; ');
}

// Phrases found, less those inside another found phrase ("cookie" in "cookies"): one thing said counts once.
function distinct(found: readonly string[]): string[] {
  return found.filter((p) => !found.some((q) => q !== p && q.includes(p)));
}

// Lines first (blocks), then sentence ends in the scripts the phrases cover.
function splitSentences(text: string): string[] {
  return text.split(/\n+|(?<=[.!?。！？؟])\s+/u).map((s) => s.trim()).filter((s) => s !== '');
}
