// Script ranges decide most languages outright; Latin and Cyrillic text needs stopwords.
const SCRIPTS: ReadonlyArray<{ re: RegExp; lang: string | null }> = [
  { re: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g, lang: 'arabic' },
  { re: /[\u0590-\u05FF]/g, lang: 'he' },
  { re: /[\u0400-\u04FF]/g, lang: 'cyrillic' },
  { re: /[\u0370-\u03FF]/g, lang: 'el' },
  { re: /[\u3040-\u30FF]/g, lang: 'ja' },
  { re: /[\uAC00-\uD7AF]/g, lang: 'ko' },
  { re: /[\u4E00-\u9FFF]/g, lang: 'zh' },
  { re: /[\u0E00-\u0E7F]/g, lang: 'th' },
  { re: /[\u0900-\u097F]/g, lang: 'hi' },
  { re: /[A-Za-z\u00C0-\u024F]/g, lang: 'latin' },
];

const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'on', 'said', 'he', 'it', 'as', 'by'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'est', 'une', 'que', 'dans', 'pour', 'qui', 'sur', 'pas', 'au'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'sich', 'auf', 'ein', 'eine', 'auch', 'dem', 'von'],
  es: ['el', 'los', 'las', 'del', 'que', 'por', 'con', 'una', 'para', 'es', 'se', 'su', 'al', 'como', 'más'],
  it: ['il', 'di', 'che', 'della', 'per', 'non', 'sono', 'gli', 'del', 'una', 'con', 'nel', 'alla', 'è', 'anche'],
  pt: ['o', 'os', 'de', 'que', 'não', 'uma', 'com', 'para', 'do', 'da', 'em', 'dos', 'ao', 'mais', 'foi'],
  nl: ['de', 'het', 'een', 'van', 'en', 'niet', 'dat', 'op', 'voor', 'met', 'zijn', 'ook', 'maar', 'wordt', 'naar'],
  tr: ['ve', 'bir', 'bu', 'için', 'ile', 'da', 'de', 'olarak', 'gibi', 'daha', 'çok', 'olan', 'ama', 'kadar', 'sonra'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'из', 'он', 'за', 'от', 'для', 'также'],
  uk: ['і', 'в', 'не', 'на', 'що', 'з', 'та', 'це', 'як', 'до', 'він', 'за', 'від', 'для', 'також'],
  ar: ['في', 'من', 'على', 'إلى', 'أن', 'التي', 'الذي', 'عن', 'مع', 'هذا', 'كان', 'قال', 'وقال', 'بين', 'ذلك'],
  fa: ['و', 'در', 'به', 'از', 'که', 'این', 'را', 'با', 'است', 'برای', 'آن', 'می', 'شد', 'های', 'کرد'],
  ur: ['کے', 'میں', 'کی', 'ہے', 'اور', 'کو', 'سے', 'نے', 'کہ', 'پر', 'یہ', 'ہیں', 'تھا', 'بھی', 'گیا'],
};
const CANDIDATES: Record<string, readonly string[]> = {
  latin: ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'tr'],
  cyrillic: ['ru', 'uk'],
  arabic: ['ar', 'fa', 'ur'],
};

/**
 * A small language guesser for pages that declare none: the dominant script, then stopword counts among the
 * languages written in it. Returns null for texts too short to call (under ~20 words).
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 6000);
  let best: string | null = null;
  let bestCount = 0;
  for (const { re, lang } of SCRIPTS) {
    const count = sample.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  if (best === null || bestCount < 20) return null;
  const candidates = CANDIDATES[best];
  if (candidates === undefined) return best;
  const words = sample.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
  if (words.length < 20) return null;
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let winner: string | null = null;
  let winnerScore = 0;
  for (const lang of candidates) {
    const score = (STOPWORDS[lang] ?? []).reduce((sum, w) => sum + (counts.get(w) ?? 0), 0);
    if (score > winnerScore) {
      winner = lang;
      winnerScore = score;
    }
  }
  return winnerScore >= 3 ? winner : null;
}

/** Languages written right to left. */
const RTL_LANGS = new Set(['ar', 'fa', 'he', 'iw', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** True when the primary subtag names a right-to-left language. */
export function isRtlLanguage(lang: string | null): boolean {
  return lang !== null && RTL_LANGS.has(lang.toLowerCase().split(/[-_]/)[0] ?? '');
}

/** Normalises a language tag to its lower-case primary subtag (`en-US` → `en`); null for junk. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const primary = value.trim().toLowerCase().split(/[-_\s,;]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) && primary !== 'und' && primary !== 'mul' ? primary : null;
}
