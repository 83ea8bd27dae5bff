"""Data tables for metadata extraction: meta keys, byline forms, selectors, stop lists.

The engine in ``archiver.metadata`` applies these tables in rank order; every table is
named so that a unit test can exercise it on a fragment. Keys of ``<meta>`` tables are
lower-case and match the ``name``, ``property``, ``itemprop`` or ``http-equiv`` attribute.
"""

from __future__ import annotations

import re

# --- JSON-LD -----------------------------------------------------------------------------

# Types whose node describes the item itself, best first.
JSONLD_ARTICLE_TYPES: tuple[str, ...] = (
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "article",
    "blogposting",
    "socialmediaposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "review",
    "recipe",
    "videoobject",
    "podcastepisode",
    "event",
)
# Types that describe the page around the item: used only when no article node exists.
JSONLD_PAGE_TYPES: tuple[str, ...] = (
    "webpage",
    "itempage",
    "aboutpage",
    "faqpage",
    "qapage",
    "collectionpage",
    "profilepage",
    "medicalwebpage",
)

# --- <meta> keys, best first ---------------------------------------------------------------

META_TITLE: tuple[str, ...] = (
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "headline",
)
META_AUTHOR: tuple[str, ...] = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "cxenseparse:author",
    "article:author_name",
)
META_PUBLISHED: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "publication_date",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "date_published",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "published_time",
    "release_date",
    "date",
    "datecreated",
)
META_SITE_NAME: tuple[str, ...] = ("og:site_name", "application-name", "dc.publisher")
META_SECTION: tuple[str, ...] = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "sailthru.section",
    "section",
    "articlesection",
)
# Per-article tag keys. The site-wide "keywords" meta is deliberately absent: it is the
# same on every page of many sites and would tag every item with the site's SEO words.
META_TAGS: tuple[str, ...] = (
    "article:tag",
    "og:article:tag",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
)
META_DESCRIPTION: tuple[str, ...] = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.description",
)
META_LANGUAGE: tuple[str, ...] = ("content-language", "og:locale", "dc.language", "language")
META_URL: tuple[str, ...] = ("og:url",)

# --- page regions ----------------------------------------------------------------------------

# The element holding the item, best first (XPath, evaluated once per page).
ARTICLE_ROOT_XPATHS: tuple[str, ...] = (
    "//article[.//h1]",
    "//*[@itemprop='articleBody']/..",
    # The plain contains() first: a cheap test that rules out almost every element before
    # the whole-word test (which implies it) builds a string for each.
    "//*[contains(@class, 'hentry')]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]",
    "//*[contains(@class, 'type-post')]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' type-post ')]",
    "//article",
    "//main",
    "//*[@role='main']",
)

# Class/id words of regions that are never the item itself: evidence found inside them
# (a tag cloud, a commenter's name, a related post's byline) is ignored.
NOT_THE_POST = re.compile(
    # "sidebar__main" is the content column (layout words: LAYOUT_CLASS_WORD).
    r"comment(?!ary)|sidebar(?!__main|__content)|"
    r"widget|tagcloud|tag-cloud|related|recommend|popular|trending|"
    r"most-read|mostread|newsletter|navbar|nav-|menu|breadcrumb|site-footer|colophon|"
    r"share|social|teaser|promo(?!ted)|advert|cookie|banner|footer-widgets|jp-relatedposts|"
    r"reply|respond",
    re.IGNORECASE,
)
# Class words that describe the page's column layout, not a column: "has-sidebar",
# "no-sidebars", "one-sidebar", "with-sidebar", "double-sidebar", "zen-one-sidebar-second",
# "layoutTwoColumnsRightSidebar", "hasRightSidebar", "p-body-main--withSidebar". Matched on a
# word lower-cased with its camelCase humps split by "-" (``meta_page._region_words``).
LAYOUT_CLASS_WORD = re.compile(
    r"(?:^|[-_])(?:has|with|without|no|double|one|two|three)"
    r"(?:[-_]+(?:columns?|left|right|first|second))*[-_]+sidebars?(?![a-z])"
)
# The prefix of a page builder's block class words: every block of an Elementor page is
# a "widget" ("elementor-widget-wrap", "elementor-widget-theme-post-content"); only the
# block type after it says what region the block is ("elementor-widget-nav-menu",
# "elementor-widget-sidebar", "elementor-widget-share-buttons").
PAGE_BUILDER_BLOCK_PREFIX = re.compile(r"^elementor-widget(?=$|[-_])", re.IGNORECASE)
# Class words a CMS derives from the item's own taxonomy ("category-social-media",
# "tag-newsletter" on a WordPress post): they name a topic, not a region of the page.
# Dropped only on an element that the CMS marks as the post itself (POST_CLASS_WORD).
TAXONOMY_CLASS_WORD = re.compile(
    r"^(?:category|tag|post_tag|format|topic)-\S+$",
    re.IGNORECASE,
)
POST_CLASS_WORD = re.compile(r"^(?:hentry|type-post|post-\d+|status-publish)$", re.IGNORECASE)
# Class words of the element holding the post itself on a blogging platform (Blogger's
# "widget Blog" is its main post list, not a sidebar widget).
POST_WIDGET_CLASSES = (frozenset({"widget", "Blog"}),)
NOT_THE_POST_TAGS = frozenset({"aside", "nav"})
# The page's prose (characters of paragraph text) below which no element is judged a layout
# wrapper by holding most of it (``meta_page.layout_wrappers``): too little text to tell.
LAYOUT_MIN_PROSE_CHARS = 200
# A class word naming the post's own text block ("entry-content", "post-body",
# "articleText"): holding most of the page's prose, it is the post whatever other words
# its element carries ("entry-content no-share"); not "comment-content", "teaser-text".
POST_BODY_CLASS_WORD = re.compile(
    r"^(?:entry|post|article|story|news)[-_]?(?:content|body|text)$", re.IGNORECASE
)
# Links to an author's page ("/author/jane-doe/"): their text is the author's name.
AUTHOR_HREF_RE = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|autore|autor[ea]s|redakteur|journalist|"
    r"profile|people|staff|reporter)[s]?/[^/?#]+/?(?:$|[?#])",
    re.IGNORECASE,
)
# Labels that name the author anywhere in a short line: "Datum: ... Autor: Jane Doe".
AUTHOR_LABEL_RE = re.compile(
    # "Text & Fotos: Jane Doe": the writer took the pictures too.
    r"(?:^|\s)(?:text\s*(?:&|\+|und|and|y|et)\s*(?:fotos?|photos?|bilder?)|"
    r"autor(?:in|en)?|author|auteur|autore|auteurs?|written by|text|texto|"
    r"redaktion|redacción|rédaction|von|by|por|par|door)\s*[:：]\s*(?P<names>[^:|]{2,80})",
    re.IGNORECASE,
)

