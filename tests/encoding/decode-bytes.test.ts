import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBytes, normalizeEncodingLabel } from '../../src/encoding/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/encoding');
const cases = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());

interface Case {
  contentType: string | null;
  kind: 'html' | 'xml' | 'auto';
  encoding: string;
  source: string;
}

describe('decodeBytes on fixtures/encoding', () => {
  it('has the cases the issue names', () => {
    for (const needed of ['windows-1256', 'windows-1251', 'koi8-r', 'iso-8859', 'shift-jis', 'gb18030', 'big5']) {
      expect(cases.some((name) => name.startsWith(needed))).toBe(true);
    }
  });

  it.each(cases)('%s', (name) => {
    const folder = join(FIXTURES, name);
    const spec = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as Case;
    const bytes = new Uint8Array(readFileSync(join(folder, 'input.bin')));
    const decoded = decodeBytes(bytes, { contentType: spec.contentType, kind: spec.kind });
    expect(decoded.text).toBe(readFileSync(join(folder, 'expected.txt'), 'utf8'));
    expect({ encoding: decoded.encoding, source: decoded.source }).toEqual({ encoding: spec.encoding, source: spec.source });
  });

  it('says why a declared HTTP charset was passed over', () => {
    const folder = join(FIXTURES, 'windows-1256-wrong-http-charset');
    const decoded = decodeBytes(new Uint8Array(readFileSync(join(folder, 'input.bin'))), { contentType: 'text/html; charset=ISO-8859-1', kind: 'html' });
    expect(decoded.note).toContain('windows-1252');
    expect(decoded.note).toContain('windows-1256');
  });
});

describe('decodeBytes rules', () => {
  it('keeps valid UTF-8 whatever the labels say and strips a UTF-8 BOM', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><t>Zürich</t>');
    expect(decodeBytes(bytes, { contentType: 'text/xml; charset=iso-8859-1' })).toMatchObject({ encoding: 'utf-8', source: 'utf8-valid' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('hi')]);
    expect(decodeBytes(withBom)).toEqual({ text: 'hi', encoding: 'utf-8', source: 'bom' });
  });

  it('falls back to windows-1252 when nothing else can be said, and never throws on noise', () => {
    const noise = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const decoded = decodeBytes(noise, { contentType: 'text/html; charset=' });
    expect(typeof decoded.text).toBe('string');
    expect(decoded.text.length).toBeGreaterThan(0);
    // Node 20's own windows-1252 decoder turns 0x80–0x9F into C1 controls; ours must not.
    const latin = new Uint8Array(Buffer.from('Price \x80 5, \x93quoted\x94 \x97 done', 'latin1'));
    expect(decodeBytes(latin, { contentType: 'text/plain; charset=iso-8859-1' })).toMatchObject({ text: 'Price € 5, “quoted” — done', encoding: 'windows-1252' });
  });

  it('never lets the sniffer overrule a Latin-1 label on Latin-script text', () => {
    const texts = [
      'Die Bundesregierung hat am Donnerstag angekündigt, dass die Gespräche nächste Woche fortgesetzt werden.',
      'El ministerio anunció el jueves que las conversaciones se reanudarán la próxima semana en la capital.',
      'Så sa statsministern att förhandlingarna återupptas nästa vecka i huvudstaden, enligt talespersonen.',
      'Price\u00a0list: 5\u00a0EUR. All rights reserved \u00a92026.',
    ];
    for (const text of texts) {
      const decoded = decodeBytes(new Uint8Array(Buffer.from(text, 'latin1')), { contentType: 'text/html; charset=iso-8859-1', kind: 'html' });
      expect(decoded).toEqual({ text, encoding: 'windows-1252', source: 'http-charset' });
    }
  });

  it('keeps a UTF-8 body with a few bad bytes as UTF-8, replacing only them and saying how many', () => {
    const good = new TextEncoder().encode('<rss><channel><title>Новости дня: переговоры возобновятся</title></channel></rss>');
    const damaged = new Uint8Array([...good.subarray(0, 29), 0xff, ...good.subarray(29)]);
    const decoded = decodeBytes(damaged, { kind: 'xml', contentType: 'application/xml; charset=iso-8859-1' });
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'utf8-mostly', replaced: 1 });
    expect(decoded.text).toContain('\uFFFD');
    expect(decoded.text).toContain('переговоры возобновятся');
    expect(decoded.note).toMatch(/1 invalid UTF-8/);
    // A body cut inside a multi-byte character (a size cap) is the same case.
    expect(decodeBytes(good.subarray(0, 51), { kind: 'xml' })).toMatchObject({ encoding: 'utf-8', source: 'utf8-mostly' });
  });

  it('leaves text that is mostly invalid UTF-8 to the legacy rules', () => {
    const cp1251 = new Uint8Array(Buffer.from('<p>\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff</p>', 'latin1'));
    expect(decodeBytes(cp1251, { kind: 'html', contentType: 'text/html; charset=windows-1251' })).toMatchObject({ text: '<p>Новости дня</p>', source: 'http-charset' });
  });

  it('ignores an xml declaration for kind html and a meta for kind xml', () => {
    const xmlish = new Uint8Array(Buffer.from('<?xml version="1.0" encoding="koi8-r"?><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>', 'latin1'));
    expect(decodeBytes(xmlish, { kind: 'xml', contentType: null }).text).toContain('Привет');
    const htmlish = new Uint8Array(Buffer.from('<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>', 'latin1'));
    expect(decodeBytes(htmlish, { kind: 'html' }).text).toContain('Привет');
    expect(decodeBytes(htmlish, { kind: 'xml' }).source).not.toBe('html-meta');
  });
});

describe('charsetFromContentType / normalizeEncodingLabel', () => {
  it.each([
    ['text/html; charset=windows-1256', 'windows-1256'],
    ['text/html;charset="Windows-1256"', 'Windows-1256'],
    ["application/xml; q=1; charset='koi8-r'; x=y", 'koi8-r'],
    ['text/html', null],
    ['text/html; charset=', null],
  ])('%s → %s', (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });

  it.each([
    ['cp1256', 'windows-1256'],
    ['win-1251', 'windows-1251'],
    ['Windows1252', 'windows-1252'],
    ['ISO8859-2', 'iso-8859-2'],
    ['shift-jis', 'shift_jis'],
    ['GB2312', 'gbk'],
    ['big-5', 'big5'],
    ['x-user-defined', null],
    ['klingon', null],
  ])('%s → %s', (label, expected) => {
    expect(normalizeEncodingLabel(label)).toBe(expected);
  });
});
