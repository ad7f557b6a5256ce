import { articleUrl, base, blocksToHtml, esc, imageUrl, localParts } from '../html-helpers.js';
import type { SourceArticle } from '../source-article.js';
import type { AgencyTemplate, TemplateContext } from './agency-template.js';

const B = base('tigris');

/** "March 7, 2017": the WordPress theme's date format. */
function wpDate(iso: string): string {
  const p = localParts(iso);
  return `${p.monthName} ${p.day}, ${p.year}`;
}

function page(title: string, bodyClass: string, canonical: string, content: string, recent: SourceArticle[]): string {
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="http://gmpg.org/xfn/11">
<title>${esc(title)} &#8211; The Tigris Times</title>
<link rel="alternate" type="application/rss+xml" title="The Tigris Times &raquo; Feed" href="${B}/feed/">
<link rel="canonical" href="${canonical}">
<meta name="generator" content="WordPress 4.7.3">
<style id="twentyseventeen-style-inline-css">
.site-header{background:#0b3954;color:#fff}.entry-content p{margin:0 0 1.5em}
.jp-relatedposts-post{display:inline-block;width:30%}
#cookie-notice{position:fixed;bottom:0;left:0;right:0;background:#333;color:#fff;text-align:center}
</style>
<script type="text/javascript">
window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/2.2.1\\/72x72\\/","ext":".png"};
</script>
</head>
<body class="${bodyClass}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header" role="banner">
<div class="site-branding"><a href="${B}/" rel="home"><img src="${imageUrl('tigris', 'tigris-logo.png')}" class="custom-logo" alt="The Tigris Times" width="250" height="50"></a>
<p class="site-description">Independent news from Iraq since 2009</p></div>
<nav id="site-navigation" class="main-navigation" role="navigation" aria-label="Top Menu">
<button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">Menu</button>
<ul id="top-menu" class="menu">
<li class="menu-item"><a href="${B}/">Home</a></li>
<li class="menu-item"><a href="${B}/politics/">Politics</a></li>
<li class="menu-item"><a href="${B}/security/">Security</a></li>
<li class="menu-item"><a href="${B}/economy/">Economy</a></li>
<li class="menu-item"><a href="${B}/sport/">Sport</a></li>
<li class="menu-item"><a href="${B}/about/">About</a></li>
</ul></nav>
</header>
<div class="site-content-contain"><div id="content" class="site-content">
<div class="wrap"><div id="primary" class="content-area"><main id="main" class="site-main" role="main">
${content}
</main></div>
<aside id="secondary" class="widget-area" role="complementary">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="${B}/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></label><button type="submit" class="search-submit">Search</button></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
${recent.map((r) => `<li><a href="${articleUrl(r)}">${esc(r.title)}</a></li>`).join('\n')}
</ul></section>
<section id="text-3" class="widget widget_text"><h2 class="widget-title">Get the Times by email</h2><div class="textwidget"><p>Join 12,000 readers who get our morning digest.</p><form class="mc4wp-form" method="post" action="${B}/subscribe/"><input type="email" name="EMAIL" placeholder="Your email address" required><input type="submit" value="Sign up"></form></div></section>
</aside>
</div></div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="wrap">
<div class="site-info">&copy; 2017 The Tigris Times &middot; <a href="${B}/privacy-policy/">Privacy Policy</a> &middot; <a href="https://wordpress.org/">Proudly powered by WordPress</a></div>
</div></footer>
</div></div>
<div id="cookie-notice" role="banner"><span id="cn-notice-text">We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span><a href="#" id="cn-accept-cookie" class="cn-set-cookie button">Ok</a></div>
<script type="text/javascript">
var cnArgs = {"ajaxurl":"${B}\\/wp-admin\\/admin-ajax.php","hideEffect":"fade","cookieName":"cookie_notice_accepted"};
</script>
</body>
</html>
`;
}

function renderArticle(article: SourceArticle, ctx: TemplateContext): string {
  const body = blocksToHtml(article, {
    figure: (f) => `<figure class="wp-caption aligncenter"><img class="size-large" src="${imageUrl('tigris', f.image)}" alt="" width="1024" height="576"><figcaption class="wp-caption-text">${esc(f.caption)}</figcaption></figure>`,
    heading: (t) => `<h3>${t}</h3>`,
    dateline: (d) => `<strong>${d}</strong>`,
  });
  // Syndicated copies carry the licensor's credit at the foot of the post, as the licence asks.
  const credit = article.copyOf ? `\n<p class="syndication-credit"><em>Distributed by ${esc(article.byline)}. Republished with permission.</em></p>` : '';
  const related = ctx.siblings
    .map((s) => `<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="${articleUrl(s)}">${esc(s.title)}</a></h4><p class="jp-relatedposts-post-date">${wpDate(s.published)}</p></div>`)
    .join('\n');
  const content = `<article id="post-${esc(article.id)}" class="post-${esc(article.id)} post type-post status-publish format-standard hentry category-${article.section.toLowerCase()}">
<header class="entry-header">
<div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">Posted on</span> <a href="${articleUrl(article)}" rel="bookmark"><time class="entry-date published" datetime="${article.published}">${wpDate(article.published)}</time></a></span> <span class="byline">by <span class="author vcard">${esc(article.byline)}</span></span></div>
<h1 class="entry-title">${esc(article.title)}</h1>
</header>
<div class="entry-content">
${body}${credit}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><ul>
<li class="share-twitter"><a class="share-twitter sd-button" href="${articleUrl(article)}?share=twitter" title="Click to share on Twitter"><span>Twitter</span></a></li>
<li class="share-facebook"><a class="share-facebook sd-button" href="${articleUrl(article)}?share=facebook" title="Click to share on Facebook"><span>Facebook</span></a></li>
<li class="share-email"><a class="share-email sd-button" href="${articleUrl(article)}?share=email" title="Click to email this to a friend"><span>Email</span></a></li>
</ul></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
${related}
</div>
</div>
<footer class="entry-footer"><span class="cat-tags-links"><span class="cat-links">Posted in <a href="${B}/${article.section.toLowerCase()}/" rel="category tag">${esc(article.section)}</a></span></span></footer>
</article>
<nav class="navigation post-navigation" role="navigation"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="${B}/" rel="prev"><span class="nav-title">Back to the front page</span></a></div></div></nav>
<div id="comments" class="comments-area">
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="${B}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" size="30" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" size="30" required></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
</form></div></div>`;
  return page(article.title, `post-template-default single single-post postid-${esc(article.id)} single-format-standard`, articleUrl(article), content, ctx.siblings);
}

function renderHome(articles: SourceArticle[]): string {
  const list = articles
    .map((a) => `<article class="post hentry"><header class="entry-header"><h2 class="entry-title"><a href="${articleUrl(a)}" rel="bookmark">${esc(a.title)}</a></h2></header><div class="entry-summary"><p>${esc(a.summary)}</p></div></article>`)
    .join('\n');
  return page('Independent news from Iraq', 'home blog', `${B}/`, list, articles);
}

function renderFeed(articles: SourceArticle[]): string {
  const items = articles
    .map(
      (a) => `	<item>
		<title>${esc(a.title)}</title>
		<link>${articleUrl(a)}</link>
		<comments>${articleUrl(a)}#respond</comments>
		<pubDate>${new Date(a.published).toUTCString().replace('GMT', '+0000')}</pubDate>
		<dc:creator><![CDATA[${a.byline}]]></dc:creator>
		<category><![CDATA[${a.section}]]></category>
		<guid isPermaLink="false">${B}/?p=${esc(a.id)}</guid>
		<description><![CDATA[${a.summary} [&#8230;]]]></description>
		<slash:comments>0</slash:comments>
	</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>The Tigris Times</title>
	<atom:link href="${B}/feed/" rel="self" type="application/rss+xml" />
	<link>${B}</link>
	<description>Independent news from Iraq since 2009</description>
	<lastBuildDate>${new Date(articles[0]?.published ?? '2017-03-11T00:00:00Z').toUTCString().replace('GMT', '+0000')}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=4.7.3</generator>
${items}
</channel>
</rss>
`;
}

/** The Tigris Times: a WordPress-built Iraqi outlet (RSS 2.0) that republishes wire copy. */
export const tigrisTemplate: AgencyTemplate = {
  agency: 'tigris',
  displayName: 'The Tigris Times',
  feedPath: '/feed/',
  feedContentType: 'application/rss+xml; charset=UTF-8',
  chromeImages: ['tigris-logo.png'],
  renderArticle,
  renderHome,
  renderFeed,
};