# --- authors --------------------------------------------------------------------------------

# The block around the headline holds its byline and date: at most this much text.
HEADLINE_REGION_CHARS = 800

# Elements whose text is a byline (class/id words), inside the item.
BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|author|authors|autor|autorin|auteur|writer|reporter|"
    r"vcard|posted-by|postedby|submitted|creator|journalist)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Byline-looking classes of someone else's words: a quotation's or a review's author.
NOT_BYLINE_CLASS = re.compile(
    r"(?:zitat|quote|citation|cite|testimonial|review|rating|comment)[\s_-]?(?:author|autor)",
    re.IGNORECASE,
)
# An author box: the author's name with a biography (its name is a heading or a child).
AUTHOR_BOX_CLASS = re.compile(
    r"(?:author|autor)[\s_-]?(?:box|bio|info|about|card|profile|details)|about[\s_-]the[\s_-]author",
    re.I,
)
# The child of an author box (name and biography) that holds the name.
AUTHOR_BOX_NAME_CLASS = re.compile(r"(?:^|[\s_-])(?:name|fn|author-?name)(?:$|[\s_-])", re.I)
# schema.org types whose author is not the page's: a review, a comment, a forum answer.
NOT_BYLINE_ITEMTYPE = re.compile(r"schema\.org/(?:Review|Comment|Answer|Question|Rating)\b")
# A byline line that starts with its date: "06.11.2023 13:30 von Jana Roth".
DATED_BYLINE_TEXT_RE = re.compile(
    r"^[\d.:/\s,-]{6,}(?i:von|by|par|por|door)\s+(?P<names>[^\W\d_][\w'’. -]{1,50})$"
)
# WordPress meta lines: "Posted in News by jdoe on 3 May 2019", "Posted by Jane Doe under Misc".
POSTED_BY_TEXT_RE = re.compile(
    r"^(?i:posted|published|filed|veröffentlicht|geschrieben|publié|publicado)\b.{0,80}?"
    r"\s(?i:by|von|par|por)\s+(?P<names>\S+(?:\s+[A-ZÀ-Þ]\S*){0,3})"
    r"(?=\s+(?i:on|am|le|el|under|unter|in|at|um)\b|\s*[|·•,]|\s*$)"
)

# Words that introduce a byline, by language. Each regex must end where the name starts.
BYLINE_PREFIXES: tuple[tuple[str, str], ...] = (
    (
        "en",
        r"(?:written|posted|reported|story|words|text|created|published) by|by|author|about|"
        r"interview|post author(?: by)?|(?:view|see) all posts by|"
        r"(?:more|all) (?:posts|articles|stories) (?:by|from)|more (?:by|from)|"
        r"press release (?:by|from)",
    ),
    (
        "de",
        r"von|autor(?:in)?|text|(?:geschrieben|erstellt|veröffentlicht|verfasst) von|"
        r"(?:ein )?(?:beitrag|artikel) von|(?:gespeichert|eingestellt|gepostet) von|"
        r"alles von|alle (?:beiträge|artikel|texte) von|mehr von|über|interview|"
        r"(?:pressemitteilung|pressemeldung|medienmitteilung) von",
    ),
    ("fr", r"par|auteure?|écrit par|publié par|rédigé par"),
    ("es", r"por|autora?|escrito por|publicado por|redactado por"),
    ("it", r"di|autore|scritto da|a cura di"),
    ("nl", r"door|auteur|geschreven door"),
    ("pl", r"autor(?:ka)?"),
    ("ru", r"автор|текст"),
    ("ko", r"작성자|글|기자"),
    ("ja", r"著者|文|筆者"),
    ("zh", r"作者|记者|記者|责任编辑|責任編輯|编辑|編輯"),
    ("misc", r"~"),
)
# A prefix is followed by a colon or by white space, so "Dieter" does not lose its "Di".
BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(p for _, p in BYLINE_PREFIXES) + r")(?:\s*[:：]\s*|\s+)",
    re.IGNORECASE,
)
# A byline line in running text: prefix, then one or more capitalised names.
_CAPITAL_WORD = r"[A-ZÀ-ÞĀ-ſА-ЯЁ][\w'’.-]*"
_PARTICLE = r"(?:van|von|der|de|da|del|di|du|la|le|bin|al|ter|den|y)"
_NAME = rf"{_CAPITAL_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_CAPITAL_WORD}){{0,3}}"
# The prefix ignores case ("BY", "Von"); the names must be capitalised, so "und" ends one.
BYLINE_TEXT_RE = re.compile(
    r"^\s*(?i:(?:written|posted|reported|story|words|text)\s+by|by|von|par|por|door|di|автор:?|"
    r"text\s+von|texte?\s+(?:de|par)|autor(?:in|en)|authors?|"
    r"(?:geschrieben|eingestellt|verfasst|erstellt|(?:ein|blog)?\s*(?:artikel|beitrag))\s+von|"
    r"(?:écrit|publié|rédigé)\s+par|(?:escrito|publicado)\s+por)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?i:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bи\b)\s*"
    rf"{_NAME})*)"
)
# A byline that names the item's genre first: "Eine Kolumne von Jana Roth", "Ein Interview
# von Jan Roth mit ...", "A column by Jane Doe". The genre word is no part of the name.
_GENRE_PARTICLE = r"(?:van|von|der|de|da|del|di|du|la|le)"
_GENRE_NAME = rf"{_CAPITAL_WORD}(?:\s+(?:{_GENRE_PARTICLE}\s+)*{_CAPITAL_WORD}){{1,3}}"
GENRE_BYLINE_RE = re.compile(
    r"^\s*(?i:(?:eine?|an?|the)\s+)?(?i:kolumne|glosse|kommentar|gastbeitrag|gastkommentar|"
    r"interview|reportage|analyse|rezension|kritik|essay|blog[\s-]?beitrag|column|commentary|"
    r"analysis|review|op-ed|guest post|feature)\s+(?i:von|by)\s+"
    rf"(?P<names>{_GENRE_NAME}(?:\s*(?i:,|&|\band\b|\bund\b)\s*{_GENRE_NAME})*)"
)

