/**
 * Built-in boilerplate rules, as data. Each rule names the family of page chrome it removes.
 *
 * - `selectors` are CSS selectors removed from the page before Readability scores it (pre-clean) and again
 *   from Readability's result (post-clean: Readability keeps some of these when they sit inside the body).
 * - `linePatterns` are matched against every line of the extracted text (after whitespace normalisation);
 *   a matching line is dropped, and a block element whose whole text matches is removed from the HTML too.
 *   Lines longer than MAX_BOILERPLATE_LINE are never tested: chrome is short, and it bounds regex cost.
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

/** Elements no selector rule may remove (pre-clean or post-clean): removing them would remove the page. */
export const PROTECTED_TAGS: ReadonlySet<string> = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/** Longest line a line pattern is tested against. */
export const MAX_BOILERPLATE_LINE = 400;


// Words that may appear in a line that is only a date/time stamp ("Updated 11:21 pm CST, Tuesday, November 19, 2019",
// "segunda-feira, 22 de janeiro de 2018 às 0:13", "Published 1 day ago"): months and weekdays in the languages the
// crawler meets most, zones, and the labels agencies put in front of a date.
const DATE_ANCHORS = [
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august',
  'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december',
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
  'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro',
  'enero', 'febrero', 'marzo', 'mayo', 'junio', 'julio', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'januar', 'februar', 'märz', 'juni', 'juli', 'oktober', 'dezember',
  'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'ago',
  // Arabic (Gregorian and Levantine month names, weekdays) and Persian (solar months, weekdays).
  'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'اغسطس', 'سبتمبر', 'أكتوبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين',
  'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
  'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند',
  'شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'سه شنبه', 'چهارشنبه', 'پنجشنبه', 'پنج‌شنبه', 'جمعه',
];
const DATE_FILLERS = [
  'الساعة', 'ساعت', 'في', 'تاريخ النشر', 'تاریخ انتشار', 'منتشر شده', 'الثاني', 'الأول', 'ق.ظ', 'ب.ظ', 'ص', 'م',
  'am', 'pm', 'a.m', 'p.m', 'gmt', 'utc', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'bst', 'cet', 'cest', 'ist', 'ast', 'msk', 'irst',
  'at', 'on', 'of', 'the', 'de', 'às', 'as', 'a', 'las', 'le', 'um', 'den', 'el', 'em', 'h', 'hrs', 'ago', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'min', 'mins', 'week', 'weeks',
  'et', 'pt', 'ct', 'mt', 'original', 'originally',
  'published', 'updated', 'posted', 'modified', 'last', 'date', 'created', 'publicado', 'atualizado', 'actualizado', 'publié', 'mis', 'jour', 'veröffentlicht', 'aktualisiert',
];
const DATE_WORDS = [...DATE_ANCHORS, ...DATE_FILLERS].map((w) => w.replace('.', '\\.')).join('|');
// Tokens are unambiguous (a digit run is taken whole, a word must end at a non-letter) so the regex cannot
// backtrack exponentially; the length look-ahead bounds it further. A month/weekday name or a numeric date must
// be present: a bare time ("4:14 p.m.") or a phone number is not a date line.
// Western, Persian and Arabic-Indic digits.
const D = '[0-9۰-۹٠-٩]';
const DATE_LINE = new RegExp(
  `^(?=.{1,120}$)(?=.*${D})(?=.*(?:(?<![\\p{L}])(?:${DATE_ANCHORS.join('|')})(?![\\p{L}])|${D}{1,4}[-/.]${D}{1,2}[-/.]${D}{1,4}))` +
    `(?:[\\s,.|:/–—\\-()@·•،]|${D}+(?:st|nd|rd|th|h)?(?![\\p{L}0-9۰-۹٠-٩])|(?:${DATE_WORDS})(?![\\p{L}]))+$`,
  'iu',
);

/**
 * Elements hidden by attribute or inline style (family hidden). The pre-clean applies these even when a site names
 * its body element: inline styles are stripped before the DOM is built, so later passes can no longer see them.
 */
