"""Main article text of an HTML page: trafilatura, then named rules that correct it.

trafilatura is the engine (measured best of the open-source extractors on our data). Around it
we add what archiving news needs, each step a table of named rules:

1. The page arrives already decoded (archiver.decode), so legacy encodings never reach
   trafilatura's own guesser, which ignores ``<meta charset>``.
2. trafilatura runs on the untouched page (its heuristics weigh the whole page); short CJK
   articles get size thresholds fit for CJK; output too short for an article is retried in
   trafilatura's recall mode.
3. Paragraphs that are the headline, a picture caption or a headline of a link list
   ("related", "most read") are dropped.
4. ``BOILERPLATE_RULES`` find blocks by class/id words, ARIA roles and tags: comments, share
   and like widgets, related posts, newsletter and cookie boxes, navigation, sidebars, ads,
   author boxes, entry footers. Paragraphs that came only from such blocks are dropped.
   Guards keep article wrappers that themes give such names ("entry share").
5. The standfirst (lead, deck, chapo), which trafilatura often drops with the header, is put
   back at the top.
6. ``PARAGRAPH_RULES`` drop short residue paragraphs ("Read also: ...", credits, copyright,
   newsletter and follow-us calls, paywall teasers ...) in the main languages of the news we
   archive; then the blog residue tables of :mod:`archiver.clean.rules`; then exact repeats.
"""

from __future__ import annotations

import copy
import re
from configparser import ConfigParser
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..gates import AnyMatch, engine_skips_ahead, holds_any, required_literals
from ..memo import short_strings_cache
from ..tree_text import document_elements, text_content
from .handover import handed_over

# ----------------------------------------------------------------- rules as data


@dataclass(frozen=True)
class BoilerplateRule:
    """Remove elements whose class/id words, role or aria-label match.

    ``words`` are matched against the words of class and id values (split on spaces, "-"
    and "_", lower-cased), so "post-share-buttons" matches "share" but "shared" does not.
    ``phrases`` are matched as whole class/id tokens (for names with no separator such as
    "sharedaddy"). ``roles`` and ``tags`` match the element itself; ``aria`` matches words of
    ``aria-label``.
    """

    name: str
    words: frozenset[str] = frozenset()
    phrases: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    aria: frozenset[str] = frozenset()


def _rule(
    name: str,
    words: str = "",
    phrases: str = "",
    roles: str = "",
    tags: str = "",
    aria: str = "",
) -> BoilerplateRule:
    return BoilerplateRule(
        name,
        frozenset(words.split()),
        frozenset(phrases.split()),
        frozenset(roles.split()),
        frozenset(tags.split()),
        frozenset(aria.split()),
    )


BOILERPLATE_RULES: tuple[BoilerplateRule, ...] = (
    _rule(
        "comments",
        words="comments commentlist respond disqus discussion",
        phrases="comments-area comment-respond reply-title disqus_thread commentform "
        "comment-form wpdiscuz comments-section comment-list",
    ),
    _rule(
        "share-widgets",
        words="share sharing social socials sharebar shareaholic addtoany a2a",
        phrases="sharedaddy sd-sharing jp-sharing-input-touch sharethis st-btns "
        "social-media-buttons likebox sd-like jetpack-likes-widget-wrapper",
    ),
    _rule(
        "like-widgets",
        phrases="jetpack-likes-widget-wrapper sd-like wpl-likebox post-likes-widget",
        aria="like",
    ),
    _rule(
        "related-posts",
        words="related relatedposts yarpp crp outbrain taboola recommended recirculation",
        phrases="jp-relatedposts more-stories read-more-links also-read readmore-box "
        "related_posts you-may-like",
    ),
    _rule(
        "newsletter",
        words="newsletter newsletters subscribe subscription signup optin mc4wp",
        phrases="email-signup sign-up",
    ),
    _rule(
        "cookie-banner",
        words="cookie cookies gdpr consent cookiebanner cookienotice",
        phrases="cookie-notice cookie-law-info-bar",
        aria="cookie cookies consent",
    ),
    _rule(
        "navigation",
        words="breadcrumb breadcrumbs pagination navigation navbar menu",
        phrases="post-navigation nav-links nav-previous nav-next navigation-post",
        roles="navigation menu menubar",
        tags="nav",
    ),
    _rule(
        "sidebar",
        words="sidebar",
        roles="complementary",
        tags="aside",
    ),
    _rule(
        "advertising",
        words="advert advertisement advertising ads adsbygoogle sponsored promo",
        phrases="ad-container ad-slot ad-wrapper google-ad",
    ),
    _rule(
        "author-box",
        phrases="author-bio author-box about-author authorbox author-info author-card entry-author",
    ),
    _rule(
        "entry-footer",
        phrases="entry-footer post-footer entry-utility post-tags entry-tags tags-links "
        "cat-links entry-categories post-categories",
    ),
)

