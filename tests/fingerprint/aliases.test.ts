import { describe, expect, it } from 'vitest';
import { EMPTY_ALIASES, normalizeText, parseAliases, tokenizeText } from '../../src/fingerprint/index.js';
import { WiredeskError } from '../../src/errors/index.js';
import { shippedAliases } from './helpers.js';

const aliases = shippedAliases();
const tokens = (text: string): string[] => tokenizeText(text, aliases).tokens;

describe('shipped aliases', () => {
  it('maps every name of the Islamic State group to one token', () => {
    for (const name of ['Daesh', 'ISIS', 'ISIL', 'Islamic State', 'Islamic State of Iraq and the Levant', 'داعش']) {
      expect(tokens(`Fighters of ${name} retreated`)).toEqual(['fighters', 'of', 'isis', 'retreated']);
    }
  });

  it('maps "IS" only as a capitalised name, never the verb', () => {
    expect(tokens('Fighters of IS retreated')).toContain('isis');
    expect(tokens('This is where it is')).not.toContain('isis');
    expect(tokens('THIS IS WAR')).not.toContain('isis');
    // The stream is written over the raw tokens: the shouting check still reads the raw neighbour before.
    expect(tokens('Islamic State THIS IS WAR')).toEqual(['isis', 'this', 'is', 'war']);
    expect(tokens('Islamic State THIS IS')).toEqual(['isis', 'this', 'is']);
    expect(tokens('WAR IS Islamic State')).toEqual(['war', 'is', 'isis']);
    expect(tokens('NEW US IS HERE')).toEqual(['new', 'us', 'is', 'here']);
    expect(tokens('Daesh IS')).toEqual(['isis', 'isis']);
  });

  it('maps US / U.S. / United States, but not the pronoun "us"', () => {
    expect(tokens('U.S. officials')).toEqual(['united_states', 'officials']);
    expect(tokens('US officials')).toEqual(['united_states', 'officials']);
    expect(tokens('the United States said')).toEqual(['the', 'united_states', 'said']);
    expect(tokens('they told us')).toEqual(['they', 'told', 'us']);
  });

  it('matches names written with apostrophes or Arabic letter variants, as the article text is normalized', () => {
    const read = (text: string): string[] => tokenizeText(normalizeText(text), aliases).tokens;
    expect(read("Fighters of Da'esh retreated")).toEqual(['fighters', 'of', 'isis', 'retreated']);
    expect(read("the Democratic People's Republic of Korea said")).toEqual(['the', 'north_korea', 'said']);
    // ي, ك and إ are folded in article text (normalize-text.ts); the file's spellings must be too.
    expect(read('قالت الولايات المتحدة')).toContain('united_states');
    expect(read('مقاتلو الدولة الإسلامية')).toContain('isis');
    expect(read('زار إيران')).toContain('iran');
  });

  it('matches Chinese names as the text is segmented (transliterations cut into characters too), Simplified or Traditional', () => {
    const read = (text: string): string[] => tokenizeText(normalizeText(text), aliases, 'zh').tokens;
    // "伊斯兰国" is 伊斯兰 + 国 and "摩苏尔" 摩 + 苏 + 尔 in a sentence; read as one word each, the names never matched.
    expect(read('伊斯兰国头目巴格达迪已离开摩苏尔，美国官员称。')).toEqual(['isis', '头目', 'baghdadi', '已', '离开', 'mosul', 'united_states', '官员', '称']);
    expect(read('伊斯蘭國頭目巴格達迪已離開摩蘇爾，美國官員稱。')).toEqual(read('伊斯兰国头目巴格达迪已离开摩苏尔，美国官员称。'));
  });

  it('matches Russian abbreviations and inflected place names; ВОЗ only in capitals (воз is a cart)', () => {
    const read = (text: string): string[] => tokenizeText(normalizeText(text), aliases, 'ru').tokens;
    expect(read('Глава ИГИЛ покинул Мосул, заявили в США и ООН.')).toEqual(['глава', 'isis', 'покинул', 'mosul', 'заявили', 'в', 'united_states', 'и', 'united_nations']);
    expect(read('в окрестностях Мосула')).toContain('mosul');
    expect(read('Эксперты ВОЗ')).toContain('world_health_organization');
    expect(read('воз сена')).not.toContain('world_health_organization');
  });

  it('prefers the longest name', () => {
    expect(tokens('the Islamic State of Iraq and the Levant said')).toEqual(['the', 'isis', 'said']);
  });
});

describe('parseAliases', () => {
  it('rejects a malformed file with CONFIG_INVALID naming the field', () => {
    const cases: [unknown, string][] = [
      [{}, 'aliases.groups'],
      [{ groups: [{ token: 'Bad Token', names: ['x'] }] }, 'aliases.groups[0].token'],
      [{ groups: [{ token: 'ok', names: ['x', 3] }] }, 'aliases.groups[0].names[1]'],
      [{ groups: [{ token: 'ok', names: ['...'] }] }, 'aliases.groups[0].names[0]'],
      [{ groups: [{ token: 'ok', nmes: ['x'] }] }, 'aliases.groups[0].nmes'],
    ];
    for (const [json, field] of cases) {
      try {
        parseAliases(json);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(WiredeskError);
        expect((error as WiredeskError).code).toBe('CONFIG_INVALID');
        expect((error as WiredeskError).details?.['field']).toBe(field);
      }
    }
  });

  it('leaves text alone without aliases', () => {
    expect(tokenizeText('Daesh and ISIS', EMPTY_ALIASES).tokens).toEqual(['daesh', 'and', 'isis']);
    expect(parseAliases({ groups: [] }).size).toBe(0);
  });
});
