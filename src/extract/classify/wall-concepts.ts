import type { NonArticleKind } from '../../types/index.js';

/**
 * What each kind of wall talks about, as groups of word stems in the wire's languages, for the
 * classifier's second judge (concept-judge.ts). interstitial-phrases.ts lists what walls say, word
 * for word; a site that words its notice another way ("Wir und unsere Drittanbieter nutzen
 * Technologien wie Cookies …", "Sitemizde çerezlerden faydalanıyoruz") says none of it. What every
 * cookie notice does say is a tracking technology, a choice to make, and data, partners, ads or
 * settings; a bot check names robots, humans or a captcha beside a check or an unusual request; a
 * paywall a subscription beside reading on or an offer; a login wall an account beside credentials
 * or reading; an error page a missing page beside a moved address, the home page or an apology.
 *
 * Terms are matched on text folded by foldForPhrases, at the start of a word where the script has
 * words (so a stem matches its inflections: "akzeptier" akzeptieren, akzeptiert); a term ending in
 * `=` is a whole word ("bot", not "bottom"). Scripts without spaces (Arabic clitics, Chinese,
 * Japanese) match anywhere.
 */
export interface WallConcepts {
  kind: NonArticleKind;
  /** The group a wall of this kind always names: a sentence naming it speaks of the wall. */
  core: string;
  /**
   * Other groups it must name: a login wall always asks for a password or a username ("account"
   * alone is every guide to accounting; an e-mail field is every newsletter box).
   */
  required?: readonly string[];
  /** Distinct groups the wall's sentences must name between them, the core included. */
  minGroups: number;
  groups: Readonly<Record<string, readonly string[]>>;
}

