"""Categories and tags: structured data first, then links and theme text inside the post.

Lists are split on the theme's separator only (a comma between links, not the "and" in
"Humanitarian Aid and Relief"). Tag clouds, sidebars and site-wide keyword meta are never
read; breadcrumbs give categories only when nothing better exists.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from . import meta_rules as R
from .meta_page import (
    Page,
    attribute_marks,
    class_words,
    in_post,
    in_scope,
    meta_values,
    scopes,
    short_blocks,
    text_of,
    words_search,
)
from .meta_titles import site_keys

_KEY_RE = re.compile(r"[\W_]+")
_LIST_SPLIT_RE = re.compile(r"\s*[,;|•·]\s*")
_CATEGORY_RELS = frozenset({"category"})


class _PageCache(threading.local):
    """What one page's rules share (its short blocks, its classed elements): kept for the
    latest page only, by weak reference, so no page tree outlives its extraction; one per
    thread, so concurrent extractions never see each other's pages."""

    def __init__(self) -> None:
        self._page: weakref.ref[Page] | None = None
        self._values: dict[str, Any] = {}

    def get(self, page: Page, key: str) -> Any:
        if self._page is None or self._page() is not page:
            return None
        return self._values.get(key)

    def put(self, page: Page, key: str, value: Any) -> None:
        if self._page is None or self._page() is not page:
            self._page = weakref.ref(page)
            self._values = {}
        self._values[key] = value


_CACHE = _PageCache()


def _key(value: str) -> str:
    return _KEY_RE.sub("", value.casefold())


