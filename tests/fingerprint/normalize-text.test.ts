import { describe, expect, it } from 'vitest';
import { EMPTY_ALIASES, foldScriptVariants, normalizeText, stripDateline, tokenizeText } from '../../src/fingerprint/index.js';
import { fixtureDoc } from './helpers.js';

describe('normalizeText', () => {
  it('applies NFKC (full-width letters, ligatures) before anything else', () => {
    expect(normalizeText('ＵＮ envoy ﬁnds agreement in Geneva talks')).toBe('UN envoy finds agreement in Geneva talks');
  });

  it('drops the seed page chrome left over by extraction but keeps the story lines', () => {
    const seed = fixtureDoc('seed-pair', 'first').text;
    const normalized = normalizeText(seed);
    for (const chrome of ['News ID', '847/940', 'Send comment', 'Please type in your comments', 'The comments that contain insults']) {
      expect(seed).toContain(chrome);
      expect(normalized).not.toContain(chrome);
    }
    expect(normalized).toContain('Baghdadi had proved to be an elusive target');
  });

  it('drops newsletter, copyright and agency trailer lines', () => {
    const text = 'Talks resumed on Monday in Vienna.\n(Reporting by Ana Kovač; Editing by Peter Hill)\nGet the latest headlines in your inbox: subscribe to our briefing.\n© 2026 Agency A. All rights reserved.';
    expect(normalizeText(text)).toBe('Talks resumed on Monday in Vienna.');
  });

  it('strips a wire dateline and credit from the first line only', () => {
    expect(stripDateline('BAGHDAD, March 8 (Reuters) - Iraqi forces advanced on Wednesday.')).toBe('Iraqi forces advanced on Wednesday.');
    expect(stripDateline('MOSUL, Iraq (AP) — Troops retook the museum.')).toBe('Troops retook the museum.');
    expect(stripDateline('The talks - held in secret - ended on Monday.')).toBe('The talks - held in secret - ended on Monday.');
  });
});

describe('agency credits', () => {
  it('drops an agency credit after a headline or a place and date on the first line, and keeps place and date', () => {
    expect(normalizeText('Nueve muertos en Yakarta  Yakarta, 1 de enero (Notimex) .- El comienzo de 2020')).toBe('Nueve muertos en Yakarta Yakarta, 1 de enero .- El comienzo de 2020');
    // (A headline of 60 characters or less before it: stripDateline takes headline, place and credit.)
    const headline = 'Aktien New York Schluss: Schwacher Wochenauftakt für den Dow Jones';
    expect(normalizeText(`${headline}  NEW YORK (dpa-AFX) - Die US-Aktienmärkte`)).toBe(`${headline} NEW YORK - Die US-Aktienmärkte`);
    expect(normalizeText('MADRID, 5 de abril (Europa Press): el grupo')).toBe('MADRID, 5 de abril: el grupo');
  });

  it('keeps parentheses that are no credit, later lines and credits deep in the text', () => {
    expect(normalizeText('Mutter (35) und Kinder (7) sterben bei Unfall: Polizei')).toBe('Mutter (35) und Kinder (7) sterben bei Unfall: Polizei');
    expect(normalizeText('Merkel (CDU) sagt, dass')).toBe('Merkel (CDU) sagt, dass');
    expect(normalizeText('Erste Zeile.\nZweite (dpa) - Zeile')).toBe('Erste Zeile.\nZweite (dpa) - Zeile');
    const deep = `${'Wort '.repeat(80)}Berlin (dpa) - Text`;
    expect(normalizeText(deep)).toBe(deep.trim());
  });

  it('takes a credit before a colon only after a dateline or as an agency name, not a party after a name', () => {
    expect(normalizeText('Söder (CSU): Keine Lockerungen vor Ostern')).toBe('Söder (CSU): Keine Lockerungen vor Ostern');
    expect(normalizeText('Habeck (Grüne): Wir müssen handeln')).toBe('Habeck (Grüne): Wir müssen handeln');
    expect(normalizeText('Carrara [Australia], Jan 01 (ANI): Brisbane Heat')).toBe('Carrara [Australia], Jan 01: Brisbane Heat');
    expect(normalizeText('Marchan en Moscú  Moscú (Sputnik): decenas de miles')).toBe('Marchan en Moscú Moscú: decenas de miles');
    // Before a dash, a short capitalised credit still goes.
    const headline = 'Regierung stellt ihren neuen Plan für die Kliniken des Landes vor';
    expect(normalizeText(`${headline} Berlin (AP) - Die Regierung`)).toBe(`${headline} Berlin - Die Regierung`);
  });
});

