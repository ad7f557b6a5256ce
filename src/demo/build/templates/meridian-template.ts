import { articleUrl, base, blocksToHtml, esc, imageUrl, localParts } from '../html-helpers.js';
import type { SourceArticle } from '../source-article.js';
import type { AgencyTemplate, TemplateContext } from './agency-template.js';

const B = base('meridian');

/** "March 4, 2017 / 9:30 AM / UPDATED" style wire timestamp, in UTC as the wire files it. */
function wireDate(iso: string): string {
  const p = localParts(new Date(iso).toISOString());
  const h = Number(p.hour);
  return `${p.monthName} ${p.day}, ${p.year} / ${((h + 11) % 12) + 1}:${p.minute} ${h < 12 ? 'AM' : 'PM'}`;
}

function sectionPath(article: SourceArticle): string {
  return article.section === 'Business' ? '/business/' : '/world/middle-east/';
}

function shell(title: string, description: string, canonical: string, content: string, trending: SourceArticle[]): string {
  return `<!DOCTYPE html>
<html lang="en" data-edition="international">
<head>
<meta charset="utf-8">
<title>${esc(title)} | Meridian</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${esc(description)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${esc(title)}">
<meta property="og:url" content="${canonical}">
<meta name="analyticsAttributes.contentChannel" content="World">
<link rel="canonical" href="${canonical}">
<link rel="alternate" type="application/rss+xml" title="Meridian: Top News" href="${B}/rss/topnews.xml">
<style data-emotion="css">
.MediaStoryCard__container{display:flex}.ArticleBody__content p{font-size:1.125rem;line-height:1.6}
.TrendingList__list{counter-reset:trend}.Consent__banner{position:fixed;bottom:0;z-index:99}
.StandardsFooter{border-top:1px solid #ddd;color:#666}
</style>
<script>window.__MERIDIAN_CONFIG__={"edition":"intl","adsEnabled":true,"paywall":false};</script>
</head>
<body>
<div id="fusion-app">
<div class="Consent__banner" role="region" aria-label="Privacy"><p>We and our partners use cookies and similar technologies to deliver, measure and improve our services. Select "Accept" to consent or "Manage" to choose.</p><button data-testid="consent-accept">Accept</button><button data-testid="consent-manage">Manage</button></div>
<header class="SiteHeader__container">
<a class="SiteHeader__logo" href="${B}/"><img src="${imageUrl('meridian', 'meridian-logo.png')}" alt="Meridian Press International" width="160" height="32"></a>
<nav class="SiteHeader__nav" aria-label="Main"><ul>
<li><a href="${B}/world/">World</a></li><li><a href="${B}/business/">Business</a></li><li><a href="${B}/markets/">Markets</a></li><li><a href="${B}/technology/">Technology</a></li><li><a href="${B}/sport/">Sport</a></li><li><a href="${B}/investigations/">Investigations</a></li>
</ul></nav>
<div class="SiteHeader__edition">Edition: <a href="${B}/?edition=intl">International</a> | <a href="${B}/?edition=uk">UK</a> | <a href="${B}/?edition=us">US</a></div>
<a class="SiteHeader__signin" href="${B}/account/sign-in">Sign in</a>
</header>
<div class="MarketsTicker" aria-hidden="true"><span>FTSE 7,314.96 +0.3%</span> <span>DOW 20,950.10 +0.2%</span> <span>EUR/USD 1.0662</span></div>
<div class="Page__container">
${content}
<aside class="Trending__container"><h2 class="Trending__heading">Trending Stories</h2><ol class="TrendingList__list">
${trending.map((t) => `<li class="TrendingList__item"><a href="${articleUrl(t)}">${esc(t.title)}</a></li>`).join('\n')}
</ol></aside>
</div>
<footer class="SiteFooter">
<div class="SiteFooter__apps">Get the Meridian app: <a href="${B}/apps/ios">iOS</a> · <a href="${B}/apps/android">Android</a></div>
<ul class="SiteFooter__links"><li><a href="${B}/info/contact">Contact us</a></li><li><a href="${B}/info/standards">Editorial principles</a></li><li><a href="${B}/info/terms">Terms of use</a></li><li><a href="${B}/info/cookies">Cookies</a></li></ul>
<p class="SiteFooter__disclaimer">All quotes delayed a minimum of 15 minutes. © 2017 Meridian Press International. All rights reserved.</p>
</footer>
</div>
<script>(function(){var b=document.querySelector('[data-testid=consent-accept]');b&&b.addEventListener('click',function(){b.closest('.Consent__banner').hidden=true;});})();</script>
</body>
</html>
`;
}

