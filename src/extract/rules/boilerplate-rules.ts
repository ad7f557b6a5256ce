/**
 * Built-in boilerplate rules, as data. Each rule names the family of page chrome it removes.
 *
 * - `selectors` are CSS selectors removed from the page before Readability scores it (pre-clean) and again
 *   from Readability's result (post-clean: Readability keeps some of these when they sit inside the body).
 * - `linePatterns` are matched against every line of the extracted text (after whitespace normalisation);
 *   a matching line is dropped, and a block element whose whole text matches is removed from the HTML too.
 *
 * Site overrides (`SiteExtractConfig`) add to these; they never replace them.
 * Class/id matches use word-ish tokens (`[class~=x]`, prefixes with a dash) rather than bare substrings where a
 * substring would hit real content wrappers ("share" in "shared-content", "tag" in "stage").
 */
export interface BoilerplateRule {
  /** The family of chrome this rule covers (used in docs and tests). */
  family: string;
  selectors: readonly string[];
  linePatterns: readonly RegExp[];
}

/** Tags that never carry article text (or must never run): removed before parsing or right after. */
export const UNSAFE_OR_EMPTY_TAGS: readonly string[] = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'math', 'link', 'meta', 'base',
];

/** The built-in rules, one entry per boilerplate family. */
export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  {
    // Site navigation, menus, breadcrumbs, skip links, page-level header/footer bands.
    family: 'navigation',
    selectors: [
      'nav', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="menubar"]', '[role="menu"]',
      'body > header', 'body > footer', 'footer',
      '[class~="breadcrumb"]', '[class~="breadcrumbs"]', '[id~="breadcrumb"]', '[class~="skip-link"]',
      '[class~="menu"]', '[id~="menu"]', '[class~="navbar"]', '[class~="site-header"]', '[class~="site-footer"]',
      '[id~="header"]', '[id~="footer"]', '[class~="pagination"]', '[class~="pager"]',
    ],
    linePatterns: [/^(?:home|menu|search|skip to (?:main )?content|back to top)$/i],
  },
  {
    // Share bars and social buttons ("Share on Facebook", "Tweet", WhatsApp links, AddThis/ShareThis widgets).
    family: 'share-bar',
    selectors: [
      '[class*="share-"]', '[class*="-share"]', '[class~="share"]', '[class~="sharing"]', '[id*="share-"]', '[class~="social"]',
      '[class*="social-"]', '[class*="addthis"]', '[class*="sharethis"]', '[class*="a2a_"]', '[class~="shariff"]',
    ],
    linePatterns: [
      /^(?:share|share this(?: article| story)?|share on \w+|tweet|whatsapp|facebook|twitter|linkedin|telegram|email|e-mail|print)(?:\s*[|·•/]\s*\w+)*:?$/i,
      /^(?:share|follow us)(?: on)?:?\s*(?:facebook|twitter|x|instagram|youtube|telegram|whatsapp|linkedin)\b/i,
    ],
  },
  {
    // Related stories, "read more" / "more from" / "most read" lists, recommendation widgets.
    family: 'related-list',
    selectors: [
      '[class*="related"]', '[id*="related"]', '[class*="read-more"]', '[class*="readmore"]', '[class*="more-stories"]',
      '[class*="recommend"]', '[class*="most-read"]', '[class*="mostread"]', '[class*="popular"]', '[class*="trending"]',
      '[class*="outbrain"]', '[id*="outbrain"]', '[class*="taboola"]', '[id*="taboola"]', '[class*="you-may-like"]',
      '[class*="also-read"]', '[class*="see-also"]',
    ],
    linePatterns: [
      /^(?:read more|read also|also read|see also|related(?: articles| stories| news| content)?|more from [\w .-]+|most (?:read|popular|viewed)|recommended(?: for you)?|you may also like|trending(?: now)?)\s*:?$/i,
      /^(?:read more|also read|read also|related|see also)\s*:\s*.{0,160}$/i,
    ],
  },
  {
    // Newsletter, subscription and paywall boxes.
    family: 'newsletter',
    selectors: [
      '[class*="newsletter"]', '[id*="newsletter"]', '[class*="subscribe"]', '[id*="subscribe"]', '[class*="subscription"]',
      '[class*="signup"]', '[class*="sign-up"]', '[class*="paywall"]', '[class*="piano-"]', '[class*="regwall"]',
    ],
    linePatterns: [
      /^(?:sign up|subscribe)\b.{0,120}(?:newsletter|inbox|updates|today|now|free)\W*$/i,
      /^(?:get|receive) (?:our|the) [\w ]{0,40}newsletter\b.{0,100}$/i,
      /^(?:already a subscriber|subscribe now|subscribe to continue reading)\b.{0,80}$/i,
    ],
  },
  {
    // Cookie and consent notices.
    family: 'cookie-notice',
    selectors: ['[class*="cookie"]', '[id*="cookie"]', '[class*="consent"]', '[id*="consent"]', '[class*="gdpr"]', '[id*="gdpr"]'],
    linePatterns: [/\b(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings))\b.{0,200}$/i],
  },
  {
    // Comment sections, comment forms and their policy notices ("Please type in your comments…", "Send comment").
    family: 'comments',
    selectors: [
      '#comments', '#comment', '[id^="comments"]', '[id^="comment-"]', '[class~="comments"]', '[class~="comment"]',
      '[class*="comment-"]', '[class*="comments-"]', '[id*="disqus"]', '[class*="disqus"]', '[class*="fb-comments"]',
      '[id~="respond"]', '[class*="respond"]', 'form', 'textarea', 'input', 'button', 'select',
    ],
    linePatterns: [
      /^send (?:a |your )?comments?\.?$/i,
      /^(?:post|add|leave|write|submit) (?:a |your )?(?:comment|reply)\.?$/i,
      /^please type in your comments?\b.*$/i,
      /^(?:the )?comments? (?:that|which) (?:contain|include)s?\b.*\b(?:insult|libel|offensive)\b.*$/i,
      /\bwill not be (?:disclosed|published|approved)\.?$/i,
      /^(?:\d+ )?comments?\s*(?:\(\d+\))?:?$/i,
      /^your (?:name|e-?mail|comment)\s*\*?:?$/i,
      /^(?:log ?in|sign ?in|register) to (?:comment|post|reply)\b.*$/i,
      /^(?:name|e-?mail|comment|captcha|security code)\s*\*?\s*:?$/i,
    ],
  },
  {
    // Agency header lines and counters: "News ID: 428001", "Service :", "08 March 2017 - 23:14", "847/940".
    family: 'agency-meta-lines',
    selectors: [
      '[class*="news-id"]', '[class*="newsid"]', '[class*="news_id"]', '[class*="view-count"]', '[class*="viewcount"]',
      '[class*="visit-count"]', '[class*="hits"]', '[class~="views"]', '[class*="post-views"]',
    ],
    linePatterns: [
      /^news\s*(?:id|code|no\.?|number)\s*[:#]?\s*\d+$/i,
      /^(?:service|section|category|news code)\s*:\s*[^.]{0,40}$/i,
      /^\d{1,6}\s*\/\s*\d{1,6}$/,
      /^(?:views?|visits?|hits|reads?)\s*:?\s*[\d,.]+$/i,
      /^[\d,.]+\s*(?:views?|visits?|reads?|hits)$/i,
      // A bare date/time line ("08 March 2017 - 23:14", "2017-03-08 23:14", "Wednesday, March 8, 2017").
      /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:\s*[-–|,]?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}))?)?$/i,
      // A lone letter or font-size control ("A", "A+ A-").
      /^(?:a[+-]?\s*){1,3}$/i,
    ],
  },
  {
    // Print and e-mail buttons, font-size tools.
    family: 'print-email',
    selectors: ['[class~="print"]', '[class*="print-"]', '[class*="-print"]', '[class*="email-"]', '[class*="mail-to"]', '[class*="font-size"]', '[class*="fontsize"]', '[class~="tools"]', '[class*="article-tools"]'],
    linePatterns: [/^(?:print(?: this)?(?: article| page| story)?|e-?mail(?: this)?(?: article| page| story| to a friend)?|send to (?:a )?friend|font size:?)$/i],
  },
  {
    // Photo captions and image credit repeats ("Photo: Reuters", "Image credit: AFP/Getty").
    family: 'captions-credits',
    selectors: [
      'figcaption', '[class*="caption"]', '[id*="caption"]', '[class*="credit"]', '[class*="photo-source"]',
      '[class~="wp-caption-text"]', '[class*="image-source"]', '[class*="img-source"]',
    ],
    linePatterns: [
      /^(?:photo|image|picture|pic|foto|graphic|video|file photo)(?:\s+credit)?\s*[:©/|-]\s*.{0,80}$/i,
      /^(?:credit|source|©|\(c\))\s*:?\s*(?:[A-Z][\w&.'-]*\s*(?:\/\s*)?){1,6}$/,
      /^\((?:photo|image|file)\s*:?\s*[^)]{0,60}\)$/i,
    ],
  },
  {
    // Tag clouds and keyword lists.
    family: 'tags',
    selectors: [
      '[class~="tags"]', '[class*="tag-list"]', '[class*="tags-"]', '[class*="-tags"]', '[class*="tagcloud"]',
      '[class*="tag-cloud"]', '[class~="keywords"]', '[class*="post-tags"]', '[rel~="tag"]',
    ],
    linePatterns: [/^(?:tags?|keywords?|topics?)\s*:.{0,200}$/i, /^(?:tags?|keywords?)$/i],
  },
  {
    // Advertising slots and sponsor boxes.
    family: 'ads',
    selectors: [
      '[class~="ad"]', '[class~="ads"]', '[class*="advert"]', '[id*="advert"]', '[class*="ad-slot"]', '[class*="ad-container"]',
      '[id^="ad-"]', '[id^="div-gpt"]', '[class*="sponsor"]', '[class*="promo"]', 'ins',
    ],
    linePatterns: [/^(?:advertisement|advertising|sponsored(?: content)?|ad)$/i],
  },
  {
    // Hidden elements: invisible to readers, so never article text.
    family: 'hidden',
    selectors: ['[hidden]', '[aria-hidden="true"]', '[style*="display:none"]', '[style*="display: none"]', '[style*="visibility:hidden"]'],
    linePatterns: [],
  },
];

/**
 * Structural caption rule (family captions-credits): text next to an image in a container whose whole text is at
 * most `maxChars` characters and `maxWords` words, and does not end like a sentence, is a caption.
 */
export const CAPTION_RULE = { maxChars: 120, maxWords: 14 } as const;

/** Every built-in selector, in rule order. */
export const BOILERPLATE_SELECTORS: readonly string[] = BOILERPLATE_RULES.flatMap((rule) => rule.selectors);

/** Every built-in line pattern, in rule order. */
export const BOILERPLATE_LINE_PATTERNS: readonly RegExp[] = BOILERPLATE_RULES.flatMap((rule) => rule.linePatterns);
