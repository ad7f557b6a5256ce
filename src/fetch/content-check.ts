import { WiredeskError } from '../errors/index.js';

/** Types that are HTML. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/**
 * Types servers send when they do not know better: the body decides (WHATWG MIME sniffing treats these
 * as "sniff me" too). XML is here because some sites serve XHTML articles as application/xml.
 */
const GENERIC_TYPES = new Set(['', 'text/plain', 'application/octet-stream', 'binary/octet-stream', 'application/unknown', 'unknown/unknown', 'application/x-unknown', 'application/xml', 'text/xml']);

/**
 * Why a response whose Content-Type is `contentType` cannot be an HTML page, or null when it may be.
 * Checked on the headers, before the body is read, so a 50 MB PDF costs one request and no download.
 */
export function refusedContentType(contentType: string | null): string | null {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (HTML_TYPES.has(essence) || GENERIC_TYPES.has(essence)) return null;
  return essence;
}

/** Signatures at the start of a body that no HTML page has (WHATWG MIME sniffing's image, media and archive tables). */
const SIGNATURES: Array<{ kind: string; bytes: Array<number | null>; offset?: number }> = [
  { kind: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'image/gif', bytes: [...'GIF87a'].map((c) => c.charCodeAt(0)) },
  { kind: 'image/gif', bytes: [...'GIF89a'].map((c) => c.charCodeAt(0)) },
  { kind: 'image/webp', bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] },
  { kind: 'image/x-icon', bytes: [0x00, 0x00, 0x01, 0x00] },
  { kind: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'video/mp4 or image/avif', bytes: [...'ftyp'].map((c) => c.charCodeAt(0)), offset: 4 },
  { kind: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'application/gzip', bytes: [0x1f, 0x8b, 0x08] },
  { kind: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { kind: 'application/ogg', bytes: [...'OggS'].map((c) => c.charCodeAt(0)) },
];
const PDF = [...'%PDF-'].map((c) => c.charCodeAt(0));
/** PDF readers accept the header anywhere in the first KiB; so do we. */
const PDF_WINDOW = 1024;

/** The kind of file the first bytes of `body` say it is when that is not HTML (PDF, images, media, archives), else null. */
export function sniffNonHtml(body: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    const start = signature.offset ?? 0;
    if (body.length < start + signature.bytes.length) continue;
    if (signature.bytes.every((b, i) => b === null || body[start + i] === b)) return signature.kind;
  }
  const window = body.subarray(0, PDF_WINDOW);
  for (let i = window.indexOf(PDF[0]!); i >= 0 && i <= window.length - PDF.length; i = window.indexOf(PDF[0]!, i + 1)) {
    if (PDF.every((b, k) => window[i + k] === b)) return 'application/pdf';
  }
  return null;
}

/** UNSUPPORTED_CONTENT for a response that is not an HTML page; final, since the URL will keep serving it. */
export function unsupportedContent(url: string, status: number, contentType: string | null, found: { declared?: string; sniffed?: string }): WiredeskError {
  const what = found.sniffed !== undefined ? `its body is ${found.sniffed}` : `its Content-Type is ${found.declared ?? contentType ?? 'missing'}`;
  return new WiredeskError('UNSUPPORTED_CONTENT', `fetch: ${url} is not an HTML page (${what})`, {
    url,
    status,
    details: { contentType, ...(found.sniffed !== undefined ? { sniffed: found.sniffed } : {}) },
  });
}

/** The `refuseHeaders` check of an htmlOnly exchange: refuses on Content-Type before the body is read. */
export function refuseNonHtml(href: string): (status: number, headers: Record<string, string>) => WiredeskError | null {
  return (status, headers) => {
    const contentType = headers['content-type'] ?? null;
    const declared = refusedContentType(contentType);
    return declared === null ? null : unsupportedContent(href, status, contentType, { declared });
  };
}
