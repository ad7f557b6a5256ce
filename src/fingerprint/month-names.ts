import { foldScriptVariants } from './normalize-text.js';
import { nameKey } from './term-forms.js';

/**
 * Month names of the languages the story stage reads most, beside English (story-marks.ts), as
 * the tokens of a text become after case folding, letter folding (nameKey: mayıs → mayis, März →
 * marz) and script folding (Arabic ي → ی): name → canonical month. Inflected forms are listed
 * where the language declines month names in dates (Polish and Russian genitive and locative).
 * A date names its month in every language, so reports of two events a month apart contradict
 * each other in German, Turkish or Polish as they do in English.
 */
const NAMES: Record<string, string> = {
  // German (Jänner: Austria)
  januar: 'jan', janner: 'jan', februar: 'feb', marz: 'mar', mai: 'may', juni: 'jun', juli: 'jul', oktober: 'oct', dezember: 'dec',
  // Spanish, Italian, Portuguese
  enero: 'jan', febrero: 'feb', marzo: 'mar', abril: 'apr', mayo: 'may', junio: 'jun', julio: 'jul', agosto: 'aug',
  septiembre: 'sep', setiembre: 'sep', octubre: 'oct', noviembre: 'nov', diciembre: 'dec',
  gennaio: 'jan', febbraio: 'feb', aprile: 'apr', maggio: 'may', giugno: 'jun', luglio: 'jul', settembre: 'sep', ottobre: 'oct', dicembre: 'dec',
  janeiro: 'jan', fevereiro: 'feb', marco: 'mar', maio: 'may', junho: 'jun', julho: 'jul', setembro: 'sep', outubro: 'oct', novembro: 'nov', dezembro: 'dec',
  // French, Dutch
  janvier: 'jan', fevrier: 'feb', mars: 'mar', avril: 'apr', juin: 'jun', juillet: 'jul', aout: 'aug', septembre: 'sep', octobre: 'oct', novembre: 'nov', decembre: 'dec',
  januari: 'jan', februari: 'feb', maart: 'mar', mei: 'may', augustus: 'aug',
  // Turkish
  ocak: 'jan', subat: 'feb', mart: 'mar', nisan: 'apr', mayis: 'may', haziran: 'jun', temmuz: 'jul', agustos: 'aug', eylul: 'sep', ekim: 'oct', kasim: 'nov', aralik: 'dec',
  // Polish: nominative, genitive (dates: "10 maja"), locative ("w maju")
  styczen: 'jan', stycznia: 'jan', styczniu: 'jan', luty: 'feb', lutego: 'feb', lutym: 'feb', marzec: 'mar', marca: 'mar', marcu: 'mar',
  kwiecien: 'apr', kwietnia: 'apr', kwietniu: 'apr', maj: 'may', maja: 'may', maju: 'may', czerwiec: 'jun', czerwca: 'jun', czerwcu: 'jun',
  lipiec: 'jul', lipca: 'jul', lipcu: 'jul', sierpien: 'aug', sierpnia: 'aug', sierpniu: 'aug', wrzesien: 'sep', wrzesnia: 'sep', wrzesniu: 'sep',
  pazdziernik: 'oct', pazdziernika: 'oct', pazdzierniku: 'oct', listopad: 'nov', listopada: 'nov', listopadzie: 'nov', grudzien: 'dec', grudnia: 'dec', grudniu: 'dec',
  // Russian: nominative, genitive, prepositional
  январь: 'jan', января: 'jan', январе: 'jan', февраль: 'feb', февраля: 'feb', феврале: 'feb', март: 'mar', марта: 'mar', марте: 'mar',
  апрель: 'apr', апреля: 'apr', апреле: 'apr', май: 'may', мая: 'may', мае: 'may', июнь: 'jun', июня: 'jun', июне: 'jun',
  июль: 'jul', июля: 'jul', июле: 'jul', август: 'aug', августа: 'aug', августе: 'aug', сентябрь: 'sep', сентября: 'sep', сентябре: 'sep',
  октябрь: 'oct', октября: 'oct', октябре: 'oct', ноябрь: 'nov', ноября: 'nov', ноябре: 'nov', декабрь: 'dec', декабря: 'dec', декабре: 'dec',
  // Arabic (Gregorian month names as Egyptian and Gulf wires write them)
  يناير: 'jan', فبراير: 'feb', مارس: 'mar', أبريل: 'apr', ابريل: 'apr', إبريل: 'apr', مايو: 'may', يونيو: 'jun', يونيه: 'jun', يوليو: 'jul', يوليه: 'jul',
  أغسطس: 'aug', اغسطس: 'aug', سبتمبر: 'sep', أكتوبر: 'oct', اكتوبر: 'oct', نوفمبر: 'nov', ديسمبر: 'dec',
  // Arabic, Levantine (Syrian, Lebanese, Iraqi, Jordanian and Palestinian wires: SANA, NNA, Petra, WAFA). Not آب
  // (August): folded it is اب, as أب "father" is, and "أب لـ3 أطفال" (a father of three) stands beside a figure.
  // كانون and تشرين name two months each: PAIRED_MONTHS below.
  شباط: 'feb', آذار: 'mar', نيسان: 'apr', أيار: 'may', حزيران: 'jun', تموز: 'jul', أيلول: 'sep',
  // Arabic, Maghreb (Algerian and Tunisian: from French; Moroccan: يوليوز, غشت, شتنبر, نونبر, دجنبر)
  جانفي: 'jan', فيفري: 'feb', أفريل: 'apr', افريل: 'apr', ماي: 'may', جوان: 'jun', جويلية: 'jul', أوت: 'aug', اوت: 'aug',
  يوليوز: 'jul', غشت: 'aug', شتنبر: 'sep', نونبر: 'nov', دجنبر: 'dec',
};

