import { describe, expect, it } from 'vitest';
import { foldCase, letterWords, rawTokens, tokenizeText } from '../../src/fingerprint/tokenize-text.js';
import { EMPTY_ALIASES, normalizeText, parseAliases } from '../../src/fingerprint/index.js';
import { seededRandom } from '../support/seeded-random.js';

/** Scripts written without spaces, and the CJK symbols block (tokenize-text.ts, isUnspacedChar). */
const U = '\\u0e00-\\u0eff\\u1000-\\u109f\\u1780-\\u17ff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** A word's next letter or digit of the same kind (`(?=` unspaced, `(?!` not), any mark, any astral letter or digit. */
const wordOf = (kind: string): string => `${kind}[${U}])[\\p{L}\\p{M}](?:${kind}[${U}])[\\p{L}\\p{N}]|\\p{M}|(?=[\\u{10000}-\\u{10ffff}])[\\p{L}\\p{N}])*(?:['’][\\p{L}]+)*`;
/**
 * The expression the tokenizer's scanner stands for (tokenize-text.ts): dotted abbreviations, words
 * (which end where a letter or digit of the other kind of script begins), numbers.
 */
const TOKEN_RE = new RegExp(`(?:\\p{L}\\.){2,}|${wordOf('(?=')}|${wordOf('(?!')}|\\p{N}+(?:[.,]\\p{N}+)*`, 'gu');

/** rawTokens as it was written on the expression (cleanToken's rules inlined). */
function expressionTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN_RE)) {
    let token = match[0];
    const isNumber = /^\p{N}/u.test(token);
    if (isNumber) token = canonicalNumberReference(token);
    else token = token.replace(/\./g, '');
    token = token.replace(/['’](s)?$/i, '');
    // A figure hyphenated to a word ("COVID-19") joins that word.
    const at = match.index;
    if (token !== '' && isNumber && out.length > 0 && at >= 2 && /[-\u2010\u2011]/.test(text[at - 1] as string) && /\p{L}/u.test(String.fromCodePoint(text.codePointAt(at - 2) as number))) out[out.length - 1] += token;
    else if (token !== '') out.push(token);
  }
  return out;
}

/** The number rule of cleanToken, written independently: thousands dropped, a decimal point, else as written. */
function canonicalNumberReference(token: string): string {
  const groups = token.split(/[.,]/u);
  const seps: string[] = [...token].filter((c) => c === '.' || c === ',');
  if (seps.length === 0) return token;
  const [first, ...rest] = groups as [string, ...string[]];
  const allThree = (list: string[]): boolean => first.length <= 3 && !first.startsWith('0') && list.every((g) => g.length === 3);
  if (new Set(seps).size === 1) {
    if (allThree(rest)) return groups.join('');
    const lakh = seps[0] === ',' && seps.length >= 2 && first.length <= 2 && !first.startsWith('0') && (rest[rest.length - 1] as string).length === 3 && rest.slice(0, -1).every((g) => g.length === 2);
    if (lakh) return groups.join('');
    return seps.length === 1 ? `${first}.${rest[0] as string}` : token;
  }
  const decimal = seps[seps.length - 1];
  if (seps.slice(0, -1).includes(decimal as string) || !allThree(rest.slice(0, -1))) return token;
  return `${groups.slice(0, -1).join('')}.${groups[groups.length - 1] as string}`;
}

// Letters, marks, numbers of several scripts, astral letters, lone surrogates, separators.
const PIECES = ['a', 'B', 'é', 'ß', 'İ', 'ı', "'", '’', '.', ',', '1', '٣', '²', '½', ' ', '\n', '-', 'U', 'S', '\u0301', '\u0308', 'ا', 'ي', '中', 'ก', '𠀀', '𝐀', '😀', '\ud800', '\udc00', 'ǅ', 'Ⅻ', '〇', 'ー', '々', '्', 'ि', 'क', 's'];

describe('tokenizer scanner', () => {
  it('finds the same tokens as the expression it replaces', () => {
    const random = seededRandom(14);
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      const length = 1 + Math.floor(random() * 24);
      for (let k = 0; k < length; k += 1) text += PIECES[Math.floor(random() * PIECES.length)];
      expect(rawTokens(text), JSON.stringify(text)).toEqual(expressionTokens(text));
    }
    expect(rawTokens("U.S.A. officials' 1,000.5 l'Élysée don’t 2.")).toEqual(expressionTokens("U.S.A. officials' 1,000.5 l'Élysée don’t 2."));
  });

  it('finds the language check\'s sample words as the expression they were read with', () => {
    const expression = (text: string, limit: number): string[] => [...text.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu)].map((m) => m[0]).slice(0, limit);
    const random = seededRandom(16);
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      const length = 1 + Math.floor(random() * 24);
      for (let k = 0; k < length; k += 1) text += PIECES[Math.floor(random() * PIECES.length)];
      const limit = 1 + Math.floor(random() * 6);
      expect(letterWords(text, limit), JSON.stringify(text)).toEqual(expression(text, limit));
    }
  });

  it('writes numbers in one form whichever convention wrote them', () => {
    const numbers = (text: string): string[] => rawTokens(text).filter((t) => /^\d/.test(t));
    expect(numbers('um 2,2 Prozent auf 1.000 Euro, 3,5 Millionen, 12.345,67 Euro, 1.000.000')).toEqual(['2.2', '1000', '3.5', '12345.67', '1000000']);
    expect(numbers('grew 2.2 percent to 1,000 euros, 3.5 million, 12,345.67 euros, 1,000,000')).toEqual(['2.2', '1000', '3.5', '12345.67', '1000000']);
    // Dates, versions and lists stay as written.
    expect(numbers('am 25.05.2020, Version 1.2.3, 1234,5678')).toEqual(['25.05.2020', '1.2.3', '1234.5678']);
  });

  it('reads a separator after a leading 0 as decimal, and Indian lakh grouping as thousands', () => {
    const numbers = (text: string): string[] => rawTokens(text).filter((t) => /^\d/.test(t));
    // 0.125 and 0,125 are never 125: a group of thousands does not follow a lone 0.
    expect(numbers('cut by 0.125 points, 0,125 Punkte, 0.001 BTC, 0,5 %, 030.123.456')).toEqual(['0.125', '0.125', '0.001', '0.5', '030.123.456']);
    // Indian English writes 1,50,000 (1.5 lakh) and 1,00,00,000 (a crore): the same figures as 150,000 and 10,000,000.
    expect(numbers('Rs 1,50,000, 10,00,000 and 1,00,00,000 against 150,000')).toEqual(['150000', '1000000', '10000000', '150000']);
    // Lists and versions stay as written.
    expect(numbers('1,2,3 and 1.10.20')).toEqual(['1,2,3', '1.10.20']);
  });
});