export const WALL_CONCEPTS: readonly WallConcepts[] = [
  {
    kind: 'cookie-wall',
    core: 'tracking',
    minGroups: 3,
    groups: {
      tracking: [
        'cookie', 'kuki', 'куки', 'çerez', 'cerez', 'traceur', 'tracker', 'ciasteczk', 'similar technologies', 'technologies similaires',
        'vergleichbare technologien', 'ähnliche technologien', 'tecnologie simili', 'tecnologías similares', 'tecnologias semelhantes',
        'vergelijkbare technieken', 'vergelijkbare technologieën', 'podobnych technologii', 'benzer teknoloji', 'аналогичные технологии',
        'كوكيز', 'الكوكيز', 'ملفات تعريف الارتباط', 'ملفات الارتباط', 'کوکی', 'クッキー',
      ],
      choice: [
        'consent', 'accept', 'agree', 'reject', 'decline', 'refuse', 'opt out', 'opt-out', 'allow all', 'zustimm', 'stimmen sie', 'einwillig',
        'einverstanden', 'akzeptier', 'ablehn', 'widerruf', 'erlauben', "j'accepte", 'consentement', 'consentez', 'refus', 'accord', 'acept',
        'consient', 'consentimiento', 'rechaz', 'accett', 'acconsent', 'consenso', 'rifiut', 'aceit', 'concord', 'rejeit', 'akkoord',
        'toestemming', 'accepteer', 'weiger', 'zgod', 'akceptuj', 'odrzu', 'zaakceptuj', 'kabul', 'onay', 'reddet', 'соглас', 'принять',
        'принимаю', 'принимаете', 'отклон', 'разреш', 'موافق', 'قبول', 'أوافق', 'توافق', 'رفض', '同意', '接受', '拒绝',
      ],
      data: [
        'privacy', 'personal data', 'personal information', 'personalis', 'personaliz', 'partners', 'advertis', 'third part', 'third-part',
        'analytics', 'datenschutz', 'personenbezogen', 'privatsphäre', 'werbe', 'werbung', 'anzeigen', 'drittanbieter', 'reichweite',
        'données', 'partenaires', 'publicit', 'personnalis', 'confidentialit', 'vie privée', 'datos', 'socios', 'publicidad', 'anuncios',
        'privacidad', 'terceros', 'dati', 'pubblicit', 'annunci', 'personalizz', 'terze parti', 'dados', 'parceiros', 'anúncios',
        'privacidade', 'advertenties', 'surfgedrag', 'dane osobowe', 'danych osobowych', 'partnerów', 'reklam', 'prywatno', 'marketing',
        'kişisel veri', 'gizlilik', 'iş ortak', 'персональн', 'конфиденциальн', 'реклам', 'партнер', 'партнёр', 'الخصوصية', 'خصوصيتك',
        'البيانات', 'إعلانات', 'الإعلانات', '隐私', '个人信息', '个性化', '广告', '合作伙伴', 'プライバシー', '広告', '個人情報',
      ],
      settings: [
        'settings', 'preferences', 'manage', 'customi', 'options', 'learn more', 'more information', 'cookie policy', 'privacy policy',
        'einstellung', 'verwalten', 'präferenz', 'mehr informationen', 'mehr erfahren', 'paramètr', 'préférences', 'gérer',
        'en savoir plus', 'vos choix', 'personnaliser', 'configura', 'preferencias', 'gestionar', 'más información', 'ajustes',
        'impostazion', 'preferenz', 'gestisci', 'personalizza', 'scopri di più', 'maggiori informazioni', 'preferênc', 'definições',
        'saiba mais', 'instelling', 'voorkeur', 'meer informatie', 'aanpassen', 'ustawie', 'preferencj', 'dostosuj', 'więcej informacji',
        'zarządzaj', 'ayarlar', 'tercih', 'daha fazla bilgi', 'настро', 'подробнее', 'параметр', 'إعدادات', 'الإعدادات', 'تفضيلات',
        '设置', '偏好', '了解更多', '設定', '詳細',
      ],
    },
  },
  {
    kind: 'bot-check',
    core: 'agent',
    minGroups: 2,
    groups: {
      agent: [
        'robot', 'bot=', 'bots=', 'human=', 'humans=', 'humain', 'mensch=', 'menschen=', 'humano=', 'umano=', 'człowiek', 'insan=',
        'человек', 'робот', 'automated', 'automatisiert', 'automatique', 'automatizad', 'automatic', 'automatycz', 'otomatik',
        'автоматическ', 'captcha', 'recaptcha', 'hcaptcha', 'ray id', 'reference id', 'incident id', 'cloudflare', 'ddos',
        'روبوت', 'إنسان', '机器人', '人机', '真人', 'ロボット',
      ],
      check: [
        'verif', 'vérifi', 'weryfik', 'confirm', 'bestätig', 'conferm', 'potwierd', 'doğrula', 'подтверд', 'تأكيد', 'تحقق', '确认',
        '验证', '確認', 'review the security', 'security check', 'sicherheitsprüfung', 'überprüf', 'prüfen', 'kontrol', 'провер',
        'security of your', 'sécurité', 'seguridad', 'sicurezza', 'segurança', 'bezpieczeństw', 'güvenli', 'безопасн', 'الأمان',
        'proceed', 'fortfahren', 'fortzufahren', 'continuer', 'continuar', 'continuare', 'kontynu', 'devam', 'продолж', 'المتابعة',
        '继续', '続行',
      ],
      signal: [
        'unusual', 'suspicious', 'ungewöhnlich', 'verdächtig', 'inhabituel', 'inusual', 'sospechos', 'insolit', 'sospett', 'incomum',
        'suspeit', 'nietypow', 'podejrzan', 'olağan dışı', 'olağandışı', 'şüpheli', 'необычн', 'подозрительн', 'غير عادي', 'مشبوه', '异常',
        'blocked', 'access denied', 'blockiert', 'gesperrt', 'verweigert', 'bloqué', 'bloquead', 'bloccat', 'zablokow', 'engellen',
        'заблокир', 'محظور', '拦截', 'your request', 'requests from', 'anfrage', 'requête', 'solicitud', 'tráfico', 'richiest',
        'traffico', 'tráfego', 'zapyta', 'ruch', 'trafik', 'запрос', 'трафик', 'طلبات', '请求', '流量', 'browser', 'navigateur',
        'navegador', 'przeglądar', 'tarayıcı', 'браузер', 'المتصفح', '浏览器', 'ブラウザ', 'your connection', 'verbindung', 'connexion',
        'conexión', 'connessione', 'conexão', 'połączeni', 'bağlantı', 'соединени', 'الاتصال', '连接', 'javascript', 'ip address',
        'ip-adresse', 'adresse ip', 'dirección ip', 'indirizzo ip', 'endereço ip', 'adres ip', 'adresu ip', 'ip adres', 'ip-адрес',
        'عنوان ip', 'ip地址', 'your network', 'netzwerk', 'réseau', 'tu red', 'sieci', 'ağınız', 'сети', 'الشبكة', '网络',
      ],
    },
  },
  {
    kind: 'paywall-teaser',
    core: 'subscription',
    minGroups: 2,
    groups: {
      subscription: [
        'subscri', 'abonn', 'abo=', 'abos=', 'digital-abo', 'digitalabo', 'suscri', 'abbona', 'assinatura', 'assinante', 'assine',
        'prenumerat', 'subskryp', 'abone', 'подписк', 'подпиш', 'подписч', 'اشترك', 'الاشتراك', 'للمشتركين', '订阅', '訂閱', '購読',
      ],
      reading: [
        'keep reading', 'continue reading', 'read on', 'read the rest', 'rest of this', 'full article', 'full story', 'full access',
        'unlimited', 'weiterles', 'vollständigen artikel', 'ganzen artikel', 'unbegrenzt', 'alle artikel', 'la suite', 'il vous reste',
        'accès illimité', 'lire cet article', 'seguir leyendo', 'sigue leyendo', 'resto del artículo', 'acceso ilimitado',
        'continuare a leggere', 'continua a leggere', 'continuare la lettura', 'accesso illimitato', 'continuar lendo', 'continue lendo',
        'acesso ilimitado', 'verder lezen', 'verder te lezen', 'onbeperkt', 'czytać dalej', 'czytaj dalej', 'bez ograniczeń',
        'pełny dostęp', 'devamını', 'sınırsız', 'читать дальше', 'дочитать', 'полный доступ', 'без ограничений', 'متابعة القراءة',
        '继续阅读', '阅读全文', '続きを読む', '全文',
      ],
      offer: [
        'free trial', 'per month', 'a month', 'a week', '/month', 'cancel anytime', 'cancel at any time', 'first month', 'already a',
        'already have', 'kostenlos', 'kündbar', 'pro monat', 'monatlich', 'gratuit', 'premier mois', 'sans engagement', 'par mois',
        'déjà abonné', 'prueba gratis', 'primer mes', 'al mes', 'ya soy', 'ya eres', 'prova gratis', 'primo mese', 'al mese', 'già abbonato',
        'grátis', 'primeiro mês', 'por mês', 'eerste maand', 'per maand', 'pierwszy miesiąc', 'za darmo', 'miesięcznie', 'ilk ay',
        'ücretsiz', 'zaten abone', 'aylık', 'первый месяц', 'бесплатно', 'в месяц', 'мес.', 'مجانا', 'مجاناً', 'الشهر الأول', '免费',
        '首月', '無料', '月額',
      ],
    },
  },
  {
    kind: 'login-wall',
    core: 'account',
    required: ['credentials'],
    minGroups: 2,
    groups: {
      account: [
        'sign in', 'sign-in', 'signin', 'log in', 'log-in', 'login', 'logged in', 'register', 'create an account', 'create a free account',
        'create account', 'account=', 'accounts=', 'anmeld', 'einlogg', 'eingeloggt', 'registrier', 'konto', 'identifiez', "s'identifier",
        'connectez', 'se connecter', 'créer un compte', 'créez', 'inscri', 'inicia sesión', 'iniciar sesión', 'inicie sesión',
        'regístrate', 'crear una cuenta', 'accedi', 'effettua il login', 'registrati', 'registrarti', 'faça login', 'fazer login',
        'cadastr', 'criar conta', 'inloggen', 'registreren', 'zaloguj', 'logowani', 'zarejestruj', 'giriş yap', 'üye ol', 'kayıt ol',
        'hesabın', 'войти', 'войдите', 'зарегистр', 'аккаунт', 'учетн', 'учётн', 'تسجيل الدخول', 'سجل الدخول', 'إنشاء حساب', '登录',
        '注册', '账号', '账户', '帳號', 'ログイン', 'アカウント',
      ],
      credentials: [
        'password', 'passwort', 'kennwort', 'mot de passe', 'contraseña', 'senha', 'wachtwoord', 'hasło', 'hasła', 'şifre', 'parola',
        'пароль', 'كلمة المرور', 'كلمة السر', '密码', 'パスワード', 'username', 'user name', 'benutzername',
        "nom d'utilisateur", 'identifiant', 'nombre de usuario', 'nome utente', 'nome de usuário', 'gebruikersnaam', 'nazwa użytkownika',
        'kullanıcı adı', 'имя пользователя', 'اسم المستخدم', '用户名', 'ユーザー名', 'remember me', 'keep me signed in', 'stay signed in',
        'angemeldet bleiben', 'se souvenir de moi', 'recordarme', 'ricordami', 'lembrar', 'onthoud mij', 'zapamiętaj', 'beni hatırla',
        'запомнить', 'تذكرني', '记住我', 'forgot', 'vergessen', 'oublié', 'olvidaste', 'dimenticat', 'esqueceu', 'vergeten',
        'nie pamiętasz', 'unuttum', 'забыли', 'نسيت', '忘记', '忘れ', 'continue with google', 'continue with apple', 'continue with facebook',
      ],
      reading: [
        'to read', 'keep reading', 'continue reading', 'to continue', 'this article', 'zu lesen', 'weiterles', 'diesen artikel',
        'pour lire', 'cet article', 'para leer', 'seguir leyendo', 'este artículo', 'per leggere', "l'articolo", 'questo articolo',
        'para ler', 'este artigo', 'om te lezen', 'dit artikel', 'aby czytać', 'aby przeczytać', 'ten artykuł', 'okumak için',
        'чтобы читать', 'чтобы прочитать', 'эту статью', 'لقراءة', '阅读', '読む', 'for free', 'free account', 'kostenlos', 'gratuit',
        'gratis', 'gratuitamente', 'za darmo', 'ücretsiz', 'бесплатно', 'مجانا', '免费', '無料',
      ],
    },
  },
  {
    kind: 'error-page',
    core: 'missing',
    minGroups: 2,
    groups: {
      missing: [
        'not found', "can't find", 'cannot find', "couldn't find", 'could not find', "can't seem to find", 'unable to find',
        "doesn't exist", 'does not exist', 'no longer exists', 'no longer available', '404=', '410=', 'nicht gefunden', 'gibt es nicht',
        'existiert nicht', 'nicht mehr verfügbar', 'nicht finden', 'introuvable', "n'existe pas", "n'existe plus", 'pas été trouvée',
        'pas pu trouver', "n'est plus disponible", 'no encontrada', 'no encontramos', 'no existe', 'no se encuentra',
        'no hemos podido encontrar', 'no está disponible', 'non trovata', 'non esiste', 'non è stata trovata', 'non è più disponibile',
        'não encontrada', 'não existe', 'não foi encontrada', 'niet gevonden', 'bestaat niet', 'niet meer beschikbaar', 'nie znaleziono',
        'nie została znaleziona', 'nie istnieje', 'bulunamadı', 'ulaşılamıyor', 'mevcut değil', 'bulunmuyor', 'не найден',
        'не существует', 'не удалось найти', 'غير موجودة', 'غير موجود', 'لم نتمكن من العثور', 'لم يتم العثور', 'غير متوفرة', '不存在',
        '未找到', '找不到', '見つかりません', '存在しません',
      ],
      moved: [
        'moved', 'deleted', 'removed', 'renamed', 'broken', 'mistyped', 'typo', 'the link', 'the address', 'url', 'verschoben', 'gelöscht',
        'entfernt', 'umbenannt', 'adresse', 'déplacé', 'supprimé', 'retiré', 'le lien', 'eliminad', 'movid', 'borrad', 'dirección',
        'enlace', 'spostat', 'eliminat', 'rimoss', 'cancellat', 'indirizzo', 'removid', 'excluíd', 'endereço', 'verplaatst', 'verwijderd',
        'usunięt', 'przeniesion', 'adres', 'kaldırıl', 'taşın', 'silin', 'değiş', 'удален', 'удалён', 'перемещен', 'адрес', 'ссылк',
        'حذف', 'تغيير', 'نقل', 'العنوان', 'الرابط', '删除', '移动', '地址', '链接', '削除', '移動', 'リンク',
      ],
      home: [
        'homepage', 'home page', 'front page', 'go home', 'back to', 'return to', 'go back', 'search', 'helpful links', 'startseite',
        'zurück', 'suche', 'accueil', 'retour', 'revenir', 'recherche', 'portada', 'inicio', 'volver', 'búsqueda', 'torna', 'ricerca',
        'página inicial', 'voltar', 'busca', 'startpagina', 'terug', 'zoeken', 'strona główna', 'stronę główną', 'wróć', 'powrót',
        'szukaj', 'wyszukiw', 'ana sayfa', 'anasayfa', 'geri dön', 'arama', 'на главную', 'главная', 'поиск', 'вернуться',
        'الصفحة الرئيسية', 'العودة', 'البحث', '首页', '返回', '搜索', 'ホーム', 'トップページ', '戻る', '検索',
      ],
      apology: [
        'oops', 'sorry', 'error', 'hoppla', 'leider', 'fehler', 'oups', 'désolé', 'erreur', 'lo sentimos', 'ups=', 'vaya', 'spiacenti',
        'ci dispiace', 'errore', 'desculpe', 'erro=', 'oeps', 'fout', 'przepraszamy', 'błąd', 'hata', 'üzgünüz', 'maalesef', 'ошибка',
        'к сожалению', 'извините', 'عذرا', 'عذراً', 'نأسف', 'خطأ', '抱歉', '错误', '申し訳', 'エラー',
      ],
    },
  },
];