# Short paragraphs that sit around news articles on every kind of site, by kind, in the
# main languages of the news we archive. Each pattern is matched (case-insensitively) against
# a whole paragraph no longer than PARAGRAPH_RULE_MAX_CHARS; longer paragraphs are prose.
PARAGRAPH_RULE_MAX_CHARS = 300
_OPEN = r"^[\s»>›\-–—•*\[(|]*"  # bullets, arrows and brackets that start teaser lines
PARAGRAPH_RULES: tuple[tuple[str, str], ...] = (
    # "Read also: <headline>" teasers pointing to other articles.
    (
        "read-also",
        _OPEN + r"(read (also|more)|also read|see also|related( (stories|articles|posts))?:|"
        r"more on this|recommended( for you)?:|lesen sie (auch|mehr|hier)|auch lesen|"
        r"mehr zum thema|zum weiterlesen|weiterlesen|schon gelesen|auch interessant|"
        r"das (thema )?könnte (dich|sie) auch interessieren|à lire aussi|a lire aussi|"
        r"lire aussi|voir aussi|lea (más|también)|(le|te) puede interesar|puedes ver|"
        r"puede interesarte|ver también|contenido relacionado|czytaj (też|także|również)|"
        r"dowiedz się więcej|zobacz (też|także)|читайте также|смотрите также|"
        r"читать также|관련\s?기사|함께 보면 좋은|あわせて読みたい|関連記事|相关阅读|"
        r"相关新闻|延伸阅读)\b",
    ),
    # Headings of link lists that close an article ("Weitere Informationen:", "Mehr Themen").
    (
        "link-list-heading",
        r"^(further|more) (information|reading|stories|topics)|^(weitere|mehr) "
        r"(informationen|infos|themen|artikel|beiträge)( [\w ]{0,40})?:?$|"
        r"^(zusatzinformationen|quellenangaben|inhaltsverzeichnis|empfohlene beiträge|"
        r"table of contents|contents|temas|tags|share|teilen|partager|compartir|"
        r"related|más noticias|plus d'infos|contenido relacionado)\s*:?$",
    ),
    # Newsletter and subscription calls to action.
    (
        "newsletter-call",
        r"newsletter|sign(ing)? up\b|subscribe\b|abonnieren|suscr[ií]b|s'abonner|"
        r"subskrypcj|подпис|구독|購読|订阅",
    ),
    # Photo and picture credits.
    (
        "picture-credit",
        r"^[(\[]?(title image|cover image|header image|featured image|photo|photos|image|"
        r"picture|credit|credits|crédits? photos?|foto|fotos|bild|bilder|titelbild|fotocredits?|"
        r"photo credits?|image credits?|bildnachweis|"
        r"beitragsbild|bildquelle|fotoquelle|imagen|image illustrative|zdjęcie|фото|사진)"
        r"\s*[:©]",
    ),
    # Copyright and reuse notices.
    (
        "copyright",
        r"^\s*(©|\(c\)|copyright\b)|all rights reserved|alle rechte vorbehalten|"
        r"tous droits réservés|todos los derechos reservados|chroniony prawem autorskim|"
        r"все права защищены|무단 ?전재|無断転載|版权所有",
    ),
    # Reading-time estimates.
    (
        "reading-time",
        r"^(reading time|lesezeit|lesedauer|temps de lecture|tiempo de (lectura|leitura)|"
        r"время чтения|읽는 시간)\b|\b\d+\s*(min|mins|minutes?|minuten|minutos)\.?\s*"
        r"(read|lesezeit|de lecture|de lectura)\b|przeczytasz w|^\d+\s*min\.?\s*read$",
    ),
    # Affiliate-link and advertiser disclosures.
    (
        "affiliate-disclosure",
        r"affiliate[ -]?links?|we may (receive|earn) (a )?(compensation|commission)|"
        r"(contains|enthält) (references to products|werbung)|provisionslinks?|"
        r"ohne gewähr\)?$|enlaces de afiliados|liens affiliés",
    ),
    # "Follow us" and channel calls to action.
    (
        "follow-us",
        r"^[¡!¿]*(follow (us|the \w+)|folgen sie uns|folge uns|síguenos|siguenos|suivez[- ]nous|"
        r"obserwuj nas|подписывайтесь на нас)\b|"
        r"(our|unser(e|en|em)?|nuestro|notre) (youtube|telegram|whatsapp)[- ]?(channel|kanal)|"
        r"(nuestro|notre) (canal|chaîne) (de|en|sur) (youtube|telegram|whatsapp)",
    ),
    # Donation and membership appeals.
    (
        "support-us",
        r"\b(support (us|our (work|journalism|reporting))|consider supporting|"
        r"donate (now|today)|^donate\b|^unterstütze\b|jetzt spenden|apoya (nuestro|a)|"
        r"soutenez[- ]nous|hazte (miembro|socio)|become a (member|supporter|subscriber)|"
        r"поддержите нас|후원하기)",
    ),
    # Calls for letters and for comments that need an account.
    (
        "comment-call",
        r"letters? to the editor|(logged|log) in to (comment|post)|"
        r"eingeloggt sein,? um (kommentare|einen kommentar)|um kommentare zu schreiben|"
        r"leserbrief schreiben|laissez un commentaire|оставьте комментарий|댓글을 남겨",
    ),
    # Paywall teasers.
    (
        "paywall",
        r"^(pour lire la suite|pour accéder en illimité|to continue reading|"
        r"subscribe to (read|continue)|um weiterzulesen|jetzt weiterlesen mit|"
        r"para seguir leyendo|para continuar leyendo|"
        r"this (article|content) is (only )?(available|reserved) (to|for) (subscribers|members))",
    ),
    # Placeholders of embedded content waiting for consent.
    (
        "embed-placeholder",
        r"klicken sie auf den (unteren )?button|um den inhalt von .{1,60} zu laden|"
        r"click (the button|here) to load|to load (the )?content from|"
        r"(externe[rn]?|empfohlene[rn]?) inhalte?\b.{0,40}(laden|anzeigen|zustimmen)|"
        r"^(bild|video|karte|inhalt) (anzeigen|laden)$|^(show|load) (image|video|map|content)$",
    ),
    # Advertising labels.
    (
        "advertising-label",
        r"^[*\s]*(anzeige|werbung|advertisement|sponsored|publicidad|publicité|реклама|광고)"
        r"\s*([:|*\-–—.]|$)",
    ),
)