# A closing signature: the article ends with its author's name alone on a line ("Stefan
# Wasmer"), maybe followed by a role and contact lines ("Pressesprecher", "Tel. 040 …"), or
# its last sentence is followed by the name in parentheses ("… bleibt spannend. (Jana Roth)
# +++"). Two to four capitalised words (or all capitals), academic titles first.
_SIGNATURE_UPPER = "A-ZÀ-ÞĀ-ŽА-ЯЁ"
_SIGNATURE_LOWER = "a-zß-ÿā-žа-яёı'’"
_SIGNATURE_WORD = (
    rf"(?:[{_SIGNATURE_UPPER}][{_SIGNATURE_LOWER}]+(?:-[{_SIGNATURE_UPPER}][{_SIGNATURE_LOWER}]+)?"
    rf"|[{_SIGNATURE_UPPER}]{{2,}}(?:-[{_SIGNATURE_UPPER}]{{2,}})?|[A-Z]\.)"
)
_SIGNATURE_TITLE = r"(?:(?:Dr|Prof|Mag|Dipl\.-Ing|Ing)\.\s+)*"
_SIGNATURE_NAME = (
    rf"{_SIGNATURE_TITLE}{_SIGNATURE_WORD}"
    rf"(?:\s+(?:{_PARTICLE}\s+|v\.\s+)*{_SIGNATURE_WORD}){{1,3}}"
)
SIGNATURE_LINE_RE = re.compile(rf"{_SIGNATURE_NAME}")
SIGNATURE_PARENTHESIS_RE = re.compile(rf"\((?P<name>{_SIGNATURE_NAME})\)\s*\+*$")
# Lines that may follow a signature: a role ("Stellvertretende Pressesprecherin"), a phone
# number, an address, an e-mail or web address. Longer lines, or sentences, are text.
SIGNATURE_CLOSING_LINE_CHARS = 100
SIGNATURE_MAX_CLOSING_LINES = 4
SIGNATURE_CONTACT_RE = re.compile(
    r"\b(?:tel|telefon|phone|fax|e-?mail|mobil)\b|@|\+?\d[\d /().-]{6,}|www\.|https?:",
    re.IGNORECASE,
)
# The text a signature closes is prose: a paragraph of some words ending a sentence.
SIGNED_PROSE_MIN_WORDS = 8
SENTENCE_END_CHARS = '.!?…"“”»«’)'

# A surname word after a lone first name ("Todd" -> "Todd Roe"): capitalised or all capitals.
FULL_NAME_WORD = r"[A-ZÀ-ÞĀ-ŽА-ЯЁ][\w'’-]*"
# Class/id words of the comment section, where a name is a commenter's.
COMMENT_REGION = re.compile(r"comment|respond|reply|kommentar|commentaire", re.IGNORECASE)

# Blog hosts: the first label of their sub-domains names the blog ("janedoe.wordpress.com").
BLOG_HOSTS = frozenset(
    {
        "wordpress.com", "blogspot.com", "blogspot.de", "blogger.com", "tumblr.com",
        "wixsite.com", "weebly.com", "substack.com", "medium.com", "github.io", "over-blog.com",
        "jimdo.com", "jimdofree.com", "livejournal.com", "typepad.com", "blog.de",
        "hatenablog.com", "tistory.com", "naver.com",
    }
)  # fmt: skip
PERSONAL_DOMAIN_MIN_CHARS = 6
# A given name and a surname, capitalised or in capitals (a third word makes it a school's
# or a firm's name: "Siegfried Marcus Berufsschule").
PERSONAL_NAME_RE = re.compile(
    r"(?<![\w-])(?:[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’]+|[A-ZÀ-ÞĀ-Ž]{2,})"
    r"[ -](?:[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’]+|[A-ZÀ-ÞĀ-Ž]{2,})(?![\w-]|\s+[A-ZÀ-ÞĀ-Ž])"
)

# A forum thread's author, labelled by the forum software (XenForo, vBulletin, phpBB):
# "Thread starter jdoe", "Themenstarter Pepemaus", "Started by jdoe". The name is the
# account's login, often in lower case.
THREAD_STARTER_RE = re.compile(
    r"^\s*(?i:thread\s+starter|themenstarter|themen-?ersteller|started\s+by|"
    r"discussion\s+in\s+.{1,60}?\s+started\s+by)\s*[:：]?\s+(?P<names>[^\s,|·•]{2,40})"
)

