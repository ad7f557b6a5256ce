import { DEFAULT_FETCH } from '../../config/index.js';
import { isWiredeskError } from '../../errors/index.js';
import type { ParsedFeed } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { readInputFile } from '../read-input-file.js';

interface FeedFlags {
  base?: string;
  contentType?: string;
  allowPrivate?: boolean;
}

/**
 * `wiredesk feed FILE|URL`: parses one feed and prints `{feed, items, warnings}` as one JSON
 * document, for debugging a source. A URL is fetched with the production fetcher (default fetch
 * config, robots not consulted for feeds); exit 0 on success, 1 when it cannot be read or is no feed.
 */
export function registerFeedCommand(ctx: CommandContext): void {
  ctx.program
    .command('feed')
    .description('parse one feed file or URL and print the normalized items as JSON')
    .argument('<source>', 'feed file path, or http(s) URL')
    .option('--base <url>', 'base URL for relative links (default: the URL fetched, none for a file)')
    .option('--content-type <value>', 'Content-Type to assume, e.g. "application/rss+xml; charset=windows-1256"')
    .option('--allow-private', 'allow fetching from loopback/private addresses (local test servers)')
    .action(async (source: string, flags: FeedFlags) => {
      ctx.setExitCode(await feedCommand(ctx, source, flags));
    });
}

async function feedCommand(ctx: CommandContext, source: string, flags: FeedFlags): Promise<number> {
  try {
    const fetched = /^https?:\/\//i.test(source) ? await fetchFeed(source, flags.allowPrivate === true) : await readFeedFile(source);
    // Loaded when the command runs, not when the CLI starts: every invocation registers every command.
    const { parseFeed } = await import('../../feeds/index.js');
    const parsed = parseFeed(fetched.body, {
      contentType: flags.contentType ?? fetched.contentType,
      baseUrl: flags.base ?? fetched.url,
      fetchedAt: fetched.fetchedAt,
    });
    ctx.out(`${JSON.stringify(toOutput(parsed), null, 2)}\n`);
    return EXIT.OK;
  } catch (error) {
    if (!isWiredeskError(error)) {
      ctx.err(`wiredesk feed: cannot read ${source}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.FATAL;
    }
    const e = error;
    const feedUrl = e.details?.['feedUrl'];
    ctx.err(`wiredesk feed: ${e.code}: ${e.message}\n` + (typeof feedUrl === 'string' ? `try: wiredesk feed ${feedUrl}\n` : ''));
    return EXIT.FATAL;
  }
}

interface FetchedFeed {
  body: Uint8Array;
  contentType: string | null;
  url: string | null;
  fetchedAt: Date;
}

async function readFeedFile(path: string): Promise<FetchedFeed> {
  return { body: new Uint8Array(await readInputFile(path, 'feed')), contentType: null, url: null, fetchedAt: new Date() };
}

async function fetchFeed(url: string, allowPrivateNetwork: boolean): Promise<FetchedFeed> {
  const [{ createFetcher }, { FEED_ACCEPT }] = await Promise.all([import('../../fetch/index.js'), import('../../sources/index.js')]);
  const fetcher = createFetcher({ config: { ...DEFAULT_FETCH, maxRetries: 1 } });
  try {
    const response = await fetcher.fetch({ url, accept: FEED_ACCEPT, allowPrivateNetwork, obeyRobots: false });
    return { body: response.body, contentType: response.contentType, url: response.finalUrl, fetchedAt: new Date(response.fetchedAt) };
  } finally {
    await fetcher.close();
  }
}

/** The documented output shape: feed facts first, then items, then the repairs made. */
function toOutput(parsed: ParsedFeed): unknown {
  const { format, encoding, encodingSource, title, link, language, ttlMinutes } = parsed.feed;
  return { feed: { format, encoding, encodingSource, title, link, language, ttlMinutes }, items: parsed.items, warnings: parsed.warnings };
}
