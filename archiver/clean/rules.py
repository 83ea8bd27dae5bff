"""Blog residue as data: named rules over lines of text, localised, and the engine applying them.

A plain-text dump of a blog post, or the paragraphs an HTML extractor returns, carry the
theme's furniture around the article: "Posted in … | Tagged …", share and like buttons,
"Related", post navigation, comment sections, cookie banners. Each rule below is a named row
in a table, with a kind saying how it applies to one line:

- ``LINE``: the whole line is residue (regex must match the stripped line in full).
- ``FRAGMENT``: a piece at the start or end of a line is residue and is trimmed off; the line
  is dropped when nothing but punctuation remains. Trimming only at the ends keeps every kept
  line a substring of its input line.
- ``SECTION``: the line starts a section (comments, related posts, sidebar, post navigation)
  after which nothing belongs to the article: the caller drops it and everything after it.

Named groups in a pattern carry metadata out of the residue: ``authors``, ``categories``,
``tags``, ``date``, ``source``, ``source_url``. The phrases are WordPress's own strings (and
common theme strings) in English, Korean, Japanese, Chinese, German, French, Spanish and
Russian. Every regex is compiled once per process: at import, the keyword gates per line
length on first use.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from ..gates import holds_any
from ..model import Metadata

# --------------------------------------------------------------------------- phrase tables
# Each table: concept -> localised phrases. Kept as plain data so a translator can add a row.

CATEGORY_LABELS = (  # may be followed directly by the list, without a colon
    "Veröffentlicht unter",
    "This entry was posted in",
    "Posted in",
    "Filed under",
    "Categorized as",
    "Categorised as",
    "Dieser Eintrag wurde veröffentlicht in",
    "Veröffentlicht in",
    "Abgelegt unter",
    "Cette entrée a été publiée dans",
    "Publié dans",
    "Classé dans",
    "Esta entrada fue publicada en",
    "Publicado en",
    "Archivado en",
    "Запись опубликована в рубрике",
    "Опубликовано в рубрике",
    "Рубрика",
    "Рубрики",
)
CATEGORY_NOUNS = (  # only with a colon: "Categories: A, B"
    "Categories",
    "Category",
    "Kategorien",
    "Kategorie",
    "Catégories",
    "Catégorie",
    "Categorías",
    "Categoría",
    "Категории",
    "Категория",
    "카테고리",
    "분류",
    "カテゴリー",
    "カテゴリ",
    "分类",
    "分類",
    "类别",
    "分类目录",
)
TAG_LABELS = (
    "Tagged with",
    "Tagged",
    "Verschlagwortet mit",
    "Étiqueté avec",
    "Étiqueté",
    "Etiquetado con",
    "Etiquetado",
    "Помечено",
)
TAG_NOUNS = (
    "Tags",
    "Tag",
    "Keywords",
    "Schlagwörter",
    "Schlagworte",
    "Mots-clés",
    "Mots clés",
    "Étiquettes",
    "Etiquetas",
    "Palabras clave",
    "Метки",
    "Теги",
    "Ключевые слова",
    "태그",
    "키워드",
    "タグ",
    "キーワード",
    "标签",
    "標籤",
    "关键词",
    "關鍵詞",
)
DATE_LABELS = (
    "Posted on",
    "Published on",
    "Published",
    "Updated on",
    "Updated",
    "Posted",
    "Veröffentlicht am",
    "Gepostet am",
    "Aktualisiert am",
    "Publié le",
    "Mis à jour le",
    "Publicado el",
    "Actualizado el",
    "Опубликовано",
    "Обновлено",
    "게시일",
    "작성일",
    "등록일",
    "입력",
    "수정",
    "投稿日",
    "公開日",
    "更新日",
    "发布于",
    "发表于",
    "发布时间",
    "發佈於",
    "更新于",
)
BY_WORDS = ("by", "By", "von", "par", "por", "от", "автор")
AUTHOR_LABELS = (
    "Posted by",
    "Written by",
    "Author",
    "Geschrieben von",
    "Autor",
    "Écrit par",
    "Auteur",
    "Escrito por",
    "Автор",
    "작성자",
    "글쓴이",
    "投稿者",
    "著者",
    "執筆者",
    "作者",
    "记者",
)
BYLINE_WORDS = ("By", "Von", "Par", "Por", "От")
SOURCE_LABELS = (
    "Source",
    "Sources",
    "Quelle",
    "Fuente",
    "Источник",
    "출처",
    "出典",
    "出所",
    "来源",
    "來源",
    "出处",
)
ORIGINALLY_LABELS = (
    "Originally published",
    "This article was originally published",
    "This post was originally published",
    "Originally appeared",
    "This article originally appeared",
    "This story originally appeared",
    "Read the original article",
    "Ursprünglich veröffentlicht",
    "Publié à l'origine",
    "Publicado originalmente",
    "Первоначально опубликовано",
)
SHARE_LABELS = (
    "Teilen Sie dies mit",
    "Sharen mit",
    "Share or comment on this article",
    "Diesen Artikel teilen",
    "Artikel teilen",
    "Share this",
    "Share",
    "Share this article",
    "Share this story",
    "Share this post",
    "Share via",
    "Teilen mit",
    "Teilen",
    "Diesen Beitrag teilen",
    "Partager",
    "Partager cet article",
    "Compartir",
    "Compartir esto",
    "Поделиться",
    "Поделиться ссылкой",
    "Поделиться записью",
    "공유하기",
    "공유",
    "共有",
    "シェア",
    "分享",
    "分享到",
    "分享此文",
    "分享本文",
)
SOCIAL_TOKENS = (
    "Twittern",
    "Teilen",
    "Facebook",
    "Twitter",
    "X",
    "LinkedIn",
    "Reddit",
    "Pinterest",
    "Tumblr",
    "WhatsApp",
    "Telegram",
    "Email",
    "E-mail",
    "E-Mail",
    "Print",
    "Pocket",
    "Mastodon",
    "Threads",
    "Bluesky",
    "Flipboard",
    "Skype",
    "Line",
    "KakaoTalk",
    "Kakao",
    "Band",
    "Naver",
    "Weibo",
    "WeChat",
    "微博",
    "微信",
    "QQ",
    "VK",
    "ВКонтакте",
    "Одноклассники",
    "Tweet",
    "Pin",
    "Pin it",
    "More",
    "Mehr",
    "Drucken",
    "Imprimer",
    "Imprimir",
    "Печать",
    "인쇄",
    "印刷",
    "打印",
    "Copy link",
    "Link kopieren",
    "Copier le lien",
    "Copiar enlace",
    "RSS",
)
LIKE_LABELS = (
    "Liken",
    "Like this",
    "Like",
    "Gefällt mir",
    "J’aime",
    "J'aime",
    "Me gusta",
    "Нравится",
    "좋아하기",
    "이것이 좋아요",
    "いいね",
    "赞",
    "喜欢",
)
LOADING_WORDS = (
    "Lade",
    "Loading",
    "Wird geladen",
    "Chargement",
    "Cargando",
    "Загрузка",
    "로드 중",
    "로딩 중",
    "読み込み中",
    "正在加载",
    "載入中",
)
RELATED_HEADINGS = (
    "More top stories",
    "Notas de interés",
    "Mehr zum Thema",
    "Weitere Beiträge",
    "Neueste Artikel",
    "Weitere Themen",
    "Auch lesenswert",
    "You might like",
    "You may like",
    "More from this section",
    "Most popular",
    "Latest news",
    "Latest stories",
    "Top stories",
    "Sur le même sujet",
    "À lire également",
    "Lire aussi",
    "Te recomendamos",
    "Más leídas",
    "Lo último",
    "Notas relacionadas",
    "Noticias relacionadas",
    "También te puede interesar",
    "Lo más leído",
    "Más noticias",
    "Auch interessant",
    "Das könnte Sie auch interessieren",
    "Weitere Artikel",
    "Read next",
    "Most viewed",
    "Recommended for you",
    "Recommended",
    "Trending now",
    "Leia também",
    "Notícias relacionadas",
    "Leggi anche",
    "Articoli correlati",
    "Related",
    "Related posts",
    "Related Posts",
    "Related articles",
    "Related Articles",
    "Related stories",
    "Related Stories",
    "You may also like",
    "You might also like",
    "More stories",
    "More Stories",
    "Ähnliche Beiträge",
    "Ähnliche Artikel",
    "Verwandte Artikel",
    "Das könnte dich auch interessieren",
    "Articles similaires",
    "Sur le même thème",
    "Articles connexes",
    "Relacionado",
    "Relacionados",
    "Artículos relacionados",
    "Entradas relacionadas",
    "Похожее",
    "Похожие записи",
    "Похожие статьи",
    "관련",
    "관련 글",
    "관련 기사",
    "関連",
    "関連記事",
    "関連投稿",
    "相关",
    "相关文章",
    "相關文章",
    "相关阅读",
)
READ_ALSO_LABELS = (
    "Lea también",
    "Lea más",
    "Lea",
    "Vea también",
    "Mira",
    "Mire",
    "Lee",
    "Leia também",
    "Leggi anche",
    "Le puede interesar",
    "Te puede interesar",
    "Puede interesarte",
    "Read also",
    "Read more",
    "See also",
    "Also read",
    "Lesen Sie auch",
    "Lies auch",
    "Mehr zum Thema",
    "À lire aussi",
    "Lire aussi",
    "Voir aussi",
    "Lee también",
    "Leer más",
    "Ver también",
    "Читайте также",
    "Смотрите также",
    "함께 보기",
    "같이 보기",
    "あわせて読みたい",
    "こちらもおすすめ",
    "延伸阅读",
    "推荐阅读",
    "相关阅读",
)
NAVIGATION_HEADINGS = (
    "Post navigation",
    "Posts navigation",
    "Beitragsnavigation",
    "Beitrags-Navigation",
    "Navigation des articles",
    "Navigation de l’article",
    "Navegación de entradas",
    "Navegación de publicaciones",
    "Навигация по записям",
    "Навигация записи",
    "글 내비게이션",
    "글 탐색",
    "投稿ナビゲーション",
    "文章导航",
    "文章導覽",
)
NAVIGATION_WORDS = (
    "navigation",
    "Previous",
    "Next",
    "Previous post",
    "Next post",
    "Previous entry",
    "Next entry",
    "Previous article",
    "Next article",
    "Previous story",
    "Next story",
    "Older posts",
    "Newer posts",
    "Older Entries",
    "Newer Entries",
    "Older",
    "Newer",
    "Vorheriger Beitrag",
    "Nächster Beitrag",
    "Vorherige",
    "Nächste",
    "Ältere Beiträge",
    "Neuere Beiträge",
    "Article précédent",
    "Article suivant",
    "Précédent",
    "Suivant",
    "Articles plus anciens",
    "Articles plus récents",
    "Entrada anterior",
    "Entrada siguiente",
    "Anterior",
    "Siguiente",
    "Entradas anteriores",
    "Entradas más recientes",
    "Предыдущая запись",
    "Следующая запись",
    "Предыдущая",
    "Следующая",
    "Назад",
    "Вперёд",
    "Вперед",
    "Предыдущие записи",
    "이전 글",
    "다음 글",
    "이전",
    "다음",
    "前の投稿",
    "次の投稿",
    "前の記事",
    "次の記事",
    "前へ",
    "次へ",
    "上一篇",
    "下一篇",
    "上一篇文章",
    "下一篇文章",
    "上一页",
    "下一页",
)
CONTINUE_READING = (
    "Continue reading",
    "Read more",
    "Read More",
    "Keep reading",
    "Learn more",
    "Weiterlesen",
    "Mehr erfahren",
    "Mehr lesen",
    "mehr lesen",
    "En savoir plus",
    "Leggi tutto",
    "Saiba mais",
    "Lire la suite",
    "Continuer la lecture",
    "Seguir leyendo",
    "Continuar leyendo",
    "Leer más",
    "Читать далее",
    "Продолжить чтение",
    "Читать полностью",
    "계속 읽기",
    "더 보기",
    "続きを読む",
    "もっと読む",
    "继续阅读",
    "阅读全文",
    "閱讀全文",
    "阅读更多",
)
PERMALINK = (
    "Bookmark the permalink",
    "Lesezeichen für den Permalink",
    "Setze ein Lesezeichen auf den Permalink",
    "Ajoutez ce permalien à vos favoris",
    "Marque-pages : permalien",
    "Guarda el enlace permanente",
    "Добавьте в закладки постоянную ссылку",
    "Добавить в закладки постоянную ссылку",
    "고유주소 북마크",
    "パーマリンクをブックマーク",
    "收藏固定链接",
    "将固定链接加入收藏夹",
)
COMMENT_HEADINGS = (
    "Leave a Reply",
    "Leave a reply",
    "Leave a Comment",
    "Leave a comment",
    "Add a comment",
    "Comments",
    "Responses",
    "Kommentar verfassen",
    "Schreibe einen Kommentar",
    "Hinterlasse einen Kommentar",
    "Hinterlasse eine Antwort",
    "Kommentare",
    "Laisser un commentaire",
    "Laisser une réponse",
    "Commentaires",
    "Deja un comentario",
    "Deja una respuesta",
    "Comentarios",
    "Добавить комментарий",
    "Оставить комментарий",
    "Оставьте комментарий",
    "Комментарии",
    "댓글 남기기",
    "답글 남기기",
    "댓글",
    "コメントを残す",
    "コメントする",
    "コメント",
    "发表评论",
    "发表回复",
    "评论",
    "留言",
)
COMMENT_COUNT_NOUNS = (
    "thought",
    "thoughts",
    "response",
    "responses",
    "comment",
    "comments",
    "reply",
    "replies",
    "Kommentar",
    "Kommentare",
    "commentaire",
    "commentaires",
    "comentario",
    "comentarios",
    "комментарий",
    "комментария",
    "комментариев",
    "ответ",
    "ответа",
    "ответов",
    "개의 댓글",
    "개 댓글",
    "件のコメント",
    "条评论",
    "則留言",
    "条回复",
)
SAYS_WORDS = (
    "says",
    "said",
    "sagt",
    "dit",
    "dice",
    "говорит",
    "пишет",
    "님의 말",
    "より",
    "说道",
    "說道",
)
COMMENT_FORM = (
    "Cancel reply",
    "Antworten abbrechen",
    "Annuler la réponse",
    "Cancelar la respuesta",
    "Отменить ответ",
    "답글 취소",
    "返信をキャンセル",
    "取消回复",
    "Reply",
    "Antworten",
    "Répondre",
    "Responder",
    "Ответить",
    "답글",
    "返信",
    "回复",
    "Log in to Reply",
    "Post Comment",
    "Submit Comment",
    "Kommentar abschicken",
    "Laisser un commentaire",
    "Publicar el comentario",
    "Отправить комментарий",
    "댓글 달기",
    "コメントを送信",
    "发表评论",
    "Name",
    "Name *",
    "Email",
    "Email *",
    "Website",
    "Comment",
    "Comment *",
    "Comments are closed.",
    "Comments are closed",
    "Kommentare sind geschlossen.",
    "Les commentaires sont fermés.",
    "Los comentarios están cerrados.",
    "Комментарии закрыты.",
    "댓글이 닫혀 있습니다.",
    "コメントは受け付けていません。",
    "评论已关闭。",
)
COMMENT_FORM_PHRASES = (
    "Comments are closed",
    "Kommentare sind geschlossen",
    "Les commentaires sont fermés",
    "Los comentarios están cerrados",
    "Комментарии закрыты",
    "comments are moderated",
    "comments may be republished",
    "Para comentar debes",
    "Please enter your name",
    "Um zu kommentieren",
    "Pour commenter",
    "Login to comment",
    "Log in to comment",
    "Sign in to comment",
    "Your email address will not be published",
    "Required fields are marked",
    "You must be logged in to post a comment",
    "Notify me of follow-up comments",
    "Notify me of new posts",
    "Notify me of new comments",
    "Save my name, email, and website",
    "This site uses Akismet to reduce spam",
    "Deine E-Mail-Adresse wird nicht veröffentlicht",
    "Ihre E-Mail-Adresse wird nicht veröffentlicht",
    "Votre adresse e-mail ne sera pas publiée",
    "Votre adresse de messagerie ne sera pas publiée",
    "Tu dirección de correo electrónico no será publicada",
    "Ваш адрес email не будет опубликован",
    "이메일 주소는 공개되지 않습니다",
    "メールアドレスが公開されることはありません",
    "您的电子邮箱地址不会被公开",
    "Be the first to comment",
    "Be the first to like this",
)
COOKIE_PHRASES = (
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "uses cookies to",
    "accept cookies",
    "accept all cookies",
    "cookie policy",
    "cookie settings",
    "cookie preferences",
    "by continuing to use this",
    "wir verwenden cookies",
    "diese website verwendet cookies",
    "verwendet cookies",
    "cookie-einstellungen",
    "cookies akzeptieren",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "utilise des cookies",
    "accepter les cookies",
    "utilizamos cookies",
    "este sitio web utiliza cookies",
    "utiliza cookies",
    "aceptar cookies",
    "política de cookies",
    "мы используем файлы cookie",
    "используем cookie",
    "использует файлы cookie",
    "쿠키를 사용",
    "쿠키 정책",
    "クッキーを使用",
    "cookieを使用",
    "cookie を使用",
    "我们使用cookie",
    "本网站使用cookie",
    "使用 cookie",
    "使用cookie",
)
NEWSLETTER_PHRASES = (
    "subscribe now",
    "already a subscriber",
    "please subscribe",
    "subscribers also receive",
    "download the",
    "download our app",
    "follow us on",
    "on twitter and instagram",
    "hazte miembro",
    "suscríbete",
    "únete a nuestro",
    "jetzt abonnieren",
    "abonnieren sie",
    "abonnez-vous",
    "подпишитесь",
    "구독하기",
    "購読する",
    "订阅",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "sign up for the newsletter",
    "subscribe to the newsletter",
    "get our newsletter",
    "enter your email address",
    "subscribe via email",
    "subscribe by email",
    "newsletter abonnieren",
    "für unseren newsletter",
    "abonnez-vous à notre newsletter",
    "inscrivez-vous à notre newsletter",
    "abonner à la newsletter",
    "suscríbete a nuestro boletín",
    "suscríbete a nuestra newsletter",
    "suscribirse al boletín",
    "подпишитесь на рассылку",
    "подписаться на рассылку",
    "подпишитесь на нашу рассылку",
    "뉴스레터 구독",
    "뉴스레터 신청",
    "ニュースレター登録",
    "メールマガジン登録",
    "订阅我们的新闻",
    "订阅新闻通讯",
    "订阅电子报",
)
CHROME_LINES = (
    "Impressum",
    "Datenschutz",
    "Datenschutzerklärung",
    "Kontakt",
    "Über uns",
    "Startseite",
    "Nach oben",
    "Zurück",
    "Privacy Policy",
    "Terms of Use",
    "Terms of Service",
    "Contact",
    "Contact us",
    "About us",
    "Mentions légales",
    "Aviso legal",
    "Política de privacidad",
    "Skip to content",
    "Skip to main content",
    "Skip to navigation",
    "Menu",
    "Main menu",
    "Primary Menu",
    "Search",
    "Search for:",
    "Search …",
    "Search ...",
    "Toggle navigation",
    "Home",
    "Log in",
    "Login",
    "Sign in",
    "Register",
    "Subscribe",
    "Sign up",
    "Entries RSS",
    "Entries feed",
    "Comments RSS",
    "Comments feed",
    "WordPress.org",
    "Proudly powered by WordPress",
    "Powered by WordPress",
    "Blog at WordPress.com.",
    "Follow",
    "Follow us",
    "Follow Us",
    "Back to top",
    "Scroll to top",
    "Advertisement",
    "Advertisements",
    "ADVERTISEMENT",
    "Sponsored",
    "Accept",
    "Accept all",
    "Reject",
    "Reject all",
    "Got it",
    "Close",
    "Zum Inhalt springen",
    "Springe zum Inhalt",
    "Suche",
    "Anzeige",
    "Werbung",
    "Aller au contenu",
    "Rechercher",
    "Publicité",
    "Ir al contenido",
    "Buscar",
    "Publicidad",
    "Перейти к содержимому",
    "Поиск",
    "Реклама",
    "본문 바로가기",
    "콘텐츠로 건너뛰기",
    "검색",
    "광고",
    "コンテンツへスキップ",
    "検索",
    "広告",
    "跳至内容",
    "搜索",
    "广告",
)
RIGHTS_PHRASES = (
    "All rights reserved",
    "All Rights Reserved",
    "Alle Rechte vorbehalten",
    "Tous droits réservés",
    "Todos los derechos reservados",
    "Все права защищены",
    "무단 전재",
    "무단전재",
    "版权所有",
    "著作権",
    "無断転載",
)
BIO_HEADINGS = (  # an author box after the article: "About the author", "Über die Autorin"
    "About the author",
    "About the authors",
    "About the writer",
    "Author",
    "Authors",
    "Autor",
    "Autorin",
    "Autoren",
    "Über den Autor",
    "Über die Autorin",
    "Über die Autoren",
    "À propos de l'auteur",
    "À propos de l’auteur",
    "À propos de l'autrice",
    "L'auteur",
    "L’auteur",
    "Sobre el autor",
    "Sobre la autora",
    "Acerca del autor",
    "Об авторе",
    "Автор",
    "기자 소개",
    "필자 소개",
    "著者について",
    "著者紹介",
    "作者简介",
    "关于作者",
)
ABOUT_WORDS = ("About", "Über", "À propos de", "Sobre", "Acerca de", "Об")
# "About Us" is the site's page, not an author box.
ABOUT_NOT_NAMES = ("Us", "us", "Uns", "uns", "Nous", "nous", "Nosotros", "nosotros", "Me", "me")
BIO_ROLES = (  # "X is a reporter at …": the author box's first sentence
    "reporter",
    "writer",
    "journalist",
    "editor",
    "correspondent",
    "contributor",
    "columnist",
    "freelancer",
    "Journalist",
    "Journalistin",
    "Redakteur",
    "Redakteurin",
    "Korrespondent",
    "Korrespondentin",
    "Autorin",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "correspondant",
    "correspondante",
    "periodista",
    "redactor",
    "redactora",
    "corresponsal",
)
TAG_HEADINGS = ("Topics", "Schlagworte", "Schlagwörter", "Tags", "Stichworte", "Thèmes")
SIDEBAR_HEADINGS = (
    "Recent Posts",
    "Recent Comments",
    "Archives",
    "Blogroll",
    "Popular Posts",
    "Most Popular",
    "Most Read",
    "Neueste Beiträge",
    "Neueste Kommentare",
    "Articles récents",
    "Commentaires récents",
    "Entradas recientes",
    "Comentarios recientes",
    "Свежие записи",
    "Свежие комментарии",
    "Архивы",
    "최근 글",
    "최근 댓글",
    "보관함",
    "最近の投稿",
    "最近のコメント",
    "アーカイブ",
    "近期文章",
    "近期评论",
    "文章归档",
)

# --------------------------------------------------------------------------- pattern pieces

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_NAME_WORD = rf"[{_UPPER}][\w.'’-]*"
_PARTICLE = r"(?:de|da|di|van|von|der|den|del|la|le|bin|al|el|y)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{0,4}}"
_NAME_LIST = rf"{_NAME}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\bи\b)\s*{_NAME})*"
_COLON = r"\s*[:：]\s*"
_SHORT_ITEM = r"[^\s,，、|.!?]+(?:\s+[^\s,，、|.!?]+){0,5}"  # a category is a few words, not prose
_SHORT_LIST = rf"{_SHORT_ITEM}(?:\s*[,，、]\s*{_SHORT_ITEM})*"
_WEEKDAY = (
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Mo|Di|Mi|Do|Fr|Sa|So|lun|mar|mer|jeu|ven|sam|dim)"
    r"[a-zäéè]*\.?,?\s+)?"
)
_TIME = r"(?:\s*(?:,|at|um|à|a las|в|-)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,5})?)?"
_DATE = (
    r"(?:\d{4}\s*[-/.년年]\s*\d{1,2}\s*[-/.월月]\s*\d{1,2}\s*[일日]?"
    r"|\d{1,2}\.?\s+(?:de\s+)?[A-Za-zÀ-ÿА-Яа-яЁё]{3,10}\.?\s+(?:de\s+)?\d{4}"
    r"|[A-Za-zÀ-ÿ]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:\s*\([^)]{1,12}\))?"
)
_DASH_OR_ARROW = r"[\s\u2013\u2014-]*"


def _alt(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first so prefixes never shadow."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique) + ")"


def _fold_table() -> dict[int, str]:
    """Map each character to one representative of its IGNORECASE class, as the regex engine
    sees it: ``str.lower`` agrees with the engine's own lowering for every code point except
    U+0130 (İ), and the engine also equates a few extra groups (s/ſ, k/K, ι/ͅ/ι, в/ᲀ …)."""
    try:
        from re._casefix import _EXTRA_CASES  # the engine's own table (CPython >= 3.11)
    except ImportError:  # pragma: no cover - other interpreters: a conservative copy
        _EXTRA_CASES = {}
    parent: dict[int, int] = {}

    def find(code: int) -> int:
        while parent.get(code, code) != code:
            code = parent[code]
        return code

    for lower, others in _EXTRA_CASES.items():
        for other in others:
            a, b = find(lower), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the ASCII member, when any, represents
    return {code: chr(find(code)) for code in parent}


_FOLD = _fold_table()
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    """Case-fold ``text`` so that two characters the regex engine equates under IGNORECASE
    fold alike, one character for one (substrings stay substrings)."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text:  # str.lower gives 'i' + combining dot; the engine gives 'i'
        text = text.replace("\u0130", "i")
    lowered = text.lower()
    return lowered.translate(_FOLD) if _FOLD_CHARS.search(lowered) else lowered


