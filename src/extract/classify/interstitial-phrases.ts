import type { NonArticleKind } from '../../types/index.js';

/**
 * What interstitial pages say, per kind, in the wire's languages. Matched on lower-cased text with
 * straight apostrophes and single spaces (see `foldForPhrases`), as substrings: most scripts here have
 * no `\b`. `strong` phrases are the site speaking to its visitor ("we use cookies", "I'm not a robot",
 * "subscribe to continue reading"): a news report quotes them rarely, and never several in a short body.
 * `weak` phrases are the wall's surroundings (buttons, privacy words): they count towards the share of
 * the text that is wall, never alone. `title` patterns match a page title on their own (error pages,
 * bot checks), and still need a short body. Class names and ids are never read: templates name their
 * cookie banners on real article pages too.
 */
export interface KindPhrases {
  kind: NonArticleKind;
  strong: readonly string[];
  weak: readonly string[];
  title: readonly RegExp[];
}

export const INTERSTITIAL_PHRASES: readonly KindPhrases[] = [
  {
    kind: 'cookie-wall',
    strong: [
      // en
      'we use cookies', 'this site uses cookies', 'this website uses cookies', 'our site uses cookies',
      'uses cookies to',
      'we and our partners', 'we and our vendors', 'our partners use cookies', 'use of cookies', 'accept all cookies',
      'reject all cookies', 'cookie settings', 'cookie preferences', 'manage cookies', 'consent to the use of cookies',
      'by continuing to use this site', 'by continuing to browse', 'store and/or access information on a device',
      'personalised ads and content', 'personalized ads and content', 'we value your privacy', 'your privacy choices',
      'you consent to our use of cookies', 'agree to the use of cookies', 'cookies are required',
      // de
      'wir verwenden cookies', 'wir nutzen cookies', 'wir setzen cookies', 'verwendet cookies', 'nutzt cookies',
      'verwendung von cookies', 'einsatz von cookies', 'cookie-einstellungen', 'alle akzeptieren', 'alle ablehnen',
      'zustimmung zur verwendung', 'wir und unsere partner', 'speicherung von cookies',
      'einwilligung in die verwendung',
      // fr
      'nous utilisons des cookies', 'ce site utilise des cookies', 'utilise des cookies', 'utilisation des cookies',
      'utilisation de cookies', 'paramètres des cookies', 'tout accepter', 'tout refuser', 'nous et nos partenaires',
      'gérer mes choix', 'accepter les cookies',
      // es, pt, it
      'utilizamos cookies', 'usamos cookies', 'este sitio web utiliza cookies', 'este sitio utiliza cookies',
      'uso de cookies', 'aceptar todas', 'rechazar todas', 'configuración de cookies', 'política de cookies',
      'aceitar todos', 'usamos cookies', 'utiliza cookies', 'utilizziamo i cookie', 'questo sito utilizza cookie',
      'utilizza cookie', 'accetta tutti', 'rifiuta tutti', 'uso dei cookie',
      // nl, pl, tr, ru, ar, fa
      'wij gebruiken cookies', 'we gebruiken cookies', 'deze website gebruikt cookies', 'alles accepteren',
      'używamy plików cookie', 'wykorzystujemy pliki cookie', 'korzysta z plików cookie', 'plików cookies',
      'zaakceptuj wszystkie', 'przetwarzania danych', 'zbieramy anonimowe informacje',
      'çerez kullanıyoruz', 'çerezler kullanılmaktadır', 'çerez politikası', 'tümünü kabul et',
      'мы используем файлы cookie', 'используем cookie', 'использование файлов cookie',
      'نستخدم ملفات تعريف الارتباط', 'ملفات تعريف الارتباط', 'ما از کوکی',
      // zh, ja
      '我们使用cookie', '我们使用 cookie', '本网站使用cookie', 'クッキーを使用', 'cookieを使用',
    ],
    weak: [
      'cookie', 'cookies', 'consent', 'privacy policy', 'privacy settings', 'partners', 'personalise', 'personalize',
      'advertising', 'accept', 'agree', 'manage options', 'more options', 'preferences', 'datenschutz', 'zustimmen',
      'akzeptieren', 'einstellungen', 'partner', 'confidentialité', 'accepter', 'consentement', 'privacidad',
      'aceptar', 'consentimiento', 'privacy', 'consenso', 'accetta', 'prywatności', 'zgod', 'akceptuj', 'gizlilik',
      'kabul', 'конфиденциальност', 'согласи', 'الخصوصية', 'موافق', 'reklam', 'werbung', 'publicité', 'publicidad',
    ],
    title: [/^(?:cookie (?:consent|settings|policy)|privacy (?:settings|choices)|datenschutz-?einstellungen|before you continue)/i],
  },
  {
    kind: 'bot-check',
    strong: [
      // en
      'verify you are human', 'verify that you are human', 'verifying you are human', 'are you a robot',
      "i'm not a robot",
      'i am not a robot', 'not a robot', 'checking your browser', 'checking if the site connection is secure',
      'complete the security check', 'unusual activity', 'confirm you are human', 'confirm that you are human',
      'activité inhabituelle', 'confirmer que vous êtes un humain', 'ungewöhnliche aktivität', 'actividad inusual',
      'please complete the captcha', 'unusual traffic from your computer',
      'enable javascript and cookies to continue', 'press & hold', 'press and hold', 'why have i been blocked',
      'this website is using a security service', 'access to this page has been denied', 'prove you are human',
      'help us protect glassdoor', 'ddos protection by', 'please verify you are a human', 'human verification',
      'performance & security by cloudflare',
      'please enable js and disable any ad blocker', 'request unsuccessful', 'incapsula incident id',
      'sorry, you have been blocked',
      // de, fr, es, it, pt, nl
      'ich bin kein roboter', 'kein roboter', 'sind sie ein roboter', 'bestätigen sie, dass sie ein mensch sind',
      'je ne suis pas un robot', 'vérifiez que vous êtes humain', 'êtes-vous un robot',
      'no soy un robot', 'verifica que eres humano', 'non sono un robot', 'não sou um robô', 'ik ben geen robot',
      // pl, tr, ru, ar, fa, zh, ja
      'nie jestem robotem', 'twój adres ip', 'robot değilim', 'robot olmadığınızı',
      'я не робот', 'подтвердите, что вы не робот', 'لست روبوت', 'أنا لست روبوت', 'من ربات نیستم',
      '我不是机器人', '人机验证', 'ロボットではありません',
    ],
    weak: [
      'captcha', 'ray id', 'odnotowaliśmy', 'robot', 'human', 'humain', 'mensch', 'humano', 'inhabituel', 'unusual',
      'ungewöhnlich', 'sécurité', 'sicherheit', 'vérification', 'security', 'blocked', 'ip address', 'adres ip',
      'javascript', 'browser', 'verify', 'cloudflare',
    ],
    title: [
      /^just a moment\b/i, /^attention required/i, /^access denied\b/i, /\bare you a (?:robot|human)\b/i, /^security check\b/i,
      /^(?:captcha|bot verification|human verification)\b/i, /^one more step\b/i, /^un instant\b/i, /^einen moment\b/i,
      /^przykro nam\b/i, /^доступ ограничен/i,
    ],
  },
  {
    kind: 'paywall-teaser',
    strong: [
      // en
      'subscribe to continue reading', 'subscribe to read', 'to continue reading', 'continue reading with',
      'subscribers only', 'for subscribers', 'if you already subscribe', 'exclusive to subscribers',
      'already a subscriber', 'already subscribed',
      'to read the full article', 'to read the full story', 'read the full article', 'unlock this article',
      'this content is reserved',
      'start your free trial', 'become a subscriber', 'you have reached your limit',
      "you've reached your limit", 'free articles this month', 'get unlimited access', 'unlimited digital access',
      'continue reading your article', 'try unlimited access', 'subscribe to unlock',
      // de
      'jetzt abonnieren', 'abopflichtiger inhalt', 'weiterlesen mit', 'artikel weiterlesen', 'um weiterzulesen',
      'lesen sie jetzt weiter',
      'nur für abonnenten', 'für abonnenten', 'bereits abonnent', 'schon abonnent', 'plus-artikel', 'mit z+',
      'registrieren sie sich jetzt kostenlos', 'diesen artikel freischalten',
      // fr, es, it, pt
      'abonnez-vous', 'réservé aux abonnés', 'article réservé', 'déjà abonné',
      'la suite est réservée aux abonnés', 'pour lire la suite',
      'suscríbete', 'lee sin límites', 'exclusivo para suscriptores', 'solo para suscriptores', 'ya soy suscriptor',
      'para seguir leyendo',
      'contenuto riservato', 'riservato agli abbonati', 'exclusivo para assinantes', 'já é assinante',
      // nl, pl, tr, ru, ar
      'alleen voor abonnees', 'word abonnee', 'dostęp do artykułu', 'tylko dla prenumeratorów', 'kup prenumeratę',
      'wykup dostęp', 'abone ol', 'abonelere özel', 'только для подписчиков', 'оформите подписку', 'اشترك الآن',
      'للمشتركين',
    ],
    weak: [
      'subscribe', 'this article is for', 'this content is available', 'subscribe now', 'abbonati', 'assine',
      'lire la suite', 'premium content', 'jetzt testen', 'subscription', 'subscriber', 'trial', 'access', 'accès',
      'illimité', 'sans engagement', 'offre', 'se connecter', 'premium', 'abo', 'abonn', 'suscri', 'assin',
      'prenumerat', 'abone', 'подпис', 'اشتراك', 'sign in', 'log in', 'per month', 'pro monat', 'par mois', '/month',
      '€', '$',
    ],
    title: [/^(?:subscribe|subscription required|premium content|abonnieren)\b/i],
  },
  {
    kind: 'login-wall',
    strong: [
      // en
      'sign in to continue', 'log in to continue', 'login to continue', 'please log in', 'please sign in',
      'you must be logged in',
      'you need to log in', 'you need to be logged in', 'sign in to read', 'log in to read', 'create a free account',
      'register to continue', 'forgot your password', 'forgot password', 'remember me',
      'are you sure you want to log out',
      'e-mail or username',
      // de
      'bitte melden sie sich an', 'melden sie sich an', 'passwort vergessen', 'angemeldet bleiben',
      'warum muss ich mich anmelden',
      'jetzt anmelden', 'bitte einloggen', 'registrieren sie sich', 'um weiterzulesen',
      'nachdem sie sich eingeloggt haben',
      // fr, es, it, pt, nl
      'connectez-vous', 'mot de passe oublié', 'se souvenir de moi', 'inicia sesión', 'iniciar sesión',
      'olvidaste tu contraseña',
      'accedi per continuare', 'password dimenticata', 'faça login', 'esqueceu sua senha',
      'log in om verder te lezen', 'wachtwoord vergeten',
      // pl, tr, ru, ar, fa, zh, ja
      'zaloguj się', 'nie pamiętasz hasła', 'giriş yap', 'şifremi unuttum', 'войдите', 'забыли пароль', 'تسجيل الدخول',
      'نسيت كلمة المرور', 'ورود به حساب', '登录后', '忘记密码', 'ログインしてください', 'パスワードを忘れた',
    ],
    weak: [
      'sign in', 'sign up', 'log in', 'logged in', 'login', 'password', 'username', 'e-mail', 'email', 'register',
      'account', 'anmelden', 'angemeldet', 'eingeloggt', 'passwort', 'konto', 'registrier', 'connecté', 'identifi',
      'mot de passe', 'compte', 'contraseña', 'cuenta', 'hasło', 'şifre', 'пароль', 'كلمة المرور',
    ],
    title: [/^(?:sign in|log ?in|anmelden|connexion|iniciar sesión|zaloguj|giriş)(?![\p{L}\p{N}])/iu],
  },
  {
    kind: 'error-page',
    strong: [
      // en
      'page not found', 'page cannot be found', "page can't be found", 'page could not be found',
      'page you are looking for',
      "page you're looking for", 'page you requested', 'the requested url was not found', 'this page does not exist',
      "this page doesn't exist", 'may have been moved', 'error 404', '404 error',
      '404 not found', 'internal server error', 'service unavailable', 'return to the homepage',
      'go back to the homepage',
      // de
      'seite nicht gefunden', 'seite wurde nicht gefunden', 'seite existiert nicht', 'zur startseite',
      'die angeforderte seite', 'leider nicht gefunden',
      // fr, es, it, pt, nl
      'page introuvable', "la page que vous recherchez", "retour à l'accueil",
      'página no encontrada', 'la página que buscas', 'pagina non trovata', 'página não encontrada',
      'pagina niet gevonden',
      // pl, tr, ru, ar, fa, zh, ja
      'nie znaleziono strony', 'strona nie istnieje', 'sayfa bulunamadı', 'страница не найдена', 'الصفحة غير موجودة',
      'الصفحة المطلوبة غير', 'صفحه مورد نظر', '页面不存在', '页面未找到', 'ページが見つかりません',
    ],
    weak: [
      '404', 'has been removed', 'no longer available', 'something went wrong', 'oops!', 'no existe', "n'existe pas",
      "n'existe plus", 'nicht mehr verfügbar', 'not found', 'error', 'moved', 'deleted', 'removed', 'gelöscht',
      'verschoben', 'supprimé', 'déplacé', 'eliminad', 'kaldırıl', '削除', '移動', '删除', 'حذف', 'نقل', 'homepage',
      'home page', 'search', 'startseite', 'fehler', 'erreur', 'accueil', 'inicio', 'błąd', 'hata', 'ошибка', 'خطأ',
    ],
    title: [
      /(?:^|\D)(?:404|410|500|502|503)(?:\D|$).*(?:not found|error|gone|fehler|erreur|błąd|hata|ошибка|خطأ)/i,
      /(?:not found|error|fehler|erreur|błąd|hata|ошибка|خطأ).*(?:^|\D)(?:404|410|500|502|503)(?:\D|$)/i,
      /^(?:404|410|500|503)\b/i,
      // No \b: it is ASCII-only, and "bulunamadı" or "найдена" end in letters it does not know.
      /(?:page not found|seite nicht gefunden|page introuvable|página no encontrada|pagina non trovata|nie znaleziono|sayfa bulunamadı|страница не найдена)/i,
      /(?:الصفحة غير موجودة|页面不存在|ページが見つかりません)/,
    ],
  },
];

/** Lower case, straight apostrophes and quotes, one space between words (line breaks kept): the form the phrases are written in. */
export function foldForPhrases(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d\u00ab\u00bb]/g, '"').replace(/[^\S\n]+/g, ' ');
}