# A meta line of only a date and then a name, no "By": "11.12.2019 - Jane Doe",
# "04.02.2022 | 13:10 Uhr | Jane Doe". Two or three capitalised words, so a one-word place
# ("12.03.2020 | Berlin") is no name; not in capitals, which is how such lines show labels
# ("04.11.2021 | PAID CONTENT"); and the name after the date: a label before it is the
# section's ("Auto Thema | 05.11.2021").
_LINE_DATE = (
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|"
    r"\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4}|[^\W\d_]{3,9}\.?\s+\d{1,2},\s+\d{4})"
    r"(?:\s*[|,·•]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|h|[AaPp]\.?[Mm]\.?))?)?"
)
_LINE_WORD = r"[A-ZÀ-ÞĀ-ſА-ЯЁ][a-zß-ÿā-ſа-яё'’.-][\w'’.-]*"
_LINE_NAME = rf"{_LINE_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_LINE_WORD}){{1,2}}"
DATE_NAME_LINE_RE = re.compile(rf"^\s*{_LINE_DATE}\s*[|·•–—-]\s*(?P<names>{_LINE_NAME})\s*$")
# A copyright line and its holder: "© 2020 Jane Doe", "Copyright (c) 2012- Jane Doe.",
# "(c) by Jane Doe • All rights reserved".
COPYRIGHT_MARK_RE = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
COPYRIGHT_OWNER_RE = re.compile(
    r"(?:©|\((?i:c)\)|(?i:copyright))(?:\s*(?:©|\((?i:c)\)))?\s*(?:(?i:since\s+)?\d{4}\s*"
    r"(?:[-–]\s*(?:\d{4})?)?\s*)?(?i:by\s+)?"
    rf"(?P<names>{_NAME})"
)
# "홍길동 기자": a Korean name followed by the word for reporter or correspondent.
KOREAN_REPORTER_RE = re.compile(r"(?P<names>[가-힣]{2,4})\s*(?:기자|특파원)")
# "记者 张三", "新华社记者张三": in Chinese the reporter's name follows the word for reporter
# (what precedes it is the agency). Not "记者会" (a press conference).
CJK_REPORTER_RE = re.compile(
    r"(?:记者|記者)(?!会|會|招待)\s*(?P<names>[\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])"
)
# "山田太郎記者": Japanese puts the name first; an agency or paper (社, 報, 网) is no name.
JAPANESE_REPORTER_RE = re.compile(
    r"(?P<names>[\u4e00-\u9fff\u3040-\u30ff]{2,5})(?<![社報报网網台部])\s*記者(?!会|會)"
)
# A credit that ends in "photographed" (摄, 攝) names the photographer, not the writer.
CJK_PHOTO_CREDIT_RE = re.compile(r"(?:摄|攝)\s*$")
KOREAN_WRITER_RE = re.compile(r"작성자\s*[:：]?\s*(?P<names>[가-힣A-Za-z]{2,12})")

# Splits a byline into names.
AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:,|;|\s&\s|&amp;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bи\b|/|\|)\s*",
    re.IGNORECASE,
)
# Role words that follow a name ("Jane Doe, Staff Writer"): cut, never a name by themselves.
AUTHOR_ROLES = re.compile(
    r"\b(?:staff|senior|chief|contributing|special|associate|managing|executive|guest)?\s*"
    r"(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|"
    r"photographer|redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédacteur|"
    r"kolumnist(?:in)?|chefredakteur(?:in)?|journalist(?:in)?|"
    r"redactor(?:a)?|periodista|corresponsal|giornalista|inviato|redacteur|verslaggever)s?\b.*$",
    re.IGNORECASE,
)
# Words of an editorial desk ("Redaktion", "Editorial Team"): with the site's name they
# name the site's desk ("Example Redaktion"), never a person who owns the site.
AUTHOR_DESK_WORDS = frozenset(
    {
        "redaktion", "redaktionsteam", "team", "editorial", "editors", "staff", "newsroom",
        "desk", "redacción", "redaccion", "rédaction", "redazione", "redactie", "online",
    }
)  # fmt: skip
# Degrees and honorifics written after a name ("Grant Tinsley, PhD"): never a co-author.
AUTHOR_SUFFIXES = frozenset(
    {
        "phd", "ph.d.", "ph.d", "md", "m.d.", "mba", "msc", "m.sc.", "ma", "m.a.", "bsc",
        "mph", "rn", "rd", "dr", "dr.", "prof", "prof.", "jr", "jr.", "sr", "sr.", "esq",
        "esq.", "dipl.", "mag.",
    }
)  # fmt: skip
# A byline that introduces someone else's words: a forum quote or a reposted item.
QUOTED_AUTHOR_RE = re.compile(
    r"^\s*(?:zitat(?:\s+von)?|quote(?:\s+from)?|originally\s+posted\s+by|"
    r"citation\s+de|cita\s+de)\b",
    re.IGNORECASE,
)
# Values that are never a person's name.
AUTHOR_STOPWORDS = frozenset(
    {
        "admin",
        "administrator",
        "webmaster",
        # a CMS's default accounts, and words a template prints where a name would go
        "wordpressadmin",
        "wpadmin",
        "siteadmin",
        "sysadmin",
        "agencies",
        "agencias",
        "agences",
        "agenturen",
        "collectif",
        "colectivo",
        "vor",
        "seit",
        "root",
        "user",
        "guest",
        "anonymous",
        "unknown",
        "author",
        "authors",
        "autor",
        "autorin",
        "autoren",
        "auteur",
        "autore",
        "verfasser",
        "editor",
        "posted",
        "by",
        "staff",
        "null",
        "none",
        "undefined",
        "www",
        "home",
        "reply",
        "share",
        "facebook",
        "twitter",
        "instagram",
        "email",
        "e-mail",
        "read more",
        "more",
        "view all posts",
        "all posts",
        "posts",
        "no author",
        "publisher",
        "tag",
        "tags",
        "super user",
        "redaktion online",
        "anónimo",
        "anonym",
        "anonyme",
        "unbekannt",
        "publiziert",
        "veröffentlicht",
        "published",
        "publicado",
        "publicada",
        "publié",
        "publiée",
        "updated",
        "last updated",
        "aktualisiert",
        "letzte aktualisierung",
        "actualizado",
        "mehr",
        "follow",
        "folgen",
        "gesponserte inhalte",
        "sponsored",
        "datum",
        "date",
        "por",
        "von",
        "par",
        "door",
        # Weekdays in scripts without letter case (a date line's first word).
        "الجمعة",
        "السبت",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
    }
)
# News-agency and credit codes, in the case sites write them ("dpa", "afp", "zvg"): a
# credit line, never a person, even where a login would be accepted.
AGENCY_CODES = frozenset(
    {
        "dpa", "afp", "ap", "apa", "ansa", "efe", "sda", "ats", "kna", "epd", "ddp", "dapd",
        "ots", "sid", "reuters", "upi", "tass", "ria", "xinhua", "yonhap", "kyodo", "jiji",
        "aap", "pti", "ians", "zvg", "red", "kap", "idea", "ktv", "lusa", "belga", "anp",
        "age", "dts", "kipa",
    }
)  # fmt: skip
# Words of organisations' names: an author that contains one is a company or an office.
AUTHOR_ORGANISATION_RE = re.compile(
    r"\b(?:gmbh|ag|inc|ltd|llc|plc|e\.\s?v|verlag|media|group|gruppe|verband|stiftung|"
    r"foundation|association|institut|institute|ministerium|ministry|partei|party|"
    r"zeitung|magazin|magazine|online|news|tv|radio|press|presse|agency|agentur|"
    r"solutions|services|customs|department|council|committee|commission|kreuz|consortium|"
    r"konsortium)\b|"
    # German compounds end in the organisation's word ("Bundesverband", "Tageszeitung").
    r"\B(?:verband|stiftung|verein|ministerium|zeitung|gesellschaft|kammer)\b|"
    r"\.(?:com|de|org|net|at|ch|fr|it|es|uk|info|eu)\b",
    re.IGNORECASE,
)
MAX_AUTHOR_WORDS = 6
MAX_AUTHOR_CHARS = 60