function renderArticle(article: SourceArticle, ctx: TemplateContext): string {
  const body = blocksToHtml(article, {
    figure: (f) => `<figure class="ArticleImage__figure"><div class="LazyImage__container"><img src="${imageUrl('meridian', f.image)}" alt="${esc(f.caption)}" width="1200" height="800"></div><figcaption class="ArticleImage__caption">${esc(f.caption)}. MERIDIAN/Staff</figcaption></figure>`,
    heading: (t) => `<h2 class="ArticleBody__subhead">${t}</h2>`,
  });
  // Cross-agency links: the wire's "From our partners" module points at other hosts.
  const partners = ctx.all.filter((a) => a.agency !== 'meridian' && a.copyOf === null).slice(0, 2);
  const content = `<main class="ArticlePage__main" id="main-content">
<nav class="Breadcrumbs__container" aria-label="Breadcrumbs"><a href="${B}/world/">World</a> <span aria-hidden="true">›</span> <a href="${B}${sectionPath(article)}">${esc(article.section)}</a></nav>
<article class="ArticlePage__article">
<header class="ArticleHeader__container">
<div class="ArticleHeader__date"><time datetime="${new Date(article.published).toISOString()}">${wireDate(article.published)}</time> · <span>Updated ${wireDate(article.published).split(' / ')[0]}</span></div>
<h1 class="Headline__text">${esc(article.title)}</h1>
<div class="Byline__container">${esc(article.byline)} <span class="ReadingTime">4 Min Read</span></div>
<div class="ShareBar__container" role="group" aria-label="Share"><a href="https://twitter.com/intent/tweet?url=${articleUrl(article)}">Share on Twitter</a><a href="https://www.linkedin.com/shareArticle?url=${articleUrl(article)}">Share on LinkedIn</a><a href="mailto:?body=${articleUrl(article)}">Share by email</a></div>
</header>
<div class="ArticleBody__content">
${body}
</div>
<p class="StandardsFooter"><a href="${B}/info/standards">Our Standards: The Meridian Editorial Principles.</a></p>
</article>
<section class="ReadNext__container"><h2>Read Next</h2><ul>
${ctx.siblings.map((s) => `<li class="MediaStoryCard__container"><a href="${articleUrl(s)}">${esc(s.title)}</a><time>${wireDate(s.published)}</time></li>`).join('\n')}
</ul></section>
<section class="Partners__container"><h2>From our partners</h2><ul>
${partners.map((p) => `<li><a href="${articleUrl(p)}">${esc(p.title)}</a></li>`).join('\n')}
</ul></section>
<section class="Newsletter__signup"><h2>Middle East Briefing</h2><p>Sign up for our free daily newsletter on the region's politics and markets.</p><form action="${B}/newsletters/subscribe" method="post"><input type="email" name="email" aria-label="Email address"><button>Sign up</button></form></section>
</main>`;
  return shell(article.title, article.summary, articleUrl(article), content, ctx.siblings);
}

function renderHome(articles: SourceArticle[]): string {
  const cards = articles.map((a) => `<div class="MediaStoryCard__container"><a href="${articleUrl(a)}"><h3>${esc(a.title)}</h3></a><p>${esc(a.summary)}</p></div>`).join('\n');
  return shell('International news, business and markets', 'Meridian Press International', `${B}/`, `<main class="HomePage__main"><h1 class="sr-only">Top news</h1>\n${cards}\n</main>`, articles);
}

function renderFeed(articles: SourceArticle[]): string {
  const items = articles
    .map((a) => {
      const fig = a.blocks.find((b) => b.kind === 'figure');
      const media = fig?.kind === 'figure' ? `\n<media:content url="${imageUrl('meridian', fig.image)}" medium="image" type="image/png" width="1" height="1"><media:description>${esc(fig.caption)}</media:description></media:content>` : '';
      return `<item>
<title>${esc(a.title)}</title>
<link>${articleUrl(a)}?utm_source=rss&amp;utm_medium=feed</link>
<description>${esc(a.summary)}</description>
<dc:creator>${esc(a.byline.replace(/^By /, ''))}</dc:creator>
<category domain="${B}/world/">${esc(a.section)}</category>
<pubDate>${new Date(a.published).toUTCString()}</pubDate>
<guid isPermaLink="false">urn:meridian:story:${esc(a.id)}</guid>${media}
</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Meridian: Top News</title>
<link>${B}/</link>
<description>Meridian Press International: top news from around the world</description>
<language>en-gb</language>
<image><url>${imageUrl('meridian', 'meridian-logo.png')}</url><title>Meridian</title><link>${B}/</link></image>
<lastBuildDate>${new Date(articles[0]?.published ?? '2017-03-16T00:00:00Z').toUTCString()}</lastBuildDate>
${items}
</channel>
</rss>
`;
}

/** Meridian Press International: an international wire (RSS 2.0 with media:content, tracking links). */
export const meridianTemplate: AgencyTemplate = {
  agency: 'meridian',
  displayName: 'Meridian Press International',
  feedPath: '/rss/topnews.xml',
  feedContentType: 'application/rss+xml; charset=utf-8',
  newsSitemapPath: '/sitemap-news.xml',
  chromeImages: ['meridian-logo.png'],
  renderArticle,
  renderHome,
  renderFeed,
};