def top_level_branches(pattern: str) -> list[str]:
    """The alternatives of ``pattern``'s outermost ``|`` ("a|(b|c)|d" -> a, (b|c), d).

    ``|`` inside a group or a character class, or escaped, does not split.
    """
    branches: list[str] = []
    current: list[str] = []
    depth = 0
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            continue
        current.append(char)
    branches.append("".join(current))
    return branches


# The rules are written in lower case and matched against the lower-cased paragraph:
# re.IGNORECASE would switch off the regex engine's first-character skip, and this check
# runs on every extracted paragraph (measured: 38 % cheaper on 100,000 real paragraphs).
# Each rule's top-level alternatives are compiled apart: a rule matches when one of them
# does, and an alternative that starts with a word or "^" lets the engine skip ahead, where
# the whole alternation tried every branch at every position (37 % cheaper on 38,000 real
# paragraphs, same verdicts).
# An alternative that starts with neither (a "\\b", a group of words) is tried at every
# position: it is gated by the strings one of which any match must contain
# (``required_literals``), so that a few substring tests rule most paragraphs out. Gating
# the others too costs more than it saves. The rules run 35-45 % faster on 34,000 real
# paragraphs, same verdicts.
_PARAGRAPH_RULES = tuple(
    (
        name,
        tuple(
            (compiled, None if engine_skips_ahead(compiled) else required_literals(compiled))
            for compiled in map(re.compile, top_level_branches(rx))
        ),
    )
    for name, rx in PARAGRAPH_RULES
)
# Most paragraphs match no rule. Whether one of the ungated alternatives matches is asked of
# their alternation in one or two engine calls (``AnyMatch``), and whether a gated one can,
# of its gates; only a paragraph that passes either runs the rules in order. On 16,665
# paragraphs of generated items and real pages: 7.5 instead of 11.5 us a paragraph, the
# same verdicts (folding the gates' literals into the alternation was slower: 10.4 us).
_UNGATED_BRANCHES = AnyMatch(
    branch for _, branches in _PARAGRAPH_RULES for branch, required in branches if not required
)
_GATE_LITERALS = tuple(
    dict.fromkeys(
        literal
        for _, branches in _PARAGRAPH_RULES
        for _, required in branches
        for literal in required or ()
    )
)