# --- titles ---------------------------------------------------------------------------------

# Separators between a title and the site's name in <title> and og:title.
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|›|‹|/|:|~)\s+|\s*│\s*")
# Weaker separators: a kicker before the headline ("Climate: Drilling until it gets hot").
# Used only to find a visible <h1> inside another title candidate, never to cut a title.
TITLE_KICKER_SEPARATORS = re.compile(r"(?<=\S):\s+|\s*\|\s*")
# Segments of a <title> that name neither the item nor the site but a theme's boilerplate.
TITLE_GENERIC_SEGMENTS = frozenset(
    {"blog archive", "blog archiv", "archive", "archiv", "home", "startseite", "blog"}
)
# Class/id words of the element holding the site's name in the page header (its logo).
SITE_TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:site-title|site-name|blog-title|blog-name|logo|masthead-title)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)

# Region words (matches of NOT_THE_POST) that never exclude a date the post shows: a share
# bar lists no other item, and themes put the post's date in it ("socialshareBox").
DATE_NEUTRAL_REGION = re.compile(r"share|social|sharing", re.IGNORECASE)


# --- categories and tags --------------------------------------------------------------------

# Region words (matches of NOT_THE_POST) that never exclude a rel="category" link: comment
# lists, share bars and reply forms hold no category links, so these words there name the
# post's meta line ("date-comments", "commentmeta", "tags-categories-social").
CATEGORY_NEUTRAL_REGION = re.compile(r"comment|share|social|reply|respond", re.IGNORECASE)
# ... and, when the post holds none, a side column's (some themes put the post's meta there).
CATEGORY_SIDE_NEUTRAL_REGION = re.compile(
    r"comment|share|social|reply|respond|sidebar", re.IGNORECASE
)
# Containers of category links inside a post (class words), e.g. WordPress "cat-links".
CATEGORY_CLASS = re.compile(
    r"cat-links|post-categories|entry-categories|categories|category-links|post-category|"
    r"entry-category|meta-category|cat-item|kategorie|rubrik|catlinks",
    re.IGNORECASE,
)
# Substrings (lower case) that every CATEGORY_CLASS alternative contains: an XPath filter
# on them picks the few elements of a whole page worth that regex.
CATEGORY_CLASS_HINTS = ("cat", "kategor", "rubrik")
# A category or tag class word that starts with a region's name is that region's list of
# the site's categories or tags ("side_categories", "footer__categories", "menu-tags").
# Not "header": "page-header__categories" is the item's own header.
LIST_CLASS_REGION_PREFIX = re.compile(r"side|footer|nav|menu|widget", re.IGNORECASE)
TAG_CLASS = re.compile(
    r"tags-links|tag-links|post-tags|entry-tags|tagged|article-tags|meta-tags|tags|"
    r"schlagworte|keywords|etiquetas",
    re.IGNORECASE,
)
# Labels that introduce a list in theme text: "Posted in A, B | Tagged C, D".
CATEGORY_LABELS = re.compile(
    r"^(?:posted in|filed under|categories|category|kategorie[n]?|rubrik|catégories?|"
    r"categorías?|categorie|publicado en|publié dans|veröffentlicht in)\s*:?\s*",
    re.IGNORECASE,
)
TAG_LABELS = re.compile(
    r"^(?:tagged(?: with)?|tags?|schlagwörter|schlagworte|stichwörter|étiquettes|mots-clés|"
    r"etiquetas|tag|태그|タグ|标签|метки|теги)\s*:?\s*",
    re.IGNORECASE,
)
# The same labels where they start the next list inside one line of theme text
# ("Kategorien Politik • Tags Wahl", "Filed under A, B Tagged C"): a list ends there.
_TAG_WORDS = (
    r"tagged(?: with)?|getaggt(?: mit)?|tags?(?=\W|$)|schlagw[öo]rter|schlagworte|"
    r"stichw[öo]rter|étiquettes|mots-clés|etiquetas"
)
_CATEGORY_WORDS = (
    r"(?:posted in|filed under|categories|category|kategorien?|rubriken?|catégories?|"
    r"categorías?|publicado en|publié dans|veröffentlicht in)(?=\W|[A-Z]|$)"
)
# After a space or punctuation, or glued to the end of the previous list's last word with a
# capital ("PolitikSchlagwörter"), never inside a word ("Alltag", "Montag").
TAG_LABELS_INSIDE = re.compile(
    rf"(?<=\W)(?i:{_TAG_WORDS})|(?<=[a-zß])(?=[A-ZÄÖÜ])(?i:{_TAG_WORDS})"
)
CATEGORY_LABELS_INSIDE = re.compile(
    rf"(?<=\W)(?i:{_CATEGORY_WORDS})|(?<=[a-zß])(?=[A-ZÄÖÜ])(?i:{_CATEGORY_WORDS})"
)
# A breadcrumb bar: class/id words, or its aria-label ("Breadcrumb", "Fil d'Ariane").
BREADCRUMB_CLASS = re.compile(r"breadcrumb|crumbs|brotkr[uü]me|fil-?d-?ariane", re.IGNORECASE)
BREADCRUMB_LABEL = re.compile(
    r"breadcrumb|brotkr[uü]me|fil d.ariane|migas de pan|briciole|хлебные крошки|パンくず|面包屑",
    re.IGNORECASE,
)
# The first step of a trail that names the home page, not a section.
BREADCRUMB_HOME_WORDS = frozenset(
    {
        "home",
        "homepage",
        "home page",
        "start",
        "startseite",
        "hauptseite",
        "übersicht",
        "accueil",
        "inicio",
        "início",
        "portada",
        "главная",
        "首页",
        "홈",
        "ホーム",
        "trang chủ",
        "etusivu",
        "forside",
        "strona główna",
        "anasayfa",
    }
)
# A trail step that is a date or an issue number ("2023/43"), not a section.
BREADCRUMB_NOT_SECTION = re.compile(r"^[\d\s/.:-]+$")
# Metas that only a page presenting one dated item carries.
ITEM_PAGE_METAS = ("article:published_time", "og:article:published_time", "date", "pubdate")
MAX_LIST_ITEM_CHARS = 60
# Pager and toggle links next to a list ("Nächster ❯", "Next Post", "and 6 more"): the
# page's navigation, never a category or tag.
NOT_A_LIST_ITEM = re.compile(
    r"[❯❮›‹»«←→]|^(?:next|previous|prev|nächster|nächste|vorheriger|vorherige|suivant|"
    r"précédent|siguiente|anterior)\b|^\(?(?:and |\+ ?)\d+ more\)?$",
    re.IGNORECASE,
)
MAX_TAXONOMY_LINKS = 12
# Path shapes of taxonomy pages: a link inside the post to one of these names the item's
# category or tag ("/category/politics/", "/tag/elections/", "/schlagwort/wahl/").
# WordPress without pretty permalinks links a category as "/?cat=3".
CATEGORY_HREF_RE = re.compile(
    r"/(?:category|categories|categorie|categoria|kategorie|kategorien|rubrik|rubrique|"
    r"ressort|section|sections|seccion|sezione|cat)/[^/?#]+/?(?:$|[?#])|[?&]cat=\d+(?:$|[&#])",
    re.IGNORECASE,
)
# A relative href counts too ("tags/justice"), and SPIP's keyword pages ("mot/justice").
TAG_HREF_RE = re.compile(
    r"(?:^|/)(?:tag|tags|schlagwort|schlagworte|stichwort|stichworte|thema|themen|topic|topics|"
    r"etiqueta|etiquetas|mot|mot-cle|mots-cles|tema|temas|keyword|keywords)/[^/?#]+/?(?:$|[?#])",
    re.IGNORECASE,
)
# <meta name="twitter:labelN"> / "twitter:dataN" pairs (Yoast, Ghost): the label names the
# field ("Written by", "Filed under"), the data holds its value.
TWITTER_AUTHOR_LABELS = re.compile(
    r"^(?:written by|author|verfasst von|geschrieben von|autor(?:in)?|écrit par|auteur|"
    r"escrito por|autor|scritto da|geschreven door)$",
    re.IGNORECASE,
)
TWITTER_CATEGORY_LABELS = re.compile(r"^(?:filed under|kategorie|category|rubrik)$", re.I)

