"""Categories and tags: structured data first, then links and theme text inside the post.

Lists are split on the theme's separator only (a comma between links, not the "and" in
"Humanitarian Aid and Relief"). Tag clouds, sidebars and site-wide keyword meta are never
read; breadcrumbs give categories only when nothing better exists.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from . import meta_rules as R
from .meta_page import Page, class_words, in_scope, meta_values, scopes, text_of

_LIST_SPLIT_RE = re.compile(r"\s*[,;|•·]\s*")
_CATEGORY_RELS = frozenset({"category"})


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
            if piece.casefold() not in seen:
                seen.add(piece.casefold())
                out.append(piece)
    return out


def _rel_links(page: Page, want: str) -> list[str]:
    """Texts of <a rel~=want> in the post (rel="category tag" counts as a category only)."""
    for scope in scopes(page):
        texts: list[str] = []
        for link in scope.iter("a"):
            rel = set((link.get("rel") or "").casefold().split())
            if want == "tag" and (rel & _CATEGORY_RELS or "tag" not in rel):
                continue
            if want == "category" and not rel & _CATEGORY_RELS:
                continue
            if in_scope(link, page, scope):
                texts.append(text_of(link))
        if texts:
            return texts
    return []


def _classed_links(page: Page, pattern: re.Pattern[str]) -> list[str]:
    for element in page.root.iter():
        if not isinstance(element.tag, str) or element.tag in ("body", "article", "html"):
            continue
        if pattern.search(class_words(element)) and in_scope(element, page, page.root):
            links = [text_of(a) for a in element.iter("a")]
            links = [t for t in links if t]
            if links:
                return links
    return []


def _labelled_text(page: Page, label: re.Pattern[str]) -> list[str]:
    """Theme text like "Posted in A, B | Tagged C": the items after the label."""
    for element in page.root.iter("p", "div", "span", "li", "footer"):
        text = text_of(element)
        if not text or len(text) > 300 or not in_scope(element, page, page.root):
            continue
        for segment in re.split(r"\s+\|\s+|\s{2,}|\n", text):
            match = label.match(segment)
            if match and match.end() < len(segment):
                links = [text_of(a) for a in element.iter("a")]
                rest = segment[match.end() :]
                items = [t for t in links if t and t in rest]
                if items:
                    return items
                return _LIST_SPLIT_RE.split(rest)
    return []


def categories_from_jsonld(page: Page) -> list[str]:
    """schema.org articleSection: the first one is the item's section (the rest are often
    the site's navigation)."""
    return clean_items(page.jsonld.sections)[:1]


def categories_from_meta(page: Page) -> list[str]:
    """article:section and kin: one section per item."""
    return clean_items(meta_values(page, R.META_SECTION))[:1]


def categories_from_rel(page: Page) -> list[str]:
    return clean_items(_rel_links(page, "category"))


def categories_from_classes(page: Page) -> list[str]:
    return clean_items(_classed_links(page, R.CATEGORY_CLASS))


def categories_from_text(page: Page) -> list[str]:
    return clean_items(_labelled_text(page, R.CATEGORY_LABELS))


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
    return clean_items(middle[-1:])


CATEGORY_RULES: tuple[Callable[[Page], list[str]], ...] = (
    categories_from_rel,
    categories_from_classes,
    categories_from_text,
    categories_from_meta,
    categories_from_jsonld,
    categories_from_breadcrumbs,
)


def tags_from_meta(page: Page) -> list[str]:
    return clean_items(meta_values(page, R.META_TAGS), split=True)


def tags_from_jsonld(page: Page) -> list[str]:
    return clean_items(page.jsonld.keywords, split=True)


def tags_from_rel(page: Page) -> list[str]:
    return clean_items(_rel_links(page, "tag"))


def tags_from_classes(page: Page) -> list[str]:
    return clean_items(_classed_links(page, R.TAG_CLASS))


def tags_from_text(page: Page) -> list[str]:
    return clean_items(_labelled_text(page, R.TAG_LABELS))


TAG_RULES: tuple[Callable[[Page], list[str]], ...] = (
    tags_from_rel,
    tags_from_classes,
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
