/**
 * Month names and abbreviations (lower-case, without trailing dots) in the languages wire feeds
 * are written in: en, pt, es, fr, de, it, ru (nominative and genitive), ar (Egyptian/Gulf
 * transliterations, Levantine Syriac names, Maghreb French-derived names). Day names need no
 * table: the date parser ignores words that are not months or zones.
 */
export const MONTH_NAMES: ReadonlyMap<string, number> = buildMonthTable([
  // en
  ['january jan', 1], ['february feb', 2], ['march mar', 3], ['april apr', 4], ['may', 5], ['june jun', 6],
  ['july jul', 7], ['august aug', 8], ['september sep sept', 9], ['october oct', 10], ['november nov', 11], ['december dec', 12],
  // pt
  ['janeiro', 1], ['fevereiro fev', 2], ['março marco', 3], ['abril abr', 4], ['maio mai', 5], ['junho', 6],
  ['julho', 7], ['agosto ago', 8], ['setembro set', 9], ['outubro out', 10], ['novembro', 11], ['dezembro dez', 12],
  // es
  ['enero ene', 1], ['febrero', 2], ['marzo', 3], ['mayo', 5], ['junio', 6], ['julio', 7],
  ['septiembre setiembre', 9], ['octubre', 10], ['noviembre', 11], ['diciembre dic', 12],
  // fr
  ['janvier janv', 1], ['février fevrier févr fevr', 2], ['mars', 3], ['avril avr', 4], ['juin', 6],
  ['juillet juil', 7], ['août aout', 8], ['septembre', 9], ['octobre', 10], ['décembre decembre déc', 12],
  // de
  ['januar jänner jaenner jän', 1], ['februar', 2], ['märz maerz mär mrz', 3], ['juni', 6], ['juli', 7],
  ['oktober okt', 10], ['dezember', 12],
  // it
  ['gennaio gen', 1], ['febbraio', 2], ['aprile', 4], ['maggio mag', 5], ['giugno giu', 6], ['luglio lug', 7],
  ['settembre', 9], ['ottobre ott', 10], ['dicembre', 12],
  // ru: genitive (as in dates), nominative, abbreviations
  ['января январь янв', 1], ['февраля февраль фев', 2], ['марта март мар', 3], ['апреля апрель апр', 4],
  ['мая май', 5], ['июня июнь июн', 6], ['июля июль июл', 7], ['августа август авг', 8],
  ['сентября сентябрь сен сент', 9], ['октября октябрь окт', 10], ['ноября ноябрь ноя нояб', 11], ['декабря декабрь дек', 12],
  // ar: Egyptian/Gulf
  ['يناير', 1], ['فبراير', 2], ['مارس', 3], ['أبريل إبريل ابريل', 4], ['مايو', 5], ['يونيو يونية', 6],
  ['يوليو يولية', 7], ['أغسطس اغسطس', 8], ['سبتمبر', 9], ['أكتوبر اكتوبر', 10], ['نوفمبر', 11], ['ديسمبر', 12],
  // ar: Levantine single-word names
  ['شباط', 2], ['آذار اذار', 3], ['نيسان', 4], ['أيار ايار', 5], ['حزيران', 6], ['تموز', 7], ['آب اب', 8], ['أيلول ايلول', 9],
  // ar: Maghreb
  ['جانفي', 1], ['فيفري', 2], ['أفريل افريل', 4], ['ماي', 5], ['جوان', 6], ['جويلية', 7], ['أوت اوت', 8],
]);

/**
 * Levantine two-word month names, replaced by a single token before tokenising
 * (كانون الثاني is January, تشرين الأول October…).
 */
export const MULTI_WORD_MONTHS: ReadonlyArray<[RegExp, string]> = [
  [/كانون\s+الثاني/gu, ' jan '],
  [/كانون\s+الأول|كانون\s+الاول/gu, ' dec '],
  [/تشرين\s+الثاني/gu, ' nov '],
  [/تشرين\s+الأول|تشرين\s+الاول/gu, ' oct '],
];

/**
 * Time zone abbreviations seen in feeds → offset in minutes east of UTC. RFC 822 defines only the
 * US ones and military letters; the rest (MEST, CEST, MSK, IST…) come from real feeds.
 */
export const ZONE_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0], ['west', 60], ['bst', 60],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['akst', -540], ['akdt', -480], ['hst', -600], ['ast', -240], ['adt', -180], ['nst', -210], ['ndt', -150],
  ['cet', 60], ['cest', 120], ['met', 60], ['mest', 120], ['mez', 60], ['mesz', 120], ['eet', 120], ['eest', 180],
  ['msk', 180], ['msd', 240], ['ist', 330], ['pkt', 300], ['irst', 210], ['gst', 240], ['sgt', 480], ['hkt', 480],
  ['pht', 480], ['wib', 420], ['ict', 420], ['jst', 540], ['kst', 540], ['aest', 600], ['aedt', 660], ['acst', 570],
  ['awst', 480], ['nzst', 720], ['nzdt', 780], ['brt', -180], ['art', -180], ['clt', -240], ['sast', 120], ['cat', 120],
  ['eat', 180], ['wat', 60],
]);

function buildMonthTable(rows: Array<[string, number]>): Map<string, number> {
  const table = new Map<string, number>();
  for (const [names, month] of rows) for (const name of names.split(' ')) table.set(name, month);
  return table;
}
