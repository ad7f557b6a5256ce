import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_EXTRACT, loadConfig, siteRulesFor, type ExtractConfig } from '../../config/index.js';
import { decodeBytes } from '../../encoding/index.js';
import { toWiredeskError, WiredeskError } from '../../errors/index.js';
import type { ExtractedArticle, ExtractorPool } from '../../extract/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { readInputFile } from '../read-input-file.js';

interface ExtractFlags {
  url?: string;
  input?: string;
  config?: string;
  html?: boolean;
  workers?: string;
  timeout?: string;
}

/** One file to extract and the URL it was fetched from. */
interface ExtractJob {
  /** As the user wrote it (printed back). */
  file: string;
  /** Where to read it (list entries resolve against the list's folder). */
  path: string;
  url: string | null;
}

// Files in flight at once when workers are used: enough to keep every worker busy, few enough to bound memory.
const WINDOW_PER_WORKER = 2;

/** `wiredesk extract`: run the article extractor over saved pages and print one JSON line per file. */
export function registerExtractCommand(ctx: CommandContext): void {
  ctx.program
    .command('extract')
    .description('extract article text and metadata from saved .html / .html.gz pages; prints one JSON line per file')
    .argument('[files...]', 'HTML files (.html or .html.gz)')
    .option('--url <url>', 'the URL the files were fetched from (resolves relative links; picks site rules)')
    .option('--input <list.jsonl>', 'read jobs from a JSON-lines file of {"file", "url"} (relative paths are relative to the list)')
    .option('-c, --config <file>', 'wiredesk config: per-site extract rules, size cap, time budget')
    .option('--html', 'include the sanitized HTML in the output')
    .option('--workers <n>', 'worker threads (0 = in this thread)', '0')
    // No commander default here: it would always win over the config's extract.timeoutMs.
    .option('--timeout <ms>', `time budget per page with --workers (default: the config's extract.timeoutMs, else ${DEFAULT_EXTRACT.timeoutMs})`)
    .action(async (files: string[], flags: ExtractFlags) => {
      ctx.setExitCode(await extractCommand(ctx, files, flags));
    });
}

async function extractCommand(ctx: CommandContext, files: string[], flags: ExtractFlags): Promise<number> {
  let jobs: ExtractJob[];
  let extractConfig: ExtractConfig | null = null;
  try {
    jobs = files.map((file) => ({ file, path: file, url: flags.url ?? null }));
    if (flags.input !== undefined) jobs.push(...(await readJobList(flags.input)));
    if (flags.config !== undefined) extractConfig = (await loadConfig(flags.config)).extract;
  } catch (error) {
    const e = toWiredeskError(error, 'CONFIG_INVALID');
    ctx.err(`wiredesk extract: ${e.code}: ${e.message}\n`);
    return e.code === 'CONFIG_INVALID' ? EXIT.USAGE : EXIT.FATAL;
  }
  if (jobs.length === 0) {
    ctx.err('wiredesk extract: give FILE... or --input LIST.jsonl\n');
    return EXIT.USAGE;
  }
  const workers = Math.max(0, Number.parseInt(flags.workers ?? '0', 10) || 0);
  const timeoutMs = Number.parseInt(flags.timeout ?? '', 10) || (extractConfig ?? DEFAULT_EXTRACT).timeoutMs;
  // Loaded when the command runs, not when the CLI starts: every invocation registers every command.
  const { createExtractorPool } = await import('../../extract/index.js');
  const pool = createExtractorPool({ workers, timeoutMs });
  // The clock is read once: a page dated after the command started is clamped as a crawl clamps it.
  const now = new Date().toISOString();
  let failed = 0;
  try {
    // Results print in input order; with workers a small window of files is in flight at once.
    const window = Math.max(1, workers * WINDOW_PER_WORKER);
    // Stopped (SIGINT/SIGTERM, or the reader of the output went away): no more files are started.
    for (let start = 0; start < jobs.length && !ctx.stop.aborted; start += window) {
      const batch = jobs.slice(start, start + window);
      const lines = await Promise.all(batch.map((job) => extractOne(job, pool, extractConfig, flags.html === true, now)));
      for (const line of lines) {
        if ('error' in line) failed++;
        ctx.out(`${JSON.stringify(line)}\n`);
      }
      // One event-loop turn between batches keeps memory flat over thousands of files (FACTS.md).
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    await pool.close();
  }
  if (failed === 0) return EXIT.OK;
  return failed === jobs.length ? EXIT.FATAL : EXIT.PARTIAL;
}

async function extractOne(job: ExtractJob, pool: ExtractorPool, config: ExtractConfig | null, withHtml: boolean, now: string): Promise<Record<string, unknown>> {
  const url = job.url ?? pathToFileURL(resolve(job.path)).href;
  try {
    const bytes = await readInputFile(job.path, 'extract');
    const raw = job.path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    const decoded = decodeBytes(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), { kind: 'html' });
    const site = config === null ? null : siteRulesFor(config, url);
    const article = await pool.extract({ html: decoded.text, url, site, maxHtmlBytes: config?.maxHtmlBytes, now });
    return toLine(job.file, url, article, decoded, withHtml);
  } catch (error) {
    const e = toWiredeskError(error, 'EXTRACT_FAILED', url);
    return { file: job.file, url, error: { code: e.code, message: e.message, details: e.details ?? null } };
  }
}

function toLine(file: string, url: string, a: ExtractedArticle, decoded: { encoding: string; source: string }, withHtml: boolean): Record<string, unknown> {
  return {
    file, url, title: a.title, text: a.text, byline: a.byline, publishedAt: a.publishedAt, updatedAt: a.updatedAt,
    language: a.language, direction: a.direction, siteName: a.siteName, canonicalUrl: a.canonicalUrl, leadImage: a.leadImage,
    wordCount: a.wordCount, clampedDates: a.clampedDates,
    extraction: { ...a.extraction, encoding: decoded.encoding, encodingSource: decoded.source },
    provenance: a.provenance,
    ...(withHtml ? { html: a.html } : {}),
  };
}

async function readJobList(path: string): Promise<ExtractJob[]> {
  const base = resolve(path, '..');
  const text = (await readInputFile(path, 'extract --input')).toString('utf8');
  const jobs: ExtractJob[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new WiredeskError('CONFIG_INVALID', `${path}:${index + 1}: not a JSON line`);
    }
    const record = parsed as { file?: unknown; url?: unknown };
    if (typeof record.file !== 'string') throw new WiredeskError('CONFIG_INVALID', `${path}:${index + 1}: "file" must be a string`);
    jobs.push({ file: record.file, path: resolve(base, record.file), url: typeof record.url === 'string' ? record.url : null });
  });
  return jobs;
}