describe('figures and Latin names inside Chinese, Japanese and Thai text', () => {
  it('are tokens of their own: the figure whole, the name apart from the words around it', () => {
    const tokens = (text: string, language: string) => tokenizeText(normalizeText(text), EMPTY_ALIASES, language).tokens;
    // Before, "2.2" became "2", "2" (the point ended a word that began in Chinese) and "GDP增长5" one word.
    expect(tokens('一季度GDP增长2.2%，高于预期', 'zh')).toEqual(expect.arrayContaining(['gdp', '2.2']));
    expect(tokens('央行下调0.5个百分点', 'zh')).toContain('0.5');
    expect(tokens('iPhone15发布', 'zh')).toEqual(['iphone15', '发布']);
    expect(tokens('経済成長率は2.5%だった', 'ja')).toContain('2.5');
    expect(tokens('อัตรา2.5เปอร์เซ็นต์', 'th')).toContain('2.5');
    // Words of these scripts keep their own marks and symbols (々, ー) and are still segmented.
    expect(tokens('日々のニュース', 'ja')).toEqual(expect.arrayContaining(['日々', 'ニュース']));
    for (const t of tokens('一季度GDP增长2.2%，高于预期', 'zh')) expect(t).not.toMatch(/[a-z0-9].*[\u4e00-\u9fff]|[\u4e00-\u9fff].*[a-z0-9]/u);
  });
});

describe('thousands grouped with spaces', () => {
  const numbers = (text: string, language: string): string[] => tokenizeText(normalizeText(text), EMPTY_ALIASES, language).tokens.filter((t) => /^\d/.test(t));

  it('joins groups after a plain space in languages that group thousands with one (Polish, French …)', () => {
    expect(numbers('Zginęło 1 000 osób, a 12 500 zostało rannych; 1 059 000 głosów, 12 345,67 zł', 'pl')).toEqual(['1000', '12500', '1059000', '12345.67']);
    expect(numbers('moins de 12 000 logements', 'fr')).toEqual(['12000']);
    // Not in languages that group with a point or a comma: a space there is a space.
    expect(numbers('On June 5 200 people marched', 'en')).toEqual(['5', '200']);
    expect(numbers('rund 24 500 Monumente', 'de')).toEqual(['24', '500']);
  });

  it('does not join separate numbers, telephone numbers or a name figure', () => {
    // A lead of 4 digits, a lead of 0, a group of other than 3 digits: two numbers.
    expect(numbers('w 2020 100 osób, 0 500 i 5 1000', 'pl')).toEqual(['2020', '100', '0', '500', '5', '1000']);
    // Telephone numbers: a run that goes on with another number or a hyphen, a + or 0 in front.
    expect(numbers('tel. +48 22 123 4567, 450 583-3303, 0552 189 089', 'pl')).toEqual(['48', '22', '123', '4567', '450', '583', '3303', '0552', '189', '089']);
    // The figure of a name stays the name's: Kovid-19, then 500 cases.
    expect(tokenizeText('Kovid-19 500 przypadków', EMPTY_ALIASES, 'pl').tokens).toEqual(['kovid19', '500', 'przypadków']);
    // A range keeps its parts (the hyphen reads as a telephone number's).
    expect(numbers('od 10 000-20 000 osób', 'pl')).toEqual(['10', '000', '20', '000']);
  });

  it('joins groups after a no-break, narrow no-break or thin space in every language', () => {
    expect(normalizeText('12\u202f500 morts, 1\u00a0000 people, 3\u2009000 m, 1\u00a0059\u00a0000')).toBe('12500 morts, 1000 people, 3000 m, 1059000');
    expect(numbers('1\u00a0000 people and 12\u202f345,67 euros', 'en')).toEqual(['1000', '12345.67']);
    // The same strict form: telephone numbers and separate numbers become plain spaces as before.
    expect(normalizeText('+41\u00a021\u00a0924\u00a03820, 01\u00a023\u00a045, 2020\u00a0100, 1\u00a0000\u00a01234')).toBe('+41 21 924 3820, 01 23 45, 2020 100, 1 000 1234');
  });
});