def _gate(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """One regex finding, in folded text, a piece of any of ``keywords`` (a trie, so the
    engine tests each position against a few branches, not against every keyword).

    Each keyword is represented by a piece of at most four characters starting at its
    least common letter: finding none of the pieces proves no keyword is there.
    """
    pieces = {_piece(keyword) for keyword in keywords}
    trie: dict[str, dict] = {}
    for piece in pieces:
        node = trie
        for char in piece:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_regex(trie)) if pieces else None


_LETTER_FREQUENCY = "etaoinsrhldcumfpgwybvkxjqz"  # most common first (English text)


def _piece(keyword: str) -> str:
    size = min(4, len(keyword))
    starts = range(len(keyword) - size + 1)
    rarity = [
        _LETTER_FREQUENCY.find(keyword[i]) if keyword[i] in _LETTER_FREQUENCY else 99
        for i in starts
    ]
    best = max(starts, key=lambda i: (rarity[i], -i))
    return keyword[best : best + size]


def _trie_regex(node: dict[str, dict]) -> str:
    if "" in node:  # a piece ends here: a longer one sharing the prefix adds nothing
        return ""
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _keywords(phrases: Iterable[str]) -> tuple[str, ...]:
    """Folded keywords such that text containing any of ``phrases`` contains one of them:
    the longest space-free token of each phrase (``_alt`` lets only the spaces vary), less
    the tokens that contain another keyword."""
    tokens = {_fold(max(p.split(" "), key=len)) for p in phrases if p.strip()}
    return tuple(sorted(t for t in tokens if not any(o != t and o in t for o in tokens)))


