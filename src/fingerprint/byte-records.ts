/**
 * Little-endian binary records in blocks: what the story index's image (story-image.ts) is made
 * of. A record never spans two blocks, so a reader holds one block (≈256 KB) at a time and a
 * writer hands each block on as soon as it is full; neither builds one big string or buffer.
 */

/** Bytes after which a writer closes its block (at the next record boundary). */
const BLOCK_BYTES = 256 * 1024;

/** Writes records into blocks; `endRecord` returns a block once one is full. */
export class RecordWriter {
  private buffer = Buffer.allocUnsafe(BLOCK_BYTES * 2);
  private at = 0;
  private readonly terms = new Map<string, number>();
  /** Per table given to termIn: this writer's number of each entry, -1 until written. */
  private readonly tableTerms = new Map<readonly string[], Int32Array>();

  /** Ends a record: returns the block when it is full (the next record starts a new one). */
  endRecord(): Buffer | null {
    return this.at >= BLOCK_BYTES ? this.close() : null;
  }

  /** Returns what is left (call once, at the end), or null when nothing is. */
  close(): Buffer | null {
    if (this.at === 0) return null;
    const block = Buffer.from(this.buffer.subarray(0, this.at));
    this.at = 0;
    return block;
  }

  /** An unsigned integer up to 2^53 (LEB128). */
  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`fingerprint: not an unsigned integer: ${value}`);
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.at++] = v;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.at++] = value;
  }

  f64(value: number): void {
    this.room(8);
    this.buffer.writeDoubleLE(value, this.at);
    this.at += 8;
  }

  u32s(values: Uint32Array): void {
    this.uint(values.length);
    this.room(values.length * 4);
    for (let i = 0; i < values.length; i += 1) {
      this.buffer.writeUInt32LE(values[i] as number, this.at);
      this.at += 4;
    }
  }

  string(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.uint(length);
    this.room(length);
    this.at += this.buffer.write(value, this.at, 'utf8');
  }

  /** A string that recurs (a term, a language, a story id): written once, then by its number (returned). */
  term(value: string): number {
    const known = this.terms.get(value);
    if (known !== undefined) {
      this.uint(known);
      return known;
    }
    const id = this.terms.size;
    this.terms.set(value, id);
    this.uint(id);
    this.string(value);
    return id;
  }

  /**
   * `term(table[id])` for a string held by number in a table (a restored image's term table, which
   * every restored article's vector shares): the table's numbers are mapped to this writer's once,
   * so each entry is an array read, not a string lookup. A checkpoint after a restart wrote ~8
   * million such entries through term(): ~1.3 of its ~6 CPU-s at 100,000 live.
   */
  termIn(table: readonly string[], id: number): void {
    let mapped = this.tableTerms.get(table);
    if (mapped === undefined) {
      mapped = new Int32Array(table.length).fill(-1);
      this.tableTerms.set(table, mapped);
    }
    const known = id < mapped.length ? (mapped[id] as number) : -1;
    if (known >= 0) return this.uint(known);
    const written = this.term(table[id] as string);
    if (id < mapped.length) mapped[id] = written;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

/** Where RecordReader.u32sInto reads into. */
export interface U32Sink {
  /** An array with room for `count` more values from the index the reader is given. */
  reserveValues(count: number): Uint32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** 32-bit words per slab the reader hands u32s out of. */
const SLAB_WORDS = 64 * 1024;

/** Reads records from the blocks a RecordWriter wrote, one block at a time. */
export class RecordReader {
  private buffer: Buffer = Buffer.alloc(0);
  private at = 0;
  private readonly terms: string[] = [];
  private slab = new Uint32Array(0);
  private slabAt = 0;

  constructor(private readonly blocks: Iterator<Uint8Array>) {}

  /** Starts the next record (moves to the next block when this one is read). */
  beginRecord(): void {
    while (this.at >= this.buffer.length) {
      const next = this.blocks.next();
      if (next.done === true) throw new RangeError('fingerprint: story index image ends early');
      const block = next.value;
      this.buffer = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
      this.at = 0;
    }
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.take(1);
      const byte = this.buffer[b] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('fingerprint: bad integer in story index image');
    }
  }

  byte(): number {
    return this.buffer[this.take(1)] as number;
  }

  f64(): number {
    return this.buffer.readDoubleLE(this.take(8));
  }

  /**
   * The array is a view into a shared slab: a restore reads four per fingerprint, and 400,000
   * arrays with their own buffers cost more in allocation and garbage collection than the rest of
   * the fingerprints together. Views are never written.
   */
  u32s(): Uint32Array {
    const length = this.uint();
    const start = this.take(length * 4);
    if (this.slabAt + length > this.slab.length) {
      this.slab = new Uint32Array(Math.max(SLAB_WORDS, length));
      this.slabAt = 0;
    }
    const out = this.slab.subarray(this.slabAt, this.slabAt + length);
    this.slabAt += length;
    for (let i = 0; i < length; i += 1) out[i] = this.buffer.readUInt32LE(start + i * 4);
    return out;
  }

  /**
   * u32s into `sink`'s values from index `at` (the sink makes room for them first); returns how
   * many were read. Longer lists are copied as bytes (the image is little-endian, as is every
   * platform Node runs on in practice; checked once) instead of one read call per value.
   */
  u32sInto(sink: U32Sink, at: number): number {
    const length = this.uint();
    const start = this.take(length * 4);
    const out = sink.reserveValues(length);
    if (length > 8 && LITTLE_ENDIAN) new Uint8Array(out.buffer, out.byteOffset + at * 4, length * 4).set(this.buffer.subarray(start, start + length * 4));
    else for (let i = 0; i < length; i += 1) out[at + i] = this.buffer.readUInt32LE(start + i * 4);
    return length;
  }

  /**
   * `size` pairs of termId and weight (uint / `scale`, or f64 when `scale` is 0) into `ids` and
   * `weights` from index `at`: what those calls read, with the position held in a local instead of
   * a field read and written per byte (a restore of 100,000 live articles reads ~10 million pairs).
   */
  pairsInto(ids: Uint32Array, weights: Float64Array, at: number, size: number, scale: number): void {
    const { buffer, terms } = this;
    const end = buffer.length;
    let pos = this.at;
    for (let i = at; i < at + size; i += 1) {
      // Field 0 is the term number, field 1 the weight (a uint over `scale`, or an f64 when it is 0).
      for (let field = 0; field < 2; field += 1) {
        if (field === 1 && scale === 0) {
          if (pos + 8 > end) throw new RangeError('fingerprint: record runs past its block in story index image');
          weights[i] = buffer.readDoubleLE(pos);
          pos += 8;
          break;
        }
        let value = 0;
        let shift = 1;
        for (;;) {
          if (pos >= end) throw new RangeError('fingerprint: record runs past its block in story index image');
          const byte = buffer[pos] as number;
          pos += 1;
          value += (byte & 0x7f) * shift;
          if (byte < 0x80) break;
          shift *= 0x80;
          if (shift > 2 ** 56) throw new RangeError('fingerprint: bad integer in story index image');
        }
        if (field === 1) {
          weights[i] = value / scale;
          break;
        }
        if (value >= terms.length) {
          if (value !== terms.length) throw new RangeError(`fingerprint: story index image names term ${value} before defining it`);
          this.at = pos;
          terms.push(this.string());
          pos = this.at;
        }
        ids[i] = value;
      }
    }
    this.at = pos;
  }

  string(): string {
    const length = this.uint();
    const start = this.take(length);
    return this.buffer.toString('utf8', start, start + length);
  }

  term(): string {
    return this.terms[this.termId()] as string;
  }

  /** A recurring string's number in `termTable` (defining it when it comes first). */
  termId(): number {
    const id = this.uint();
    if (id < this.terms.length) return id;
    if (id !== this.terms.length) throw new RangeError(`fingerprint: story index image names term ${id} before defining it`);
    this.terms.push(this.string());
    return id;
  }

  /** The recurring strings read so far, by number (grows as the reader goes on). */
  get termTable(): readonly string[] {
    return this.terms;
  }

  private take(bytes: number): number {
    const start = this.at;
    if (start + bytes > this.buffer.length) throw new RangeError('fingerprint: record runs past its block in story index image');
    this.at = start + bytes;
    return start;
  }
}
