import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, ROOT } from '../support/cli-process.js';

/**
 * The library API (issue 15): the package as `npm pack` ships it, installed into a project of its
 * own and imported by name, `import … from 'wiredesk'`. No network: the tarball is unpacked into
 * the project's node_modules and its dependencies are the ones this checkout installed.
 */
describe.skipIf(!BUILT)('the wiredesk package, imported by name', () => {
  let dir: string;
  let project: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-pkg-'));
    project = join(dir, 'consumer');
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const installed = join(project, 'node_modules', 'wiredesk');
    await mkdir(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(dir, packed[0]!.filename), '-C', installed, '--strip-components=1']);
    await symlink(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { wiredesk: '0.1.0' } }));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('node -e "import(\'wiredesk\')" works from a project that depends on it', () => {
    const result = spawnSync(process.execPath, ['-e', "import('wiredesk').then((m) => console.log(Object.keys(m).sort().join(',')))"], { cwd: project, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split(',')).toEqual(expect.arrayContaining(['crawl', 'parseFeed', 'extractArticle', 'groupDocuments', 'parseConfig', 'WiredeskError']));
  });

  it('crawls a config object, parses a feed, extracts a page and groups documents through the public API', async () => {
    await writeFile(join(project, 'use.mjs'), CONSUMER);
    const result = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen).toEqual({
      feedItems: 2,
      extractedTitle: 'Port terminal opens',
      groups: ['s', 's', 'other'],
      duplicateOf: 'a',
      crawl: { status: 'ok', articlesWritten: 2 },
      configError: 'CONFIG_INVALID',
    });
  }, 60_000);

  it('type-checks a TypeScript consumer against the shipped declarations', async () => {
    await writeFile(join(project, 'use.ts'), TS_CONSUMER);
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] }, files: ['use.ts'] }));
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  }, 60_000);
});

const CONSUMER = `
import { createServer } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl, parseFeed, extractArticle, groupDocuments, WiredeskError } from 'wiredesk';

const para = '<p>The port authority said on Monday that the new container terminal would open in the spring, doubling capacity on the northern quay and ending years of delays.</p>';
const page = (t) => '<!doctype html><html><head><title>' + t + '</title></head><body><article><h1>' + t + '</h1>' + para.repeat(6) + '</article></body></html>';
const rss = (base) => '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>' + base + '/</link>'
  + '<item><title>Port terminal opens</title><link>' + base + '/a</link><guid>a</guid></item>'
  + '<item><title>Rail strike called off</title><link>' + base + '/b</link><guid>b</guid></item></channel></rss>';
const server = createServer((req, res) => {
  const base = 'http://127.0.0.1:' + server.address().port;
  if (req.url === '/feed.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(base));
  if (req.url === '/robots.txt') return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html' }).end(page(req.url === '/a' ? 'Port terminal opens' : 'Rail strike called off'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = 'http://127.0.0.1:' + server.address().port;

const feed = parseFeed(rss(base), { fetchedAt: new Date() });
const extracted = extractArticle({ html: page('Port terminal opens'), url: base + '/a' });
const text = 'The port authority said on Monday that the new container terminal would open in the spring, doubling capacity on the northern quay. '.repeat(5);
const groups = await groupDocuments([
  { id: 'a', title: 'Terminal opens', text, publishedAt: '2026-03-02T10:00:00Z' },
  { id: 'b', title: 'Terminal opens', text, publishedAt: '2026-03-02T11:00:00Z' },
  { id: 'c', title: 'Rail strike', text: 'Rail workers called off a strike planned for Friday after the union accepted a new pay offer from the operator. '.repeat(5), publishedAt: '2026-03-02T12:00:00Z' },
]);
const out = await mkdtemp(join(tmpdir(), 'consumer-out-'));
const report = await crawl({ sources: [{ name: 'Wire', url: base + '/feed.xml', allowPrivateNetwork: true }], fetch: { minHostGapMs: 10 }, extract: { workers: 0 } }, { outDir: out });
let configError = null;
try { await crawl({ sources: [{ name: 'x' }] }, { outDir: out }); } catch (e) { configError = e instanceof WiredeskError ? e.code : String(e); }
server.close();
console.log(JSON.stringify({
  feedItems: feed.items.length,
  extractedTitle: extracted.title,
  groups: groups.map((g) => (g.storyId === groups[0].storyId ? 's' : 'other')),
  duplicateOf: groups[1].duplicateOf,
  crawl: { status: report.status, articlesWritten: report.totals.articlesWritten },
  configError,
}));
`;

const TS_CONSUMER = `
import { crawl, groupDocuments, parseFeed, WiredeskError, type RunSummary, type GroupedDocument, type ParsedFeed } from 'wiredesk';

export async function example(): Promise<[RunSummary, GroupedDocument[], ParsedFeed]> {
  const report: RunSummary = await crawl({ sources: [] }, { outDir: '/tmp/out' });
  const groups: GroupedDocument[] = await groupDocuments([{ id: '1', text: 'text' }], { windowHours: 24 });
  const feed: ParsedFeed = parseFeed('<rss/>', { fetchedAt: new Date() });
  const error: WiredeskError = new WiredeskError('CONFIG_INVALID', 'x');
  void error.code;
  return [report, groups, feed];
}
`;