export const HIDDEN_SELECTORS: readonly string[] = ['[hidden]', '[aria-hidden="true"]', '[style*="display:none"]', '[style*="display: none"]', '[style*="visibility:hidden"]', '[style*="visibility: hidden"]'];

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
      // A line made only of network names and share verbs ("Whatsapp Facebook Pint Baixar").
      /^(?:(?:whatsapp|facebook|twitter|pinterest|pint|linkedin|telegram|e-?mail|reddit|tumblr|vk|messenger|sms|print|copy link|share|tweet|pin|baixar|download|compartilhar|compartir|partager|teilen|condividi|instagram|youtube|flipboard)\b[\s|·•/,]*){2,}$/i,
      /^follow (?:us|@\w+) on (?:twitter|facebook|instagram|telegram|linkedin|youtube)\b.{0,200}$/i,
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
      /^(?:read more|read also|also read|see also|related(?: articles| stories| news| content)?|most (?:read|popular|viewed)|recommended(?: for you)?|you may also like|trending(?: now)?|read next|up next|what to read next)\s*:?$/i,
      /^more (?:from|on|in) .{1,60}$/i,
      /^(?:read more|also read|read also|related|see also|see more|more|watch|don't miss|don’t miss)\s*:\s*.{0,160}$/i,
      /^(?:don't miss|don’t miss|more on this story|in other news|latest news|top stories|latest|popular|most popular|highlights|trending|more|more stories|(?:learn|view|see|show|load|read) more|loading(?: content)?\s*(?:\.\.\.|…)?)$/i,
      // "Read also" in other languages, optionally in parentheses: "(Leggi anche su: …)", "Lesen Sie auch: …".
      /^\(?(?:leggi anche|lesen sie auch|lire aussi|à lire aussi|leia também|leia mais|lea también|lee también|читайте также|اقرأ أيضا|اقرأ أيضاً)\b.{0,200}$/iu,
      // Promo headlines tagged like "China furious at Macron [INSIGHT]".
      /^.{0,160}\[(?:video|videos|pictures|pics|photos|insight|reaction|analysis|latest|poll|gallery|live|revealed|explained)\]\s*\|?$/i,
      // Calls to action ("CLICK HERE TO GET THE FOX NEWS APP", "READ MORE ON FOX BUSINESS BY CLICKING HERE").
      /^.{0,80}\bclick(?:ing)? here\b.{0,80}$/i,
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
      /^(?=.{0,200}$).*\b(?:to|in|meet|into|straight to) your inbox\b.*$/i,
      /^if you (?:enjoyed|liked|value|appreciate)\b.{0,60}\b(?:article|story|journalism|reporting|content)\b.{0,300}$/i,
      // Affiliate disclosures ("Microsoft may earn an Affiliate Commission if you purchase …").
      /^(?=.{0,300}$).*\b(?:may earn|earns?|receive) (?:an? )?(?:small )?(?:affiliate )?commission\b.*$/i,
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
      /^(?:ارسال نظر|ارسال دیدگاه|نظر خود را بنویسید|إرسال تعليق|أرسل تعليقا|أضف تعليقا?|اكتب تعليقك|التعليقات)$/u,
      // Persian/Arabic comment policy notices ("نظرات حاوی توهین منتشر نخواهد شد", "التعليقات المسيئة لن تنشر").
      /^(?=.{0,300}$)(?=.*(?:نظر|دیدگاه|تعليق|التعليقات)).*(?:منتشر نخواهد شد|منتشر نمی[‌ ]?شود|لن (?:يتم )?(?:تنشر|نشرها|ينشر)|لن تظهر).*$/u,
      /^(?:post|add|leave|write|submit) (?:a |your )?(?:comment|reply)\.?$/i,
      /^please type in your comments?\b.*$/i,
      /^(?:the )?comments? (?:that|which) (?:contain|include)s?\b.*\b(?:insult|libel|offensive)\b.*$/i,
      /\bwill not be (?:disclosed|published|approved)\.?$/i,
      /^.{0,120}\b(?:comments?|comentários?|comentarios?|commentaires?|kommentare?)\b.{0,200}\b(?:moderat\w*|aprovad\w*|approv\w*|publicad\w*|publiés?)\b.{0,100}$/iu,
      /^.{0,80}\bmoderat\w* (?:all |your |reader )?comments?\b.{0,160}$/i,
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
      // The same lines on Persian and Arabic agency pages ("کد خبر: ۴۲۸۰۰۱", "رمز الخبر: 428001", "سرویس: بین الملل").
      /^(?:کد خبر|شناسه خبر|شماره خبر|رمز الخبر|رقم الخبر|كود الخبر|معرف الخبر)\s*[:：]?\s*[\d۰-۹٠-٩]+$/u,
      /^(?:سرویس|گروه|القسم|الخدمة|التصنيف)\s*[:：]\s*[^.]{0,40}$/u,
      // View counters ("847/940", "۸۴۷/۹۴۰", "Views: 1,204", "تعداد بازدید: ۱۲۰", "عدد المشاهدات 85").
      /^[\d۰-۹٠-٩]{1,6}\s*\/\s*[\d۰-۹٠-٩]{1,6}$/u,
      /^(?:views?|visits?|hits|reads?|تعداد بازدید|بازدید|عدد المشاهدات|المشاهدات|عدد الزيارات|مشاهدات|قراءات)\s*[:：]?\s*[\d۰-۹٠-٩,.٬]+$/iu,
      /^[\d۰-۹٠-٩,.٬]+\s*(?:views?|visits?|reads?|hits|بازدید|مشاهدة|مشاهدات|زيارة)$/iu,
      // A line that is only a date/time stamp ("08 March 2017 - 23:14", "Updated 11:21 pm CST, Tuesday, November 19, 2019").
      DATE_LINE,
      // Several "label:" fields on one line ("05/10/2018 - Publicado por: X - Categoria: Saúde - Tags: …").
      /^(?=.{0,300}$)(?:[^:]{0,80}?\b(?:posted|published|publicado|por|by|author|autor|categor(?:y|ia|ie|ies)|section|tags?|filed under|source)\s*:[^:]*){2,}$/iu,
      // A lone letter or font-size control ("A", "A+ A-").
      /^(?:a[+-]?\s*){1,3}$/i,
    ],
  },
  {
    // Print and e-mail buttons, font-size tools.
    family: 'print-email',
    selectors: ['[class~="print"]', '[class*="print-"]', '[class*="-print"]', '[class*="email-"]', '[class*="mail-to"]', '[class*="font-size"]', '[class*="fontsize"]', '[class~="tools"]', '[class*="article-tools"]'],
    linePatterns: [/^(?:print(?: this)?(?: article| page| story)?|e-?mail(?: this)?(?: article| page| story| to a friend)?|send to (?:a )?friend|font size:?|text size|listen to (?:this )?article)$/i],
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
      // A caption that ends with its credit in parentheses ("… its four RS-25 engines. (credit: NASA/Jude Guidry)").
      /^.{0,300}\((?:photo |image )?(?:credits?|photo|image|foto)\s*:\s*[^)]{1,80}\)$/i,
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
    linePatterns: [/^(?:advertisement|advertising|advert|sponsored(?: content)?|ad|anzeige|publicidade|publicidad|publicité)$/i],
  },
  {
    // Copyright and contributor lines at the foot of an article.
    family: 'copyright-credits',
    selectors: ['[class*="copyright"]', '[class~="disclaimer"]'],
    linePatterns: [
      /^.{0,160}(?:©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|\ball rights reserved\b).{0,160}$/i,
      /^.{0,300}\bcontributed (?:to )?this report\.?$/i,
      // Agency trust-principle footers ("Our Standards: The Thomson Reuters Trust Principles.").
      /^our standards\s*:.{0,100}$/i,
      /^(?:source|sources|via)\s*:?\s*[\w.&' -]{1,60}$/i,
      // Wire credits ("Reporting by Rodrigo Campos; Editing by Nick Zieminski").
      /^\(?(?:reporting|writing|editing|additional reporting|compiled|translated|edited) by\b.{0,300}$/i,
    ],
  },
  {
    // Author contact and "follow us" lines ("Email Tariq Malik at …", "Write to Al Root at …", "Follow him on Twitter").
    family: 'author-contact',
    selectors: [
      '[class*="author-bio"]', '[class*="about-author"]', '[class*="author-box"]', '[class*="author-info"]', '[class*="author-card"]',
      '[class*="byline"]', '[class~="bio"]',
    ],
    linePatterns: [
      /^(?:e-?mail|write to|contact|reach)\s+[\p{Lu}][\p{L}.' -]{1,60}\s+(?:at|via)\s+\S+@\S+.{0,200}$/u,
      /^(?=.{0,300}$).*\bfollow (?:him|her|them|us|me)\b.{0,40}\bon (?:twitter|facebook|instagram|linkedin)\b.*$/i,
      /^join our\b.{0,80}\b(?:forums?|community|newsletter|mailing list)\b.{0,300}$/i,
      /^tell us what you think\W*$/i,
      /^(?:reach|contact) (?:the )?(?:reporters?|writers?|authors?|him|her|them)\b.{0,200}$/i,
      /^(?=.{0,200}$)follow [\p{L}@ .'’-]{1,40} on (?:twitter|facebook|instagram|youtube|linkedin|telegram)\b.*$/iu,
      /^(?:view|see) (?:the )?(?:author|all) (?:archive|posts|articles|stories)\b.{0,60}$/i,
      /^about the authors?$/i,
      // A labelled bare link ("Listen: http://po.st/TP_615"); unlabelled URLs are often cited sources, kept.
      /^[\p{L} ]{1,20}:\s*https?:\/\/\S+$/iu,
    ],
  },
  {
    // Lines with no letters or digits left (", , , ,", "|", "•••"): separators of removed widgets.
    family: 'empty-separators',
    selectors: [],
    linePatterns: [/^[^\p{L}\p{N}]*$/u],
  },
  {
    // Hidden elements: invisible to readers, so never article text.
    family: 'hidden',
    selectors: HIDDEN_SELECTORS,
    linePatterns: [],
  },
];

/**
 * Structural caption rule (family captions-credits): text next to an image in a container whose whole text is at
 * most `maxChars` characters and `maxWords` words, and does not end like a sentence, is a caption (first
 * `maxImages` images of a page only).
 */
export const CAPTION_RULE = { maxChars: 120, maxWords: 14, maxImages: 200 } as const;

/**
 * Structural link-list rule (family related-list): a list of at least two items averaging at most `maxItemChars`
 * characters whose text is at least `minLinkShare` link text, or a run of two or more link-only paragraphs.
 */
export const LINK_LIST_RULE = { minLinkShare: 0.8, maxItemChars: 120 } as const;

/**
 * Readability 0.6's own "unlikely candidate" test (REGEXPS.unlikelyCandidates / okMaybeItsACandidate on
 * `class + " " + id`, UNLIKELY_ROLES, never inside a table or code, never BODY or A), applied on the fast tree
 * before the DOM is built. Readability would remove the same elements in its first pass; removing them earlier
 * means linkedom never builds them (speed only, same output), and the size guard keeps anything big for
 * Readability's retry passes, which run without this test.
 */
export const READABILITY_UNLIKELY = {
  candidates: /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i,
  maybe: /and|article|body|column|content|main|shadow/i,
  roles: ['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog'],
} as const;

/** Every built-in selector, in rule order. */
export const BOILERPLATE_SELECTORS: readonly string[] = BOILERPLATE_RULES.flatMap((rule) => rule.selectors);

/** Every built-in line pattern, in rule order. */
export const BOILERPLATE_LINE_PATTERNS: readonly RegExp[] = BOILERPLATE_RULES.flatMap((rule) => rule.linePatterns);
