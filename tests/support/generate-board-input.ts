import type { BoardInput } from '../../src/board/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type StoryRecord } from '../../src/types/index.js';
import { seededRandom } from './seeded-random.js';

/** Options of `generateBoardInput`. */
export interface GenerateBoardOptions {
  stories: number;
  seed?: number;
  /** Last seen times fall within this many hours before `now` (default 72). */
  windowHours?: number;
  now: Date;
}

const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'ANSA', 'EFE', 'Xinhua', 'Anadolu', 'IRNA', 'WAFA', 'KUNA', 'QNA', 'SPA', 'MENA', 'Rudaw', 'Kurdistan24', 'Al Sumaria', 'Shafaq', 'Tasnim', 'ISNA', 'Yonhap', 'Kyodo', 'PTI', 'APP'];
const EN = 'government minister said officials talks border security forces attack city province election parliament president army police report agency statement oil prices market bank rate economy protest court ruling investigation water dam flood earthquake storm rescue hospital health vaccine school students workers strike trade deal exports imports budget deficit growth inflation drought harvest wheat refugees camp aid convoy ceasefire negotiations summit visit delegation embassy sanctions'.split(' ');
const AR = 'الحكومة الوزير قال المسؤولين المحادثات الحدود الأمن القوات هجوم المدينة المحافظة الانتخابات البرلمان الرئيس الجيش الشرطة تقرير وكالة بيان النفط الأسعار السوق البنك الاقتصاد احتجاج المحكمة التحقيق المياه السد فيضان زلزال عاصفة الإنقاذ المستشفى الصحة المدارس الطلاب العمال'.split(' ');
const PLACES = ['Mosul', 'Basra', 'Kirkuk', 'Erbil', 'Baghdad', 'Najaf', 'Karbala', 'Tikrit', 'Ramadi', 'Fallujah', 'Amman', 'Beirut', 'Damascus', 'Aleppo', 'Tehran', 'Ankara', 'Cairo', 'Riyadh', 'Doha', 'Dubai'];

/**
 * A synthetic story window of realistic shape for the board bench: most stories have one report,
 * some a handful, a few dozens (reports per story ~2.4 on average); ~15 % of the reports of a
 * multi-report story are copies of an earlier one; one story in eight is Arabic (right to left);
 * report texts run 150–600 words. Seeded, so every run renders the same page.
 */
export function generateBoardInput(options: GenerateBoardOptions): BoardInput {
  const random = seededRandom(options.seed ?? 16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const windowMs = (options.windowHours ?? 72) * 3_600_000;
  const now = options.now.getTime();
  const stories: StoryRecord[] = [];
  const articles = new Map<string, ArticleRecord>();
  let nextArticle = 0;
  for (let s = 0; s < options.stories; s++) {
    const arabic = random() < 0.125;
    const words = arabic ? AR : EN;
    const size = reportCount(random());
    const lastSeen = now - Math.floor(random() * windowMs * 0.95);
    const span = Math.min(lastSeen - (now - windowMs), Math.floor(random() * 36 * 3_600_000));
    const headline = `${pick(PLACES)}: ${sentence(random, words, 6 + Math.floor(random() * 8))}`;
    const members: ArticleRecord[] = [];
    for (let r = 0; r < size; r++) {
      const id = (nextArticle++).toString(16).padStart(16, '0');
      const at = new Date(lastSeen - Math.floor(((size - 1 - r) / Math.max(1, size - 1)) * span)).toISOString();
      const original = r > 0 && random() < 0.15 ? members.find((m) => m.story.duplicateOf === null) ?? null : null;
      const paragraphs = Array.from({ length: 3 + Math.floor(random() * 8) }, () => sentence(random, words, 30 + Math.floor(random() * 50)));
      const article: ArticleRecord = {
        schemaVersion: SCHEMA_VERSION,
        id,
        url: `https://news${r % 7}.example/${s}/${id}`,
        finalUrl: null,
        canonicalUrl: `https://news${r % 7}.example/${s}/${id}`,
        feed: { url: 'https://wire.example/rss', name: pick(AGENCIES) },
        guid: null,
        title: r === 0 ? headline : `${headline} ${pick(words)}`,
        byline: null,
        publishedAt: at,
        updatedAt: null,
        fetchedAt: at,
        language: arabic ? 'ar' : 'en',
        direction: arabic ? 'rtl' : 'ltr',
        siteName: null,
        leadImage: null,
        summary: paragraphs[0]?.slice(0, 200) ?? null,
        text: original?.text ?? paragraphs.join('\n\n'),
        html: null,
        wordCount: 0,
        extraction: { method: 'readability', reason: null, encoding: 'utf-8', encodingSource: 'utf8-valid' },
        fingerprint: { simhash: '0000000000000000' },
        story: { id: `s-${s}`, duplicateOf: original?.id ?? null, distance: original ? 2 : null, similarity: null, reason: original ? 'duplicate' : r === 0 ? 'new' : 'similar' },
      };
      members.push(article);
      articles.set(id, article);
    }
    stories.push({
      schemaVersion: SCHEMA_VERSION,
      id: `s-${s}`,
      members: members.map((m) => m.id),
      representative: members[0]?.id ?? '',
      title: headline,
      sources: [...new Set(members.map((m) => m.feed.name))],
      firstSeenAt: members[0]?.fetchedAt ?? new Date(lastSeen).toISOString(),
      lastSeenAt: new Date(lastSeen).toISOString(),
      merged: [],
    });
  }
  return { stories, articles };
}

// 60 % single reports, then a long tail up to 40 (mean ≈ 2.4).
function reportCount(u: number): number {
  if (u < 0.6) return 1;
  if (u < 0.8) return 2;
  if (u < 0.9) return 3 + Math.floor((u - 0.8) * 20);
  if (u < 0.98) return 5 + Math.floor((u - 0.9) * 75);
  return 11 + Math.floor((u - 0.98) * 1500);
}

function sentence(random: () => number, words: readonly string[], length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(words[Math.floor(random() * words.length)] as string);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
