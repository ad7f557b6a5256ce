import { describe, expect, it } from 'vitest';
import { createStoryIndex, EMPTY_ALIASES, type StoryDoc } from '../../src/fingerprint/index.js';
import { crossLanguageKey } from '../../src/fingerprint/cognates.js';
import { stripSpanishEndings } from '../../src/fingerprint/spanish-endings.js';
import { termReaderFor } from '../../src/fingerprint/term-forms.js';

describe('stripSpanishEndings', () => {
  it('takes the gender vowel and the plural off folded words of five letters or more', () => {
    expect(stripSpanishEndings('ministro')).toBe('ministr');
    expect(stripSpanishEndings('ministra')).toBe('ministr');
    expect(stripSpanishEndings('ministros')).toBe('ministr');
    expect(stripSpanishEndings('presidente')).toBe('president');
    expect(stripSpanishEndings('presidentes')).toBe('president');
    expect(stripSpanishEndings('ciudades')).toBe('ciudad');
    expect(stripSpanishEndings('naciones')).toBe('nacion');
  });

  it('writes -ces as -z, keeps the s of -eses, and leaves short words and other endings alone', () => {
    expect(stripSpanishEndings('veces')).toBe('vez');
    expect(stripSpanishEndings('meses')).toBe('mes');
    expect(stripSpanishEndings('crisis')).toBe('crisis');
    expect(stripSpanishEndings('nacional')).toBe('nacional');
    expect(stripSpanishEndings('casa')).toBe('casa');
  });
});

describe('Spanish terms', () => {
  const es = termReaderFor('es');

  it('meet across gender and number, keep words of one family apart, and meet other languages as before', () => {
    expect(es.term('ministros')).toBe(es.term('ministra'));
    expect(es.term('países')).toBe(es.term('país'));
    expect(es.term('provincia')).not.toBe(es.term('provisional'));
    expect(es.term('ministerio')).not.toBe(es.term('ministro'));
    expect(es.term('municipios')).not.toBe(es.term('municipal'));
    expect(es.term('2020')).toBe('2020');
    // Cross-language keys stay cognate-folded 5-character forms (cognates.ts).
    expect(es.crossTerm?.('presidentes')).toBe(crossLanguageKey('president'));
  });
});

describe('story index: Spanish reports', () => {
  const doc = (id: string, text: string): StoryDoc => ({ id, title: '', text, publishedAt: '2020-05-05T10:00:00Z', seenAt: '2020-05-05T10:00:00Z', source: null, language: 'es' });
  const drought =
    'La provincia de Salta declaró la emergencia hídrica por la sequía. El gobierno provincial anunció que los municipios del norte ' +
    'recibirán agua potable en camiones cisterna. La provincia pidió ayuda a los municipios vecinos.';
  const budget =
    'El consejo aprobó una prórroga provisional del presupuesto municipal. El concejo publicó el decreto con las cifras provisionales ' +
    'del gasto municipal para el transporte y la limpieza.';
  const droughtAgain = 'Salta: emergencia hídrica en la provincia por la sequía. Los municipios del norte tendrán agua potable en camión cisterna, dijo el gobierno provincial.';

  it('a report of another event that shares only word families (provincia / provisional, municipios / municipal) does not join the first report’s story; a second report of the event does', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: EMPTY_ALIASES });
    const first = index.assign(doc('drought', drought));
    // With 5-letter prefixes (provi, munic) the budget report joined the drought's story at 0.218.
    expect(index.assign(doc('budget', budget)).storyId).not.toBe(first.storyId);
    expect(index.assign(doc('drought-again', droughtAgain)).storyId).toBe(first.storyId);
  });
});
