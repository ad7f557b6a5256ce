import { describe, expect, it } from 'vitest';
import { classifyPage, type PageView } from '../../../src/extract/classify/index.js';
import { seededRandom } from '../../support/seeded-random.js';

function view(title: string | null, bodyText: string, extra: Partial<PageView> = {}): PageView {
  return { title, bodyText, pageText: '', forms: 0, passwordInputs: 0, ...extra };
}

const NEWS =
  'The port authority said on Monday that the eastern container terminal would stay closed for four more days while divers ' +
  'inspect the quay wall, and that ships already at anchor would be sent to the western terminal in the order they arrived. ';

describe('classifyPage', () => {
  it.each([
    ['cookie-wall', 'es', 'Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.\nAceptar todas\nRechazar todas\nConfiguración de cookies'],
    ['cookie-wall', 'it', 'Questo sito utilizza cookie tecnici e di profilazione. Cliccando su Accetta tutti acconsenti all’uso dei cookie.\nAccetta tutti\nRifiuta tutti'],
    ['cookie-wall', 'tr', 'Sitemizde size daha iyi hizmet sunabilmek için çerez kullanıyoruz. Detaylı bilgi için çerez politikası sayfamızı inceleyebilirsiniz.\nTümünü kabul et'],
    ['bot-check', 'ru', 'Подтвердите, что вы не робот.\nЯ не робот\nМы зафиксировали подозрительную активность с вашего IP-адреса.'],
    ['bot-check', 'de', 'Sind Sie ein Roboter?\nBitte bestätigen Sie, dass Sie ein Mensch sind, indem Sie das Kästchen anklicken.\nIch bin kein Roboter'],
    ['paywall-teaser', 'es', 'El Gobierno aprobó el martes el plan de vivienda.\nEste contenido es exclusivo para suscriptores.\nSuscríbete para seguir leyendo.\nYa soy suscriptor'],
    ['paywall-teaser', 'de', 'Der Stadtrat hat am Dienstag über die neue Brücke abgestimmt.\nDiesen Artikel freischalten\nJetzt abonnieren und weiterlesen mit Z+\nBereits Abonnent? Hier anmelden'],
    ['login-wall', 'pl', 'Zaloguj się, aby czytać dalej.\nE-mail\nHasło\nNie pamiętasz hasła?\nZaloguj się'],
    ['error-page', 'de', 'Seite nicht gefunden\nDie angeforderte Seite existiert leider nicht mehr.\nZur Startseite'],
    ['error-page', 'ja', 'ページが見つかりません\nお探しのページは削除されたか、移動した可能性があります。'],
  ])('finds a %s (%s)', (kind, _lang, text) => {
    expect(classifyPage(view(null, text))?.kind).toBe(kind);
  });

  it('reads the title: a bot check or an error page with next to no body', () => {
    expect(classifyPage(view('Just a moment...', ''))?.kind).toBe('bot-check');
    expect(classifyPage(view('Attention Required! | Cloudflare', 'Sorry, you have been blocked'))?.kind).toBe('bot-check');
    expect(classifyPage(view('404 Not Found', 'nginx'))?.kind).toBe('error-page');
    expect(classifyPage(view('Página no encontrada | Diario', 'Volver'))?.kind).toBe('error-page');
    expect(classifyPage(view('Страница не найдена', 'На главную'))?.kind).toBe('error-page');
    expect(classifyPage(view('Giriş | Haber', 'E-posta Şifre', { forms: 1, passwordInputs: 1 }))?.kind).toBe('login-wall');
    expect(classifyPage(view('Logistics firm expands', ''))).toBeNull();
  });

  it('judges the whole page when the extracted body is short (the pre-clean prunes banners)', () => {
    const wall = 'We use cookies to personalise content and ads. By continuing to use this site you agree to our use of cookies.\nAccept all\nManage cookies';
    expect(classifyPage(view(null, 'Home News Sport', { pageText: wall }))?.kind).toBe('cookie-wall');
    // A full article with the same banner on its page is an article.
    expect(classifyPage(view(null, NEWS.repeat(4), { pageText: `${wall}\n${NEWS.repeat(4)}` }))).toBeNull();
  });

  it('counts a password input towards a login wall', () => {
    const text = 'The council met on Tuesday to discuss the budget for next year.\nSign in to read the rest of this story.\nEmail\nPassword';
    expect(classifyPage(view(null, text))).toBeNull();
    expect(classifyPage(view(null, text, { forms: 1, passwordInputs: 1 }))?.kind).toBe('login-wall');
  });

  it('counts a form towards a bot check', () => {
    // One sentence of bot check under a longer notice: too little of the text without the form.
    const text = 'The page you asked for is slow to load while we serve a large number of visits from many places at once.\nPlease confirm that you are not a robot.\nSubmit';
    expect(classifyPage(view(null, text))).toBeNull();
    expect(classifyPage(view(null, text, { forms: 1 }))?.kind).toBe('bot-check');
    // A bot check that says so in several sentences needs no form.
    const said = 'Our systems have detected requests from your network that look automated.\nPlease confirm that you are not a robot.\nSubmit';
    expect(classifyPage(view(null, said))?.kind).toBe('bot-check');
  });

  it.each([
    ['a report on a cookie ruling', 'A court in Paris fined a retailer two million euros on Monday for setting advertising cookies before visitors agreed, and for a banner that hid the reject button. The retailer said it would appeal.'],
    ['a report quoting a captcha', 'Researchers said AI models now tick the "I\'m not a robot" box faster than people, and solve image puzzles in nine cases out of ten. Site owners are moving to invisible checks.'],
    ['a report quoting an error page', 'Voters trying to check their polling station on Sunday saw a "404 Not Found" page for two hours, the electoral commission said, blaming a faulty update.'],
    ['a brief that ends with a subscribe line', 'MITCHELL, Jennie L. Age 87, of Atlanta, passed December 29, 2019. Service January 4, 2020, 11 AM, at Valley Grove Baptist Church.\nView the obituary on Legacy.com\nSupport real journalism. Support local journalism. Subscribe to The Atlanta Journal-Constitution today.'],
    ['a long article whatever it says', `${NEWS.repeat(10)} We use cookies. Accept all. Reject all. Cookie settings.`],
  ])('leaves %s alone', (_what, text) => {
    expect(classifyPage(view(null, text))).toBeNull();
  });

  it.each([
    ['How to reset your email password', 'Forgot your password? Here is how to get back into your account.\nGo to the sign-in page and click "Forgot password?". Enter the email address linked to your account, then the code you receive, and choose a new password.'],
    ['What are cookies and how do I delete them?', 'Cookies are small files that websites store on your device. Advertisers use them to track you.\nTo delete them, open your browser\'s settings, choose Privacy, and clear your cookies and site data.'],
    ['Why you keep seeing captchas', 'If a website keeps asking you to prove you are not a robot, your network may look suspicious.\nTry turning off your VPN and allowing JavaScript and cookies in your browser.'],
    ['Passwort vergessen? So setzen Sie es zurück', 'Sie haben Ihr Passwort vergessen? Klicken Sie auf der Anmeldeseite auf "Passwort vergessen". Melden Sie sich danach mit dem neuen Passwort an.'],
  ])('leaves a short guide headlined with the wall\'s subject alone: %s', (title, text) => {
    expect(classifyPage(view(title, text))).toBeNull();
  });

  it('still reads a wall whose title is a label followed by the site\'s name', () => {
    const text = "Sorry, we couldn't find that page. The link you followed may be broken, or the page may have been removed.\nGo to the homepage";
    expect(classifyPage(view('Page not found | The Coastal Herald Newspaper Online', text))?.kind).toBe('error-page');
  });

  it('says what gave it away', () => {
    const verdict = classifyPage(view('Just a moment...', 'Checking your browser before accessing the site.'));
    expect(verdict?.reason).toContain('title "just a moment..."');
    expect(verdict?.reason).toContain('"checking your browser"');
  });

  it('never throws and returns null or a kind with a reason, on any text', () => {
    const random = seededRandom(14);
    const alphabet = ['cookie', 'we use cookies', 'robot', '404', '"', '„', '\n', '.', '?', ' ', 'é', 'ß', 'ı', '页面', 'accept all', 'password', 'x'];
    for (let i = 0; i < 500; i++) {
      const pick = (): string => Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(random() < 0.5 ? ' ' : '');
      const verdict = classifyPage(view(random() < 0.3 ? null : pick(), pick(), { pageText: pick(), passwordInputs: Math.floor(random() * 2) }));
      if (verdict !== null) expect(verdict.reason.length).toBeGreaterThan(0);
    }
  });
});