# The union of every rule's sets: an element none of it matches matches no rule.
_ANY_RULE = BoilerplateRule(
    "any",
    *(frozenset().union(*(getattr(r, f) for r in BOILERPLATE_RULES)) for f in
      ("words", "phrases", "roles", "tags", "aria")),
)  # fmt: skip

# Elements that hold the article itself: never removed by a class/id rule, because themes
# put words like "category-newsletter" or "comments-open" on them.
_PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
_PROTECTED_WORDS = frozenset(
    {
        "entry-content",
        "post-content",
        "article-body",
        "article-content",
        "story-body",
        "hentry",
        "type-post",
    }
)
# WordPress adds taxonomy classes ("tag-cookie", "category-social") to posts.
_TAXONOMY_PREFIXES = ("tag-", "category-", "cat-", "topic-", "post-", "postid-", "page-id")

_WORD_RE = re.compile(r"[^\s_\-]+")  # class/id words: split on spaces, "_" and "-"


# Attribute values longer than this are matched without being remembered (see ``memo``).
CACHED_ATTRIBUTES_MAX_CHARS = 512


@short_strings_cache(maxsize=4096, max_chars=CACHED_ATTRIBUTES_MAX_CHARS)
def _words(value: str) -> tuple[frozenset[str], frozenset[str]]:
    """(tokens, words) of a class/id value. The words of taxonomy tokens are ignored
    ("tag-cookie" says nothing of the element); a whole token still matches a rule's phrase
    ("post-navigation", "cat-links")."""
    tokens = frozenset(value.lower().split())
    kept = [t for t in tokens if not t.startswith(_TAXONOMY_PREFIXES) or "-" not in t]
    # The tokens hold no whitespace: the words of all of them in one pass.
    return tokens, frozenset(_WORD_RE.findall(" ".join(kept)))


def matching_rule(element: HtmlElement) -> str | None:
    """The name of the first boilerplate rule that matches ``element``, or None."""
    found = _match(element)
    return found[0] if found else None


def _match(element: HtmlElement) -> tuple[str, bool] | None:
    """``(rule name, matched only by a class/id word)`` for ``element``, or None."""
    tag = element.tag if isinstance(element.tag, str) else ""
    get = element.get
    role, class_, id_ = get("role") or "", get("class") or "", get("id") or ""
    aria = get("aria-label") or ""
    # ``short_strings_cache``'s rule, written out: this runs for every element of a page.
    if len(class_) + len(id_) + len(aria) + len(role) > CACHED_ATTRIBUTES_MAX_CHARS:
        return _match_attributes.__wrapped__(tag, role, class_, id_, aria)
    return _match_attributes(tag, role, class_, id_, aria)


@lru_cache(maxsize=8192)
def _match_attributes(
    tag: str, role_value: str, class_value: str, id_value: str, aria_value: str
) -> tuple[str, bool] | None:
    """``_match`` on the attributes it reads; cached because pages repeat the same few
    tag/class/id combinations across thousands of elements."""
    role = role_value.lower().strip()
    names = f"{class_value} {id_value}"
    tokens, words = _words(names) if names.strip() else (frozenset(), frozenset())
    aria = set(aria_value.lower().split())
    protected = tag in _PROTECTED_TAGS or bool(tokens & _PROTECTED_WORDS)
    # Most elements match no rule: tested against every rule's sets at once first.
    if not (
        tag in _ANY_RULE.tags
        or (role and role in _ANY_RULE.roles)
        or (
            not protected
            and (tokens & _ANY_RULE.phrases or aria & _ANY_RULE.aria or words & _ANY_RULE.words)
        )
    ):
        return None
    for rule in BOILERPLATE_RULES:
        if tag in rule.tags or (role and role in rule.roles):
            return rule.name, False
        if protected:
            continue
        if tokens & rule.phrases or aria & rule.aria:
            return rule.name, False
        if words & rule.words:
            return rule.name, True
    return None


# A rule never removes a block holding this share of the page's text (and more than
# GUARD_MIN_CHARS): a theme that calls its article wrapper "share-zone" or "with-navigation"
# must not lose the article.
GUARD_SHARE = 0.3
GUARD_MIN_CHARS = 1000
# A block matched only by a word of its class or id ("share", "sidebar", "ads") is kept when
# it holds this much paragraph prose outside links: layouts name article wrappers
# "entry share", "with-navigation" or "sidebar_content"; widgets hold links, not prose.
PROSE_GUARD_CHARS = 400
# Bound the work on hostile pages (deeply nested matching blocks).
MAX_GUARD_CHECKS = 2000