describe('press-release trailers', () => {
  const body = 'Unbekannte sind in der Nacht zum Montag in einen Baucontainer eingebrochen und haben Werkzeug gestohlen. Die Polizei sucht Zeugen, die Hinweise geben können. '.repeat(3).trim();

  it('drops the contact block and the wire line that close a release', () => {
    const text = `${body} Rückfragen bitte an: Polizeipräsidium Stuttgart Telefon: 0711 8990-3333 E-Mail: stuttgart.pp@polizei.bwl.de Original-Content von: Polizeipräsidium Stuttgart, übermittelt durch news aktuell`;
    expect(normalizeText(text)).toBe(body);
  });

  it('drops the labels and a number left before the wire line when the source cut the block', () => {
    expect(normalizeText(`${body} Öffentlichkeitsarbeit Telefon: 07361 580-107 E-Mail: aalen@polizei.bwl.de Original-Content von: Polizeipräsidium Aalen`)).toBe(`${body} Öffentlichkeitsarbeit`);
    expect(normalizeText(`${body} 07531 995-1012 E-Mail: konstanz@polizei.bwl.de Original-Content von: Polizeipräsidium Konstanz`)).toBe(body);
  });

  it('keeps a marker early in the text (quoted, not closing) and texts without one', () => {
    const early = `Pressekontakt: so erreichen Sie uns. ${body}`;
    expect(normalizeText(early)).toBe(early);
    expect(normalizeText(body)).toBe(body);
  });
});

describe('foldScriptVariants', () => {
  it('folds Arabic yeh/alef maksura/kaf to Persian forms and removes tatweel and harakat', () => {
    expect(foldScriptVariants('علي')).toBe('علی');
    expect(foldScriptVariants('مستشفى')).toBe('مستشفی');
    expect(foldScriptVariants('كتاب')).toBe('کتاب');
    expect(foldScriptVariants('مـوصِل')).toBe('موصل');
  });

  it('unifies Arabic-Indic and Persian digits to ASCII', () => {
    expect(foldScriptVariants('١٢٣ و ۴۵۶')).toBe('123 و 456');
  });

  it('reads Russian ё as е, as most Russian texts write it (Пётр / Петр, Королёв / Королев)', () => {
    expect(foldScriptVariants('Пётр Королёв, ЁЛКА')).toBe('Петр Королев, ЕЛКА');
    expect(foldScriptVariants('Пётр Королёв')).toBe(foldScriptVariants('Петр Королев'));
  });
});

describe('tokenizeText', () => {
  it('folds case, keeps numbers whole and drops thousands separators', () => {
    expect(tokenizeText('About 1,200 residents of Dornik left', EMPTY_ALIASES).tokens).toEqual(['about', '1200', 'residents', 'of', 'dornik', 'left']);
  });

  it('flags names and figures, not sentence starts or Title Case headlines', () => {
    const stream = tokenizeText('Engineers met Marta Velić on Tuesday about 62 pumps.\nCrews Rush To Repair Cracked Spillway', EMPTY_ALIASES);
    const flagged = stream.tokens.filter((_, i) => stream.entity[i] === 1);
    expect(flagged).toEqual(['marta', 'velić', 'tuesday', '62']);
  });
});
