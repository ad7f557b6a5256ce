import { DEFAULT_FETCH, DEFAULT_SITEMAP } from '../../config/index.js';
import type { DiscoverResult } from '../../sources/index.js';
import { EXIT, type CommandContext } from '../command-context.js';

interface DiscoverFlags {
  json?: boolean;
  allowPrivate?: boolean;
}

/**
 * `wiredesk discover URL`: lists the feeds a site's page advertises and the news sitemaps its
 * robots.txt lists, with `sources[]` entries to paste into a config. Exit 0 when it found a
 * source, 1 when it found none (the reasons are printed).
 */
export function registerDiscoverCommand(ctx: CommandContext): void {
  ctx.program
    .command('discover')
    .description("list a site's feeds (<link rel=alternate>) and news sitemaps (robots.txt Sitemap: lines)")
    .argument('<url>', 'the site, e.g. https://agency.example/')
    .option('--json', 'print the result as one JSON document')
    .option('--allow-private', 'allow fetching from loopback/private addresses (local test servers)')
    .action(async (url: string, flags: DiscoverFlags) => {
      ctx.setExitCode(await discoverCommand(ctx, url, flags));
    });
}

async function discoverCommand(ctx: CommandContext, url: string, flags: DiscoverFlags): Promise<number> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    ctx.err(`wiredesk discover: not an http(s) URL: ${url}\n`);
    return EXIT.USAGE;
  }
  // Loaded when the command runs, not when the CLI starts: every invocation registers every command.
  const [{ createFetcher }, { discoverSources }] = await Promise.all([import('../../fetch/index.js'), import('../../sources/index.js')]);
  const fetcher = createFetcher({ config: { ...DEFAULT_FETCH, maxRetries: 1 } });
  let result: DiscoverResult;
  try {
    result = await discoverSources(url, { fetcher, sitemap: DEFAULT_SITEMAP, now: new Date(), allowPrivateNetwork: flags.allowPrivate === true });
  } finally {
    await fetcher.close();
  }
  if (flags.json === true) ctx.out(`${JSON.stringify(result, null, 2)}\n`);
  else ctx.out(render(result, flags.allowPrivate === true));
  return result.sources.length > 0 ? EXIT.OK : EXIT.FATAL;
}

function render(result: DiscoverResult, allowPrivateNetwork: boolean): string {
  const lines: string[] = [];
  const width = Math.max(0, ...result.sources.map((s) => s.url.length));
  for (const s of result.sources) lines.push(`${s.kind.padEnd(13)} ${s.url.padEnd(width)}  ${s.via}: ${s.title === null ? s.note : `"${s.title}", ${s.note}`}`);
  if (result.sources.length === 0) lines.push(`no feed or news sitemap found for ${result.site}`);
  for (const url of result.otherSitemaps) lines.push(`(not news)    ${url}`);
  for (const p of result.problems) lines.push(`problem: ${p.documentUrl}: ${p.code}: ${p.message}`);
  if (result.sources.length > 0) {
    const host = new URL(result.site).hostname;
    lines.push('', 'sources to add to the config:');
    for (const s of result.sources) {
      const entry = {
        ...(s.kind === 'feed' ? { name: s.title ?? host, url: s.url } : { name: `${s.title ?? host} (news sitemap)`, url: s.url, kind: s.kind }),
        ...(allowPrivateNetwork ? { allowPrivateNetwork: true } : {}),
      };
      lines.push(`  ${JSON.stringify(entry)},`);
    }
  }
  return `${lines.join('\n')}\n`;
}
