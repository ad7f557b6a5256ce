import { articleUrl, base, blocksToHtml, esc, imageUrl, localParts } from '../html-helpers.js';
import type { SourceArticle } from '../source-article.js';
import type { AgencyTemplate, TemplateContext } from './agency-template.js';

const B = base('rasa');

/** "08 March 2017 - 23:14", the agency's own date line, in Tehran time as published. */
function rasaDate(iso: string): string {
  const p = localParts(iso);
  return `${String(p.day).padStart(2, '0')} ${p.monthName} ${p.year} - ${p.hour}:${p.minute}`;
}

function head(title: string, description: string, canonical: string, image: string | null): string {
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - Rasa News Agency</title>
<meta name="description" content="${esc(description)}">
<meta name="keywords" content="Rasa, RNA, Hawzah, Qom, Shia, news">
<meta property="og:site_name" content="Rasa News Agency">
<meta property="og:title" content="${esc(title)}">
<meta property="og:description" content="${esc(description)}">
${image ? `<meta property="og:image" content="${image}">\n` : ''}<link rel="canonical" href="${canonical}">
<link rel="alternate" type="application/rss+xml" title="RNA - All news" href="${B}/en/rss/allnews">
<link rel="shortcut icon" href="${B}/favicon.ico">
<style>
body{font-family:Tahoma,Arial,sans-serif;background:#f3f1ea;margin:0}
.top-bar{background:#2d5a27;color:#fff;font-size:11px;padding:4px 12px}
.main-menu ul{list-style:none;margin:0;padding:0;background:#3c7a34}
.main-menu li{display:inline-block;padding:8px 14px}
.news-head{color:#777;font-size:12px;border-bottom:1px dotted #ccc}
.news-title{font-size:22px;color:#2d5a27}
.news-body p{line-height:1.9;text-align:justify}
#cookie-law{position:fixed;bottom:0;width:100%;background:#222;color:#eee;padding:8px}
</style>
<script>
var _paq = window._paq || [];
_paq.push(['trackPageView']); _paq.push(['enableLinkTracking']);
</script>
</head>`;
}

function header(section: string): string {
  const items = ['Home', 'Iran', 'International', 'Hawzah', 'Scholars', 'Culture', 'Photo', 'Video'];
  const menu = items
    .map((name) => `<li${name === section ? ' class="active"' : ''}><a href="${B}/en/${name === 'Home' ? '' : `service/${name.toLowerCase()}`}">${name}</a></li>`)
    .join('\n');
  return `<div id="cookie-law">This website uses cookies to improve your experience. By continuing to browse you agree to our <a href="${B}/en/page/privacy">privacy policy</a>. <button type="button" onclick="acceptCookies()">I agree</button></div>
<div class="top-bar"><span class="today">Thursday, 09 March 2017</span>
<ul class="lang-switch"><li><a href="${B}/fa" lang="fa">فارسی</a></li><li><a href="${B}/ar" lang="ar">العربية</a></li><li><a href="${B}/ur" lang="ur">اردو</a></li><li class="current">English</li></ul></div>
<div class="header">
<a class="logo" href="${B}/en/"><img src="${imageUrl('rasa', 'rasa-logo.png')}" alt="Rasa News Agency" width="240" height="60"></a>
<form class="search-form" action="${B}/en/search" method="get"><input type="text" name="q" placeholder="Search..."><input type="submit" value="Search"></form>
</div>
<div class="main-menu"><ul>
${menu}
</ul></div>`;
}

function sidebar(siblings: SourceArticle[]): string {
  return `<div class="col-side">
<div class="box most-viewed"><div class="box-title">Most Viewed</div><ol>
${siblings.map((s) => `<li><a href="${articleUrl(s)}">${esc(s.title)}</a></li>`).join('\n')}
</ol></div>
<div class="box newsletter"><div class="box-title">Newsletter</div>
<p>Subscribe to receive the latest RNA headlines by email.</p>
<form action="${B}/en/newsletter" method="post"><input type="email" name="email" placeholder="Your email"><button type="submit">Subscribe</button></form></div>
<div class="box poll"><div class="box-title">Poll</div><p>How do you follow the news of the Hawzah?</p>
<label><input type="radio" name="poll">Website</label><label><input type="radio" name="poll">Social media</label><label><input type="radio" name="poll">Television</label></div>
</div>`;
}

function footer(): string {
  return `<div class="footer">
<ul class="footer-links"><li><a href="${B}/en/page/about">About us</a></li><li><a href="${B}/en/page/contact">Contact us</a></li><li><a href="${B}/en/rss">RSS</a></li><li><a href="${B}/en/page/privacy">Privacy</a></li></ul>
<p class="copyright">All rights reserved for Rasa News Agency. Use of the contents with reference to the source is permitted.</p>
</div>
<script>
function acceptCookies(){document.cookie='cookie_law=1;max-age=31536000;path=/';document.getElementById('cookie-law').style.display='none';}
if(document.cookie.indexOf('cookie_law=1')>-1){document.getElementById('cookie-law').style.display='none';}
</script>
</body>
</html>
`;
}

function renderArticle(article: SourceArticle, ctx: TemplateContext): string {
  const firstImage = article.blocks.find((b) => b.kind === 'figure');
  const body = blocksToHtml(article, {
    figure: (f) => `<div class="news-image"><img src="${imageUrl('rasa', f.image)}" alt="${esc(f.caption)}" width="420" height="280"><div class="image-caption">${esc(f.caption)}</div></div>`,
    heading: (t) => `<h3>${t}</h3>`,
    // The agency's editor puts an empty paragraph between paragraphs.
    spacer: '<p>&nbsp;</p>',
  });
  const related = ctx.siblings
    .map((s) => `<li><a href="${articleUrl(s)}">${esc(s.title)}</a><span class="date">${rasaDate(s.published)}</span></li>`)
    .join('\n');
  return `${head(article.title, article.summary, articleUrl(article), firstImage?.kind === 'figure' ? imageUrl('rasa', firstImage.image) : null)}
<body class="news-page">
${header(article.section)}
<div class="container">
<div class="col-main">
<div class="breadcrumb"><a href="${B}/en/">Home</a> &raquo; <a href="${B}/en/service/${article.section.toLowerCase()}">${esc(article.section)}</a></div>
<div class="news-box" id="news-${article.id}">
<div class="news-head">
<div class="service"><span class="service-label">Service :</span> <a class="service-name" href="${B}/en/service/${article.section.toLowerCase()}">${esc(article.section)}</a></div>
<div class="news-date">${rasaDate(article.published)}</div>
<div class="news-id">News ID: ${esc(article.id)}</div>
<div class="font-size"><a href="javascript:void(0)" class="font-resize" title="Text size">A</a></div>
</div>
<h1 class="news-title">${esc(article.title)}</h1>
<div class="news-body">
${body}
</div>
<div class="news-footer">
<div class="view-count" title="Views"><i class="icon-eye"></i> <span>${esc(article.views ?? '0/0')}</span></div>
<div class="share-bar"><span>Share:</span>
<a class="share-facebook" href="https://www.facebook.com/sharer.php?u=${articleUrl(article)}">Facebook</a>
<a class="share-twitter" href="https://twitter.com/share?url=${articleUrl(article)}">Twitter</a>
<a class="share-telegram" href="https://telegram.me/share/url?url=${articleUrl(article)}">Telegram</a>
<a class="print" href="${B}/en/print/${esc(article.id)}">Print</a>
<a class="send-friend" href="${B}/en/send/${esc(article.id)}">Send to friend</a>
<span class="short-link">Short link: ${B}/en/n/${esc(article.id)}</span>
</div>
</div>
</div>
<div class="related-news"><div class="box-title">Related news</div><ul>
${related}
</ul></div>
<div class="comments">
<div class="comment-title">Send comment</div>
<form class="comment-form" action="${B}/en/comment/${esc(article.id)}" method="post">
<div class="comment-hint">Please type in your comments in English.</div>
<div class="comment-policy">The comments that contain insults or libel to individuals, ethnicities, or contradictions with the laws of the country and religious teachings will not be disclosed</div>
<input type="text" name="name" placeholder="Name"> <input type="email" name="email" placeholder="Email">
<textarea name="body" rows="6" cols="60"></textarea>
<button type="submit">Send</button>
</form>
</div>
</div>
${sidebar(ctx.siblings)}
</div>
${footer()}`;
}

function renderHome(articles: SourceArticle[]): string {
  const list = articles
    .map((a) => `<div class="news-item"><a href="${articleUrl(a)}"><h3>${esc(a.title)}</h3></a><p class="lead">${esc(a.summary)}</p><span class="date">${rasaDate(a.published)}</span></div>`)
    .join('\n');
  return `${head('Home', 'Rasa News Agency, news of the Hawzah and the Islamic world', `${B}/en/`, null)}
<body class="home-page">
${header('Home')}
<div class="container"><div class="col-main"><div class="latest-news"><div class="box-title">Latest news</div>
${list}
</div></div>
${sidebar([])}
</div>
${footer()}`;
}

function renderFeed(articles: SourceArticle[]): string {
  const items = articles
    .map(
      (a) => `<item>
<title>${esc(a.title)}</title>
<link>${articleUrl(a)}</link>
<description>${esc(a.summary)}</description>
<category>${esc(a.section)}</category>
<pubDate>${new Date(a.published).toUTCString()}</pubDate>
<guid>${B}/en/news/${esc(a.id)}</guid>
<enclosure url="${imageUrl('rasa', firstImage(a) ?? 'rasa-logo.png')}" length="68" type="image/png"/>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Rasa News Agency - All news</title>
<link>${B}/en/</link>
<description>Rasa News Agency (RNA): latest news of the Hawzah, Iran and the Islamic world</description>
<language>en</language>
<copyright>Rasa News Agency</copyright>
<lastBuildDate>${new Date(articles[0]?.published ?? '2017-03-09T00:00:00Z').toUTCString()}</lastBuildDate>
<ttl>15</ttl>
${items}
</channel>
</rss>
`;
}

function firstImage(a: SourceArticle): string | null {
  const f = a.blocks.find((b) => b.kind === 'figure');
  return f?.kind === 'figure' ? f.image : null;
}

/** Rasa-style religious news agency: RSS 2.0, News ID / view counter / comment-policy chrome. */
export const rasaTemplate: AgencyTemplate = {
  agency: 'rasa',
  displayName: 'Rasa News Agency',
  feedPath: '/en/rss/allnews',
  feedContentType: 'application/rss+xml; charset=utf-8',
  chromeImages: ['rasa-logo.png'],
  renderArticle,
  renderHome,
  renderFeed,
};