# --- reposts --------------------------------------------------------------------------------

# Lines in the item that name the original publication of a repost.
ORIGINAL_SOURCE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "read-full",
        re.compile(r"^\[?\s*Read (?:the )?full (?P<name>.{2,60}?) (?:article|story)\s*\]?$", re.I),
    ),
    (
        "originally",
        re.compile(
            r"^(?:This (?:article|post|story) was )?originally (?:published|appeared) "
            r"(?:by|at|on|in) (?P<name>.{2,80}?)\.?$",
            re.I,
        ),
    ),
    (
        "source",
        re.compile(
            r"^(?:source|sources|quelle|fuente|fonte|source originale|출처|出典|来源|источник)"
            r"\s*[:：]\s*(?P<name>.{2,80}?)\.?$",
            re.I,
        ),
    ),
    ("via", re.compile(r"^(?:via|h/t|hat tip)\s*:?\s+(?P<name>.{2,80}?)\.?$", re.I)),
)

# --- dates ----------------------------------------------------------------------------------

URL_DATE_RE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?:/|$|[-_](?=\D))"
)
# <time> elements and itemprops that give the modification date: never the published one.
MODIFIED_CLASS = re.compile(r"updated|modified|geaendert|aktualisiert|mise-a-jour", re.I)
# hAtom's publication-date classes, which WordPress themes print together with "updated".
HATOM_PUBLISHED_CLASS = re.compile(r"(?:^|\s)(?:published|entry-date)(?:$|\s)", re.I)
# The date shown in the post: an element whose class/id words say it holds a date or the
# post's meta line, or whose text starts with a publication label ("Erstellt am: ...").
SHOWN_DATE_CLASS = re.compile(
    r"date|time|datum|fecha|data|published|posted|pubdate|meta|byline|dateline|calendar|"
    r"zeit|stand",
    re.IGNORECASE,
)
PUBLISHED_LABEL_RE = re.compile(
    r"^(?:erstellt|veröffentlicht|publiziert|erschienen|published|posted|publié|publicado|"
    r"pubblicato|datum|date|fecha|data)(?:\s+(?:am|on|le|el|il|de))?\b",
    re.IGNORECASE,
)
# Text that labels a date as a later revision, in the main languages.
UPDATED_LABEL_RE = re.compile(
    r"updated|modified|aktualisiert|geändert|mis à jour|actualizado|aggiornato|bijgewerkt",
    re.IGNORECASE,
)
# Elements the reader does not see, or that belong to another item (a card, a loop of
# related posts): a date in them is not the post's.
NOT_SHOWN_DATE_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|d-none|sr-only|visually-hidden|screen-reader-text)(?:$|\s)|"
    r"(?:^|[\s_-])(?:card|loop|rel|teaser|item-details)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Elements that quote another item (an embedded tweet or Instagram post): dates inside
