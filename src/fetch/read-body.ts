import { once } from 'node:events';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, constants as zlibConstants } from 'node:zlib';
import { WiredeskError } from '../errors/index.js';

/** Inputs of `readBody`. */
export interface ReadBodyOptions {
  /** Response Content-Encoding header (may list several codings). */
  contentEncoding: string | null;
  /** Content-Length header: a declared size over the cap is refused before reading anything. */
  contentLength?: string | null;
  /** Cap on both the wire bytes and the decoded bytes. */
  maxBytes: number;
  url: string;
  status: number;
}

/**
 * Reads a response body to the end, undoing gzip / deflate / br, and stops as soon as either the
 * bytes on the wire or the decoded bytes pass `maxBytes` (a gzip bomb stops at the cap, not at the
 * end of the bomb). Errors from the socket (idle timeout, reset, abort) propagate from the stream.
 */
export async function readBody(body: Readable, options: ReadBodyOptions): Promise<Uint8Array> {
  const codings = parseCodings(options.contentEncoding, options.url);
  const chunks: Buffer[] = [];
  let decodedBytes = 0;
  let wireBytes = 0;
  const tooLarge = (): WiredeskError =>
    new WiredeskError('BODY_TOO_LARGE', `fetch: body of ${options.url} exceeds ${options.maxBytes} bytes`, {
      url: options.url,
      status: options.status,
      details: { maxBytes: options.maxBytes, compressed: codings.length > 0 },
    });

  const declared = Number(options.contentLength ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    body.destroy();
    throw tooLarge();
  }

  if (codings.length === 0) {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      decodedBytes += chunk.length;
      if (decodedBytes > options.maxBytes) {
        body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return concat(chunks, decodedBytes);
  }

  // Decoders are built lazily on the first chunk: `deflate` is zlib-wrapped per RFC 9110 but many
  // servers send raw deflate, and only the first byte tells which.
  let decoders: Transform[] | null = null;
  let failure: unknown = null;
  const fail = (error: unknown): void => {
    if (failure === null) failure = error;
    for (const decoder of decoders ?? []) decoder.destroy();
    body.destroy();
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (failure !== null) break;
      wireBytes += chunk.length;
      if (wireBytes > options.maxBytes) throw tooLarge();
      if (decoders === null) {
        decoders = codings.map((coding, i) => createDecoder(coding, i === 0 ? chunk[0] : undefined));
        for (let i = 0; i < decoders.length - 1; i++) decoders[i]!.pipe(decoders[i + 1]!);
        for (const decoder of decoders) decoder.on('error', (error) => fail(decodeError(error, options)));
        decoders.at(-1)!.on('data', (out: Buffer) => {
          decodedBytes += out.length;
          if (decodedBytes > options.maxBytes) fail(tooLarge());
          else chunks.push(out);
        });
      }
      const first = decoders[0]!;
      if (!first.write(chunk)) await drainOrFail(first, () => failure);
    }
    if (failure === null && decoders !== null) {
      const last = decoders.at(-1)!;
      const ended = once(last, 'end');
      decoders[0]!.end();
      await Promise.race([ended, waitForFailure(last, () => failure)]);
    }
  } catch (error) {
    fail(error);
  }
  if (failure !== null) throw failure;
  return concat(chunks, decodedBytes);
}

function parseCodings(header: string | null, url: string): string[] {
  if (header === null) return [];
  const codings = header
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  for (const coding of codings) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(coding)) {
      throw new WiredeskError('UNSUPPORTED_CONTENT', `fetch: unsupported Content-Encoding "${coding}" from ${url}`, { url });
    }
  }
  // Codings are listed in the order they were applied; undo them in reverse.
  return codings.reverse();
}

function createDecoder(coding: string, firstByte: number | undefined): Transform {
  // Lenient flushing: many servers cut the gzip trailer; accept what was decoded.
  const lenient = { flush: zlibConstants.Z_SYNC_FLUSH, finishFlush: zlibConstants.Z_SYNC_FLUSH };
  if (coding === 'br') return createBrotliDecompress();
  if (coding === 'deflate') {
    // A zlib header has CM=8 in the low nibble of its first byte; anything else is raw deflate.
    return firstByte !== undefined && (firstByte & 0x0f) === 8 ? createInflate(lenient) : createInflateRaw(lenient);
  }
  return createGunzip(lenient);
}

function decodeError(error: unknown, options: ReadBodyOptions): WiredeskError {
  if (error instanceof WiredeskError) return error;
  return new WiredeskError('UNSUPPORTED_CONTENT', `fetch: cannot decode ${options.contentEncoding ?? ''} body of ${options.url}`, {
    url: options.url,
    status: options.status,
    cause: error,
  });
}

async function drainOrFail(stream: Transform, failure: () => unknown): Promise<void> {
  await Promise.race([once(stream, 'drain'), waitForFailure(stream, failure)]);
}

function waitForFailure(stream: Transform, failure: () => unknown): Promise<void> {
  // Resolves when the stream is torn down; the caller then inspects `failure`.
  return new Promise((resolve) => {
    if (failure() !== null || stream.destroyed) return resolve();
    stream.once('close', () => resolve());
  });
}

function concat(chunks: Buffer[], length: number): Uint8Array {
  const out = Buffer.concat(chunks, length);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
