import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../config/index.js';
import { openCrawler, rewriteBoard, type Crawler } from '../../ops/index.js';
import type { OutputSink } from '../../store/index.js';
import type { ArticleRecord, RunSummary } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, reportCommandError } from '../command-options.js';
import { renderTable } from '../render-table.js';
import { createCliLogger, type LogFlags } from '../runtime.js';

/** Marks a directory as the demo's own, so a second demo may clear it without risking user data. */
const DEMO_MARKER = '.wiredesk-demo';

interface DemoFlags extends LogFlags {
  out: string;
}

/** `wiredesk demo`: crawl the built-in demo wire on 127.0.0.1 and print the story groups. */
export function registerDemoCommand(ctx: CommandContext): void {
  const command = ctx.program
    .command('demo')
    .description('start the built-in demo wire on 127.0.0.1, crawl it like `run`, print the story groups')
    .option('-o, --out <dir>', 'output directory', './demo-out');
  addLogOptions(command).action(async (flags: DemoFlags) => {
      ctx.setExitCode(await demoCommand(ctx, flags));
    });
}

async function demoCommand(ctx: CommandContext, flags: DemoFlags): Promise<number> {
  const outDir = resolve(flags.out);
  const logger = createCliLogger({ ...flags, quiet: flags.quiet ?? !flags.verbose }, ctx);
  try {
    await prepareOutDir(outDir);
  } catch (error) {
    ctx.err(`wiredesk demo: ${(error as Error).message}\n`);
    return EXIT.FATAL;
  }
  // Loaded when the command runs, not when the CLI starts: every invocation registers every command.
  const { startDemoWire, demoSourcesConfig } = await import('../../demo/index.js');
  const wire = await startDemoWire();
  let crawler: Crawler | null = null;
  try {
    // The demo hosts are ours and on loopback: a short politeness gap keeps the demo quick. Its
    // reports span three weeks of 2017; committed in publication order at the end of the run (one
    // long hold), the groups do not depend on which page a loaded machine extracts first.
    const config = parseConfig({ sources: demoSourcesConfig(wire), fetch: { minHostGapMs: 20, maxRetries: 1 }, stories: { commitHoldMs: 600_000 } }, null);
    crawler = await openCrawler(config, { outDir, logger });
    const report = await crawler.run({ signal: ctx.stop });
    const board = await rewriteBoard(crawler);
    ctx.out(await renderGroups(crawler.sink, report));
    ctx.out(`\n${report.totals.articlesWritten} articles from ${report.totals.sources} agencies written to ${outDir} (run report: runs/${report.runId}.json)\n`);
    if (board !== null) ctx.out(`story board: ${join(outDir, board.written[0] ?? '')} (open it in a browser); feeds: ${board.written.slice(1).join(', ')}\n`);
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'demo', error);
  } finally {
    await crawler?.close();
    await wire.close();
  }
}

/** Starts from an empty directory: ours from an earlier demo is cleared, anything else is refused. */
async function prepareOutDir(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => null);
  if (entries !== null && entries.length > 0) {
    if (!entries.includes(DEMO_MARKER)) throw new Error(`${outDir} exists and is not an earlier demo output; choose another --out`);
    await rm(outDir, { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, DEMO_MARKER), 'written by `wiredesk demo`; the next demo run clears this directory\n');
}

/** One table row per article, grouped by story (biggest first): group number, agency, title and why it joined. */
async function renderGroups(sink: OutputSink, report: RunSummary): Promise<string> {
  const articles: ArticleRecord[] = [];
  for (const ref of report.written.articles) {
    const article = await sink.readArticle(ref.id, ref.filedDay);
    if (article !== null) articles.push(article);
  }
  const byStory = new Map<string, ArticleRecord[]>();
  for (const a of articles) byStory.set(a.story.id, [...(byStory.get(a.story.id) ?? []), a]);
  const agencyOf = new Map(articles.map((a) => [a.id, a.feed.name]));
  const rows: string[][] = [];
  let group = 0;
  // Groups with several members first: they are what the demo is about.
  const groups = [...byStory.values()].sort((a, b) => b.length - a.length);
  for (const members of groups) {
    group++;
    members.forEach((a, i) => {
      const why = a.story.duplicateOf !== null ? `copy of ${agencyOf.get(a.story.duplicateOf) ?? a.story.duplicateOf} (${a.story.distance} bits)` : a.story.reason === 'similar' ? `same story (sim ${a.story.similarity?.toFixed(2)})` : '';
      rows.push([i === 0 ? String(group) : '', a.feed.name, a.title, why]);
    });
  }
  return `Story groups (${byStory.size} stories, ${articles.length} articles):\n\n` + renderTable(['group', 'agency', 'title', 'why'], rows, 64) + DEMO_LEGEND;
}

/** What the "why" column says, for a first-time reader of the demo table. */
export const DEMO_LEGEND = `
why:
  copy of X (N bits)    a syndicated copy of agency X's report: their 64-bit simhash fingerprints differ
                        in N of 64 bits (0 = the same words; a few for a retitled, trimmed, re-credited
                        copy), confirmed by shared word sequences; recorded as story.duplicateOf
  same story (sim S)    another write-up of the same event, in the story because its words are similar
                        to its closest report there: S is that cosine similarity, 0 (nothing in
                        common) to 1 (the same words); recorded as story.similarity
  (blank)               the first report of its story, or a story of its own
`;
