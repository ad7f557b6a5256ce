import { gunzip } from 'node:zlib';
import { WiredeskError } from '../errors/index.js';

/** True when the bytes start with the gzip magic number (a `.xml.gz` served without Content-Encoding). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a gzip file body off the main thread (zlib's thread pool), stopping at `maxBytes` of
 * output: a bomb costs no more than the cap. SITEMAP_TOO_LARGE past the cap, SITEMAP_MALFORMED for
 * a damaged or cut-off file.
 */
export function gunzipBody(bytes: Uint8Array, maxBytes: number, url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gunzip(bytes, { maxOutputLength: maxBytes }, (error, result) => {
      if (error === null) {
        resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength));
        return;
      }
      const tooLarge = error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      reject(
        tooLarge
          ? new WiredeskError('SITEMAP_TOO_LARGE', `sitemaps: ${url} decompresses to more than ${maxBytes} bytes`, { url, details: { reason: 'bytes', limit: maxBytes } })
          : new WiredeskError('SITEMAP_MALFORMED', `sitemaps: ${url} is not a readable gzip file (${error.message})`, { url, cause: error, details: { reason: 'gzip' } }),
      );
    });
  });
}