def clean_items(values: Iterable[str], split: bool = False) -> list[str]:
    """Trimmed, de-duplicated (case-insensitively) list items; ``split`` on , ; | • ·."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = html.unescape(value or "")
        pieces = _LIST_SPLIT_RE.split(value) if split else [value]
        for piece in pieces:
            piece = " ".join(piece.split()).strip(" #,;:-–|/\"'„“”«»‚‘’")
            if not piece or len(piece) > R.MAX_LIST_ITEM_CHARS or piece.startswith("http"):
                continue
            if not any(ch.isalnum() for ch in piece):
                continue  # "&", "…": what is left of a heading, never a list item
            if R.NOT_A_LIST_ITEM.search(piece):
                continue
            if piece.casefold() not in seen:
                seen.add(piece.casefold())
                out.append(piece)
    return out


def _rel_links(page: Page, want: str) -> list[str]:
    """Texts of <a rel~=want> in the post (rel="category tag" counts as a category only);
    for categories, those in a side column as the last resort (``side_column``)."""
    for scope in scopes(page):
        texts: list[str] = []
        for link in _REL_LINKS(scope):
            rel = set((link.get("rel") or "").casefold().split())
            if want == "tag" and (rel & _CATEGORY_RELS or "tag" not in rel):
                continue
            if want == "category" and not rel & _CATEGORY_RELS:
                continue
            check = _category_link_in_scope if want == "category" else in_scope
            if check(link, page, scope):
                texts.append(text_of(link))
        if texts:
            return texts
    if want == "category":
        return [
            text_of(link)
            for link in _REL_LINKS(page.tree)
            if set((link.get("rel") or "").casefold().split()) & _CATEGORY_RELS
            and _category_link_in_scope(link, page, page.tree, side_column=True)
        ]
    return []


def _category_link_in_scope(link: Any, page: Page, scope: Any, side_column: bool = False) -> bool:
    """``in_scope`` for a ``rel="category"`` link, where comment, share and reply class
    words do not exclude.

    A CMS writes rel="category" only on an item's own category links; a comment list, a
    share bar or a reply form never holds one. Those words there name the post's meta line
    that also shows the comment count or the share buttons ("date-comments", "postmetadata
    commentmeta", "tags-categories-social"). Menus, widgets and related-post loops still
    exclude: a loop of other posts repeats their categories.

    ``side_column``: the last resort when neither the post nor the page holds such a link
    elsewhere; an <aside> or a column classed "sidebar" (but no widget in it) then counts,
    since some themes put the post's meta beside it ("<section class="meta"
    id="sidebar">", a "right-sidebar" content block).
    """
    stop = page.root if scope is page.root and page.root is not page.tree else None
    neutral = R.CATEGORY_SIDE_NEUTRAL_REGION if side_column else R.CATEGORY_NEUTRAL_REGION
    return in_post(link, stop, neutral=neutral, keep_asides=side_column)


# Only elements that can match: an XPath filter runs in C, where a Python loop over every
# element of a large page was the most expensive part of these rules.
_REL_LINKS = etree.XPath("descendant-or-self::a[@rel]")
# Only for a post's element beside the root element; see ``meta_page.attribute_marks``.
_CLASSED = etree.XPath("descendant-or-self::*[@class or @id]")
# A cheap test that picks the few elements of a whole page worth the CATEGORY_CLASS regex.
_CATEGORY_HINT_RE = re.compile("|".join(map(re.escape, R.CATEGORY_CLASS_HINTS)), re.IGNORECASE)
_SKIPPED_CONTAINERS = frozenset({"body", "article", "html"})


def _classed_elements(page: Page, whole: bool = False) -> tuple[list[Any], str, list[int]]:
    """The post's elements with a class or id (``whole``: the page's elements outside the
    post whose class or id may name a category list), their class/id words joined one per
    line, and where each line starts; computed once per page.

    One regex scan over the joined words replaces a search per element (the class patterns
    are plain words, so a match never spans two lines).
    """
    key = "classed_page" if whole else "classed"
    cached = _CACHE.get(page, key)
    if cached is None:
        classed = attribute_marks(page)[0]  # descendant-or-self::*[@class or @id]
        if whole:
            inner = set(page.root.iter())
            elements = [
                e for e in classed if _CATEGORY_HINT_RE.search(class_words(e)) and e not in inner
            ]
        elif page.root is page.tree:
            elements = list(classed)
        elif any(ancestor is page.tree for ancestor in page.root.iterancestors()):
            inner = set(page.root.iter())
            elements = [e for e in classed if e in inner]
        else:  # the post's element beside the root element (markup after </html>)
            elements = list(_CLASSED(page.root))
        elements = [e for e in elements if e.tag not in _SKIPPED_CONTAINERS]
        lines = [class_words(e).replace("\n", " ") for e in elements]
        starts: list[int] = []
        offset = 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        cached = (elements, "\n".join(lines), starts)
        _CACHE.put(page, key, cached)
    return cached


def _classed_links(
    page: Page,
    pattern: re.Pattern[str],
    outside: bool = False,
    refuse: re.Pattern[str] | None = None,
) -> list[str]:
    """Link texts of the first element classed by ``pattern`` in the post (``outside``: a
    category list on the page outside the post's element, with at most
    ``MAX_TAXONOMY_LINKS`` links); links whose target matches ``refuse`` are left out."""
    elements, joined, starts = _classed_elements(page, whole=outside)
    last = -1
    for match in pattern.finditer(joined):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index == last or _region_prefixed(joined, match.start()):
            continue
        last = index
        element = elements[index]
        if in_scope(element, page, page.tree if outside else page.root):
            links = [
                text_of(a) for a in element.iter("a") if refuse is None or not _links_to(a, refuse)
            ]
            links = [t for t in links if t]
            if outside and len(links) > R.MAX_TAXONOMY_LINKS:
                continue  # the site's list of every category, not the item's
            if links:
                return links
    return []


def _region_prefixed(joined: str, start: int) -> bool:
    """Whether the class word holding a match at ``start`` names a region's list
    ("side_categories", "footer__categories", "header-tags"): the site's list shown in
    that region, not the item's."""
    word_start = max(joined.rfind(" ", 0, start), joined.rfind("\n", 0, start)) + 1
    return R.LIST_CLASS_REGION_PREFIX.search(joined[word_start:start]) is not None


_LABELLED_TAGS = frozenset({"p", "div", "span", "li", "footer"})  # all in SHORT_BLOCK_TAGS


