import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExtractorPool } from '../../src/extract/index.js';
import { WiredeskError } from '../../src/errors/index.js';

const PAGE = `<!doctype html><html lang="en"><head><title>Storm hits coast | Example News</title>
<meta property="og:site_name" content="Example News"></head><body><article><h1>Storm hits coast</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the storm report says the coast was hit hard by wind and rain on Monday night, officials said.</p>`).join('\n')}
</article></body></html>`;

describe('createExtractorPool', () => {
  it('extracts inline with workers: 0', async () => {
    const pool = createExtractorPool({ workers: 0, timeoutMs: 5000 });
    const article = await pool.extract({ html: PAGE, url: 'https://example.com/a' });
    expect(article.title).toBe('Storm hits coast');
    expect(article.text.split('\n\n')).toHaveLength(6);
    await pool.close();
  });

  it('rejects work after close as retryable ABORTED, so the item is tried again next run', async () => {
    for (const workers of [0, 1]) {
      const pool = createExtractorPool({ workers, timeoutMs: 20_000 });
      await pool.close();
      const error = await pool.extract({ html: PAGE, url: 'https://example.com/a' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WiredeskError);
      expect(error).toMatchObject({ code: 'ABORTED', retryable: true });
    }
  });

  it('extracts in worker threads started from TypeScript sources', async () => {
    const pool = createExtractorPool({ workers: 2, timeoutMs: 20_000 });
    try {
      const results = await Promise.all([1, 2, 3].map((n) => pool.extract({ html: PAGE, url: `https://example.com/${n}` })));
      for (const article of results) expect(article.extraction.method).toBe('readability');
    } finally {
      await pool.close();
    }
  });

  it('rejects with a WiredeskError EXTRACT_EMPTY for a page with no text and no feed', async () => {
    const pool = createExtractorPool({ workers: 1, timeoutMs: 20_000 });
    try {
      const error = await pool.extract({ html: '<html><body></body></html>', url: 'https://example.com/e' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WiredeskError);
      expect((error as WiredeskError).code).toBe('EXTRACT_EMPTY');
      expect((error as WiredeskError).retryable).toBe(false);
      // A bot check comes back from the thread as retryable, so its item is fetched again next run.
      const check = readFileSync(fileURLToPath(new URL('../../fixtures/interstitials/bot-check-en-challenge/source.html', import.meta.url)), 'utf8');
      const wall = await pool.extract({ html: check, url: 'https://example.com/c' }).catch((e: unknown) => e);
      expect(wall).toMatchObject({ code: 'EXTRACT_EMPTY', retryable: true, details: { nonArticle: 'bot-check' } });
    } finally {
      await pool.close();
    }
  });

  it('rejects input it cannot use with a WiredeskError, inline and in workers', async () => {
    for (const workers of [0, 1]) {
      const pool = createExtractorPool({ workers, timeoutMs: 20_000 });
      try {
        const bad = await pool.extract(undefined as never).catch((e: unknown) => e);
        expect(bad, `workers: ${workers}`).toBeInstanceOf(WiredeskError);
        // A function cannot cross the thread boundary; the page fails alone and the pool keeps serving.
        const feedItem = { title: 't', summary: null, content: null, publishedAt: null, language: null, authors: [], extra: () => 1 };
        const odd = await pool.extract({ html: PAGE, url: 'https://example.com/odd', feedItem }).catch((e: unknown) => e);
        if (workers > 0) expect((odd as WiredeskError).code).toBe('EXTRACT_FAILED');
        expect((await pool.extract({ html: PAGE, url: 'https://example.com/ok' })).title).toBe('Storm hits coast');
      } finally {
        await pool.close();
      }
    }
  });

  it('terminates a worker over its time budget and serves the next page with a fresh one', async () => {
    // Budgets start once a worker has loaded its modules, so only the slow page itself is timed.
    const pool = createExtractorPool({ workers: 1, timeoutMs: 1500 });
    try {
      // 90,000 elements: under the element cap (100,000, which fails at once), and seconds of Readability.
      const slow = `<html><body><article>${'<div><p>word word word, word word.</p><a href="/x">link</a></div>'.repeat(30_000)}</article></body></html>`;
      const started = Date.now();
      const error = await pool.extract({ html: slow, url: 'https://example.com/slow', maxHtmlBytes: 1e8 }).catch((e: unknown) => e);
      expect((error as WiredeskError).code).toBe('EXTRACT_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(8000);
      const next = await pool.extract({ html: PAGE, url: 'https://example.com/next' });
      expect(next.title).toBe('Storm hits coast');
    } finally {
      await pool.close();
    }
  });
});
