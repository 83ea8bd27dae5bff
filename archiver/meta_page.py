"""The parsed page shared by the metadata rules: one lxml parse, meta and JSON-LD indexes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from . import meta_rules as R
from .memo import short_strings_cache
from .meta_jsonld import JsonLd, read_jsonld
from .tree_text import document_elements, text_content

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_ARTICLE_ROOTS = [etree.XPath(x) for x in R.ARTICLE_ROOT_XPATHS]


@dataclass
class Page:
    """A parsed page and the evidence shared by the rules (computed once)."""

    tree: Any  # lxml root element
    url: str | None
    metas: dict[str, list[str]]
    jsonld: JsonLd
    root: Any  # the element holding the item, or the <body>
    site_name: str | None = None
    links: dict[str, list[str]] = field(default_factory=dict)
    link_texts: set[str] | None = None
    shown_text: str | None = None  # the body's text a reader sees (see ``reader_text``)
    # ``in_scope`` verdicts per stop element (None: up to <body>), per element.
    post_verdicts: dict[Any, dict[Any, bool]] = field(default_factory=dict)
    short_blocks: list[tuple[Any, str]] | None = None  # see ``short_blocks``
    # Elements that hold the post whatever their class words (see ``layout_wrappers``).
    wrappers: frozenset[Any] = frozenset()
    # (headline block, headline element) once ``metadata.headline_region`` has looked.
    headline: tuple[Any, Any] | None = None
    # (explicit author elements, byline-classed elements) of the whole page, once looked for
    # (see ``metadata._byline_marks``).
    byline_marks: tuple[list[Any], list[Any]] | None = None
    # Every element of the tree, held so that lxml reuses their Python proxies (see parse_page).
    elements: list[Any] = field(default_factory=list, repr=False)
    # ``text_of`` of the body's <p> elements, read once for ``layout_wrappers`` and used
    # again by ``short_blocks``.
    paragraph_texts: dict[Any, str] = field(default_factory=dict, repr=False)
    # (classed elements, datePublished elements) once looked for (see ``attribute_marks``).
    marks: tuple[list[Any], list[Any]] | None = field(default=None, repr=False)


INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "meta", "link"})
# An inline style that hides the element from every reader ("display: none").
_HIDING_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def hidden_element(element: Any) -> bool:
    """The element itself is hidden from readers: the ``hidden`` attribute or an inline
    ``display: none`` / ``visibility: hidden`` (themes repeat the author's login there for
    search engines: ``<div class="vcard author" style="display: none">``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDING_STYLE_RE.search(style) is not None


def reader_text(page: Page) -> str:
    """The body's text a reader sees, casefolded: without scripts and styles and without
    hidden elements' text (see ``hidden_element``); cached on the page."""
    if page.shown_text is not None:
        return page.shown_text
    body = page.tree.find("body")
    parts: list[str] = []
    hidden: set[Any] = set()
    for element in body.iter() if body is not None else ():
        parent_hidden = element.getparent() in hidden
        if not isinstance(element.tag, str):
            if element.tail and not parent_hidden:
                parts.append(element.tail)
            continue
        if parent_hidden or hidden_element(element):
            hidden.add(element)
        elif element.tag not in INVISIBLE_TAGS and element.text:
            parts.append(element.text)
        if element.tail and not parent_hidden:
            parts.append(element.tail)
    page.shown_text = squash(" ".join(parts)).casefold()
    return page.shown_text


def squash(value: str | None) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join((value or "").split())


def text_of(element: Any) -> str:
    """The element's text content, whitespace collapsed."""
    try:
        return squash(text_content(element))
    except (ValueError, AttributeError):
        return ""


def text_within(element: Any, limit: int) -> str | None:
    """``text_of(element)`` if it is at most ``limit`` characters long, else None.

    Collapsing a long text's whitespace is most of reading it (a page's wrappers hold the
    whole article); a prefix that collapses to more than ``limit`` characters already shows
    that the whole text does (its words are the text's first words, the last one perhaps
    cut short), so the rest is never collapsed.
    """
    try:
        raw = text_content(element)
    except (ValueError, AttributeError):
        return ""
    if len(raw) > 4 * limit and len(squash(raw[: 4 * limit])) > limit:
        return None
    text = squash(raw)
    return text if len(text) <= limit else None


# The text blocks the label rules read (meta_lists: "Posted in", "Tags:"; meta_source:
# "Source:", "Via"), and the longest text they look at.
SHORT_BLOCK_TAGS = ("p", "div", "span", "li", "footer", "em", "small", "strong")
SHORT_BLOCK_CHARS = 300


def short_blocks(page: Page) -> list[tuple[Any, str]]:
    """(element, ``text_of(element)``) of the post's SHORT_BLOCK_TAGS elements whose text is
    not empty and at most SHORT_BLOCK_CHARS characters, in document order; computed once per
    page for every rule that reads short blocks.

    Walked from the end so that a block's descendants come before it: an element holding a
    block already known to be longer than the limit is longer too (its collapsed text holds
    the block's), and is skipped without reading its (large) text again.
    """
    if page.short_blocks is not None:
        return page.short_blocks
    long: set[Any] = set()
    found: list[tuple[Any, str]] = []
    known = page.paragraph_texts
    for element in reversed(list(page.root.iter(*SHORT_BLOCK_TAGS))):
        if element in long:
            continue
        text = known.get(element)
        if text is None:
            text = text_within(element, SHORT_BLOCK_CHARS)
        if text is None or len(text) > SHORT_BLOCK_CHARS:
            node = element.getparent()
            while node is not None and node not in long:
                long.add(node)
                node = node.getparent()
        elif text:
            found.append((element, text))
    found.reverse()
    page.short_blocks = found
    return found


def spaced_text(element: Any) -> str:
    """Text with a space between child elements ("Jane Doe</a><span>Today" stays apart)."""
    try:
        return squash(" ".join(element.itertext()))
    except (ValueError, AttributeError):
        return ""


def class_words(element: Any) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


# The longest class/id strings the verdict caches below remember (see ``memo``).
CACHED_WORDS_MAX_CHARS = 512


def words_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search(words) is not None``, remembered per string: a page repeats a few
    class/id strings over hundreds of elements ("menu-item menu-item-type-post_type"), and
    the rules that test every element's words would search them again each time."""

    @short_strings_cache(maxsize=8192, max_chars=CACHED_WORDS_MAX_CHARS)
    def found(words: str) -> bool:
        return pattern.search(words) is not None

    return found


def in_post(
    element: Any,
    stop: Any = None,
    page: Page | None = None,
    neutral: re.Pattern[str] | None = None,
    keep_asides: bool = False,
) -> bool:
    """True unless ``element`` sits in a comment, sidebar, widget, tag cloud, nav ... region;
    with ``page``, its layout wrappers (``layout_wrappers``) never exclude; region words that
    ``neutral`` matches in full (a rule's own exceptions) do not exclude either, nor does an
    ``<aside>`` with ``keep_asides`` (otherwise only one inside an ``<article>``)."""
    wrappers = page.wrappers if page is not None else frozenset()
    node = element
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("body", "html"):
            return True
        # An <aside> inside an <article> holds the post's own meta (byline, date).
        if tag in R.NOT_THE_POST_TAGS and not (
            tag == "aside" and (keep_asides or _in_article(node))
        ):
            return False
        if (
            _region_excluded(node.get("class", ""), node.get("id", ""))
            and node not in wrappers
            and (neutral is None or _excluded_beyond(region_words(node), neutral))
        ):
            return False
        node = node.getparent()
    return True


def _excluded_beyond(words: str, neutral: re.Pattern[str]) -> bool:
    """Whether ``words`` hold a region word that ``neutral`` does not excuse."""
    return any(not neutral.fullmatch(m.group(0)) for m in R.NOT_THE_POST.finditer(words))


@short_strings_cache(maxsize=8192, max_chars=CACHED_WORDS_MAX_CHARS)
def _region_excluded(class_value: str, id_value: str) -> bool:
    """Whether class/id words mark a region outside the post; cached because ``in_post``
    walks every ancestor of every candidate and pages repeat the same few class strings."""
    words = _region_words(f"{class_value} {id_value}".split())
    return bool(words) and R.NOT_THE_POST.search(words) is not None


def region_words(element: Any) -> str:
    """Class/id words that say what region ``element`` is, without the item's taxonomy
    slugs ("category-social-media") and without a platform's post container."""
    return _region_words(class_words(element).split())


def _region_words(words: list[str]) -> str:
    if not words:
        return ""
    if any(set(words) >= marker for marker in R.POST_WIDGET_CLASSES):
        return ""
    if any(R.POST_CLASS_WORD.match(w) for w in words):
        words = [w for w in words if not R.TAXONOMY_CLASS_WORD.match(w)]
    words = [R.PAGE_BUILDER_BLOCK_PREFIX.sub("", w) for w in words]
    return " ".join(w for w in words if w and not _layout_word(w))


def _layout_word(word: str) -> bool:
    """Whether a class word describes the page's column layout ("hasRightSidebar")."""
    return R.LAYOUT_CLASS_WORD.search(_CAMEL_HUMP.sub("-", word).lower()) is not None


_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _in_article(element: Any) -> bool:
    return any(a.tag == "article" for a in element.iterancestors())


def parse_page(html: str, url: str | None = None, tree: Any = None) -> Page | None:
    """Parse ``html`` once and gather the evidence every rule reads; None if not HTML.

    ``tree`` is the page's document already parsed (an ``<html>`` root), which the rules
    only read.
    """
    if tree is None or tree.tag != "html":
        html = _XML_DECL_RE.sub("", html.replace("\x00", ""), count=1)
        if not html.strip():
            return None
        try:
            tree = lxml.html.document_fromstring(html)
        except (etree.ParserError, ValueError):
            return None
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        content = squash(content)
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attribute)
            if key:
                metas.setdefault(key.strip().casefold(), []).append(content)
    links: dict[str, list[str]] = {}
    for link in tree.iter("link"):
        href = link.get("href")
        for rel in (link.get("rel") or "").casefold().split():
            if href:
                links.setdefault(rel, []).append(href.strip())
    scripts = [
        s.text or ""
        for s in tree.iter("script")
        if (s.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    jsonld = read_jsonld(scripts)
    # lxml builds a Python proxy for an element each time one is reached, unless a proxy
    # for it is still alive. The rules walk the tree a dozen times: holding every proxy
    # saves rebuilding them (and, for a tree not from clean.html.load_tree, lxml.html's
    # Python class lookup each time): metadata 2-5 % faster, still so with load_tree's C
    # lookup (15.3 against 16.6-22 ms a real page without the held proxies).
    elements = list(tree.iter())
    page = Page(tree=tree, url=url, metas=metas, jsonld=jsonld, root=_article_root(tree))
    page.elements = elements
    page.links = links
    page.wrappers = layout_wrappers(tree, page.paragraph_texts)
    return page


def attribute_marks(page: Page) -> tuple[list[Any], list[Any]]:
    """(the page's elements with a class or id attribute, itself included:
    ``descendant-or-self::*[@class or @id]``; its elements below it with
    ``itemprop="datePublished"``: ``.//*[@itemprop='datePublished']``), in document order.

    One walk of the page's elements, the first time a rule asks, answers both: libxml2
    evaluates such a predicate on every element, 0.4 ms a real page apiece, and the date and
    category rules asked for them on every page.
    """
    if page.marks is None:
        classed: list[Any] = []
        published: list[Any] = []
        tree = page.tree
        for element in page.elements or tree.iter():
            keys = element.keys() if isinstance(element.tag, str) else None
            if not keys:
                continue
            if "class" in keys or "id" in keys:
                classed.append(element)
            if (
                "itemprop" in keys
                and element.get("itemprop") == "datePublished"
                and element is not tree
            ):
                published.append(element)
        page.marks = (classed, published)
    return page.marks


def layout_wrappers(tree: Any, paragraph_texts: dict[Any, str] | None = None) -> frozenset[Any]:
    """Elements that hold most of the page's prose (paragraph text) and the post's
    headline (an <h1>) or its text block (``_names_post_body``), with their ancestors:
    the post's column or one of its wrappers, whatever their class words say.

    Themes name layout blocks after the page's columns or their CMS's building blocks
    ("content_block right-sidebar", "pane-taxomenu-1", "entry-content no-share"); the
    region words (``NOT_THE_POST``) then match the block that holds the post and hide its
    byline and category links. A real sidebar, menu or comment list never holds most of
    the article's text together with its headline or its text block. ``paragraph_texts``
    receives the ``text_of`` of every <p> of the body.
    """
    texts = {} if paragraph_texts is None else paragraph_texts
    body = tree.find("body")
    if body is None:
        return frozenset()
    prose: dict[Any, int] = {}
    total = 0
    for paragraph in body.iter("p"):
        text = texts[paragraph] = text_of(paragraph)
        size = len(text)
        if not size:
            continue
        total += size
        node = paragraph
        while node is not None and node is not body:
            prose[node] = prose.get(node, 0) + size
            node = node.getparent()
    if total < R.LAYOUT_MIN_PROSE_CHARS:
        return frozenset()
    # Few elements hold half of the prose (one chain of nested blocks): judge only those.
    holding = [node for node, size in prose.items() if size * 2 >= total]
    if not holding:
        return frozenset()
    headline_blocks = {a for h1 in body.iter("h1") for a in h1.iterancestors()}
    wrappers: set[Any] = set()
    for element in holding:
        if element in wrappers or not (element in headline_blocks or _names_post_body(element)):
            continue
        node = element
        while node is not None and node is not body and node not in wrappers:
            wrappers.add(node)
            node = node.getparent()
    return frozenset(wrappers)


def _names_post_body(element: Any) -> bool:
    if (element.get("itemprop") or "").strip() == "articleBody":
        return True
    words = class_words(element).split()
    return any(R.POST_BODY_CLASS_WORD.match(w) or R.POST_CLASS_WORD.match(w) for w in words)


def _article_root(tree: Any) -> Any:
    for candidate in candidate_roots(tree):
        # A layout class such as "content-area sidebar" on a wrapper must not hide the
        # post: a candidate holding the headline is the post wherever it sits.
        if in_post(candidate) or candidate.find(".//h1") is not None:
            return candidate
    body = tree.find("body")
    return body if body is not None else tree


def candidate_roots(tree: Any) -> Iterator[Any]:
    """What each of ``meta_rules.ARTICLE_ROOT_XPATHS`` selects, in their order, lazily.

    The four that test attributes (``itemprop="articleBody"``'s parent, the whole class
    words "hentry" and "type-post", ``role="main"``) are answered by one walk of the
    document: libxml2 evaluates each attribute predicate on every element, 0.45-0.65 ms
    a real page apiece, most pages asking three or four of them. The tag-only
    expressions stay XPath (0.04-0.1 ms).
    """
    yield from _ARTICLE_ROOTS[0](tree)  # //article[.//h1]
    body_parents, hentry, type_post, role_main = _attribute_roots(tree)
    yield from body_parents
    yield from hentry
    yield from type_post
    yield from _ARTICLE_ROOTS[4](tree)  # //article
    yield from _ARTICLE_ROOTS[5](tree)  # //main
    yield from role_main


_ROOT_ATTRIBUTES = frozenset({"itemprop", "class", "role"})
_XML_SPACE_RE = re.compile("[ \t\r\n]+")  # the spaces of XPath's normalize-space()


def _attribute_roots(tree: Any) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """The matches of ``//*[@itemprop='articleBody']/..``, of the whole class words
    "hentry" and "type-post" (``contains(concat(' ', normalize-space(@class), ' '), ...)``)
    and of ``//*[@role='main']``, each in document order, from one walk of the document
    (an XPath starting with ``//`` searches all of it, wherever ``tree`` sits)."""
    parents: list[Any] = []
    hentry: list[Any] = []
    type_post: list[Any] = []
    role_main: list[Any] = []
    for element in document_elements(tree):
        keys = element.keys()
        if not keys or _ROOT_ATTRIBUTES.isdisjoint(keys):
            continue
        if "itemprop" in keys and element.get("itemprop") == "articleBody":
            parent = element.getparent()  # the root's is the document: not an element
            if parent is not None and not any(parent is p for p in parents):
                parents.append(parent)
        if "class" in keys:
            value = element.get("class")
            if "hentry" in value or "type-post" in value:
                words = _XML_SPACE_RE.split(value.strip(" \t\r\n"))
                if "hentry" in words:
                    hentry.append(element)
                if "type-post" in words:
                    type_post.append(element)
        if "role" in keys and element.get("role") == "main":
            role_main.append(element)
    if len(parents) > 1:  # a parent comes before its children, not always before others'
        order = {element: n for n, element in enumerate(document_elements(tree))}
        parents.sort(key=order.__getitem__)
    return parents, hentry, type_post, role_main


def scopes(page: Page) -> list[Any]:
    """Where to look for in-post evidence: the post's element first, then the whole page."""
    return [page.root] if page.root is page.tree.find("body") else [page.root, page.tree]


def in_scope(element: Any, page: Page, scope: Any) -> bool:
    """``in_post`` judged up to the post's element when ``element`` lies inside it."""
    stop = page.root if scope is page.root and page.root is not page.tree else None
    verdicts = page.post_verdicts.get(stop)
    if verdicts is None:
        verdicts = page.post_verdicts[stop] = {}
    return _in_post_cached(element, stop, verdicts, page.wrappers)


def _in_post_cached(
    element: Any, stop: Any, verdicts: dict[Any, bool], wrappers: frozenset[Any]
) -> bool:
    """``in_post(element, stop)``, remembering the verdict for every node walked.

    The rules ask about thousands of elements of one page, whose ancestor chains overlap:
    every node between ``element`` and the node that decides shares its verdict.
    """
    walked: list[Any] = []
    verdict = True
    node = element
    while node is not None and node is not stop:
        known = verdicts.get(node)
        if known is not None:
            verdict = known
            break
        walked.append(node)
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("body", "html"):
            break
        if tag in R.NOT_THE_POST_TAGS and not (tag == "aside" and _in_article(node)):
            verdict = False
            break
        if _region_excluded(node.get("class", ""), node.get("id", "")) and node not in wrappers:
            verdict = False
            break
        node = node.getparent()
    for node in walked:
        verdicts[node] = verdict
    return verdict


def meta_values(page: Page, keys: Iterable[str]) -> list[str]:
    """Values of the first key in ``keys`` the page has, in document order."""
    for key in keys:
        if page.metas.get(key):
            return page.metas[key]
    return []


def first_meta(page: Page, keys: Iterable[str]) -> str | None:
    values = meta_values(page, keys)
    return values[0] if values else None