def _holds_article(element: HtmlElement) -> bool:
    """True when removing ``element`` would remove the article itself."""
    for inner in element.iter("article", "main"):
        if inner is not element:
            return True
    return bool(element.xpath(".//*[@itemprop='articleBody']"))


def _prose_length(element: HtmlElement) -> int:
    """Characters of paragraph text outside links: what articles have and widgets lack."""
    length = 0
    for paragraph in element.iter("p"):
        length += len(text_content(paragraph).strip())
        length -= sum(len(text_content(link).strip()) for link in paragraph.iter("a"))
        if length >= PROSE_GUARD_CHARS:
            break
    return length


def _text_lengths(tree: HtmlElement) -> dict[HtmlElement, int]:
    """Characters of text (spaces excluded) under every element, in one bottom-up pass.

    Computed once per page so that checking nested candidates stays linear in page size.
    """
    lengths: dict[HtmlElement, int] = {}
    for element in reversed(list(tree.iter())):
        own = element.text if isinstance(element.tag, str) else None
        size = len(own) - own.count(" ") if own and not own.isspace() else 0
        for child in element:
            size += lengths.get(child, 0)
            tail = child.tail
            if tail and not tail.isspace():
                size += len(tail) - tail.count(" ")
        lengths[element] = size
    return lengths


def find_boilerplate(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """The outermost blocks a boilerplate rule matches, with the rule's name, in page order."""
    found: list[tuple[str, HtmlElement]] = []
    lengths = _text_lengths(tree)
    total = lengths.get(tree, 0)
    limit = max(GUARD_MIN_CHARS, GUARD_SHARE * total)
    checks = 0
    skip_until: HtmlElement | None = None  # last descendant of the latest block found
    for element in tree.iter(etree.Element):
        if skip_until is not None:
            if element is skip_until:
                skip_until = None
            continue
        if not isinstance(element.tag, str):
            continue
        match = _match(element)
        if match is None:
            continue
        name, by_word = match
        checks += 1
        if checks > MAX_GUARD_CHECKS:
            break
        if lengths.get(element, 0) > limit or _holds_article(element):
            continue
        if by_word and _prose_length(element) >= PROSE_GUARD_CHARS:
            continue
        found.append((name, element))
        skip_until = _last_descendant(element)
    return found


def preclean(
    tree: HtmlElement, removed_text: list[str] | None = None, undo: list[Any] | None = None
) -> dict[str, int]:
    """Remove boilerplate blocks from ``tree`` in place; return how many each rule removed.

    The whitespace-normalised text of each removed block is appended to ``removed_text``;
    with ``undo``, what ``restore`` needs to put the blocks back is appended to it.
    """
    removed: dict[str, int] = {}
    for name, element in find_boilerplate(tree):
        parent = element.getparent()
        if parent is None:
            continue
        removed[name] = removed.get(name, 0) + 1
        if removed_text is not None:
            removed_text.append(" ".join(text_content(element).split()))
        # Keep the text that follows the element: it belongs to the parent.
        joined: tuple[HtmlElement, str, str | None] | None = None
        if element.tail and element.tail.strip():
            previous = element.getprevious()
            if previous is not None:
                joined = (previous, "tail", previous.tail)
                previous.tail = (previous.tail or "") + element.tail
            else:
                joined = (parent, "text", parent.text)
                parent.text = (parent.text or "") + element.tail
        if undo is not None:
            undo.append((parent, parent.index(element), element, joined))
        parent.remove(element)  # lxml takes the element's tail along
    return removed


def restore(undo: list[Any]) -> None:
    """Put back the blocks ``preclean`` removed (it filled ``undo``): the tree is then as
    it was, element for element and text for text."""
    for parent, index, element, joined in reversed(undo):
        parent.insert(index, element)  # with its tail
        if joined is not None:
            holder, attribute, value = joined
            setattr(holder, attribute, value)
    undo.clear()


def boilerplate_evidence(tree: HtmlElement) -> tuple[list[str], str, list[str]]:
    """What ``preclean`` would leave of ``tree``, with ``tree`` left as it was: (the removed
    blocks' texts, the text of the rest with whitespace collapsed ("" when nothing is
    removed), the lead's candidates in the rest (``lead_candidates``))."""
    removed: list[str] = []
    undo: list[Any] = []
    preclean(tree, removed, undo)
    try:
        kept = " ".join(text_content(tree).split()) if removed else ""
        return removed, kept, lead_candidates(tree)
    finally:
        restore(undo)


def _last_descendant(element: HtmlElement) -> HtmlElement | None:
    """The element's last descendant in document order (None when it has no children)."""
    last = None
    while len(element):
        element = element[-1]
        last = element
    return last


def paragraph_rule(paragraph: str) -> str | None:
    """The name of the paragraph rule ``paragraph`` matches (it is residue), or None."""
    if len(paragraph) > PARAGRAPH_RULE_MAX_CHARS:
        return None
    lowered = paragraph.lower()
    if not _UNGATED_BRANCHES.search(lowered) and not holds_any(lowered, _GATE_LITERALS):
        return None
    for name, branches in _PARAGRAPH_RULES:
        for branch, required in branches:
            if required and not holds_any(lowered, required):
                continue  # none of the strings every match holds: no match
            if branch.search(lowered):
                return name
    return None


# ----------------------------------------------------------------- engine


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: UTF-8 encodes each as that one byte, and no other character
# uses bytes below 0x80.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def without_control_characters(html: str) -> str:
    """``html`` without the control characters lxml refuses (they carry no text).

    Pages almost never hold one: deleting their bytes from the UTF-8 encoding tells in C
    whether any is there, 3 x faster than the regex's scan of a whole page, which then only
    runs when one is.
    """
    encoded = html.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, _CONTROL_BYTES)) == len(encoded):
        return html
    return _CONTROL_RE.sub("", html)