/**
 * A sentence that reports (someone said or announced something, on a weekday) is news, whatever it
 * is about: a wall speaks to its visitor and never reports. Past and third-person verbs of saying
 * and weekday names, whole words.
 */
export const REPORTING_TERMS: readonly string[] = [
  'said=', 'says=', 'told=', 'announced=', 'stated=', 'monday=', 'tuesday=', 'wednesday=', 'thursday=', 'friday=', 'saturday=',
  'sunday=', 'sagte', 'sagten=', 'teilte', 'erklärte', 'berichtete', 'kündigte', 'montag', 'dienstag', 'mittwoch', 'donnerstag',
  'freitag', 'samstag', 'sonntag', 'a déclaré', 'a indiqué', 'a annoncé', 'ont déclaré', 'a affirmé', 'a expliqué', 'lundi=', 'mardi=',
  'mercredi=', 'jeudi=', 'vendredi=', 'samedi=', 'dimanche=', 'dijo=', 'afirmó', 'informó', 'anunció', 'declaró', 'aseguró', 'lunes=',
  'martes=', 'miércoles=', 'jueves=', 'viernes=', 'sábado=', 'domingo=', 'ha detto', 'ha dichiarato', 'ha annunciato', 'ha spiegato',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'disse=', 'afirmou', 'anunciou', 'declarou', 'segunda-feira', 'terça-feira',
  'quarta-feira', 'quinta-feira', 'sexta-feira', 'zei=', 'meldde', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag',
  'zondag', 'powiedział', 'poinformował', 'zapowiedział', 'oświadczył', 'poniedziałek', 'wtorek', 'środę', 'czwartek', 'piątek',
  'sobotę', 'niedzielę', 'dedi=', 'açıkladı', 'bildirdi', 'duyurdu', 'söyledi', 'pazartesi', 'salı=', 'çarşamba', 'perşembe', 'cuma=',
  'cumartesi', 'pazar=', 'заявил', 'сообщил', 'рассказал', 'объявил', 'сказал', 'понедельник', 'вторник', 'среду=', 'четверг',
  'пятниц', 'субботу', 'воскресенье', 'قال=', 'وقال=', 'قالت=', 'وقالت=', 'أعلن', 'صرح', 'أفاد', 'الاثنين', 'الثلاثاء', 'الأربعاء',
  'الخميس', 'الجمعة', 'السبت', 'الأحد', '表示', '宣布', '报道', '据悉', '星期', '周一', '周二', '周三', '周四', '周五', 'によると', '発表',
];

