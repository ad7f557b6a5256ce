import { articleUrl, base, blocksToHtml, esc, imageUrl, localParts } from '../html-helpers.js';
import type { SourceArticle } from '../source-article.js';
import type { AgencyTemplate, TemplateContext } from './agency-template.js';

const B = base('gulfwire');

/** "Thursday 9 March 2017 | 14:05 GMT+3": the outlet prints the offset it published in. */
function gwDate(iso: string): string {
  const p = localParts(iso);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const offset = /([+-]\d{2}):\d{2}$/.exec(iso)?.[1] ?? '+00';
  return `${weekday} ${p.day} ${p.monthName} ${p.year} | ${p.hour}:${p.minute} GMT${offset.replace(/^([+-])0/, '$1')}`;
}

function sectionSlug(article: SourceArticle): string {
  return article.section.toLowerCase();
}

function page(title: string, description: string, canonical: string, bodyClass: string, main: string, ldJson: string): string {
  const nav = [
    ['الرئيسية', 'Home', '/'],
    ['العراق', 'Iraq', '/news/iraq/'],
    ['الخليج', 'Gulf', '/news/gulf/'],
    ['اقتصاد', 'Economy', '/news/economy/'],
    ['تكنولوجيا', 'Technology', '/news/technology/'],
    ['رياضة', 'Sport', '/news/sport/'],
    ['رأي', 'Opinion', '/opinion/'],
  ]
    .map(([ar = '', en = '', href = '']) => `<li class="gw-nav__item"><a href="${B}${href}"><span lang="ar">${ar}</span> <span class="gw-nav__en">${en}</span></a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<title>${esc(title)} | Gulf Wire</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="${esc(description)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@gulfwire">
<link rel="canonical" href="${canonical}">
<link rel="alternate" type="application/atom+xml" title="Gulf Wire" href="${B}/feeds/atom.xml">
<script type="application/ld+json">${ldJson}</script>
<style>
:root{--gw-sand:#e9dcc3;--gw-ink:#1d1d1b}
.gw-masthead{background:var(--gw-ink);color:var(--gw-sand);display:flex;justify-content:space-between}
.gw-nav{display:flex;gap:1rem;list-style:none}
.gw-story__body p{font:17px/1.7 Georgia,serif}
.gw-consent{position:fixed;inset:auto 0 0 0;background:#fff;border-top:3px solid #b08d57}
.gw-readalso{border-left:4px solid #b08d57;padding-left:.75rem}
</style>
<script async src="${B}/assets/analytics.js"></script>
</head>
<body class="${bodyClass}">
<a class="gw-skip" href="#main">Skip to main content</a>
<div class="gw-consent" role="dialog" aria-label="Cookie consent">
<p>نستخدم ملفات تعريف الارتباط — We use cookies to personalise content and ads and to analyse our traffic. <a href="${B}/cookie-policy">Cookie policy</a></p>
<button class="gw-consent__accept">Accept all / موافق</button> <button class="gw-consent__settings">Manage settings</button>
</div>
<header class="gw-masthead">
<div class="gw-masthead__brand"><a href="${B}/"><img src="${imageUrl('gulfwire', 'gulfwire-logo.png')}" alt="Gulf Wire" width="180" height="40"></a><span class="gw-masthead__tag">News from the Gulf and the Levant</span></div>
<div class="gw-masthead__tools"><a href="${B}/ar/" lang="ar">عربي</a> <a class="gw-login" href="${B}/account/login">Sign in</a> <a class="gw-subscribe" href="${B}/subscribe">Subscribe</a></div>
</header>
<nav class="gw-nav-wrap" aria-label="Sections"><ul class="gw-nav">
${nav}
</ul></nav>
<div class="gw-ticker" aria-live="polite"><strong>Breaking / عاجل:</strong> <span>Markets: Brent crude at $51.37</span></div>
<main id="main" class="gw-main">
${main}
</main>
<footer class="gw-footer">
<div class="gw-footer__cols">
<div><h4>Gulf Wire</h4><ul><li><a href="${B}/about">About us</a></li><li><a href="${B}/careers">Careers</a></li><li><a href="${B}/advertise">Advertise</a></li></ul></div>
<div><h4>Follow us / تابعونا</h4><ul><li><a href="https://twitter.com/gulfwire">Twitter</a></li><li><a href="https://facebook.com/gulfwire">Facebook</a></li><li><a href="${B}/feeds/atom.xml">Atom feed</a></li></ul></div>
</div>
<p class="gw-footer__legal">© 2017 Gulf Wire Media FZ-LLC. جميع الحقوق محفوظة. All rights reserved.</p>
</footer>
<script>document.documentElement.classList.remove('no-js');document.querySelector('.gw-consent__accept').addEventListener('click',function(){this.parentNode.remove();});</script>
</body>
</html>
`;
}

function renderArticle(article: SourceArticle, ctx: TemplateContext): string {
  const others = ctx.siblings;
  // The CMS links an older story of the desk; a page never points at a story not yet published.
  const readAlso = others.find((o) => Date.parse(o.published) < Date.parse(article.published));
  const body = blocksToHtml(article, {
    figure: (f) => `<figure class="gw-figure"><img src="${imageUrl('gulfwire', f.image)}" alt="" loading="lazy" width="800" height="450"><figcaption class="gw-figure__caption">${esc(f.caption)}</figcaption></figure>`,
    heading: (t) => `<h2 class="gw-story__subhead">${t}</h2>`,
    // An inline cross-link between paragraphs, as the outlet's CMS inserts it.
    insertAfter: readAlso
      ? { index: 3, html: `<aside class="gw-readalso"><span>Read also:</span> <a href="${articleUrl(readAlso)}">${esc(readAlso.title)}</a></aside>` }
      : undefined,
  });
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.published,
    author: { '@type': 'Person', name: article.byline },
    publisher: { '@type': 'Organization', name: 'Gulf Wire' },
    mainEntityOfPage: articleUrl(article),
  });
  const more = others
    .map((s) => `<li class="gw-more__item"><a href="${articleUrl(s)}"><img src="${imageUrl('gulfwire', 'gulfwire-logo.png')}" alt="" width="120" height="68"><span>${esc(s.title)}</span></a></li>`)
    .join('\n');
  const main = `<nav class="gw-crumbs" aria-label="Breadcrumb"><ol><li><a href="${B}/">Home</a></li><li><a href="${B}/news/${sectionSlug(article)}/">${esc(article.section)}</a></li></ol></nav>
<article class="gw-story" data-story-id="${esc(article.id)}">
<header class="gw-story__header">
<a class="gw-story__kicker" href="${B}/news/${sectionSlug(article)}/">${esc(article.section)}</a>
<h1 class="gw-story__headline">${esc(article.title)}</h1>
<p class="gw-story__standfirst">${esc(article.summary)}</p>
<div class="gw-story__meta"><span class="gw-story__byline">${esc(article.byline)}</span> <time datetime="${article.published}">${gwDate(article.published)}</time> <span class="gw-story__reads">Views: 1,204</span></div>
<div class="gw-share" aria-label="Share this story"><span>شارك / Share</span> <a href="https://wa.me/?text=${articleUrl(article)}">WhatsApp</a> <a href="https://twitter.com/intent/tweet?url=${articleUrl(article)}">Twitter</a> <a href="https://www.facebook.com/sharer/sharer.php?u=${articleUrl(article)}">Facebook</a> <a href="mailto:?subject=${esc(article.title)}">Email</a> <button class="gw-share__copy">Copy link</button></div>
</header>
<div class="gw-story__body" itemprop="articleBody">
${body}
</div>
<footer class="gw-story__footer"><ul class="gw-tags"><li><a href="${B}/tag/${sectionSlug(article)}">${esc(article.section)}</a></li></ul>
<p class="gw-story__correction">Spotted an error? <a href="${B}/corrections">Tell our editors</a>.</p></footer>
</article>
<section class="gw-more"><h2>More from Gulf Wire / المزيد</h2><ul>
${more}
</ul></section>
<section class="gw-newsletter"><h2>The Gulf Wire Briefing</h2><p>The day's essential stories from the region, in your inbox every morning at 7am.</p>
<form action="${B}/newsletter/signup" method="post"><input type="email" name="email" required placeholder="you@example.com"><button>Sign up</button></form><p class="gw-newsletter__small">You can unsubscribe at any time.</p></section>
<section class="gw-comments" id="comments"><h2>Comments (0)</h2><p>Comments are moderated and will appear after approval. Please keep the conversation civil.</p>
<form action="${B}/comments" method="post"><textarea name="comment" placeholder="Add your comment"></textarea><button>Post comment</button></form></section>`;
  return page(article.title, article.summary, articleUrl(article), 'gw-article', main, ld);
}