/**
 * Levantine month names of two words, the second saying which of two months: كانون الثاني (January) and
 * كانون الأول (December), تشرين الأول (October) and تشرين الثاني (November). Name → [month with
 * "first", month with "second"].
 */
const PAIRED: Record<string, readonly [string, string]> = { كانون: ['dec', 'jan'], تشرين: ['oct', 'nov'] };

const MONTHS = new Map<string, string>();
/** The names above in their folded form → canonical month (story-marks.ts reads them in one probe with the English words). */
export const FOREIGN_MONTHS: ReadonlyMap<string, string> = MONTHS;
for (const [name, month] of Object.entries(NAMES)) {
  const key = foldScriptVariants(name.normalize('NFKC'));
  MONTHS.set(key, month);
}

const FOLDED_PAIRED = new Map<string, readonly [string, string]>();
/** The first words of the paired names above, folded → [month with "first", month with "second"] (pairedMonth). */
export const PAIRED_MONTHS: ReadonlyMap<string, readonly [string, string]> = FOLDED_PAIRED;
for (const [name, months] of Object.entries(PAIRED)) FOLDED_PAIRED.set(foldScriptVariants(name.normalize('NFKC')), months);
const FIRST = foldScriptVariants('الأول'.normalize('NFKC'));
const SECOND = foldScriptVariants('الثاني'.normalize('NFKC'));

/**
 * The month of a paired Levantine name (`months`, from PAIRED_MONTHS) by the word after it, as the
 * tokens are (folded, with or without the article: "الأول", "أول"), or null when that word is neither.
 */
export function pairedMonth(months: readonly [string, string], next: string | undefined): string | null {
  if (next === undefined) return null;
  if (FIRST.endsWith(next) && next.length >= 3) return months[0];
  if (SECOND.endsWith(next) && next.length >= 4) return months[1];
  return null;
}

/**
 * The month a token names in one of the languages above, or null. It dates something only when a
 * figure stands within two tokens of it ("15 Mayıs", "5 de mayo", "17. März 2020", "maja 2020"),
 * which the caller checks (story-marks.ts) once a token is a month name.
 * Several names are also ordinary words or given names (Turkish ocak "stove", ekim "sowing",
 * aralık "gap", Kasım and Nisan; Polish Maja; French Mars; Arabic مارس "practised"; German August;
 * Portuguese março / Italian Marco), and a month named without a date is often history ("im März
 * hatte …"): measured on the dev pairs, months without the figure cost Spanish pairs of one story
 * that look back a month (es 0.821 → 0.797) and gained nothing elsewhere.
 */
export function foreignMonth(token: string): string | null {
  let month = MONTHS.get(token);
  if (month === undefined) {
    if (isFoldedForm(token)) return null;
    month = MONTHS.get(nameKey(token));
    if (month === undefined) return null;
  }
  return month;
}

/** Whether folding (nameKey) leaves `token` as it is: ASCII without an apostrophe. Such a token names a month only as it stands. */
export function isFoldedForm(token: string): boolean {
  for (let i = 0; i < token.length; i += 1) if (token.charCodeAt(i) >= 0x80) return false;
  return !token.includes("'");
}
