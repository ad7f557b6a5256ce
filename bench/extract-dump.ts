/**
 * Dumps `extractArticle`'s result for every page of the given corpora, inline, one JSON line per page, so a
 * speed change can be checked byte for byte against the code before it (`cmp` the two files). Also the plain
 * loop to profile (`node --cpu-prof --import tsx bench/extract-dump.ts ...`): every page's HTML is read first,
 * then only extraction runs, and its CPU time is printed.
 *
 *   npx tsx bench/extract-dump.ts --out /tmp/a.jsonl [--rounds N] DIR...
 *
 * `--rounds N` runs the pages N times (only the last round is written), for steadier profiles.
 * The corpora are third-party data: read from the given paths, never copied into the repo.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCorpus, readPageHtml } from './support/extract-corpus.js';
import { extractArticle } from '../src/extract/index.js';
import { DEFAULT_EXTRACT } from '../src/config/defaults.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, rounds: { type: 'string' } },
});

async function main(): Promise<number> {
  if (positionals.length === 0) {
    process.stderr.write('usage: extract-dump [--out FILE] [--rounds N] DIR...\n');
    return 2;
  }
  const pages = positionals.flatMap((dir) => loadCorpus(dir, 'scrapinghub', Infinity).pages.map((page) => ({ page, html: readPageHtml(page) })));
  const rounds = Math.max(1, Number(values.rounds ?? '1'));
  const out = values.out === undefined ? null : createWriteStream(values.out);
  const cpu = process.cpuUsage();
  for (let round = 1; round <= rounds; round++) {
    for (const { page, html } of pages) {
      let line: string;
      try {
        line = JSON.stringify({ id: page.id, article: extractArticle({ html, url: page.url, maxHtmlBytes: DEFAULT_EXTRACT.maxHtmlBytes }) });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        line = JSON.stringify({ id: page.id, error: { code: e.code ?? 'unknown', message: e.message ?? String(error) } });
      }
      if (round === rounds && out !== null) out.write(`${line}\n`);
    }
  }
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  process.stdout.write(`${pages.length * rounds} extractions, ${seconds.toFixed(2)} CPU-s, ${((pages.length * rounds) / seconds).toFixed(1)} pages/CPU-s\n`);
  if (out !== null) await new Promise<void>((done) => out.end(done));
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`extract-dump: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