describe('figures that are part of a name', () => {
  it('reads a figure hyphenated to a word as part of that word, and other figures as figures', () => {
    const stream = tokenizeText('Neue Kovid-19 Fälle: 41-jährige Frau, F-16 Jets und die Saison 2019-2020 mit -5 Grad', EMPTY_ALIASES, 'de');
    expect(stream.tokens).toEqual(['neue', 'kovid19', 'fälle', '41', 'jährige', 'frau', 'f16', 'jets', 'und', 'die', 'saison', '2019', '2020', 'mit', '5', 'grad']);
    const figures = stream.tokens.filter((_, i) => stream.entity[i] === 1 && /^\d/.test(stream.tokens[i] as string));
    expect(figures).toEqual(['41', '2019', '2020', '5']);
  });

  it('an alias written with such a name matches it in the text', () => {
    const aliases = parseAliases({ groups: [{ token: 'sarscov2', names: ['SARS-CoV-2', 'COVID-19'] }] });
    expect(tokenizeText('Neue COVID-19 Fälle, SARS-CoV-2 im Abwasser', aliases, 'de').tokens).toEqual(['neue', 'sarscov2', 'fälle', 'sarscov2', 'im', 'abwasser']);
  });
});

describe('case folding and name flags', () => {
  it('folds every BMP code unit and mixed strings as toLowerCase does (no copy when nothing changes)', () => {
    const reference = (token: string): string => token.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
    for (let code = 0; code < 0x10000; code += 1) {
      const char = String.fromCharCode(code);
      expect(foldCase(char), code.toString(16)).toBe(reference(char));
    }
    const random = seededRandom(15);
    for (let n = 0; n < 5_000; n += 1) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 12); k > 0; k -= 1) text += [...PIECES, 'Σ', 'ΑΣ', 'Ω', 'ǈ', 'ß'][Math.floor(random() * (PIECES.length + 5))];
      expect(foldCase(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('folds each token as foldCase does, its case read in the scan of the text (no alias, no unspaced run)', () => {
    const unspaced = new Set(['中', 'ก', '〇', 'ー', '々']);
    const pieces = [...PIECES.filter((p) => !unspaced.has(p)), 'Σ', 'ΑΣ', 'ς', 'ǈ', 'Straße', 'ÇAĞ', 'МОСКВА', 'Ⅻ', '𐐀', 'F-16', 'U.S.', "O'Neil's"];
    const random = seededRandom(16);
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 16); k > 0; k -= 1) text += pieces[Math.floor(random() * pieces.length)];
      expect(tokenizeText(text, EMPTY_ALIASES).tokens, JSON.stringify(text)).toEqual(rawTokens(text).map(foldCase));
    }
  });

  it('flags names away from sentence starts and outside Title Case lines, line by line', () => {
    const text = 'Storm Hits Coastal Towns Overnight\nOfficials in Miami said on Monday. The Red Cross helped\n\nMayor Smith: "Help came" from FEMA, 中国北京 and F-16 jets.\nA B C D';
    const stream = tokenizeText(text, EMPTY_ALIASES, 'en');
    expect(stream.tokens).toEqual(['storm', 'hits', 'coastal', 'towns', 'overnight', 'officials', 'in', 'miami', 'said', 'on', 'monday', 'the', 'red', 'cross', 'helped', 'mayor', 'smith', 'help', 'came', 'from', 'fema', '中国', '北京', 'and', 'f16', 'jets', 'a', 'b', 'c', 'd']);
    // Line 2 is mostly capitals (6 of 10 words): nothing on it counts as a name.
    expect(stream.tokens.filter((_, i) => stream.entity[i] === 1)).toEqual(['smith', 'fema', 'f16']);
  });
});