class Kind(Enum):
    """How a rule applies to one line (see the module docstring)."""

    LINE = "line"
    FRAGMENT = "fragment"
    SECTION = "section"


@dataclass(frozen=True)
class Rule:
    """One named residue pattern. ``max_len`` guards phrase rules against long prose lines.

    ``start`` and ``keywords`` are the rule's prefilter: cheap necessary conditions derived
    from the same phrase tables as the pattern, so a line failing them cannot match and the
    regex is never run on it (most lines of an article match no rule). ``start`` must match
    the line's first character (one character class, with the pattern's flags); one of
    ``keywords`` (case-folded by ``_fold``) must occur in the case-folded line. A fragment
    rule anchored at the line's end with a ``tail`` bound is searched for only near the end.
    """

    name: str
    kind: Kind
    pattern: re.Pattern[str]
    doc: str
    max_len: int = 400
    group: str = "residue"  # "comments", "related", "navigation", "sidebar", "chrome"
    start: re.Pattern[str] | None = None
    keywords: tuple[str, ...] = ()
    tail: int = 0  # a fragment ending the line ($) has at most this many non-space characters


def _rule(
    name: str,
    kind: Kind,
    regex: str,
    doc: str,
    *,
    flags: int = 0,
    max_len: int = 400,
    group: str = "residue",
    starts: Iterable[str] = (),
    start_class: str = "",
    keywords: Iterable[str] = (),
    tail: int = 0,
) -> Rule:
    """Build a rule; ``starts`` (phrases the pattern begins with) and ``start_class`` (extra
    class items such as ``\\d``) give its first-character gate, ``keywords`` (phrases one of
    which the pattern contains) its keyword gate."""
    firsts = "".join(sorted({re.escape(phrase[0]) for phrase in starts if phrase}))
    start = re.compile(f"[{firsts}{start_class}]", flags) if firsts or start_class else None
    return Rule(
        name,
        kind,
        re.compile(regex, flags),
        doc,
        max_len,
        group,
        start,
        _keywords(keywords),
        tail,
    )