# them are the quoted item's.
QUOTED_ITEM_TAGS = frozenset({"blockquote"})
# A date in one of at least this many other like siblings that show a date too belongs
# to a list of items (related, most viewed), not to the post.
MIN_DATED_SIBLINGS = 2
# The date under the headline: within this much text and this many elements after the <h1>.
MAX_HEADLINE_BLOCK_CHARS = 600
MAX_HEADLINE_BLOCK_ELEMENTS = 80
MIN_BODY_PARAGRAPH_CHARS = 100
LIST_ITEM_TAGS = frozenset({"li", "article"})
# A dateline opening the item's text: "(21. November 2022) ...", "29.11.2022 – ...",
# "BERLIN, 29.11.2022 – ...", "Paris, le 3 mai 2022 : ...". Searched in the first
# DATELINE_PARAGRAPHS paragraphs of at least MIN_DATELINE_PARAGRAPH_CHARS.
DATELINE_RE = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{6,40})\)\s*[–—-]?|"
    r"(?:[^\W\d][\w.'/ -]{0,30}?,\s*(?:(?:le|den|el|am)\s+)?)?"
    r"(?P<plain>\d[^–—|:()]{5,30}?|[^\W\d]{3,10}\.?\s+\d{1,2},?\s+\d{4})\s*(?:[–—|:]|-\s))"
    r"\s*\S"
)
DATELINE_PARAGRAPHS = 2
MIN_DATELINE_PARAGRAPH_CHARS = 40
# A label in the element just before a date ("<span>Erschienen am:</span><h2>13.10.2021")
# or before its list: at most this long, looked for this many levels up.
MAX_LABEL_CHARS = 40
LABEL_LEVELS = 2
# A line that starts with a date written out (a weekday may come first): "1. Februar 2022,
# Jane Doe", "Tuesday, May 3, 2022 | Politics", "03.05.2022 · 4 min", "2022-05-03 ...".
DATE_AT_START_RE = re.compile(
    r"^(?:[^\W\d]{2,12},?\s+)?(?:"
    r"\d{1,2}(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?[^\W\d]{3,10}\.?,?\s+(?:de\s+)?(?:19|20)\d\d|"
    r"[^\W\d]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d|"
    r"(?:19|20)\d\d-\d\d-\d\d)(?!\d)"
)
# "von Jane Doe am 20.09.2020", "By Jane Doe on May 3, 2022": a byline that ends in the date.
BYLINE_WITH_DATE_RE = re.compile(
    r"^(?:posted\s+by|written\s+by|by|von|par|por|door|di)\s+\S.{0,50}?\s+"
    r"(?:on|am|le|el|il|op|em)\s+(?P<date>\S.{4,40})$",
    re.IGNORECASE,
)
# Machine timestamps left in a page's text (microdata shown to robots only).
MACHINE_TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*")
MAX_SHOWN_DATE_ELEMENTS = 600
# A shown date's element has at most 80 characters of text; before squashing non-breaking
# spaces it may count more (a cheap first test, see meta_published._shown_date).
MAX_XPATH_SHOWN_DATE_CHARS = 200
# A date without time saved as local midnight in Central Europe, then written in UTC.
# A UTC timestamp on an exact hour ("T23:00:00Z"): possibly a local midnight stored in UTC.
UTC_EXACT_HOUR_RE = re.compile(r"T(\d\d):00:00(?:\.0+)?(?:Z|\+00:?00)$")
# A UTC timestamp with its hour ("T00:53:29Z", "T21:00:00.000+00:00").
UTC_TIME_RE = re.compile(r"T(\d\d):\d\d(?::\d\d(?:\.\d+)?)?(?:Z|\+00:?00)$")
# An explicit, non-UTC offset at the end of a timestamp ("+01:00", "-0500").
EXPLICIT_OFFSET_RE = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?([+-])(\d\d):?(\d\d)$")
# Standard (winter) UTC offset in whole hours typical of a language or a territory; summer
# time may add one hour. A territory (og:locale "de_AT", lang "en-AU") wins over the language.
# Only zones east of UTC matter: there, local midnight falls on the previous UTC day.
OFFSET_BY_LANGUAGE: dict[str, int] = {
    "de": 1, "fr": 1, "it": 1, "es": 1, "nl": 1, "pl": 1, "cs": 1, "sk": 1, "sl": 1,
    "hr": 1, "sr": 1, "bs": 1, "hu": 1, "da": 1, "sv": 1, "no": 1, "nb": 1, "nn": 1,
    "ca": 1, "eu": 1, "gl": 1, "lb": 1, "mk": 1, "sq": 1, "mt": 1,
    "fi": 2, "el": 2, "ro": 2, "bg": 2, "uk": 2, "et": 2, "lv": 2, "lt": 2, "he": 2,
    "ru": 3, "tr": 3, "be": 3,
    "zh": 8, "ja": 9, "ko": 9, "th": 7, "vi": 7, "id": 7,
}  # fmt: skip
OFFSET_BY_TERRITORY: dict[str, int] = {
    "at": 1, "ch": 1, "be": 1, "de": 1, "fr": 1, "it": 1, "es": 1, "nl": 1, "pl": 1,
    "se": 1, "dk": 1, "no": 1, "cz": 1, "fi": 2, "gr": 2, "il": 2, "ua": 2, "za": 2,
    "ru": 3, "tr": 3, "cn": 8, "hk": 8, "sg": 8, "tw": 8, "jp": 9, "kr": 9, "au": 10,
    "nz": 12, "gb": 0, "ie": 0, "pt": 0, "us": -5, "ca": -5, "br": -3, "mx": -6, "ar": -3,
}  # fmt: skip
# How a locale writes "3/5/2022": languages and territories that put the day first, and
# territories that put the month first (an English page with no territory says neither).
DAY_FIRST_LANGUAGES = frozenset(
    {
        "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
        "da", "sv", "no", "nb", "nn", "fi", "el", "ro", "bg", "uk", "tr", "ca", "eu", "gl",
        "id", "vi", "th", "he", "ar", "hu", "et", "lv", "lt", "is", "ga", "cy", "mt", "sq",
        "mk", "be",
    }
)  # fmt: skip
DAY_FIRST_TERRITORIES = frozenset(
    {"gb", "ie", "au", "nz", "in", "za", "sg", "my", "ng", "ke", "pk"}
)  # fmt: skip
MONTH_FIRST_TERRITORIES = frozenset({"us", "ph", "fm", "pw", "mh"})
PUBLISHED_CLASS = re.compile(r"published|entry-date|post-date|pubdate|publish|date", re.I)

