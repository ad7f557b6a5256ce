import { describe, expect, it } from 'vitest';
import { classifyPage, type PageView } from '../../../src/extract/classify/index.js';
import { judgeByConcepts } from '../../../src/extract/classify/concept-judge.js';

function view(title: string | null, bodyText: string): PageView {
  return { title, bodyText, pageText: '', forms: 0, passwordInputs: 0 };
}

function judge(text: string, title = ''): ReturnType<typeof judgeByConcepts> {
  return judgeByConcepts(title, text.split('\n'));
}

// Walls worded unlike interstitial-phrases.ts: none of them says any of its strong phrases.
const WALLS: [string, string, string][] = [
  ['cookie-wall', 'de', 'Diese Website nutzt Cookies und vergleichbare Technologien, um Inhalte zu personalisieren und Zugriffe zu analysieren.\nMit einem Klick auf "Einverstanden" stimmen Sie der Verarbeitung zu.\nEinverstanden\nAblehnen'],
  ['cookie-wall', 'es', 'Tu privacidad es importante para nosotros.\nNosotros y nuestros socios almacenamos o accedemos a información en un dispositivo, como cookies, para anuncios y contenido personalizados.\nAceptar y continuar\nConfigurar'],
  ['cookie-wall', 'tr', "Sitemizde deneyiminizi iyileştirmek için çerezler kullanmaktayız.\nDevam ederek çerez kullanımını kabul etmiş olursunuz.\nKabul Et\nAyarlar"],
  ['cookie-wall', 'ru', 'Продолжая использовать сайт, вы соглашаетесь на обработку cookie-файлов и персональных данных.\nПринять\nНастроить'],
  ['cookie-wall', 'zh', '本网站使用Cookie及类似技术来改善您的浏览体验并提供个性化广告。\n接受\n设置'],
  ['bot-check', 'es', 'Hemos detectado tráfico inusual desde tu red.\nPor favor, confirma que no eres un bot para continuar navegando.'],
  ['bot-check', 'en', "As you were browsing something about your browser made us think you were a bot.\nTo regain access, please make sure that cookies and JavaScript are enabled before reloading the page."],
  ['paywall-teaser', 'pl', 'Sondaż pokazuje remis.\nTen artykuł jest dostępny wyłącznie dla subskrybentów.\nWykup subskrypcję, aby czytać bez ograniczeń.\nZamów subskrypcję'],
  ['paywall-teaser', 'en', 'Negotiators left Vienna without agreement.\nThis article is only available to subscribers.\nGet full access to all our journalism for 1 € for the first month.\nSubscribe now'],
  ['login-wall', 'de', 'Um diesen Artikel zu lesen, loggen Sie sich bitte mit Ihrem Konto ein.\nE-Mail-Adresse\nPasswort\nEinloggen'],
  ['error-page', 'es', 'Lo sentimos, la página que estás buscando no existe o ha sido eliminada.\nVolver a la portada'],
  ['error-page', 'tr', 'Aradığınız sayfaya şu anda ulaşılamıyor.\nSayfa kaldırılmış veya adresi değişmiş olabilir.\nAnasayfaya dön'],
];

// Reports about walls, in the walls' own words.
const REPORTS: [string, string][] = [
  ['en', 'The data protection regulator on Tuesday ordered 20 websites to let visitors reject cookies as easily as they accept them.\nBanners that hide a reject button behind several clicks breach the law, the regulator said.'],
  ['de', 'Der Bundesgerichtshof hat entschieden, dass Websites für das Setzen von Werbe-Cookies eine aktive Einwilligung brauchen.\nEin vorausgefülltes Kästchen reiche nicht aus, urteilten die Richter.\nVerbraucherschützer hatten gegen ein Gewinnspiel geklagt, bei dem Nutzer der Verwendung von Cookies zustimmen sollten.'],
  ['fr', "La CNIL a infligé une amende de 60 millions d'euros à deux sociétés qui ne permettaient pas de refuser les cookies aussi facilement que de les accepter.\nLes entreprises ont trois mois pour modifier leurs bandeaux de consentement."],
  ['en', 'A logistics company will deploy 1,000 robots in its warehouses this year.\nThe machines will check parcels and load trucks, the company said.'],
  ['es', 'El diario alcanzó los 400.000 suscriptores digitales, según informó este lunes la empresa editora.\nLa suscripción cuesta 10 euros al mes.\nEl grupo atribuye el crecimiento a su cobertura de las elecciones.'],
  ['en', 'Small businesses need accounting software to track accounts receivable.\nThis guide explores free accounting tools and how to register for them.\nMost offer a free trial.'],
];

