import { describe, expect, it } from 'vitest';
import { stripTurkishSuffixes } from '../../src/fingerprint/turkish-suffixes.js';
import { termReaderFor } from '../../src/fingerprint/term-forms.js';

describe('stripTurkishSuffixes', () => {
  it('takes plural, possessive and case endings off folded words', () => {
    expect(stripTurkishSuffixes('belediyesinde')).toBe('beledi');
    expect(stripTurkishSuffixes('belediyesi')).toBe('beledi');
    expect(stripTurkishSuffixes('belediye')).toBe('beledi');
    expect(stripTurkishSuffixes('vatandaslarina')).toBe('vatandas');
    expect(stripTurkishSuffixes('hastanede')).toBe('hastane');
    expect(stripTurkishSuffixes('kentte')).toBe('kent');
  });

  it('keeps at least four letters and leaves short words alone', () => {
    expect(stripTurkishSuffixes('evde')).toBe('evde');
    expect(stripTurkishSuffixes('kente')).toBe('kente');
    expect(stripTurkishSuffixes('ordu')).toBe('ordu');
  });

  it('writes a softened final consonant back hard once an ending is off, so the forms meet the bare word', () => {
    expect(stripTurkishSuffixes('kitabinda')).toBe('kitap');
    expect(stripTurkishSuffixes('sokaginda')).toBe('sokak');
    expect(stripTurkishSuffixes('rengine')).toBe('renk');
    expect(stripTurkishSuffixes('kitap')).toBe('kitap');
    expect(stripTurkishSuffixes('sokak')).toBe('sokak');
    // nothing came off: a word written with a final b, d or g keeps it
    expect(stripTurkishSuffixes('ahmed')).toBe('ahmed');
  });
});

describe('Turkish terms', () => {
  it('meet across endings, keep mayor and other apart, and meet other languages at 5 letters', () => {
    const tr = termReaderFor('tr');
    expect(tr.term('belediyesinde')).toBe(tr.term('belediyesi'));
    expect(tr.term('sokağında')).toBe(tr.term('sokak'));
    expect(tr.term('başkanı')).not.toBe(tr.term('başka'));
    expect(tr.term("Erdoğan'ın".toLowerCase())).toBe('erdogan');
    expect(tr.crossTerm?.('kahramanmaraş')).toBe(termReaderFor('de').term('kahramanmaraş'));
    expect(tr.term('2020')).toBe('2020');
  });
});