/**
 * A wall speaks to its visitor ("you", "your", "Ihre", "vous", "Twój", "verileriniz", "您") or as the
 * site ("we", "our", "wir", "nous", "sitemizde", "我们"); a report about walls speaks of users and
 * sites in the third person. Whole words, but Turkish person endings anywhere in a word. German
 * "Sie" and "Ihre" are the visitor only capitalised inside a sentence (ADDRESS_CASED, read on the
 * unfolded text): folded, they are also "they" and "their".
 */
export const ADDRESS_TERMS: readonly string[] = [
  'you=', 'your=', 'yours=', "you're=", "you've=", 'we=', 'our=', 'us=', "we're=", "we've=", 'du=', 'dein=', 'deine=', 'deinen=',
  'dich=', 'dir=', 'wir=', 'uns=', 'unser=', 'unsere=', 'unseren=', 'unserem=', 'unserer=', 'vous=', 'votre=', 'vos=', 'nous=', 'notre=',
  'nos=', 'tu=', 'tú=', 'tus=', 'usted=', 'ustedes=', 'nosotros=', 'nuestro=', 'nuestra=', 'nuestros=', 'nuestras=', 'tuo=', 'tua=',
  'tuoi=', 'tue=', 'voi=', 'vostro=', 'vostra=', 'noi=', 'nostro=', 'nostra=', 'nostri=', 'nostre=', 'você=', 'vocês=', 'nós=', 'nosso=',
  'nossa=', 'nossos=', 'nossas=', 'jij=', 'je=', 'jouw=', 'uw=', 'wij=', 'onze=', 'ons=', 'twój=', 'twoje=', 'twoja=', 'twoich=',
  'twojej=', 'twoim=', 'ciebie=', 'cię=', 'państwa=', 'państwo=', 'nasz=', 'nasze=', 'nasza=', 'naszych=', 'naszej=', 'naszym=', 'siz=',
  'sizin=', 'size=', 'sizi=', 'biz=', 'bizim=', 'вы=', 'вас=', 'вам=', 'ваш=', 'ваша=', 'ваше=', 'ваши=', 'вашего=', 'вашей=', 'вашим=',
  'ваших=', 'мы=', 'нас=', 'наш=', 'наша=', 'наше=', 'наши=', 'нашего=', 'нашей=', 'нашим=', 'наших=', 'نحن=', 'موقعنا', 'تجربتك',
  'خصوصيتك', 'تفضيلاتك', 'جهازك', 'متصفحك', 'حسابك', 'فإنك=', 'أنك=', 'يمكنك=', 'عليك=', '您', '你', '我们', 'あなた', 'お客様', '当社',
];

/** Turkish second- and first-person plural endings (verileriniz, sitemizde), anywhere in a word. */
export const ADDRESS_ENDINGS = /(?:[iıuü]n[iıuü]z|[iıuü]m[iıuü]z)/u;

/** German formal address, capitalised inside a sentence (after another word), on the unfolded text. */
export const ADDRESS_CASED = /[\p{L}\p{N},;:]\s+(?:Sie|Ihre|Ihr|Ihren|Ihrem|Ihrer|Ihres|Ihnen)(?![\p{L}\p{N}])/u;
