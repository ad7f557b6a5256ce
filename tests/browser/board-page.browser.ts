/**
 * The story board in a real browser (issue 16): Debian's Chromium driven by playwright-core, on
 * the output of `wiredesk demo` plus a second `wiredesk run` over two fixture agencies of ours
 * (an Arabic report and a report whose headline is an XSS payload), both served on loopback.
 * Report texts are not in the page: each opens from its chunk file (board/texts/<chunk>.js), loaded
 * by a script element, from file:// and from a static server alike.
 * Run with `npm run test:browser`; writes a 1280×800 screenshot to .ci/artifacts/ (and, with
 * WIREDESK_UPDATE_SCREENSHOT=1, to docs/board.png for the README).
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { demoSourcesConfig, startDemoWire, type DemoWire } from '../../src/demo/index.js';
import { launchChromium, type LaunchedChromium } from '../support/launch-chromium.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';
import { tempDir } from '../store/make-records.js';

const FIXTURE_WIRE = fileURLToPath(new URL('./fixtures/board-wire/', import.meta.url));
const ARTIFACTS = resolve('.ci/artifacts');
const HOSTILE = '<img src=x onerror=alert(document.domain)> in router admin pages lets attackers take over home networks';

let dir: { path: string; remove(): Promise<void> };
let out: string;
let browser: LaunchedChromium;
let served: StaticServer;
let boardUrl: string;

async function cli(args: string[]): Promise<void> {
  let err = '';
  const code = await main(args, { out: () => undefined, err: (t) => (err += t) });
  expect(err).toBe('');
  expect(code).toBe(0);
}

beforeAll(async () => {
  dir = await tempDir('wiredesk-browser-');
  out = join(dir.path, 'demo-out');
  await cli(['demo', '--out', out, '--log', 'json', '--quiet']);
  const extra: DemoWire = await startDemoWire({ dir: FIXTURE_WIRE });
  try {
    const config = join(dir.path, 'extra.json');
    await writeFile(config, JSON.stringify({ sources: demoSourcesConfig(extra), fetch: { minHostGapMs: 20 }, stories: { commitHoldMs: 600_000 } }));
    await cli(['run', '--config', config, '--out', out, '--log', 'json', '--quiet']);
  } finally {
    await extra.close();
  }
  boardUrl = pathToFileURL(join(out, 'board', 'index.html')).href;
  served = await serveStatic(out, '127.0.0.2');
  browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await dir?.remove();
});

/** Opens the board with the given JavaScript setting; records dialogs, page errors and CSP violations. */
async function open(url = boardUrl): Promise<{ page: Page; dialogs: string[]; errors: string[]; violations: () => Promise<string[]> }> {
  const page = await browser.context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-board-ready]');
  return { page, dialogs, errors, violations: async () => (await page.evaluate('window.__violations')) as string[] };
}

/**
 * A function to run in the page, written as text: the project compiles without the DOM lib, and
 * Playwright sends a function's source to the browser anyway.
 */
function inPage<T, A = unknown>(param: string, body: string): (arg: A) => T {
  return new Function(param, body) as (arg: A) => T;
}

const direction = inPage<string>('el', 'return getComputedStyle(el).direction');

/** Waits (up to 5 s) for the locator to match `n` elements, then asserts it: the page builds stories as they near the viewport. */
async function expectCount(locator: ReturnType<Page['locator']>, n: number): Promise<void> {
  const until = Date.now() + 5000;
  while ((await locator.count()) !== n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(await locator.count()).toBe(n);
}

/** Waits (up to 5 s) for the locator's text to contain `text`, then asserts it (a report's text is put in when it opens). */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!((await locator.textContent()) ?? '').includes(text) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(await locator.textContent()).toContain(text);
}

/** The story whose title contains all the words. */
function story(page: Page, ...words: string[]) {
  let locator = page.locator('article.story');
  for (const w of words) locator = locator.filter({ has: page.locator('h2', { hasText: w }) });
  return locator;
}