_I = re.IGNORECASE

RULES: tuple[Rule, ...] = (
    # ---- sections: everything from here on is not the article
    _rule(
        "comments_heading",
        Kind.SECTION,
        rf"{_alt(COMMENT_HEADINGS)}\s*[:：]?(?:\s*\(\d+\))?",
        "A comment section's heading: 'Leave a Reply', 'Kommentare', '댓글 남기기'.",
        group="comments",
        starts=COMMENT_HEADINGS,
    ),
    _rule(
        "comments_count",
        Kind.SECTION,
        rf"(?:\d+|One|Two|Three|No|Ein|Un|Una|Один)\s*{_alt(COMMENT_COUNT_NOUNS)}"
        r"(?:\s+(?:on|to|zu|sur|en|на|について)\s+.{0,200})?",
        "'3 thoughts on “Title”', '12 Comments', '5 件のコメント': comments start.",
        flags=_I,
        group="comments",
        starts=("One", "Two", "Three", "No", "Ein", "Un", "Una", "Один"),
        start_class=r"\d",
    ),
    _rule(
        "comment_says_dated",
        Kind.SECTION,
        rf"[^.!?]{{1,60}}?\s*{_alt(SAYS_WORDS)}\s*[:：]\s*"
        rf"(?:{_WEEKDAY}{_DATE}{_TIME}|\d+\s+\w+\s+ago|\d{{1,2}}[:.]\d{{2}}.{{0,12}})",
        "'Anna says: March 3, 2016 at 10:15 am': the first comment of a thread.",
        group="comments",
        max_len=140,
        keywords=SAYS_WORDS,
    ),
    _rule(
        "related_heading",
        Kind.SECTION,
        rf"{_alt(RELATED_HEADINGS)}\s*[:：]?",
        "'Related', 'Ähnliche Beiträge', '관련 글': a related-posts list follows.",
        flags=_I,
        group="related",
        starts=RELATED_HEADINGS,
    ),
    _rule(
        "post_navigation",
        Kind.SECTION,
        rf"{_alt(NAVIGATION_HEADINGS)}\s*[:：]?",
        "'Post navigation' and its translations: links to other posts follow.",
        group="navigation",
        starts=NAVIGATION_HEADINGS,
    ),
    _rule(
        "sidebar_heading",
        Kind.SECTION,
        rf"{_alt(SIDEBAR_HEADINGS)}\s*[:：]?",
        "A sidebar widget heading ('Recent Posts', 'Archives', '최근 글').",
        group="sidebar",
        starts=SIDEBAR_HEADINGS,
    ),
    _rule(
        "bio_heading",
        Kind.SECTION,
        rf"(?:{_alt(BIO_HEADINGS)}|{_alt(ABOUT_WORDS)}\s+(?!{_alt(ABOUT_NOT_NAMES)}\b){_NAME})"
        r"\s*[:：]?",
        "An author box's heading after the article: 'About the author', 'Über Anna Kim'.",
        group="bio",
        max_len=80,
        starts=BIO_HEADINGS + ABOUT_WORDS,
    ),
    _rule(
        "tags_heading",
        Kind.SECTION,
        rf"{_alt(TAG_HEADINGS)}\s*[:：]?",
        "A tag list's heading alone on its line: 'Tags', 'Themen', 'Topics'.",
        group="related",
        starts=TAG_HEADINGS,
    ),
    # ---- whole lines carrying metadata
    _rule(
        "entry_posted_in",
        Kind.LINE,
        r"This entry was posted in\s+(?P<categories>.+?)"
        r"(?:\s+and tagged\s+(?P<tags>.+?))?(?:\s+on\s+(?P<date>[^.]*?\d[^.]*?))?"
        r"(?:\s+by\s+(?P<authors>[^.]+?))?\.?(?:\s*" + _alt(PERMALINK) + r"\.?)?",
        "Twenty Ten/Eleven footer: 'This entry was posted in A, B and C and tagged T by N.'",
        max_len=600,
        starts=("This",),
    ),
    _rule(
        "posted_in",
        Kind.LINE,
        rf"{_alt(CATEGORY_LABELS)}(?:{_COLON}|\s+)(?P<categories>{_SHORT_LIST})"
        rf"(?:\s+(?:{'|'.join(BY_WORDS)})\s+(?P<authors>{_NAME_LIST}))?\.?",
        "'Posted in A, B', 'Veröffentlicht in A', 'Рубрика: A' (categories, maybe author).",
        max_len=400,
        starts=CATEGORY_LABELS,
    ),
    _rule(
        "category_list",
        Kind.LINE,
        rf"{_alt(CATEGORY_NOUNS)}{_COLON}(?P<categories>.{{1,300}})",
        "'Categories: A, B', 'カテゴリー: A' (noun labels need a colon).",
        starts=CATEGORY_NOUNS,
    ),
    _rule(
        "tagged",
        Kind.LINE,
        rf"(?:{_alt(TAG_LABELS)}(?:{_COLON}|\s+)|{_alt(TAG_NOUNS)}{_COLON})"
        r"(?P<tags>.{1,300}?)\.?",
        "'Tagged a, b', 'Tags: a, b', 'Schlagwörter: a', '태그: a'.",
        starts=TAG_LABELS + TAG_NOUNS,
    ),
    _rule(
        "posted_on",
        Kind.LINE,
        rf"{_alt(DATE_LABELS)}(?:{_COLON}|\s+)(?:on\s+)?"
        rf"(?P<date>{_WEEKDAY}{_DATE}{_TIME}|\d+\s+\w+\s+ago)"
        rf"(?:\s*(?:[·•|,]\s*)?(?:{'|'.join(BY_WORDS)})(?:\s*[:：])?\s+"
        rf"(?P<authors>{_NAME_LIST}|\S[^|]{{0,60}}))?\.?",
        "'Posted on March 3, 2016 by Anna', 'Veröffentlicht am 3. März 2016 von Anna'.",
        flags=_I,  # 'PUBLISHED: 3 March 2016', 'Updated on …'
        max_len=200,
        starts=DATE_LABELS,
    ),
    _rule(
        "posted_by",
        Kind.LINE,
        rf"{_alt(AUTHOR_LABELS)}(?:{_COLON}|\s+)(?P<authors>{_NAME_LIST}|[^\s,|]{{1,30}})"
        r"(?:\s*(?:,|on|am|le|el|·|•|\|)\s*(?P<date>.{0,60}?\d.{0,40}?))?\.?",
        "'Posted by Anna on March 3, 2016', 'Author: Anna', '작성자: 홍길동'.",
        max_len=160,
        starts=AUTHOR_LABELS,
    ),
    _rule(
        "byline",
        Kind.LINE,
        rf"{_alt(BYLINE_WORDS)}\s+(?P<authors>{_NAME_LIST})"
        r"(?:\s*[,|·•–—-]\s*(?P<date>[^.!?]{0,60}?\d[^.!?]{0,40}))?",
        "A byline: 'By Anna Kim and Lee Park', 'Von Anna Schmidt', 'Par Anne Martin'.",
        max_len=160,
        starts=BYLINE_WORDS,
    ),
    _rule(
        "author_bio",
        Kind.LINE,
        rf"{_NAME}\s+(?:is|was|ist|war|est|es)\s+(?:an?|ein|eine|un|une|una)?\s*"
        rf"(?:[\w-]+\s+){{0,4}}?{_alt(BIO_ROLES)}\s+(?:at|for|with|bei|für|pour|chez|à|en|de)\s"
        r".{0,300}",
        "An author's bio: 'Anna Kim is a reporter at the Example Ledger covering …' (a role *at*"
        " a publication: 'X is a journalist who …' in an article is prose).",
        max_len=400,
        keywords=BIO_ROLES,
        start_class=f"{_UPPER}",
    ),
    _rule(
        "korean_reporter_byline",
        Kind.LINE,
        r"(?P<authors>[가-힣]{2,4})\s*(?:기자|특파원|논설위원)(?:\s*[\w.-]+@[\w.-]+)?",
        "Korean byline: '홍길동 기자' (reporter), optionally with an e-mail address.",
        max_len=80,
        start_class="가-힣",
    ),
    _rule(
        "source_line",
        Kind.LINE,
        rf"(?:{_alt(SOURCE_LABELS)}{_COLON}|Via:?\s+|via\s+)"
        r"(?:(?P<source_url>https?://\S+)|(?P<source>[^()\n]{1,100}?)"
        r"(?:\s*\(?(?P<source_url2>https?://[^\s)]+)\)?)?)\.?",
        "'Source: VICE News', 'Via The Guardian', 'Quelle: dpa', '출처: 연합뉴스'.",
        max_len=160,
        starts=(*SOURCE_LABELS, "Via", "via"),
    ),
    _rule(
        "originally_published",
        Kind.LINE,
        rf"{_alt(ORIGINALLY_LABELS)}\s+(?:(?:at|on|in|by|bei|sur|dans|en|на)\s+)?"
        r"(?:(?P<source_url>https?://\S+?)|(?P<source>[^.]{1,100}?))\.?",
        "'Originally published at Example Times.', 'This article originally appeared on X'.",
        max_len=200,
        starts=ORIGINALLY_LABELS,
    ),
    _rule(
        "read_full_line",
        Kind.LINE,
        r"\[?\s*Read (?:the )?full (?:(?:article|story|report|post) (?:at|on|in)\s+"
        r"(?P<source>[^\]]+?)|(?P<source2>[^\]]+?)\s+(?:article|story|report|post))"
        r"\s*\]?\s*\.?",
        "'[Read full Example News article]', 'Read the full story at Example News'.",
        max_len=160,
        starts=("[", "Read"),
        start_class=r"\s",
    ),
    _rule(
        "date_line",
        Kind.LINE,
        rf"{_WEEKDAY}(?P<date>{_DATE}{_TIME})",
        "A date alone on a line: 'March 3, 2016', '3. März 2016', '2016년 3월 3일 (목)'.",
        flags=_I,
        max_len=60,
        start_class=r"\wÀ-ÿ",
    ),
    # ---- whole lines without metadata
    _rule(
        "share_label",
        Kind.LINE,
        rf"{_alt(SHARE_LABELS)}\s*(?:[:：]|\s+(?:on|via)\s+\S+)?",
        "'Share this:', 'Teilen mit:', 'Share on Facebook', '공유하기'.",
        group="chrome",
        starts=SHARE_LABELS,
    ),
    _rule(
        "click_to_share",
        Kind.LINE,
        r"(?:Click to|Klicken, um|Cliquez pour)\s.{1,120}",
        "Jetpack share buttons: 'Click to share on Twitter (Opens in new window)'.",
        group="chrome",
        starts=("Click", "Klicken", "Cliquez"),
    ),
    _rule(
        "social_buttons",
        Kind.LINE,
        rf"{_alt(SOCIAL_TOKENS)}(?:\s*\(\d+\))?(?:[\s|•·/,]+{_alt(SOCIAL_TOKENS)}(?:\s*\(\d+\))?)*",
        "A row of share buttons: 'Facebook Twitter Email', 'Print'.",
        group="chrome",
        starts=SOCIAL_TOKENS,
    ),
    _rule(
        "like_label",
        Kind.LINE,
        rf"{_alt(LIKE_LABELS)}\s*[:：]",
        "'Like this:', 'Gefällt mir:', 'いいね:' (the like widget's heading).",
        group="chrome",
        starts=LIKE_LABELS,
    ),
    _rule(
        "like_loading",
        Kind.LINE,
        rf"(?:(?:{_alt(LIKE_LABELS)})\s*)?{_alt(LOADING_WORDS)}\s*(?:…|\.\.\.)?",
        "'Like Loading…', 'Loading...': the like widget before its script ran.",
        group="chrome",
        starts=LIKE_LABELS + LOADING_WORDS,
    ),
    _rule(
        "read_also",
        Kind.LINE,
        rf"{_alt(READ_ALSO_LABELS)}\s*(?:[:：»›→]|\.\.\.|…).{{0,200}}",
        "'Read also: <other headline>', 'Читайте также: …': a link to another story.",
        flags=_I,
        max_len=240,
        starts=READ_ALSO_LABELS,
    ),
    _rule(
        "navigation_words",
        Kind.LINE,
        rf"(?:\[…\]|\[\.\.\.\]|[←→«»‹›]|{_alt(NAVIGATION_WORDS)}|\s|[:|/])+",
        "Prev/next links alone: '← Previous Next →', '[…] navigation ← Previous Next […]'.",
        group="navigation",
        starts=(*NAVIGATION_WORDS, "["),
        start_class=r"←→«»‹›\s:|/",
    ),
    _rule(
        "navigation_arrow_link",
        Kind.LINE,
        r"(?:[←«‹]\s*[^.!?…]{1,150}|[^.!?…]{1,150}?\s*[→»›])",
        "A prev/next link with a title: '← Older post title', 'Newer post title →'.",
        max_len=160,
        group="navigation",
        keywords="←«‹→»›",
    ),
    _rule(
        "navigation_labelled",
        Kind.LINE,
        rf"{_alt(NAVIGATION_WORDS)}(?:{_COLON}|\s+)\S.{{0,150}}",
        "'Previous post: Title', 'Next article Title', 'Article précédent : Titre'.",
        max_len=170,
        group="navigation",
        starts=NAVIGATION_WORDS,
    ),
    _rule(
        "pingback",
        Kind.LINE,
        r"(?:\[…\]|\[\.\.\.\]).{0,600}?(?:\[…\]|\[\.\.\.\])",
        "A pingback excerpt: '[…] quoted text from another blog […]'.",
        max_len=700,
        starts=("[",),
    ),
    _rule(
        "comment_says",
        Kind.LINE,
        rf"[^.!?]{{1,50}}?\s*{_alt(SAYS_WORDS)}\s*[:：]",
        "'Anna says:' alone on a line (a comment's header).",
        group="comments",
        max_len=70,
        keywords=SAYS_WORDS,
    ),
    _rule(
        "comment_form",
        Kind.LINE,
        rf"{_alt(COMMENT_FORM)}",
        "Comment form and reply links: 'Reply', 'Cancel reply', 'Name *', 'Post Comment'.",
        group="comments",
        starts=COMMENT_FORM,
    ),
    _rule(
        "comment_form_phrase",
        Kind.LINE,
        rf".{{0,80}}{_alt(COMMENT_FORM_PHRASES)}.{{0,200}}",
        "'Your email address will not be published. Required fields are marked *'.",
        group="comments",
        max_len=300,
        keywords=COMMENT_FORM_PHRASES,
    ),
    _rule(
        "cookie_banner",
        Kind.LINE,
        rf".{{0,300}}{_alt(COOKIE_PHRASES)}.{{0,300}}",
        "A cookie banner: 'We use cookies to …', 'Diese Website verwendet Cookies …'.",
        flags=_I,
        max_len=400,
        group="chrome",
        keywords=COOKIE_PHRASES,
    ),
    _rule(
        "newsletter_box",
        Kind.LINE,
        rf".{{0,120}}{_alt(NEWSLETTER_PHRASES)}.{{0,120}}",
        "A newsletter box: 'Sign up for our newsletter', 'Newsletter abonnieren'.",
        flags=_I,
        max_len=200,
        group="chrome",
        keywords=NEWSLETTER_PHRASES,
    ),
    _rule(
        "newsletter_heading",
        Kind.LINE,
        r".{0,40}\bnewsletters?\b.{0,40}",
        "A short line naming a newsletter: 'Join our Newsletter', 'Cicero-Newsletter'.",
        flags=_I,
        max_len=60,
        group="chrome",
        keywords=("newsletter",),
    ),
    _rule(
        "site_chrome",
        Kind.LINE,
        rf"{_alt(CHROME_LINES)}",
        "Menus, skip links, search boxes, ad labels: 'Skip to content', 'Menu', '광고'.",
        group="chrome",
        starts=CHROME_LINES,
    ),
    _rule(
        "copyright",
        Kind.LINE,
        rf"(?:(?:©|Copyright|\(c\)|Ⓒ).{{0,200}}|.{{0,160}}{_alt(RIGHTS_PHRASES)}.{{0,80}})",
        "Footer rights lines: '© 2016 Example Blog', 'All rights reserved'.",
        max_len=240,
        group="chrome",
        keywords=("©", "Copyright", "(c)", "Ⓒ", *RIGHTS_PHRASES),
    ),
    _rule(
        "server_error",
        Kind.LINE,
        r"(?:PHP\s+)?(?:Deprecated|Strict\s+Standards|Warning|Notice|Fatal\s+error|Parse\s+error)"
        r"\s*:\s.{1,700}?\s+in\s+\S+\s+on\s+line\s+\d+\.?",
        "A PHP error message printed into the page by a broken theme or plugin: 'Deprecated: "
        "Assigning the return value of new by reference is deprecated in /www/wp-settings.php "
        "on line 472'.",
        max_len=800,
        group="chrome",
        starts=("PHP", "Deprecated", "Strict", "Warning", "Notice", "Fatal", "Parse"),
        keywords=("on line",),
    ),
    _rule(
        "theme_credit",
        Kind.LINE,
        r"(?:Proudly )?(?:Powered by|Theme:|Theme by|Designed by|Blog at)\s.{1,120}",
        "'Theme: Twenty Twelve by WordPress.', 'Powered by WordPress'.",
        max_len=140,
        group="chrome",
        starts=("Proudly", "Powered", "Theme", "Designed", "Blog"),
    ),
    _rule(
        "wordpress_com_credit",
        Kind.LINE,
        r"(?:.{0,80}\s(?:auf|at|sur|en|на|con|su)\s+WordPress\.com\.?"
        r"|%d\s.{1,40}(?:like this|gefällt das|aiment cette page|les gusta esto)\s*:?)",
        "WordPress.com's footer and like counter: 'Blog at WordPress.com.', 'Erstelle eine "
        "kostenlose Website oder Blog – auf WordPress.com.', '%d bloggers like this:'.",
        max_len=140,
        group="chrome",
        keywords=("WordPress.com", "%d"),
    ),
    # ---- fragments at the start or end of a line
    _rule(
        "read_full_fragment",
        Kind.FRAGMENT,
        r"\[\s*Read (?:the )?full (?:(?:article|story|report|post) (?:at|on|in)\s+"
        r"(?P<source>[^\]]+?)|(?P<source2>[^\]]+?)\s+(?:article|story|report|post))\s*\]",
        "'[Read full Example News article]' at a paragraph's end: a repost's source.",
        keywords=("full",),
    ),
    _rule(
        "continue_reading",
        Kind.FRAGMENT,
        rf"(?:(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*)?{_alt(CONTINUE_READING)}"
        r"(?:[^.!?\n]{0,150}?)\s*(?:→|»|›|…|\.\.\.)?\s*$",
        "'… Continue reading →', 'Weiterlesen »' closing an excerpt.",
        keywords=CONTINUE_READING,
        tail=5 + max(map(len, CONTINUE_READING)) + 150 + 3,
    ),
    _rule(
        "permalink",
        Kind.FRAGMENT,
        rf"{_alt(PERMALINK)}\s*\.?\s*$",
        "'Bookmark the permalink.' closing a footer sentence.",
        keywords=PERMALINK,
        tail=max(map(len, PERMALINK)) + 1,
    ),
    _rule(
        "trailing_ellipsis_link",
        Kind.FRAGMENT,
        r"\s*(?:\[…\]|\[\.\.\.\])\s*$",
        "A dangling '[…]' at the end of an excerpt.",
        keywords=("[…]", "[...]"),
        tail=5,
    ),
)

