import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc } from '../../src/fingerprint/index.js';
import { dropKeywordLists } from '../../src/fingerprint/keyword-lists.js';
import { normalizeText } from '../../src/fingerprint/normalize-text.js';
import { seededRandom, shippedAliases } from './helpers.js';

// A local news site's search keywords, printed above every article it publishes (our own list, in the form such sites use).
const HEADER = 'Türkiye, haber, haberleri, kadıköy, üsküdar, ataşehir, maltepe, kartal, pendik, magazin, siyaset, politika, güncel, polis, güvenlik, gündem, son dakika, flaş haber, spor, ekonomi,';

describe('keyword lists', () => {
  it('drops a run of eight or more short, lower-case, comma-separated items, and keeps the report after it', () => {
    expect(dropKeywordLists(`${HEADER} KADIKÖY'de dün akşam bir reklam panosu devrildi.`)).toBe("KADIKÖY'de dün akşam bir reklam panosu devrildi.");
    expect(dropKeywordLists('Tags: news, world, politics, economy, sport, weather, culture, science, health')).toBe('Tags: news');
  });

  it("keeps a report's own enumerations: capitalised names and places, short lists, prose", () => {
    const countries = 'The loans go to Bulgaria, Croatia, Cyprus, Germany, Greece, Italy, Malta, Portugal and Spain.';
    const names = 'The released girls are Jummai John, Blessing Abana, Lugwa Sanda, Comfort Habila, Maryam Basheer, Comfort Amos, Glory Mainta and Saratu Emmanuel.';
    const short = 'bread, milk, eggs, butter, cheese, flour, sugar';
    const prose = 'He said that prices rose, that wages fell, that rents climbed, and that, in the end, nobody was happy, least of all, the minister, who resigned.';
    for (const line of [countries, names, short, prose]) expect(dropKeywordLists(line)).toBe(line);
  });

  it('keeps lists in scripts without case', () => {
    const arabic = 'سوريا, لبنان, الأردن, العراق, مصر, ليبيا, تونس, الجزائر, المغرب';
    expect(dropKeywordLists(arabic)).toBe(arabic);
  });

  it('drops what splitting the line at its commas and filtering the items drops, on random lines', () => {
    const random = seededRandom(8);
    const pieces = ['haber', 'son dakika', 'Türkiye', 'spor', 'a long clause of several words', 'x.', 'İstanbul', '', ' ', 'güncel', 'flaş haber', 'very long lowercase item here', 'Ab', 'ab cd ef'];
    for (let round = 0; round < 3000; round += 1) {
      const line = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)] as string).join(random() < 0.8 ? ', ' : ',');
      expect(dropKeywordLists(line)).toBe(bySplitting(line));
    }
  });

  it('is applied by normalizeText, line by line', () => {
    expect(normalizeText(`${HEADER} Belediye yardım dağıttı.\nİkinci satır, kısa.`)).toBe('Belediye yardım dağıttı.\nİkinci satır, kısa.');
  });
});

/** The rule written plainly: split at commas, find runs of list items, filter them out, join. */
function bySplitting(line: string): string {
  const items = line.split(',');
  const isItem = (item: string): boolean => {
    const text = item.trim();
    return text !== '' && text.length <= 25 && !/[.!?;:]/.test(text) && text.split(/\s+/).length <= 2;
  };
  const isLower = (item: string): boolean => /[\p{Lu}\p{Ll}]/u.test(item) && item.trim() === item.trim().toLowerCase();
  const dropped = new Set<number>();
  let start = 0;
  for (let i = 0; i <= items.length; i += 1) {
    if (i < items.length && isItem(items[i] as string)) continue;
    const run = items.slice(start, i);
    if (run.length >= 8 && run.filter(isLower).length >= 0.75 * run.length) for (let k = start; k < i; k += 1) dropped.add(k);
    start = i + 1;
  }
  if (dropped.size === 0) return line;
  return items.filter((_, i) => !dropped.has(i)).join(',').replace(/^[\s,]+|[\s,]+$/g, '');
}

describe('keyword lists in the story index', () => {
  const reports = [
    "KADIKÖY'de kaldırımda yürüyen bir kişi, reklam panosundan kopan bir parçanın kafasına düşmesi sonucu ağır yaralandı. Pano, devrilmemesi için iki vinçle sabitlendi. Olay, Bağdat Caddesi'nde akşam saatlerinde meydana geldi. Yaralı ambulansla hastaneye kaldırıldı.",
    'Maltepe Belediyesi, ramazan ayı boyunca ihtiyaç sahibi 3 bin aileye gıda kolisi dağıtacak. Belediye başkanı, kolilerin mahalle muhtarlıkları aracılığıyla evlere teslim edileceğini açıkladı. Başvurular belediyenin internet sitesinden yapılabiliyor.',
    "Pendik'te kırmızı ışıkta geçen bir otomobil, yaya geçidinde bekleyen minibüse çarptı. Kazada 4 kişi hafif yaralandı. Trafik polisi sürücünün alkollü olduğunu tespit etti; sürücünün ehliyetine el konuldu.",
    'Kartalspor, sahasında Ataşehir Gençlik ile 2-2 berabere kaldı. İlk yarıyı 1-0 önde kapatan ev sahibi ekip, ikinci yarıda iki gol yedi ve son dakikada penaltıdan beraberliği yakaladı. Teknik direktör sonuçtan memnun olmadığını söyledi.',
  ];

  function stories(texts: readonly string[]): Set<string> {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() });
    const at = Date.parse('2026-04-20T08:00:00Z');
    return new Set(
      texts.map((text, i) => {
        const when = new Date(at + i * 3_600_000).toISOString();
        const doc: StoryDoc = { id: `tr-local-${i}`, title: '', text, publishedAt: when, seenAt: when, source: 'local-site', language: 'tr' };
        return index.assign(doc).storyId;
      }),
    );
  }

  it('keeps unrelated reports of one site apart, whatever keyword list the site prints above them', () => {
    expect(stories(reports).size).toBe(4);
    expect(stories(reports.map((r) => `${HEADER} ${r}`)).size).toBe(4);
  });
});