def repair_faulty_html(html: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html`` for ``html`` already without control characters.

    Its first step removes the characters XML forbids; of those, only U+FFFE and U+FFFF can
    be left here, so the regex's pass over the page runs only when one of them is there.
    The rest (the DOCTYPE and ``<html/>`` repairs) is trafilatura's, with its patterns.
    """
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    if "\ufffe" in html or "\uffff" in html:
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def load_tree(html: str) -> HtmlElement | None:
    """Parse decoded ``html`` as trafilatura's ``load_html`` does (its parser settings:
    comments dropped; faulty markup repaired; the same rejection of non-HTML), but with
    ``html_parser``'s element classes; None when it is not HTML. ``main_text`` and the
    metadata rules share the tree."""
    from trafilatura.utils import is_dubious_html

    # lxml refuses strings with control characters; they carry no text.
    html = without_control_characters(html)
    parser = html_parser()
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, as_bytes = None, False
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, as_bytes = _parse_bytes(html, parser), True
    except Exception:  # lxml raises several types on hostile markup
        pass
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _parse_bytes(html, parser)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML: a single block of text
    return tree


def _parse_bytes(html: str, parser: Any) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:
        return None


@lru_cache(maxsize=1)
def html_parser() -> Any:
    """trafilatura's HTML parser settings (``trafilatura.utils.HTML_PARSER``) with lxml.html's
    element classes chosen in C: every element an ``HtmlElement``.

    lxml builds a Python object for an element each time code reaches it, asking the
    parser's class lookup which class to use; lxml.html's lookup is a Python method
    (it gives forms and inputs their own classes, which nothing here uses), called about
    5,700 times per real page by trafilatura and the metadata rules. The C lookup
    makes extracting a real page 3-4 % cheaper, with the same output.
    """
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


# trafilatura's size thresholds count characters; Chinese, Japanese and Korean say as much in
# a third of the characters, so short CJK articles would fall back to whole-page text.
CJK_MIN_EXTRACTED_SIZE = 80
CJK_SHARE = 0.3
_CJK_RUN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


@lru_cache(maxsize=2)
def _config(cjk: bool) -> ConfigParser:
    """trafilatura settings, built once per process (not per page)."""
    from trafilatura.settings import use_config

    config = use_config()
    # Our own size guard (archiver.extract) decides what is too large to parse.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(1 << 31))
    if cjk:
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(CJK_MIN_EXTRACTED_SIZE))
        config.set("DEFAULT", "MIN_OUTPUT_SIZE", "10")
    return config


def is_cjk(text: str) -> bool:
    """True when Chinese, Japanese or Korean characters make up much of ``text``."""
    head = text[:20000]
    if head.isascii():  # most pages: no CJK character at all, decided in C
        return False
    sample = "".join(head.split())
    needed = CJK_SHARE * len(sample)
    # CJK characters are a part of the non-ASCII ones, which are counted in C.
    if not sample or len(sample) - len(sample.encode("ascii", "ignore")) < needed:
        return False
    # Removing runs, not single characters: ten times faster than a match per character.
    return len(sample) - len(_CJK_RUN_RE.sub("", sample)) >= needed


def _trafilatura(tree: Any, url: str | None, favor_recall: bool = False, cjk: bool = False) -> str:
    import trafilatura

    from . import escalation, fallback, justext_paragraphs, selectors

    fallback.install()
    selectors.install()
    justext_paragraphs.install()
    escalation.install()
    options = copy.copy(_extractor(favor_recall, cjk))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return trafilatura.extract(tree, options=options) or ""


@lru_cache(maxsize=4)
def _extractor(favor_recall: bool, cjk: bool) -> Any:
    """trafilatura's options for a page without its URL, built once per process: building
    them reads a dozen settings through configparser, a quarter of a millisecond a page."""
    from trafilatura.settings import Extractor

    return Extractor(
        config=_config(cjk),
        comments=False,
        tables=True,
        dedup=False,
        recall=favor_recall,
    )


SHORT_OUTPUT_CHARS = 200
LINK_PARAGRAPH_MIN_CHARS = 12


_BLOCK_TAGS = frozenset({"li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "dd", "dt"})
_URL_LIKE_RE = re.compile(r"@|https?:|www\.|\.(com|org|net|de)\b")


def link_texts(tree: HtmlElement) -> set[str]:
    """Texts of links that sit in link lists (three or more such links in one container).

    Lists of headlines ("related", "most read", teasers) are made of such links; a lone link
    inside an article is left alone.
    """
    groups: dict[HtmlElement, list[str]] = {}
    for link in tree.iter("a"):
        if "#" in link.get("href", ""):  # tables of contents point into the page itself
            continue
        text = " ".join(text_content(link).split())
        if len(text) < LINK_PARAGRAPH_MIN_CHARS or _URL_LIKE_RE.search(text):
            continue
        block = link.getparent()
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.getparent()
        container = block.getparent() if block is not None else None
        if container is None:
            continue
        # Teasers often wrap each headline in its own box: go up one more level.
        key = container.getparent() if len(container) == 1 else container
        groups.setdefault(key if key is not None else container, []).append(text)
    return {text for texts in groups.values() if len(texts) >= 3 for text in texts}


def caption_texts(tree: HtmlElement) -> set[str]:
    """Texts of picture captions (``<figcaption>``, elements of class "...caption...")."""
    texts: set[str] = set()
    for element in tree.iter("figcaption"):
        texts.add(" ".join(text_content(element).split()))
    # The elements of ``//*[contains(@class, 'caption')]``: libxml2 evaluates such a
    # predicate on every element at twice the cost of reading the attribute here.
    for element in document_elements(tree):
        class_ = element.get("class")
        if class_ and "caption" in class_:
            texts.add(" ".join(text_content(element).split()))
    texts.discard("")
    return texts


# The standfirst (lead, deck, chapô) under a news headline is part of the article, but
# trafilatura often drops it with the header around it. Class words that name it:
LEAD_CLASS_WORDS = frozenset(
    {
        "lead",
        "intro",
        "chapo",
        "chapeau",
        "deck",
        "dek",
        "standfirst",
        "excerpt",
        "sapo",
        "subheadline",
        "abstract",
        "preface",
    }
)
LEAD_CLASS_TOKENS = frozenset(
    {
        "summary",
        "subtitle",
        "teaser-text",
        "article-lead",
        "article-intro",
        "article-deck",
        "entry-excerpt",
        "art-lead",
        "article-summary",
        "story-summary",
    }
)
LEAD_MIN_CHARS = 40
LEAD_MAX_CHARS = 600
_LEAD_SKIP_TAGS = frozenset({"html", "body", "article", "main", "section", "a", "script", "style"})


def find_lead(tree: HtmlElement, body: str = "") -> str | None:
    """The page's standfirst: the one element whose class names a lead, holding a sentence.

    A class used by several elements is a list of teasers for other articles, not a lead;
    link-heavy text is a teaser too. Candidates already in ``body`` are passed over.
    """
    return first_lead(lead_candidates(tree), body)


def first_lead(candidates: list[str], body: str) -> str | None:
    """The first of ``lead_candidates`` not already in ``body``."""
    return next((text for text in candidates if text not in body), None)


def lead_candidates(tree: HtmlElement) -> list[str]:
    """The texts ``find_lead`` chooses from, in its order: each of an element alone with
    its lead-naming class, a sentence long, not link-heavy."""
    found: dict[str, list[HtmlElement]] = {}
    for element in tree.iter(etree.Element):
        if not isinstance(element.tag, str) or element.tag in _LEAD_SKIP_TAGS:
            continue
        value = element.get("class", "")
        if not value:
            continue
        tokens, words = _words(value)
        if tokens & LEAD_CLASS_TOKENS or words & LEAD_CLASS_WORDS:
            found.setdefault(value, []).append(element)
    candidates = []
    for elements in found.values():
        if len(elements) != 1:
            continue
        text = " ".join(text_content(elements[0]).split())
        if not LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS:
            continue
        linked = sum(len(" ".join(text_content(a).split())) for a in elements[0].iter("a"))
        if linked <= 0.3 * len(text):
            candidates.append(text)
    return candidates


_TITLE_SEPARATORS_RE = re.compile(r"\s+[|–—:·•-]\s+")


def title_texts(tree: HtmlElement) -> set[str]:
    """The page's title as its headings, ``<title>`` and og:title give it (and their parts)."""
    texts = {" ".join(text_content(h).split()) for h in tree.iter("h1")}
    for title in tree.iter("title"):
        full = " ".join(text_content(title).split())
        texts.add(full)
        # "Headline | Site" and "Headline - Site": the headline part.
        parts = _TITLE_SEPARATORS_RE.split(full)
        if len(parts) > 1:
            texts.add(parts[0])
    for meta in tree.xpath("//meta[@property='og:title' or @name='twitter:title']"):
        texts.add(" ".join(meta.get("content", "").split()))
    texts.discard("")
    return texts