def _short_blocks(page: Page) -> list[tuple[Any, str]]:
    """(element, text) of the post's p/div/span/li/footer elements whose text is at most
    300 characters, in document order; computed once per page for every label rule."""
    cached = _CACHE.get(page, "short_blocks")
    if cached is None:
        cached = [(e, text) for e, text in short_blocks(page) if e.tag in _LABELLED_TAGS]
        _CACHE.put(page, "short_blocks", cached)
    return cached


def _labelled_text(
    page: Page,
    label: re.Pattern[str],
    stop: re.Pattern[str],
    other_list: re.Pattern[str] | None = None,
    confirm: tuple[re.Pattern[str], re.Pattern[str]] | None = None,
) -> list[str]:
    """Theme text like "Posted in A, B | Tagged C": the items after the label, up to the
    next list's label (``stop``: "Tagged" ends the categories, "Posted in" the tags).

    A label glued to what follows ("KategorienPolitik") counts only when a link's text
    follows it: "Rubriklistenbild" is one word, not the label "Rubrik". Links whose target
    is a page of the other list (``other_list``: "/tag/…" for categories) are not items,
    whatever the label says: "Filed under" introduces a news site's topic tags.
    """
    for element, text in _short_blocks(page):
        # ``text`` is collapsed (single spaces only): of the separators only " | " can be in it.
        for segment in text.split(" | "):
            match = label.match(segment)
            if not match or match.end() >= len(segment):
                continue
            if not in_scope(element, page, page.root):
                break  # the label sits in a sidebar or comment: not the item's
            links = [text_of(a) for a in element.iter("a")]
            rest = segment[match.end() :]
            glued = segment[match.end() - 1].isalnum() and rest[0].isalnum()
            if glued and not any(t and rest.startswith(t) for t in links):
                continue
            end = stop.search(rest)
            if end:
                rest = rest[: end.start()]
            items = [t for t in links if t and t in rest]
            if other_list is not None:
                # A name both lists hold ("Sri Lanka" as category and tag) stays.
                refused = {text_of(a) for a in element.iter("a") if _links_to(a, other_list)}
                refused -= {text_of(a) for a in element.iter("a") if not _links_to(a, other_list)}
                if refused & set(items):
                    return [t for t in items if t not in refused]
            if confirm is not None and not _confirmed(element, page, items, confirm):
                continue
            if items:
                return items
            return _LIST_SPLIT_RE.split(rest)
    return []


def _confirmed(
    element: Any, page: Page, items: list[str], confirm: tuple[re.Pattern[str], re.Pattern[str]]
) -> bool:
    """Whether the page marks a labelled list as the list the label names: its links
    target that list's pages (``confirm[0]``: "/category/…"), or it sits in a container
    classed for it (``confirm[1]``: "cat-links").

    Anchors without a target (a theme that styles names as links) lead nowhere else, so
    they count as targeting the list's pages; plain text needs the container.
    """
    hrefs, classes = confirm
    links = [a for a in element.iter("a") if text_of(a) in items]
    if links and all(_links_to(a, hrefs) or not a.get("href") for a in links):
        return True
    node = element
    while node is not None:
        if classes.search(class_words(node)):
            return True
        if node is page.root:
            break
        node = node.getparent()
    return False


def _links_to(link: Any, pattern: re.Pattern[str]) -> bool:
    return pattern.search(link.get("href") or "") is not None


def _not_labels(items: list[str], label: re.Pattern[str]) -> list[str]:
    """Items that are not the list's label itself (a wiki's "Category:" link)."""
    return [item for item in items if not label.fullmatch(item)]


def _href_links(page: Page, pattern: re.Pattern[str]) -> list[str]:
    """Texts of links inside the post's own element whose target is a taxonomy page."""
    if page.root is page.tree.find("body"):
        return []  # no post element: such links are the site's navigation
    texts = [
        text_of(a)
        for a in page.root.iter("a")
        if pattern.search(a.get("href") or "")
        and in_scope(a, page, page.root)
        and not _in_prose(a, page.root)
    ]
    # A long run of such links is a menu of every section, not the item's own.
    return texts if len(texts) <= R.MAX_TAXONOMY_LINKS else []


