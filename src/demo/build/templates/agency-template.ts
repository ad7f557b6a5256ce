import type { SourceArticle } from '../source-article.js';

/** What a template sees besides the article: its agency's other stories, and everyone's. */
export interface TemplateContext {
  siblings: SourceArticle[];
  all: SourceArticle[];
}

/** One agency's chrome: how its pages and feed look. Each agency is deliberately different. */
export interface AgencyTemplate {
  agency: string;
  displayName: string;
  /** URL path of the feed. */
  feedPath: string;
  feedContentType: string;
  /** URL path of a Google News sitemap beside the feed (listed in robots.txt), for agencies that publish one. */
  newsSitemapPath?: string;
  /** Images the chrome itself references (logos), served as tiny PNGs. */
  chromeImages: string[];
  renderArticle(article: SourceArticle, ctx: TemplateContext): string;
  renderHome(articles: SourceArticle[]): string;
  renderFeed(articles: SourceArticle[]): string;
}