def is_link_paragraph(paragraph: str, links: set[str]) -> bool:
    """True when a short paragraph is the whole text of a link: a teaser for another page."""
    if len(paragraph) > PARAGRAPH_RULE_MAX_CHARS:
        return False
    core = paragraph.strip(" -–—•*|»>›")
    return core in links or paragraph in links


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of extracted text: one per non-empty line, whitespace collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def main_text(html: str, url: str | None = None, tree: HtmlElement | None = None) -> str:
    """Return the article body of decoded ``html``, paragraphs separated by one blank line.

    The title is not included. Comments, sidebars, navigation, share and like widgets, related
    posts, cookie banners and newsletter boxes are removed. Returns "" when no body is found.
    ``tree`` is ``load_tree(html)`` when the caller has parsed it already; it is handed to
    trafilatura, which prunes it: read anything else from it before.
    """
    from .rules import strip_residue

    if tree is None:
        tree = load_tree(html)
    if tree is None:
        return ""
    # Held alive so that lxml reuses these elements' proxies on every later walk
    # (see meta_page.parse_page).
    _held = list(tree.iter())
    body = tree.find("body")
    cjk = is_cjk(text_content(body if body is not None else tree))
    # Everything the rules below read from the page is read before trafilatura runs: it
    # then takes the tree itself instead of a copy (``handover``) and prunes it.
    # Headlines of link lists and picture captions are not the article's text.
    asides = link_texts(tree) | caption_texts(tree)
    # The body starts after the headline: the title is metadata, not text.
    titles = title_texts(tree)
    removed, kept_blob, leads = boilerplate_evidence(tree)
    # trafilatura runs on the untouched page (its own heuristics weigh the whole page); the
    # pre-cleaning then tells which extracted paragraphs came from boilerplate blocks.
    given = handed_over(tree)
    # Let the proxies go: trafilatura's pruning would otherwise move live ones with the
    # elements it removes.
    del _held
    paragraphs = split_paragraphs(_trafilatura(given, url, cjk=cjk))
    if len(" ".join(paragraphs)) < SHORT_OUTPUT_CHARS:
        # Too little for an article: trafilatura's recall mode often finds the body. It
        # needs the page as parsed: a tree handed over has been pruned (1 page in 200).
        again = tree if given is tree else load_tree(html)
        if again is not None:
            recall = split_paragraphs(
                _trafilatura(handed_over(again), url, favor_recall=True, cjk=cjk)
            )
            if len(" ".join(recall)) > len(" ".join(paragraphs)):
                paragraphs = recall
    paragraphs = [p for p in paragraphs if not is_link_paragraph(p, asides)]
    while paragraphs and paragraphs[0] in titles:
        paragraphs.pop(0)
    if removed:
        removed_blob = "\n".join(removed)
        paragraphs = [p for p in paragraphs if p not in removed_blob or p in kept_blob]
    lead = first_lead(leads, " ".join(paragraphs)) if paragraphs else None
    if lead and lead not in titles:
        paragraphs.insert(0, lead)
    paragraphs = [p for p in paragraphs if paragraph_rule(p) is None]
    paragraphs = strip_residue(paragraphs)
    return "\n\n".join(_unique(paragraphs))


def _unique(paragraphs: list[str]) -> list[str]:
    """Paragraphs in order with exact repeats dropped (sticky headers, repeated bylines)."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        if paragraph not in seen:
            seen.add(paragraph)
            kept.append(paragraph)
    return kept