def _in_prose(link: Any, stop: Any) -> bool:
    """True for a link in a paragraph of running text (a topic link in the story)."""
    for node in link.iterancestors():
        if node is stop:
            return False
        if node.tag == "p":
            return len(text_of(node)) > 2 * len(text_of(link)) + 40
    return False


def twitter_labelled(page: Page, label: re.Pattern[str]) -> list[str]:
    """The twitter:dataN values whose twitter:labelN matches ``label``."""
    for number in range(1, 5):
        names = page.metas.get(f"twitter:label{number}", [])
        values = page.metas.get(f"twitter:data{number}", [])
        if names and values and label.match(names[0].strip()):
            return [values[0]]
    return []


def categories_from_hrefs(page: Page) -> list[str]:
    """Links in the post to category pages ("/category/politics/")."""
    return clean_items(_href_links(page, R.CATEGORY_HREF_RE))


def categories_from_twitter_label(page: Page) -> list[str]:
    """twitter:label "Filed under" and its twitter:data value."""
    return clean_items(twitter_labelled(page, R.TWITTER_CATEGORY_LABELS))


def categories_from_jsonld(page: Page) -> list[str]:
    """schema.org articleSection: the first one is the item's section (the rest are often
    the site's navigation); only when the page links it (see ``shown``).

    The last rule: SEO plugins fill articleSection with all the post's categories in the
    CMS's order (alphabetical, or by id), so its first value is often a sub-topic ("HSV"
    under "Sport") or a side category; the page's own trail and its URL section say
    which section the site files the item under.
    """
    return shown(page, clean_items(page.jsonld.sections)[:1])


def categories_from_meta(page: Page) -> list[str]:
    """article:section and kin: one section per item, when the page links it."""
    return shown(page, clean_items(meta_values(page, R.META_SECTION))[:1])


def categories_from_rel(page: Page) -> list[str]:
    return clean_items(_rel_links(page, "category"))


def categories_from_classes(page: Page) -> list[str]:
    """Links in a category container of the post ("cat-links", "post-categories"), but not
    those to tag pages: the target names the list, whatever the container's class says."""
    links = _classed_links(page, R.CATEGORY_CLASS, refuse=R.TAG_HREF_RE)
    return _not_labels(clean_items(links), R.CATEGORY_LABELS)


def categories_from_classes_outside_post(page: Page) -> list[str]:
    """A category container after or beside the post's element (a theme's category box
    under the article, a wiki's category links under the content): the last resort.

    Outside the post's element a classed list may be the site's own (a footer list of all
    categories that no class marks as a footer), so it ranks below every section rule and
    counts only while it is short (``MAX_TAXONOMY_LINKS``).
    """
    if page.root is page.tree.find("body"):
        return []  # the whole page was the post's scope: categories_from_classes read it
    items = clean_items(_classed_links(page, R.CATEGORY_CLASS, True, R.TAG_HREF_RE))
    return _not_labels(items, R.CATEGORY_LABELS)


def categories_from_text(page: Page) -> list[str]:
    """Theme text "Posted in A, B" / "Kategorien: A, B", when the page confirms the list:
    its links go to category pages or it sits in a category container ("cat-links").

    Category labels are common words: "Filed under" introduces a news site's topics,
    "Kategorie:" an award's category, a footer menu is headed "Catégories". Tag labels
    are specific enough to stand alone (``tags_from_text`` asks for no confirmation).
    """
    items = _labelled_text(
        page,
        R.CATEGORY_LABELS,
        R.TAG_LABELS_INSIDE,
        R.TAG_HREF_RE,
        (R.CATEGORY_HREF_RE, R.CATEGORY_CLASS),
    )
    return _not_labels(clean_items(items), R.CATEGORY_LABELS)


