/**
 * Function words dropped from story vectors (they say nothing about which event a text reports).
 * English plus the most frequent Arabic and Persian particles, written in folded form (see
 * foldScriptVariants: ی and ک).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although am among an and another any are around as at
  be became because been before being below between both but by can could did do does doing done down during
  each either else ever every few for from further had has have having he her here hers herself him himself his
  how however i if in into is it its itself just least less let like many may me might more most much must my
  myself neither no nor not now of off often on once one only or other others our ours ourselves out over own
  per perhaps rather same several shall she should since so some such than that the their theirs them themselves
  then there these they this those though through thus to too toward towards under until up upon us very via
  was we were what whatever when where whether which while who whom whose why will with within without would
  yet you your yours yourself also mr mrs ms dr s t don didn doesn isn wasn aren weren won wouldn couldn
  shouldn hasn haven hadn ll ve re d m o
  و في من به با از که این آن را تا بر برای یا هم نیز عن علی الی الى إلى ان أن کان کانت هذا هذه ذلک التی الذی
  مع قد لا ما لم لن او أو ثم است بود شد کرد می ها های`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * Words common in any news report whatever the event. With little crawl history the learned
 * document frequencies cannot tell "said" from "Mosul", so these get a background prior (see
 * document-frequencies.ts): written by us from general news vocabulary, not learned from any corpus.
 */
export const COMMON_NEWS_WORDS: ReadonlySet<string> = new Set(
  `according added official officials said says say saying told tell report reported reports reporting reporter
  reporters news statement statements spokesman spokeswoman spokesperson source sources people person man men
  woman women child children year years month months week weeks day days today yesterday tomorrow time times
  monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night hour hours minute
  minutes first second third last next new old former latest early late later recent recently two three four
  five six seven eight nine ten hundred hundreds thousand thousands million millions billion percent number
  numbers part group groups government governments country countries state states city cities area areas region
  national international local public political world home house way ways place places case cases part parts
  still even well back going go goes went gone get got make made making take took taken come came see seen know
  known think want wanted need needs use used using help called call calls including include includes included
  told asked ask asks says claim claimed claims believe believed expected expect plan plans planned began begin
  continue continued continues set show showed shown found find left leave give given gave went held hold holds
  high higher low lower large largest big small major long short good best better bad great little top end
  ended ending around across near far away among along part told according officials press agency media
  information issue issues matter matters fact facts event events situation members member leader leaders
  head chief president minister ministry office officer officers department police security forces force
  military army troops attack attacks attacked killed kill killing dead death deaths injured wounded people
  support supported against following follow followed after before during since while amid despite told
  week's year's country's city's world's percent per cent us one two`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * COMMON_NEWS_WORDS for other languages: the same general news vocabulary (reporting verbs, people,
 * times, counts, offices, police and casualties) written by us, not learned from any corpus. Read
 * through the language's term forms (term-forms.ts) before use: "jährige" and "jähriger" are one
 * 5-character term there. German only: with 380 German dev articles, generic words of crime and
 * accident reports (Polizei, jährige, verletzt, Frau) still weighed as much as a place, and chained
 * unrelated reports into groups of 8-10 sharing no story (seeds 7 and 14); the same list written
 * for Spanish, Turkish and Polish moved nothing or cost (docs/notes/stories.md, pass 6).
 */
export const COMMON_NEWS_WORDS_OF: Readonly<Record<string, readonly string[]>> = {
  de: `sagte sagt sagen sagten erklärte erklärt teilte mitteilung berichtet berichtete bericht angaben zufolge
  laut sprecher sprecherin quelle quellen menschen mann männer frau frauen kind kinder jahr jahre jahren monat
  monate woche wochen tag tage tagen heute gestern morgen zeit uhr montag dienstag mittwoch donnerstag freitag
  samstag sonntag vormittag nachmittag abend nacht stunde stunden minuten erste ersten zweite dritte letzte
  letzten nächste neue neuen ehemalige später zwei drei vier fünf sechs sieben acht neun zehn hundert tausend
  million millionen milliarden prozent zahl teil gruppe regierung land länder staat stadt gebiet region
  öffentlich politik welt haus platz fall fälle wieder kommen geben machen fragen frage weitere rund etwa groß
  hoch lange ende beginn presse agentur medien information thema lage mitglied mitglieder chef präsident
  minister ministerium polizei polizisten beamte beamten sicherheit behörde behörden jährige jähriger
  verletzt verletzte getötet tote toten unterstützung während trotz wegen gegen`.split(/\s+/).filter((w) => w !== ''),
};