describe('judgeByConcepts (walls worded unlike the phrase lists)', () => {
  it.each(WALLS)('finds a %s (%s)', (kind, _lang, text) => {
    const verdict = judge(text);
    expect(verdict?.kind).toBe(kind);
    expect(verdict?.reason).toMatch(/^concepts /);
    expect(classifyPage(view(null, text))?.kind).toBe(kind);
  });

  it.each(REPORTS)('leaves a report about walls alone (%s)', (_lang, text) => {
    expect(judge(text)).toBeNull();
    expect(classifyPage(view(null, text))).toBeNull();
  });

  it('needs the wall to speak to its visitor or as the site', () => {
    const third = 'Nutzer müssen der Verwendung von Cookies zustimmen, bevor Werbung personalisiert wird.\nDie Einstellungen lassen sich später ändern.';
    expect(judge(third)).toBeNull();
    // The same notice with "Sie" (capitalised inside the sentence: the visitor, not "they").
    expect(judge('Bitte stimmen Sie der Verwendung von Cookies zu, bevor Werbung personalisiert wird.\nDie Einstellungen lassen sich später ändern.')?.kind).toBe('cookie-wall');
    // A button is a label, and speaks to the visitor too.
    expect(judge(`${third}\nZustimmen`)?.kind).toBe('cookie-wall');
  });

  it('never counts a sentence that reports', () => {
    const wall = 'We use cookies to personalise ads and measure traffic.\nAccept\nSettings';
    expect(judge(wall)?.kind).toBe('cookie-wall');
    expect(judge('We use cookies to personalise ads and measure traffic, the company said on Monday.\nAccept\nSettings')).toBeNull();
  });

  it('takes a paywall for a teaser only when the wall is the tail of the text', () => {
    const offer = 'This article is only available to subscribers.\nSubscribe for 1 € for the first month.\nSubscribe now';
    expect(judge(`The council met on Monday.\n${offer}`)?.kind).toBe('paywall-teaser');
    expect(judge(`${offer}\nThe council met on Monday to discuss the budget and the new bridge over the river.`)).toBeNull();
  });

  it('reads stems at word starts, and whole words where a stem would say something else', () => {
    // "accounting" is not "account", "bottom" not "bot".
    expect(judge('Open your accounting app.\nForgot your password to the accounting app?')).toBeNull();
    expect(judge('Scroll to the bottom of the page.\nPlease confirm.')).toBeNull();
    expect(judge('Sign in to your account.\nForgot your password?')?.kind).toBe('login-wall');
  });

  it('counts Chinese and Japanese characters in pairs, so a long Chinese text is no wall', () => {
    const wall = '本网站使用Cookie来改善您的体验。\n接受\n设置';
    expect(judge(wall)?.kind).toBe('cookie-wall');
    const article = `${'记者从有关部门获悉，新的港口扩建工程将于明年春季开工，预计总投资超过一百亿元，建成后年吞吐能力将大幅提升。'.repeat(12)}\n${wall}`;
    expect(judge(article)).toBeNull();
  });

  it('says nothing past 250 words, where only the phrase lists judge', () => {
    const notice = 'We use cookies to personalise ads and measure traffic.\nAccept\nSettings';
    expect(judge(`${'word '.repeat(260)}\n${notice}`)).toBeNull();
  });
});