describe('the story board of the demo output', () => {
  it('shows the Mosul story with both agencies and both reports, each opening on its extracted text', async () => {
    const { page, errors } = await open();
    const mosul = story(page, 'Baghdadi', 'Mosul');
    await expect(mosul.count()).resolves.toBe(1);
    await mosul.scrollIntoViewIfNeeded();
    await expectCount(mosul.locator('ol.reports > li'), 2);
    await expect(mosul.locator('.agencies').textContent()).resolves.toBe('rasa, gulfwire');
    await expect(mosul.locator('.count').textContent()).resolves.toBe('2 reports');
    await expect(mosul.locator('ol.reports > li > details.report .agency').allTextContents()).resolves.toEqual(['rasa', 'gulfwire']);
    await expectCount(mosul.locator('svg.tl circle'), 2);
    const first = mosul.locator('ol.reports > li > details.report').first();
    await first.locator('summary').click();
    const body = first.locator('.body');
    await expectText(body, 'Ibrahim al-Samarrai');
    expect(await body.isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps report texts out of the page: opening a report loads its chunk from file:// and shows its paragraphs', async () => {
    const html = await readFile(join(out, 'board', 'index.html'), 'utf8');
    expect(html).not.toContain('Ibrahim al-Samarrai');
    const chunks = (await readdir(join(out, 'board', 'texts'))).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(0);
    const { page, errors, violations } = await open();
    const loads: string[] = [];
    page.on('request', (r) => void (r.url().includes('/board/texts/') && loads.push(r.url())));
    const mosul = story(page, 'Baghdadi', 'Mosul');
    await mosul.scrollIntoViewIfNeeded();
    const reports = mosul.locator('ol.reports > li > details.report');
    await expectCount(reports, 2);
    await reports.nth(1).locator('summary').click();
    await expectText(reports.nth(1).locator('.body'), 'Mosul');
    expect(await reports.nth(1).locator('.body > p:not(.note)').count()).toBeGreaterThan(1);
    expect(loads.length).toBe(1);
    expect(loads[0]).toMatch(/^file:\/\/.*\/board\/texts\/h\d{10}-[0-9a-f]{12}\.js$/);
    // The second report of the same hour comes from the chunk already loaded.
    await reports.nth(0).locator('summary').click();
    await expectText(reports.nth(0).locator('.body'), 'Ibrahim al-Samarrai');
    expect(loads.length).toBe(1);
    // The chunk scripts leave no element behind, and the CSP let them run (no violation).
    expect(await page.locator('script').count()).toBe(1);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('folds the syndicated copy under its original, labelled as a copy, hidden until the fold is opened', async () => {
    const { page } = await open();
    const election = story(page, 'election commission');
    await election.scrollIntoViewIfNeeded();
    const original = election.locator('ol.reports > li');
    await expectCount(original, 1);
    await expect(original.locator(':scope > details.report .agency').textContent()).resolves.toBe('meridian');
    const copy = original.locator('details.copies details.report.copy');
    await expectCount(copy, 1);
    await expect(copy.locator('.label').textContent()).resolves.toBe('copy');
    await expect(copy.locator('.agency').textContent()).resolves.toBe('tigris');
    expect(await copy.isVisible()).toBe(false);
    await original.locator('details.copies > summary').click();
    expect(await copy.isVisible()).toBe(true);
    await page.close();
  });

  it('typing "Mosul" leaves only the stories that match, and clearing brings every story back', async () => {
    const { page } = await open();
    const total = await page.locator('article.story').count();
    await page.locator('#q').pressSequentially('Mosul', { delay: 20 });
    const states = await page.locator('article.story').evaluateAll(
      inPage<{ shown: boolean; text: string }[], unknown[]>(
        'els',
        `return els.map((el) => ({ shown: !el.hidden && el.offsetParent !== null, text: (el.querySelector('h2').textContent + ' ' + el.querySelector('.agencies').textContent + ' ' + el.getAttribute('data-q')).toLowerCase() }))`,
      ),
    );
    const shown = states.filter((s) => s.shown);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.length).toBeLessThan(total);
    for (const s of states) expect(s.shown).toBe(s.text.includes('mosul'));
    await expect(page.locator('#shown').textContent()).resolves.toBe(`${shown.length} of ${total} stories`);
    expect(await story(page, 'Baghdadi', 'Mosul').isVisible()).toBe(true);
    expect(await story(page, 'Kerman').isVisible()).toBe(false);
    await page.locator('#q').fill('');
    await expectCount(page.locator('article.story:visible'), total);
    await page.close();
  });

  it('filters by language and by source', async () => {
    const { page } = await open();
    await page.locator('#lang').selectOption('ar');
    await expectCount(page.locator('article.story:visible'), 1);
    await expect(page.locator('article.story:visible h2').getAttribute('lang')).resolves.toBe('ar');
    await page.locator('#lang').selectOption('');
    const label = (await page.locator('#src option', { hasText: 'tigris' }).textContent()) ?? '';
    const count = Number(/\((\d+)\)$/.exec(label)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    await page.locator('#src').selectOption({ label });
    await expectCount(page.locator('article.story:visible'), count);
    for (const a of await page.locator('article.story:visible .agencies').allTextContents()) expect(a.split(', ')).toContain('tigris');
    await expect(page.locator('#shown').textContent()).resolves.toBe(`${count} of ${await page.locator('article.story').count()} stories`);
    await page.close();
  });

  it('renders the Arabic report right to left', async () => {
    const { page } = await open();
    const ar = story(page, 'البصرة');
    await ar.scrollIntoViewIfNeeded();
    await expect(ar.locator('h2').evaluate(direction)).resolves.toBe('rtl');
    const report = ar.locator('details.report');
    await expectCount(report, 1);
    await report.locator('summary').click();
    await expectText(report.locator('.body'), 'قال مزارعون ومسؤولون في محافظة البصرة');
    await expect(report.locator('.body').evaluate(direction)).resolves.toBe('rtl');
    await expect(report.locator('.rt').evaluate(direction)).resolves.toBe('rtl');
    // Right to left in layout too: the title's first word sits at the right end of its line.
    const box = (await ar.locator('h2 a').boundingBox()) ?? { x: 0, width: 0 };
    const card = (await ar.boundingBox()) ?? { x: 0, width: 0 };
    expect(card.x + card.width - (box.x + box.width)).toBeLessThan(card.x + card.width - card.x - box.width);
    await page.close();
  });

  it('runs no script from the hostile headline or its text: nothing fires, nothing is blocked, the text reads as written', async () => {
    const { page, dialogs, errors, violations } = await open();
    const hostile = story(page, 'router admin pages');
    await hostile.scrollIntoViewIfNeeded();
    await expect(hostile.locator('h2').textContent()).resolves.toBe(HOSTILE);
    const report = hostile.locator('details.report');
    await expectCount(report, 1);
    await report.locator('summary').click();
    await expectText(report.locator('.body'), '<script>window.__pwned=1</script>');
    // The text that closes a script block is in a chunk file, inert there and shown as written.
    await expectText(report.locator('.body'), '</script><script>window.__pwned=3</script>, or <!-- hides the rest');
    expect(await report.locator('.body script, .body img').count()).toBe(0);
    const chunkTexts = await Promise.all((await readdir(join(out, 'board', 'texts'))).map((f) => readFile(join(out, 'board', 'texts', f), 'utf8')));
    expect(chunkTexts.some((t) => t.includes('window.__pwned=3'))).toBe(true);
    for (const t of chunkTexts) expect(t).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
    await page.evaluate(`window.print = () => {}; window.dispatchEvent(new Event('beforeprint'))`);
    await page.waitForTimeout(300);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    // Escaping did the work: the CSP (which would block an injected handler) had nothing to block.
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('without JavaScript lists every story with its reports and their links, says texts need it, and hides the filter that would not work', async () => {
    const context = await browser.context.browser()?.newContext({ javaScriptEnabled: false });
    const page = context ? await context.newPage() : await browser.context.newPage();
    if (!context) await page.context().setOffline(false);
    await page.goto(boardUrl);
    const all = await page.locator('article.story').count();
    expect(all).toBeGreaterThanOrEqual(10);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    const mosul = story(page, 'Baghdadi', 'Mosul');
    await expect(mosul.locator('ol.reports > li > details.report .agency').allTextContents()).resolves.toEqual(['rasa', 'gulfwire']);
    await mosul.locator('details.report summary').first().click();
    const body = mosul.locator('details.report .body').first();
    expect(await body.isVisible()).toBe(true);
    expect(await body.evaluate(inPage<string>('el', 'return getComputedStyle(el, "::before").content'))).toBe('"The text of this report is shown when JavaScript is on."');
    await expect(mosul.locator('details.report .src a').first().getAttribute('href')).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/en\/news\//);
    await context?.close();
  });

  it('works from a static web server too: feed links resolve next to it, and texts load (Arabic too, from a .js served without a charset)', async () => {
    const { page, errors } = await open(`${served.url}board/`);
    await expect(page.locator('article.story').count()).resolves.toBeGreaterThanOrEqual(10);
    const ar = story(page, 'البصرة');
    await ar.scrollIntoViewIfNeeded();
    await ar.locator('details.report summary').click();
    await expectText(ar.locator('details.report .body'), 'قال مزارعون ومسؤولون في محافظة البصرة');
    expect(errors).toEqual([]);
    const atomHref = await page.locator('link[type="application/atom+xml"]').getAttribute('href');
    const atom = await page.request.get(new URL(atomHref ?? '', `${served.url}board/`).href);
    expect(atom.status()).toBe(200);
    expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    await page.close();
  });

  it('takes a 1280×800 screenshot for CI (and the README)', async () => {
    const { page } = await open();
    const election = story(page, 'election commission');
    await election.locator('details.copies > summary').click();
    await page.evaluate('window.scrollTo(0, 0)');
    await mkdir(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'board-1280x800.png');
    await page.screenshot({ path: shot });
    if (process.env['WIREDESK_UPDATE_SCREENSHOT'] === '1') await copyFile(shot, resolve('docs/board.png'));
    await page.close();
  });
});