function renderHome(articles: SourceArticle[]): string {
  const list = articles.map((a) => `<article class="gw-card"><a href="${articleUrl(a)}"><h3>${esc(a.title)}</h3></a><p>${esc(a.summary)}</p><time datetime="${a.published}">${gwDate(a.published)}</time></article>`).join('\n');
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'WebSite', name: 'Gulf Wire', url: `${B}/` });
  return page('Latest news', 'Gulf Wire: news from the Gulf and the Levant', `${B}/`, 'gw-home', `<section class="gw-latest"><h2>Latest</h2>\n${list}\n</section>`, ld);
}

function renderFeed(articles: SourceArticle[]): string {
  const entries = articles
    .map(
      (a) => `<entry>
<title type="text">${esc(a.title)}</title>
<link rel="alternate" type="text/html" href="${articleUrl(a)}"/>
<id>tag:gulfwire.example,${a.published.slice(0, 10)}:/story/${esc(a.id)}</id>
<published>${a.published}</published>
<updated>${a.published}</updated>
<author><name>${esc(a.byline)}</name></author>
<category term="${esc(a.section)}"/>
<summary type="html">${esc(`<p>${esc(a.summary)}</p>`)}</summary>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Gulf Wire — Latest news</title>
<subtitle>News from the Gulf and the Levant</subtitle>
<link rel="self" type="application/atom+xml" href="${B}/feeds/atom.xml"/>
<link rel="alternate" type="text/html" href="${B}/"/>
<id>tag:gulfwire.example,2015:/feeds/atom</id>
<updated>${articles[0]?.published ?? '2017-03-13T00:00:00Z'}</updated>
<rights>© 2017 Gulf Wire Media FZ-LLC</rights>
${entries}
</feed>
`;
}

/** Gulf Wire: a bilingual (Arabic/English chrome) Middle-East outlet with an Atom feed. */
export const gulfwireTemplate: AgencyTemplate = {
  agency: 'gulfwire',
  displayName: 'Gulf Wire',
  feedPath: '/feeds/atom.xml',
  feedContentType: 'application/atom+xml; charset=utf-8',
  chromeImages: ['gulfwire-logo.png'],
  renderArticle,
  renderHome,
  renderFeed,
};