_LINE_RULES = tuple(r for r in RULES if r.kind is not Kind.FRAGMENT)
_FRAGMENT_RULES = tuple(r for r in RULES if r.kind is Kind.FRAGMENT)
_FIELD_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_ONLY_PUNCT = re.compile(r"[\W_]*", re.UNICODE)
# The theme's list separator: a comma (or its CJK forms) separates items; " and " does not.
_LIST_SEPARATOR = re.compile(r"\s*[,，、;]\s*")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\bи\b|、|，)\s*")
_URL = re.compile(r"https?://\S+")

# --------------------------------------------------------------------------- dates

_MONTHS = {
    # en, de, fr, es, ru (nominative and genitive stems), abbreviations included by prefix
    "jan": 1,
    "janv": 1,
    "jän": 1,
    "ene": 1,
    "янв": 1,
    "feb": 2,
    "fév": 2,
    "fev": 2,
    "febr": 2,
    "фев": 2,
    "mar": 3,
    "mär": 3,
    "mars": 3,
    "мар": 3,
    "apr": 4,
    "avr": 4,
    "abr": 4,
    "апр": 4,
    "may": 5,
    "mai": 5,
    "mayo": 5,
    "мая": 5,
    "май": 5,
    "jun": 6,
    "juin": 6,
    "июн": 6,
    "jul": 7,
    "juil": 7,
    "июл": 7,
    "aug": 8,
    "août": 8,
    "aou": 8,
    "ago": 8,
    "авг": 8,
    "sep": 9,
    "sept": 9,
    "set": 9,
    "сен": 9,
    "oct": 10,
    "okt": 10,
    "окт": 10,
    "nov": 11,
    "ноя": 11,
    "dec": 12,
    "dez": 12,
    "déc": 12,
    "dic": 12,
    "дек": 12,
}
_MONTH_WORD = r"([A-Za-zÀ-ÿА-Яа-яЁё]{3,10})\.?"
_DATE_PATTERNS = (
    ("ymd", re.compile(r"(\d{4})\s*[-/.년年]\s*(\d{1,2})\s*[-/.월月]\s*(\d{1,2})")),
    ("dmy_word", re.compile(rf"(\d{{1,2}})\.?\s+(?:de\s+)?{_MONTH_WORD}\s+(?:de\s+)?(\d{{4}})")),
    ("mdy_word", re.compile(rf"{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})")),
    ("dmy", re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")),
)


# A time of day after a date: "at 10:15 pm", "um 10.15 Uhr", "à 15h30", ", 14:22:05".
_TIME_OF_DAY = re.compile(
    r"[일日]?\s*(?:\([^)]{1,12}\)\s*)?(?:[,|-]\s*)?(?:at|um|à|a las|в|kl\.?)?\s*"
    r"(?:(?P<ko>오전|오후|午前|午後|上午|下午)\s*)?"
    r"(?P<h>\d{1,2})[:.h](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?(?!\d)"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)


def _month(word: str) -> int | None:
    word = word.lower()
    for length in (4, 3):
        if word[:length] in _MONTHS:
            return _MONTHS[word[:length]]
    return None


def parse_date(text: str) -> str | None:
    """ISO 8601 date from a residue date in a common form, or None.

    "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when a time of day follows the date ("March 3,
    2016 at 10:15 pm", "3. März 2016 um 10.15 Uhr"); no zone, as the residue names none
    we could trust.
    """
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        if kind == "ymd":
            year, month, day = int(a), int(b), int(c)
        elif kind == "dmy_word":
            year, month, day = int(c), _month(b) or 0, int(a)
        elif kind == "mdy_word":
            year, month, day = int(c), _month(a) or 0, int(b)
        else:  # numeric day-first, unless the first number cannot be a day... of a month
            first, second, year = int(a), int(b), int(c)
            day, month = (
                (second, first)
                if second > 12 >= first and "/" in match.group(0)
                else (first, second)
            )
        if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
            return f"{year:04d}-{month:02d}-{day:02d}" + _time_of_day(text[match.end() :])
    return None


def _time_of_day(rest: str) -> str:
    """'THH:MM:SS' for a time of day right after a date (within a few words), else ''."""
    match = _TIME_OF_DAY.match(rest)
    if not match:
        return ""
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    half = match["ampm"] or match["ko"]
    if half:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if half.lower() in ("p", "오후", "午後", "下午") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return ""
    return f"T{hour:02d}:{minute:02d}:{second:02d}"


# --------------------------------------------------------------------------- engine


@dataclass
class Verdict:
    """What the rules say about one line: kept text (maybe trimmed), or dropped by ``rule``."""

    text: str | None
    rule: Rule | None = None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def section(self) -> bool:
        return self.rule is not None and self.rule.kind is Kind.SECTION

    @property
    def dropped(self) -> bool:
        return self.text is None


def _fields(match: re.Match[str]) -> dict[str, str]:
    found = {}
    for key, value in match.groupdict().items():
        if value:
            found[key.rstrip("2")] = value.strip()
    return found


def _match_line(line: str, prefilter: bool = True, folded: str | None = None) -> Verdict | None:
    """The first whole-line or section rule matching ``line`` in full, as a verdict.

    With ``prefilter``, only the rules whose gates the line passes run their regex: the
    length bound, the first character, then a keyword in the folded line (one regex search
    rules out every keyword rule at once for most lines). The gates are necessary
    conditions of the patterns, so the verdict is the same either way. ``folded`` is
    ``_fold(line)`` when the caller has it.
    """
    if not prefilter:
        for rule in _LINE_RULES:
            if len(line) <= rule.max_len and (match := rule.pattern.fullmatch(line)):
                return Verdict(None, rule, _fields(match))
        return None
    size = len(line)
    if size > _LINE_RULES_MAX_LEN:
        return None
    started, with_keywords = _candidates(line[:1])
    rules = started
    gate = _line_gate(size)
    if gate is not None:
        if folded is None:
            folded = _fold(line)
        if gate.search(folded):
            rules = with_keywords
    for rule in rules:
        if size > rule.max_len:
            continue
        if rule.keywords and not holds_any(folded, rule.keywords):  # type: ignore[arg-type]
            continue  # none of its keywords: this rule cannot match
        if match := rule.pattern.fullmatch(line):
            return Verdict(None, rule, _fields(match))
    return None


_LINE_RULES_MAX_LEN = max(rule.max_len for rule in _LINE_RULES)
# One keyword gate per length bound of the keyword rules: a line is only checked for the
# keywords of the rules long enough for it (a long paragraph for a rule or two, a short line
# for all of them), so the gate is smaller and rules more lines out.
_GATE_BOUNDS = sorted({rule.max_len for rule in _LINE_RULES if rule.keywords})
_LINE_GATES: dict[int, re.Pattern[str] | None] = {}


def warm_up() -> None:
    """Build every line gate now (a batch does it before forking its workers, and the regex
    table then holds them: built on first use in each worker, they cost 30 ms a run)."""
    for bound in _GATE_BOUNDS:
        _line_gate(bound)


def _line_gate(size: int) -> re.Pattern[str] | None:
    """The gate for the keyword rules whose length bound admits a line of ``size``
    characters (None when there are none); each gate is built on first use."""
    index = bisect.bisect_left(_GATE_BOUNDS, size)
    if index == len(_GATE_BOUNDS):
        return None
    bound = _GATE_BOUNDS[index]
    if bound not in _LINE_GATES:
        _LINE_GATES[bound] = _gate(
            keyword for rule in _LINE_RULES if rule.max_len >= bound for keyword in rule.keywords
        )
    return _LINE_GATES[bound]


_FRAGMENT_GATE = (  # rules out every fragment rule at once, when each has keywords
    _gate(keyword for rule in _FRAGMENT_RULES for keyword in rule.keywords)
    if all(rule.keywords for rule in _FRAGMENT_RULES)
    else None
)
_TAILS = {  # in the reversed line: the last ``tail + 1`` non-space characters
    rule.tail: re.compile(rf"(?:\s*\S){{{rule.tail + 1}}}") for rule in _FRAGMENT_RULES if rule.tail
}
_CANDIDATES: dict[str, tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}
_CANDIDATES_MAX = 4096  # distinct first characters remembered (bounded for hostile input)


def _candidates(first: str) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The line rules, in order, whose first-character gate ``first`` passes: those without
    keywords, and all of them (memoised per character)."""
    found = _CANDIDATES.get(first)
    if found is None:
        passing = tuple(
            rule
            for rule in _LINE_RULES
            if rule.start is None or (first and rule.start.match(first))
        )
        found = (tuple(rule for rule in passing if not rule.keywords), passing)
        if len(_CANDIDATES) < _CANDIDATES_MAX:
            _CANDIDATES[first] = found
    return found


def classify(line: str, *, prefilter: bool = True) -> Verdict:
    """Apply the rules to one line. Never raises; the kept text is a substring of ``line``.

    ``prefilter=False`` runs every rule's regex (the reference the gates are checked against).
    """
    text = line.strip()
    if not text:
        return Verdict("")
    fields: dict[str, str] = {}
    for _ in range(4):  # trimming a fragment can expose another, or a whole residue line
        folded = _fold(text) if prefilter else ""
        verdict = _match_line(text, prefilter, folded)
        if verdict is not None:
            verdict.fields = {**fields, **verdict.fields}
            return verdict
        # Most lines hold none of the separators' characters: no regex split for them.
        separated = "|" in text or "•" in text or "·" in text
        parts = _FIELD_SEPARATOR.split(text) if separated else [text]
        if len(parts) > 1:  # "Posted in A | Tagged b | Leave a comment": residue if every part is
            verdicts = [_match_line(part.strip(), prefilter) for part in parts]
            if all(v is not None for v in verdicts):
                for v in verdicts:
                    fields = {**v.fields, **fields} if v else fields
                return Verdict(None, verdicts[0].rule if verdicts[0] else None, fields)
        trimmed = _trim_fragment(text, fields, prefilter, folded)
        if trimmed is None:
            break
        rest, rule = trimmed
        if not _ONLY_PUNCT.fullmatch(rest):
            text = rest
            continue
        return Verdict(None, rule, fields)  # the fragment was the whole line
    return Verdict(text, None, fields)


def _trim_fragment(
    text: str, fields: dict[str, str], prefilter: bool = True, folded: str = ""
) -> tuple[str, Rule] | None:
    """Remove one residue fragment at the start or end of ``text``: (rest, rule) or None.

    With ``prefilter``, a fragment rule runs only when one of its keywords is in ``folded``
    (``_fold(text)``).
    """
    if prefilter and _FRAGMENT_GATE is not None and not _FRAGMENT_GATE.search(folded):
        return None
    reversed_text = ""
    for rule in _FRAGMENT_RULES:
        if prefilter and rule.keywords and not holds_any(folded, rule.keywords):
            continue  # none of its keywords: this rule cannot match
        if prefilter and rule.tail and len(text) > 4 * rule.tail:
            # Every match of this rule ends the line and holds at most ``tail`` non-space
            # characters, so the leftmost one starts after the (tail + 1)-th last of them.
            found = _TAILS[rule.tail].match(reversed_text or (reversed_text := text[::-1]))
            match = rule.pattern.search(text, len(text) - found.end() if found else 0)
            if match:
                fields.update({k: v for k, v in _fields(match).items() if k not in fields})
                return (text[: match.start()] + text[match.end() :]).strip(), rule
            continue
        for match in rule.pattern.finditer(text):
            if match.end() == len(text) or match.start() == 0:
                fields.update({k: v for k, v in _fields(match).items() if k not in fields})
                return (text[: match.start()] + text[match.end() :]).strip(), rule
    return None


# "X says:" is a comment's header only where comments are: after a comment-section line, or
# just before the comment's date or its "Reply" link. Elsewhere it introduces a quotation
# ("The report says:") and is article text.
_IN_CONTEXT_ONLY = frozenset({"comment_says"})
_COMMENT_CONTEXT_AFTER = frozenset({"date_line", "comment_form", "comment_says_dated"})


def classify_lines(
    lines: Iterable[str], *, prefilter: bool = True, memo: bool = False
) -> list[Verdict]:
    """Classify each line, then weigh the rules that need their neighbours (see above).

    Blank lines get an empty verdict and are skipped when looking at neighbours. With
    ``memo``, a line repeated in ``lines`` (a page's menus and buttons come back in its
    footer: a fifth of a full-page dump's lines) is classified once; the verdicts are the
    same, each a separate object.
    """
    texts = list(lines)
    if not memo:
        verdicts = [classify(line, prefilter=prefilter) for line in texts]
    else:
        verdicts = []
        seen: dict[str, Verdict] = {}
        for line in texts:
            verdict = seen.get(line)
            if verdict is None:
                verdicts.append(seen.setdefault(line, classify(line, prefilter=prefilter)))
            else:
                verdicts.append(Verdict(verdict.text, verdict.rule, dict(verdict.fields)))
    filled = [p for p, v in enumerate(verdicts) if v.text != ""]
    in_comments = False
    for order, position in enumerate(filled):
        verdict = verdicts[position]
        rule = verdict.rule
        if rule is not None and rule.name in _IN_CONTEXT_ONLY and not in_comments:
            following = [verdicts[p].rule for p in filled[order + 1 : order + 3]]
            near = following[:1] + [r for r in following[1:] if r and r.name == "comment_form"]
            if not any(r is not None and r.name in _COMMENT_CONTEXT_AFTER for r in near):
                verdicts[position] = Verdict(texts[position].strip(), None)
        if rule is not None and rule.group == "comments" and rule.kind is Kind.SECTION:
            in_comments = True
    return verdicts


def strip_residue(paragraphs: list[str]) -> list[str]:
    """Drop residue paragraphs, trim residue fragments, and stop at comment/related sections.

    A section marker ends the article only after some of it: one before any kept text is a
    heading or button above it ("About Python" opening a tutorial, "Comments (3)"), dropped
    without cutting what follows (the text-dump path applies the same rule, with a word count).
    """
    kept: list[str] = []
    for verdict in classify_lines(paragraphs):
        if verdict.section:
            if not kept:
                continue
            break
        if verdict.text:
            kept.append(verdict.text)
    return kept


def split_list(value: str) -> list[str]:
    """Split a theme's category or tag list on its separator (commas), never on ' and '."""
    items = (item.strip(" .;:\u3002") for item in _LIST_SEPARATOR.split(value))
    return [item for item in items if item]


def split_authors(value: str) -> list[str]:
    """Split 'A, B and C' into names."""
    value = re.sub(r"\s*[.]$", "", value.strip())
    items = (item.strip(" .") for item in _AUTHOR_SEPARATOR.split(value))
    return [item for item in items if item]


def apply_fields(metadata: Metadata, fields: dict[str, str]) -> None:
    """Merge harvested residue fields into ``metadata`` (first value wins, lists de-duplicated)."""

    def extend(target: list[str], values: list[str]) -> None:
        target.extend(v for v in values if v not in target)

    if "authors" in fields:
        extend(metadata.authors, split_authors(fields["authors"]))
    if "categories" in fields:
        extend(metadata.categories, split_list(fields["categories"]))
    if "tags" in fields:
        extend(metadata.tags, split_list(fields["tags"]))
    if "date" in fields and metadata.published is None:
        metadata.published = parse_date(fields["date"])
    if metadata.original_source is None and ("source" in fields or "source_url" in fields):
        name = fields.get("source")
        url = fields.get("source_url")
        if name and _URL.fullmatch(name):
            name, url = None, name
        metadata.original_source = {"name": name, "url": url}


def harvest_residue_metadata(lines: Iterable[str]) -> Metadata:
    """Metadata carried by the residue lines among ``lines`` (authors, categories, tags …)."""
    metadata = Metadata()
    for line in lines:
        verdict = classify(line)
        if verdict.section:
            break
        apply_fields(metadata, verdict.fields)
    return metadata
