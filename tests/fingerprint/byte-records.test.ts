import { describe, expect, it } from 'vitest';
import { RecordReader, RecordWriter } from '../../src/fingerprint/byte-records.js';
import { seededRandom } from './helpers.js';

describe('RecordReader.pairsInto', () => {
  it('reads what termId and uint / f64 read, defining terms on the way, record after record', () => {
    const random = seededRandom(3);
    const w = new RecordWriter();
    const written: { scaled: boolean; terms: string[]; values: number[] }[] = [];
    const blocks: Buffer[] = [];
    for (let record = 0; record < 300; record += 1) {
      const scaled = record % 3 !== 0;
      const size = Math.floor(random() * 40);
      const terms: string[] = [];
      const values: number[] = [];
      w.uint(size);
      for (let i = 0; i < size; i += 1) {
        const term = `t${Math.floor(random() ** 2 * 5000)}`;
        const value = scaled ? Math.floor(random() ** 3 * 2 ** 40) : random() * 1e6 - 5e5;
        w.term(term);
        if (scaled) w.uint(value);
        else w.f64(value);
        terms.push(term);
        values.push(value);
      }
      written.push({ scaled, terms, values });
      const block = w.endRecord();
      if (block !== null) blocks.push(block);
    }
    const last = w.close();
    if (last !== null) blocks.push(last);
    const r = new RecordReader(blocks[Symbol.iterator]());
    for (const { scaled, terms, values } of written) {
      r.beginRecord();
      const size = r.uint();
      const ids = new Uint32Array(size + 2);
      const weights = new Float64Array(size + 2);
      r.pairsInto(ids, weights, 2, size, scaled ? 1000 : 0);
      for (let i = 0; i < size; i += 1) {
        expect(r.termTable[ids[2 + i] as number]).toBe(terms[i]);
        expect(weights[2 + i]).toBe(scaled ? (values[i] as number) / 1000 : values[i]);
      }
    }
  });
});

describe('RecordWriter.termIn', () => {
  it('writes the same bytes as term(table[id]), mixed with terms written directly and across tables', () => {
    const random = seededRandom(5);
    const tableA = Array.from({ length: 500 }, (_, i) => `a${i % 300}`);
    const tableB = Array.from({ length: 200 }, (_, i) => `b${i}`).concat(['a7', 'a299']);
    const direct = new RecordWriter();
    const mapped = new RecordWriter();
    const blocks: [Buffer[], Buffer[]] = [[], []];
    for (let record = 0; record < 4_000; record += 1) {
      const pick = random();
      const table = pick < 0.45 ? tableA : pick < 0.9 ? tableB : null;
      if (table === null) {
        const term = `a${Math.floor(random() * 320)}`;
        direct.term(term);
        mapped.term(term);
      } else {
        const id = Math.floor(random() * table.length);
        direct.term(table[id] as string);
        mapped.termIn(table, id);
      }
      direct.uint(record);
      mapped.uint(record);
      for (const [w, out] of [[direct, blocks[0]], [mapped, blocks[1]]] as const) {
        const block = w.endRecord();
        if (block !== null) out.push(block);
      }
    }
    blocks[0].push(direct.close() as Buffer);
    blocks[1].push(mapped.close() as Buffer);
    expect(Buffer.concat(blocks[1]).equals(Buffer.concat(blocks[0]))).toBe(true);
  });
});
