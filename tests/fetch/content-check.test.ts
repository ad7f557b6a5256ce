import { describe, expect, it } from 'vitest';
import { refusedContentType, sniffNonHtml } from '../../src/fetch/content-check.js';
import { failure, useFetchHarness } from './support/fetch-harness.js';

const { server, fetcher } = useFetchHarness();
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('refusedContentType', () => {
  it.each(['application/pdf', 'image/png', 'image/svg+xml', 'video/mp4', 'audio/mpeg', 'application/json', 'application/zip', 'application/rss+xml', 'text/css', 'font/woff2'])(
    'refuses %s',
    (type) => expect(refusedContentType(`${type}; charset=binary`)).toBe(type),
  );
  it.each([null, '', 'text/html', 'TEXT/HTML; charset=UTF-8', 'application/xhtml+xml', 'text/plain', 'application/octet-stream', 'application/xml'])('lets %j through to the body check', (type) => {
    expect(refusedContentType(type)).toBeNull();
  });
});

describe('sniffNonHtml', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.4\n%âãÏÓ\n')],
    ['application/pdf', bytes(`${' '.repeat(300)}\n%PDF-1.7\n`)],
    ['image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])],
    ['image/gif', bytes('GIF89a\x01\x00\x01\x00')],
    ['image/webp', bytes('RIFF\x24\x00\x00\x00WEBPVP8 ')],
    ['video/mp4 or image/avif', bytes('\x00\x00\x00\x20ftypavif')],
    ['application/zip', bytes('PK\x03\x04\x14\x00')],
  ])('sees %s', (kind, body) => expect(sniffNonHtml(body)).toBe(kind));

  it.each(['<!doctype html><html><body>%PDF is mentioned later</body></html>', '\uFEFF<html>', 'BMW and PNG files, plain text', ''])('leaves %j alone', (text) => {
    expect(sniffNonHtml(new Uint8Array(Buffer.from(text, 'utf8')))).toBeNull();
  });
});

describe('fetch with htmlOnly', () => {
  it('refuses a PDF on its Content-Type without downloading it, and a PNG labelled text/html on its bytes', async () => {
    let pdfBytesSent = 0;
    const s = await server('127.0.0.1', (req, res) => {
      if (req.url === '/big.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        // An endless PDF: only refusing on the headers keeps this from running into the body cap.
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (res.write(chunk)) pdfBytesSent += chunk.length;
          res.once('drain', pump);
        };
        res.write('%PDF-1.7\n');
        pump();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    });
    const f = fetcher({ maxBodyBytes: 64 * 1024 * 1024 });
    const pdf = await failure(f.fetch({ url: `${s.origin}/big.pdf`, kind: 'article', obeyRobots: false, allowPrivateNetwork: true, htmlOnly: true }));
    expect(pdf).toMatchObject({ code: 'UNSUPPORTED_CONTENT', retryable: false, status: 200, details: { contentType: 'application/pdf' } });
    expect(pdfBytesSent).toBeLessThan(8 * 1024 * 1024);
    const png = await failure(f.fetch({ url: `${s.origin}/photo`, kind: 'article', obeyRobots: false, allowPrivateNetwork: true, htmlOnly: true }));
    expect(png).toMatchObject({ code: 'UNSUPPORTED_CONTENT', details: { contentType: 'text/html', sniffed: 'image/png' } });
    expect(s.requests.filter((r) => r.path === '/photo').length).toBe(1);
  });

  it('leaves other callers (feeds, enclosures) free to fetch any type', async () => {
    const s = await server('127.0.0.1', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n'));
    const response = await fetcher().fetch({ url: `${s.origin}/doc.pdf`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.contentType).toBe('application/pdf');
  });
});