def categories_from_breadcrumbs(page: Page) -> list[str]:
    """The trail between "Home" and the item itself: last resort only.

    Only the JSON-LD BreadcrumbList of a page that declares itself an article: on the
    development set, HTML breadcrumb bars gave four wrong categories for each right one.
    """
    if not page.jsonld.is_article:
        return []
    trail = list(page.jsonld.breadcrumbs)
    if len(trail) < 2:
        return []
    middle = trail[1:]
    title_key = (page.jsonld.headline or "").casefold()
    if middle and (len(middle[-1]) > R.MAX_LIST_ITEM_CHARS or middle[-1].casefold() == title_key):
        middle = middle[:-1]
    return clean_items(middle[:1])


_BREADCRUMB_CLASSED = words_search(R.BREADCRUMB_CLASS)


def _trail_links(page: Page) -> list[Any]:
    """The links of the page's first breadcrumb bar (class, aria-label or microdata)."""
    for element in page.tree.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_CONTAINERS:
            continue
        if (
            _BREADCRUMB_CLASSED(class_words(element))
            or R.BREADCRUMB_LABEL.search(element.get("aria-label") or "")
            or "breadcrumblist" in (element.get("itemtype") or "").casefold()
        ):
            links = [a for a in element.iter("a") if text_of(a)]
            if links:
                return links
    return []


def _is_home_step(link: Any, page: Page, keys: set[str]) -> bool:
    text = text_of(link)
    if text.casefold() in R.BREADCRUMB_HOME_WORDS:
        return True
    key = _key(text)
    if any(key == k or (len(k) >= 4 and (k in key or key in k)) for k in keys):
        return True  # the site's own name ("Example News", "example.com")
    href = (link.get("href") or "").strip()
    try:
        parts = urlsplit(urljoin(page.url or "", href))
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def categories_from_breadcrumb_bar(page: Page) -> list[str]:
    """The first section of the page's breadcrumb bar ("Home > Politics > Europe > title"
    gives Politics): the last resort, and only on a page that presents one dated item.

    Leading steps naming the home page or the site are skipped, so are skip links, dates
    and issue numbers, and the item's own headline.
    """
    if not _is_item_page(page):
        return []
    keys = site_keys(page.site_name, page.url)
    links = _trail_links(page)
    while links and _is_home_step(links[0], page, keys):
        links.pop(0)
    headlines = _headlines(page)
    for link in links:
        text = text_of(link)
        if (link.get("href") or "").startswith("#") or R.BREADCRUMB_NOT_SECTION.match(text):
            continue
        if text.casefold() in headlines or len(text) > R.MAX_LIST_ITEM_CHARS:
            continue
        return clean_items([text])
    return []


def _headlines(page: Page) -> set[str]:
    """The item's headline as the page states it (JSON-LD, og:title, its <h1>)."""
    found = {page.jsonld.headline or ""}
    found.update(page.metas.get("og:title", []))
    heading = page.root.find(".//h1")
    if heading is not None:
        found.add(text_of(heading))
    return {" ".join(h.split()).casefold() for h in found if h}


def _is_item_page(page: Page) -> bool:
    """Whether the page presents one dated item (an article, a post) rather than a shop,
    a forum or a list: og:type article, a schema.org article, a publication-time meta or
    a <time> element."""
    if page.jsonld.is_article:
        return True
    if any(v.casefold() == "article" for v in page.metas.get("og:type", [])):
        return True
    if any(key in page.metas for key in R.ITEM_PAGE_METAS):
        return True
    return page.tree.find(".//time") is not None


