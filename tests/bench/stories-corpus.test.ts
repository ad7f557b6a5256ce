import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asStream, readCorpus, readJsonLines, readPairs } from '../../bench/stories/corpus.js';

// Hidden corpora are read by the same commands as the dev ones: these are the shapes a file of
// someone else's can take that the dev files never showed.
describe('stories bench corpus reading', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wiredesk-stories-corpus-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  function file(name: string, lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('leaves out a line that is not a JSON object, names it on stderr, and keeps the rest', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const path = file('set.jsonl', ['{"id": "a", "text": "one"}', '{"id": "b", "text": "tw', '[1, 2]', '', '{"id": "c", "text": "three"}']);
    expect(readJsonLines(path).map((row) => row['id'])).toEqual(['a', 'c']);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('2 line(s) not a JSON object, left out (line 2, 3)'));
  });

  it('gives a repeated article id a suffix instead of letting the second overwrite the first', () => {
    const path = file('set.jsonl', ['{"id": 7, "text": "first", "gold": 1}', '{"id": "7", "text": "second", "gold": 2}']);
    expect(readCorpus(path).map((d) => [d.id, d.text, d.gold])).toEqual([
      ['7', 'first', '1'],
      ['7~2', 'second', '2'],
    ]);
  });

  it('takes a pair’s languages from its articles when the pair does not name them, and reads a missing rating as no rating', () => {
    const path = file('set-pairs.jsonl', [
      '{"id1": 1, "id2": 2, "overall": 1.5}',
      '{"id1": "1", "id2": "3", "lang1": "de", "lang2": "", "overall": "3"}',
      '{"id1": "2", "id2": "3", "lang1": "en", "lang2": "de", "overall": null}',
    ]);
    const pairs = readPairs(path, new Map([['1', 'de'], ['2', 'en'], ['3', null]]));
    expect(pairs.map((p) => [p.id1, p.id2, p.lang1, p.lang2])).toEqual([
      ['1', '2', 'de', 'en'],
      ['1', '3', 'de', 'und'],
      ['2', '3', 'en', 'de'],
    ]);
    expect(pairs.map((p) => p.overall)).toEqual([1.5, 3, Number.NaN]);
  });

  it('streams a mostly dated set in its dates and leaves its undated articles out; a mostly undated one loses every date', () => {
    const doc = (id: string, publishedAt: string | null): string => JSON.stringify({ id, text: id, publishedAt });
    const mostlyDated = readCorpus(file('dated.jsonl', [doc('a', '2020-03-01T10:00:00Z'), doc('b', null), doc('c', 'Sun, 01 Mar 2020 09:00:00 GMT')]));
    const dated = asStream(mostlyDated);
    expect(dated.dated).toBe(true);
    expect(dated.leftOut).toBe(1);
    expect(dated.docs.map((d) => d.id)).toEqual(['a', 'c']);

    const mostlyUndated = readCorpus(file('undated.jsonl', [doc('a', '2020-03-01T10:00:00Z'), doc('b', null), doc('c', 'not a date')]));
    const undated = asStream(mostlyUndated);
    expect(undated.dated).toBe(false);
    expect(undated.leftOut).toBe(0);
    expect(undated.docs.map((d) => [d.id, d.publishedAt])).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
  });
});