# Day names a byline's date may leave behind ("Jane Doe am Samstag, 19. ..." cut at the digits).
WEEKDAYS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
        "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "lunedì",
        "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "maandag",
        "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    }
)  # fmt: skip
# "Posted on 21 September 2020 by Jane Doe": the date comes first, the name after "by".
DATED_BYLINE_RE = re.compile(
    r"^\s*(?:posted|published|publié|publicado|veröffentlicht|geschrieben|erstellt)?\s*"
    r"(?:on|am|le|el)\s+(?P<date>[^|]{4,40}?)\s+(?:by|von|par|por)\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)


def _month_numbers(rows: tuple[str, ...]) -> dict[str, int]:
    """{name: month number} from one row of space-separated names per month, January first."""
    return {name: number for number, row in enumerate(rows, start=1) for name in row.split()}


MONTHS: dict[str, int] = _month_numbers(
    (
        "january jan januar janvier enero gennaio januari janeiro jänner janv ene genn",
        "february feb februar février fevrier febrero febbraio februari fevereiro févr fevr",
        "march mar märz maerz mars marzo maart março",
        "april apr avril abril aprile",
        "may mai mayo maggio mei maio",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho juil",
        "august aug août aout agosto augustus ago",
        "september sep sept septembre septiembre settembre setembro set",
        "october oct oktober octobre octubre ottobre outubro okt",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre december dezembro dez déc dic",
    )
)

# Month names that only dates read (not the byline rules, where some are given names, such
# as Polish "maja"): Polish, Czech, Russian and Ukrainian in the nominative and the genitive
# that dates use ("16 marca 2021", "15 августа 2016"), Scandinavian and Turkish.
DATE_MONTHS: dict[str, int] = {
    **_month_numbers(
        (
            "styczeń stycznia leden ledna январь января січень січня januar ocak",
            "luty lutego únor února февраль февраля лютий лютого februar şubat",
            "marzec marca březen března март марта березень березня marts mart",
            "kwiecień kwietnia duben dubna апрель апреля квітень квітня nisan",
            "maj maja květen května май мая травень травня mayıs",
            "czerwiec czerwca červen června июнь июня червень червня haziran",
            "lipiec lipca červenec července июль июля липень липня temmuz",
            "sierpień sierpnia srpen srpna август августа серпень серпня augusti ağustos",
            "wrzesień września září сентябрь сентября вересень вересня eylül",
            "październik października říjen října октябрь октября жовтень жовтня ekim",
            "listopad listopada listopadu ноябрь ноября листопад листопада kasım",
            "grudzień grudnia prosinec prosince декабрь декабря грудень грудня desember aralık",
        )
    ),
    **MONTHS,
}