def categories_from_url_section(page: Page) -> list[str]:
    """The section the item's URL files it under, named as the page's own link to that
    section names it ("/kultur/…" and a link to "/kultur/" reading "Kultur"): after the
    breadcrumbs, and only on a page presenting one dated item."""
    if not page.url or not _is_item_page(page):
        return []
    try:
        parts = urlsplit(page.url)
    except ValueError:
        return []
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or R.BREADCRUMB_NOT_SECTION.match(segments[0]):
        return []
    want = "/" + segments[0]
    slugs = _slug_prefixes(unquote(segments[0]))
    keys = site_keys(page.site_name, page.url)
    for link in page.tree.iter("a"):
        href = (link.get("href") or "").strip()
        if segments[0] not in href:
            continue
        try:
            target = urlsplit(urljoin(page.url, href))
        except ValueError:
            continue
        if target.hostname != parts.hostname or target.query or target.path.rstrip("/") != want:
            continue
        text = text_of(link)
        if not text or len(text) > R.MAX_LIST_ITEM_CHARS or _is_home_step(link, page, keys):
            continue
        if _slug_key(text) in slugs:
            return clean_items([text])
    return []


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug_key(text: str) -> str:
    return _key(text.casefold().translate(_TRANSLITERATION))


def _slug_prefixes(segment: str) -> set[str]:
    """Comparable forms of a URL segment and of its leading words ("environment-and-
    conservation" is the slug of "Environment and Conservation" and of "Environment")."""
    words = [w for w in re.split(r"[-_.+]+", segment) if w]
    return {_slug_key("".join(words[:n])) for n in range(1, len(words) + 1)} - {""}


CATEGORY_RULES: tuple[Callable[[Page], list[str]], ...] = (
    categories_from_rel,
    categories_from_classes,
    categories_from_text,
    categories_from_hrefs,
    categories_from_twitter_label,
    categories_from_meta,
    categories_from_breadcrumbs,
    categories_from_breadcrumb_bar,
    categories_from_url_section,
    categories_from_jsonld,
    categories_from_classes_outside_post,
)


def link_texts(page: Page) -> set[str]:
    """Casefolded texts of the page's links (computed once per page)."""
    if page.link_texts is None:
        page.link_texts = {text_of(a).casefold() for a in page.tree.iter("a")} - {""}
    return page.link_texts


def shown(page: Page, items: list[str]) -> list[str]:
    """``items`` if the page links at least one of them, else [].

    Structured keywords are often SEO words the reader never sees; a list the page also
    shows as links (tag pages, section pages) is the item's own.
    """
    texts = link_texts(page)
    return items if any(item.casefold() in texts for item in items) else []


def tags_from_meta(page: Page) -> list[str]:
    """article:tag / news_keywords, when the page shows one of them as a link."""
    return shown(page, clean_items(meta_values(page, R.META_TAGS), split=True))


def tags_from_jsonld(page: Page) -> list[str]:
    """schema.org keywords of the article, when the page shows one of them as a link."""
    return shown(page, clean_items(page.jsonld.keywords, split=True))


def tags_from_rel(page: Page) -> list[str]:
    return clean_items(_rel_links(page, "tag"))


def tags_from_classes(page: Page) -> list[str]:
    return _not_labels(clean_items(_classed_links(page, R.TAG_CLASS)), R.TAG_LABELS)


def tags_from_hrefs(page: Page) -> list[str]:
    """Links in the post to tag pages ("/tag/elections/", "/schlagwort/wahl/")."""
    return clean_items(_href_links(page, R.TAG_HREF_RE))


def tags_from_text(page: Page) -> list[str]:
    items = _labelled_text(page, R.TAG_LABELS, R.CATEGORY_LABELS_INSIDE)
    return _not_labels(clean_items(items), R.TAG_LABELS)


TAG_RULES: tuple[Callable[[Page], list[str]], ...] = (
    tags_from_rel,
    tags_from_classes,
    tags_from_hrefs,
    tags_from_meta,
    tags_from_text,
    tags_from_jsonld,
)


def _first(page: Page, rules: Iterable[Callable[[Page], list[str]]]) -> list[str]:
    for rule in rules:
        values = rule(page)
        if values:
            return values
    return []


def page_categories(page: Page) -> list[str]:
    """Categories of the item (the first rule of ``CATEGORY_RULES`` that finds some)."""
    return _first(page, CATEGORY_RULES)


def page_tags(page: Page) -> list[str]:
    """Tags of the item (the first rule of ``TAG_RULES`` that finds some)."""
    return _first(page, TAG_RULES)
