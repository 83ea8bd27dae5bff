"""Metadata from HTML by ranked evidence.

Evidence is consulted in this order for every field, and the first rule that gives a
valid value wins: JSON-LD, then ``<meta>`` (OpenGraph, article:*, Dublin Core, parsely,
sailthru, twitter), then links and elements inside the post (rel=author, rel="category
tag", rel=tag, WordPress entry-meta/entry-footer), ``<time>`` elements, text patterns,
the URL, and finally htmldate for dates. Each rule is a small named function; the
patterns they use live in ``archiver.meta_rules``. Values found in comments, sidebars,
tag clouds or site footers are never used, and a doubtful author is dropped rather than
reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from . import meta_rules as R
from .gates import holds_any, required_literals
from .meta_authors import clean_authors, name_key
from .meta_lists import page_categories, page_tags
from .meta_page import (
    INVISIBLE_TAGS,
    Page,
    class_words,
    first_meta,
    hidden_element,
    in_post,
    in_scope,
    meta_values,
    parse_page,
    reader_text,
    scopes,
    spaced_text,
    squash,
    text_of,
    text_within,
    words_search,
)
from .meta_published import DATE_RULES, page_published
from .meta_source import original_source
from .meta_titles import choose_title, main_label, site_keys
from .model import Metadata

__all__ = [
    "DATE_RULES",
    "Page",
    "extract_meta_for_scoring",
    "extract_metadata",
    "page_published",
    "parse_page",
]

# --- site, url, language, description --------------------------------------------------------


def site_name(page: Page) -> str | None:
    """og:site_name / application-name, then the JSON-LD WebSite or publisher name."""
    value = first_meta(page, R.META_SITE_NAME) or page.jsonld.site_name or page.jsonld.publisher
    if value and not value.startswith(("http://", "https://")) and len(value) <= 100:
        return value
    return None


def canonical_url(page: Page) -> str | None:
    """rel=canonical, then og:url, made absolute; else the URL the page was fetched from."""
    for value in (page.links.get("canonical", []) + meta_values(page, R.META_URL))[:3]:
        absolute = urljoin(page.url or "", value)
        if absolute.startswith(("http://", "https://")):
            return absolute
    return page.url


def page_language(page: Page) -> str | None:
    """<html lang>, then content-language / og:locale meta, then JSON-LD inLanguage."""
    candidates = [
        page.tree.get("lang"),
        page.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    candidates += [first_meta(page, (key,)) for key in R.META_LANGUAGE]
    candidates.append(page.jsonld.language)
    for value in candidates:
        value = squash(value).split(",")[0].strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value or ""):
            return value
    return None


def page_description(page: Page) -> str | None:
    return first_meta(page, R.META_DESCRIPTION) or page.jsonld.description


# --- title ---------------------------------------------------------------------------------


def _is_home_link(href: str | None, url: str | None) -> bool:
    if not href:
        return False
    absolute = urljoin(url or "", href.strip())
    parts = urlsplit(absolute)
    if parts.path not in ("", "/") or parts.query:
        return False
    return not url or parts.hostname == urlsplit(url).hostname


def _inside(element: Any, ancestor: Any) -> bool:
    return any(a is ancestor for a in element.iterancestors())


_SITE_TITLE_CLASSED = words_search(R.SITE_TITLE_CLASS)


def site_logo_names(page: Page) -> tuple[str, ...]:
    """The site's name as its header shows it: the logo / site-title text, or an <h1>
    that links to the home page ("<h1><a href="/">My Blog</a></h1>")."""
    names: list[str] = []
    for element in page.tree.iter("h1", "p", "div", "span", "a"):
        if len(names) >= 3:
            break
        if element.tag == "h1":
            link = element.find(".//a")
            if link is None or not _is_home_link(link.get("href"), page.url):
                continue
        elif not _SITE_TITLE_CLASSED(class_words(element)) or (
            page.root is not page.tree.find("body") and _inside(element, page.root)
        ):
            continue
        text = text_of(element)
        if 2 <= len(text) <= 60:
            names.append(text)
    return tuple(names)


def page_title(page: Page) -> str | None:
    """The item's headline, without the site's name (see ``meta_titles.choose_title``)."""
    logos = site_logo_names(page)
    logo_keys = {squash(n).casefold() for n in logos}
    h1s = [text_of(h) for h in page.root.iter("h1") if in_post(h, page.root, page=page)]
    h1_in_post = bool(h1s) and page.root is not page.tree.find("body")
    if not h1s and page.root is not page.tree:
        h1s = [text_of(h) for h in page.tree.iter("h1") if in_post(h, page=page)]
    h1s = [h for h in h1s if h.casefold() not in logo_keys]
    title_tag = page.tree.find(".//title")
    return choose_title(
        jsonld=page.jsonld.headline,
        meta=meta_values(page, R.META_TITLE)[:1],
        h1=[h for h in h1s if h][:3],
        title_tag=text_of(title_tag) if title_tag is not None else None,
        site_name=page.site_name,
        url=page.url,
        site_names=logos,
        h1_in_post=h1_in_post,
    )


# --- authors -------------------------------------------------------------------------------


def _reject(page: Page) -> set[str]:
    """Names that are never the author here: the site's, the publisher's, the domain's.

    A publisher that JSON-LD types as a Person (a personal blog's owner) is no refusal,
    nor is the domain that spells that person's name.
    """
    names = {page.site_name, page.jsonld.publisher}
    # <meta name="publisher">: "Deutsche Welle (www.dw.com)" also stands in <meta name="author">.
    names.update(v for v in page.metas.get("publisher", []) if not v.startswith(("http", "www.")))
    domain = site_keys(None, page.url)
    if page.jsonld.publisher_is_person and page.jsonld.publisher:
        names.discard(page.jsonld.publisher)  # also when it stood in for the site's name
        # The owner's name is the domain's too ("Jana Roth" on jana-roth.example).
        domain.discard(name_key(page.jsonld.publisher))
    return {n for n in names if n} | domain


def _hidden_or_inside(element: Any) -> bool:
    """The element or one of its ancestors is hidden (see ``hidden_element``)."""
    return hidden_element(element) or any(hidden_element(a) for a in element.iterancestors())


def _shown(page: Page, names: list[str]) -> list[str]:
    """The names a reader can see on the page: structured data naming someone the page
    never shows (or shows only in a hidden element) is usually a CMS account or the site's
    owner, not the item's author."""
    if not names:
        return []  # the page's shown text is read only when there is a name to look for
    text = reader_text(page)
    return [name for name in names if squash(name).casefold() in text]


def authors_from_jsonld(page: Page) -> list[str]:
    """schema.org ``author`` of the article node (people only, never organisations),
    when the page shows them."""
    return _shown(page, clean_authors(page.jsonld.authors, _reject(page), handles=True))


def authors_from_twitter_label(page: Page) -> list[str]:
    """``twitter:label1`` "Written by" / "Verfasst von" and its ``twitter:data1`` value."""
    from .meta_lists import twitter_labelled

    return _shown(
        page, clean_authors(twitter_labelled(page, R.TWITTER_AUTHOR_LABELS), _reject(page))
    )


def authors_from_meta(page: Page) -> list[str]:
    """``<meta name="author">`` and kin: often the site owner, so one-word names are refused."""
    values = [v for v in meta_values(page, R.META_AUTHOR) if not v.startswith(("http", "www."))]
    return _shown(page, clean_authors(values, _reject(page), single_word=False))


def _explicit_author(element: Any) -> bool:
    rel = element.get("rel")
    return (rel is not None and "author" in rel.casefold().split()) or (
        element.get("itemprop") == "author"
    )


def _of_another_item(element: Any) -> bool:
    """Inside a review, comment or answer (schema.org microdata), a quotation's credit or a
    picture's caption: the author named there wrote that, or took the picture
    ("<figcaption>… <span class="img-author">Jane Roe/Reuters</span>"), not the post."""
    if R.NOT_BYLINE_CLASS.search(class_words(element)):
        return True
    return any(
        a.tag == "figcaption" or R.NOT_BYLINE_ITEMTYPE.search(a.get("itemtype") or "")
        for a in element.iterancestors()
    )


def _byline_elements(page: Page, scope: Any) -> list[Any]:
    """Explicit author markup (rel/itemprop=author) first, then byline-classed elements,
    each in document order, of ``scope`` (an element's subtree or a list of elements)."""
    explicit, classed = _byline_marks(page)
    if isinstance(scope, list):
        kept = {id(element) for element in scope}
        return [e for e in explicit if id(e) in kept] + [e for e in classed if id(e) in kept]
    return [e for e in explicit if _within(e, scope)] + [e for e in classed if _within(e, scope)]


# Real pages hold a few byline elements (at most 123 on the 923 evaluation pages); each costs
# walks up its ancestors in the rules below, so a hostile page of 20,000 took 11 s. The first
# this many of the page count.
MAX_BYLINE_MARKS = 1000


_BYLINE_CLASSED = words_search(R.BYLINE_CLASS)


# The attributes the byline walk reads; most elements have none of them.
_BYLINE_ATTRIBUTES = frozenset({"rel", "itemprop", "class", "id", "data-testid"})
_BYLINE_TAGS = ("byline", "author")
_NOT_CLASSED_TAGS = ("body", "html", "article")


def _byline_marks(page: Page) -> tuple[list[Any], list[Any]]:
    """(explicit author elements, byline-classed elements) of the whole page, in document
    order: one walk per page, which the author rules then filter by scope (they asked for
    the post, the headline's block and the whole page: 2-3 walks of every element)."""
    if page.byline_marks is not None:
        return page.byline_marks
    explicit: list[Any] = []
    classed: list[Any] = []
    marks = 0
    for element in page.tree.iter(etree.Element):
        tag = element.tag
        # One call lists an element's attributes: asking for the five read here one by one
        # cost a third of the walk, on elements that mostly have none of them.
        keys = element.keys()
        if keys and not _BYLINE_ATTRIBUTES.isdisjoint(keys):
            if (
                ("rel" in keys or "itemprop" in keys)
                and _explicit_author(element)
                and not _of_another_item(element)
            ):
                explicit.append(element)
                marks += 1
            if tag not in _NOT_CLASSED_TAGS:
                get = element.get
                # class_words(element) and the test id, as the classed rules read them.
                class_ = get("class", "") if "class" in keys else ""
                id_ = get("id", "") if "id" in keys else ""
                testid = get("data-testid", "") if "data-testid" in keys else ""
                words = f"{class_} {id_} {testid}"
                if (
                    tag in _BYLINE_TAGS or (not words.isspace() and _BYLINE_CLASSED(words))
                ) and not _of_another_item(element):
                    classed.append(element)
                    marks += 1
        elif tag in _BYLINE_TAGS and not _of_another_item(element):
            classed.append(element)
            marks += 1
        if marks >= MAX_BYLINE_MARKS:
            break
    page.byline_marks = (explicit, classed)
    return page.byline_marks


def _within(element: Any, scope: Any) -> bool:
    """``element`` is ``scope`` or one of its descendants."""
    return element is scope or any(a is scope for a in element.iterancestors())


def _text_longer(element: Any, limit: int) -> bool:
    """Whether the element's text exceeds ``limit`` characters, reading no more than that."""
    total = 0
    for chunk in element.itertext():
        total += len(chunk.strip())
        if total > limit:
            return True
    return False


def headline_region(page: Page) -> Any | None:
    """The block that holds the item's headline and its byline: the largest ancestor of the
    page's first headline ``<h1>`` whose text stays short (headline, byline, date, teaser).

    Themes often put this header outside the element that holds the post, or in a
    ``<header>`` that the region rules take for the site's: the byline shown right with the
    headline is the item's all the same. A site-logo ``<h1>`` (a link to the home page) is
    no headline.
    """
    if page.headline is None:
        page.headline = _find_headline(page)
    return page.headline[0]


def _find_headline(page: Page) -> tuple[Any, Any]:
    """(the headline's block or None, the headline element or None)."""
    for h1 in page.tree.iter("h1"):
        link = h1.find(".//a")
        if link is not None and _is_home_link(link.get("href"), page.url):
            continue
        if len(text_of(h1)) < 8:
            continue
        region = h1
        for ancestor in h1.iterancestors():
            if ancestor.tag in ("body", "html") or _text_longer(ancestor, R.HEADLINE_REGION_CHARS):
                break
            region = ancestor
        return (None if region is h1 else region), h1
    return None, _titled_heading(page)


def _titled_heading(page: Page) -> Any | None:
    """Without a headline ``<h1>``: the first ``<h2>``/``<h3>`` whose text the page's title
    (``og:title``, ``<title>``) holds: the theme shows the headline in a lower heading."""
    titles = [squash(v).casefold() for v in meta_values(page, R.META_TITLE)[:1]]
    title_tag = page.tree.find(".//title")
    if title_tag is not None:
        titles.append(text_of(title_tag).casefold())
    titles = [t for t in titles if t]
    if not titles:
        return None
    for heading in page.tree.iter("h2", "h3"):
        text = text_of(heading).casefold()
        if len(text) >= 12 and any(text in title for title in titles):
            return heading
    return None


def authors_from_elements(page: Page) -> list[str]:
    """rel=author links, itemprop=author and byline/author-classed elements in the post,
    then in the block that holds the headline (see ``headline_region``).

    The post shows these as its author, so a login ("tlow") is accepted here.
    """
    region = headline_region(page)
    areas: list[tuple[Any, bool]] = [(page.root, False)]
    if region is not None:
        areas.append((region, True))
    areas.append((_below_headline(page, every=True), True))
    return _names_in_byline_elements(page, areas)


def authors_from_page_elements(page: Page) -> list[str]:
    """Byline elements anywhere on the page outside the post's element (still not in
    comments, sidebars or teasers): weaker than a byline line with the headline, since a
    byline elsewhere on the page is as often another item's."""
    if page.root is page.tree.find("body"):
        return []
    return _names_in_byline_elements(page, [(page.tree, False)])


def _names_in_byline_elements(page: Page, areas: list[tuple[Any, bool]]) -> list[str]:
    """The first byline element of ``areas`` that names someone (``near_headline`` areas
    are read whatever region classes surround them)."""
    reject = _reject(page)
    for scope, near_headline in areas:
        for element in _byline_elements(page, scope):
            if not near_headline and not in_scope(element, page, scope):
                continue
            if _hidden_or_inside(element):
                continue
            named = element.find(".//*[@itemprop='name']")
            if named is None:
                named = _name_part(element)
            target = named if named is not None else element
            value = target.get("content")
            if value and not _shown(page, [squash(value)]):
                # Microdata in a <meta> tag is structured data, not a byline a reader sees.
                continue
            value = value or spaced_text(target)
            if value and len(value) > 120:
                is_box = R.AUTHOR_BOX_CLASS.search(class_words(element))
                value = _author_box_name(target) if is_box else None
            if not value:
                continue
            names = clean_authors([value], reject, handles=True, shown=True)
            if names:
                return names
    return []


def _name_part(element: Any) -> Any | None:
    """The one descendant of a byline element classed as the name ("author__info--name",
    hCard "fn"), or None: the rest of the element is a badge, a label or a picture caption
    ("<span class=label>Example</span> … <span class=author-name>Example Desk</span>")."""
    parts = [
        e
        for e in element.iterdescendants()
        if isinstance(e.tag, str) and R.AUTHOR_BOX_NAME_CLASS.search(class_words(e))
    ]
    if len(parts) != 1:
        return None
    return parts[0] if 2 <= len(spaced_text(parts[0])) <= 60 else None


def _author_box_name(box: Any) -> str | None:
    """The name in an author box (name and biography): its heading or name-classed child."""
    for element in box.iter():
        if element is box or not isinstance(element.tag, str):
            continue
        if element.tag in ("h2", "h3", "h4", "h5", "h6") or R.AUTHOR_BOX_NAME_CLASS.search(
            class_words(element)
        ):
            text = spaced_text(element)
            return text if 2 <= len(text) <= 60 else None
    return None


def authors_from_links(page: Page) -> list[str]:
    """Links to an author page ("/author/jane-doe/") inside the post."""
    reject = _reject(page)
    for scope in scopes(page):
        for link in scope.iter("a"):
            href = link.get("href") or ""
            if (
                R.AUTHOR_HREF_RE.search(href)
                and in_scope(link, page, scope)
                and not _hidden_or_inside(link)
            ):
                names = clean_authors([text_of(link)], reject, handles=True, shown=True)
                if names:
                    return names
    return []


def _quoted(element: Any) -> bool:
    """Inside a ``<blockquote>``: an embedded post's "Posted by" names its author, not ours."""
    return any(a.tag == "blockquote" for a in element.iterancestors())


_BLOCK_TAGS = ("p", "div", "span", "li", "address", "strong", "em", "b", "small", "td", "h5", "h6")


def _short_blocks(page: Page, limit: int = 400, chars: int = 100) -> Iterable[tuple[Any, str]]:
    """Short text blocks of the post, then those of the block that holds the headline.

    The headline's block counts even inside a region the post's rules leave out (a theme's
    layout column classed "sidebar" or "teaser" may hold the whole article header).
    """
    seen: set[Any] = set()
    for count, element in enumerate(page.root.iter(*_BLOCK_TAGS)):
        if count >= limit:
            break
        text = text_within(element, chars)
        if (
            text is not None
            and len(text) > 2
            and in_scope(element, page, page.root)
            and not _quoted(element)
        ):
            seen.add(element)
            yield element, text
    region = headline_region(page)
    if region is not None and region is not page.root:
        for element in region.iter(*_BLOCK_TAGS):
            if element in seen:
                continue
            seen.add(element)
            text = text_within(element, chars)
            if text is not None and len(text) > 2 and not _quoted(element):
                yield element, text
    for element in _below_headline(page):
        if element in seen:
            continue
        text = text_within(element, chars)
        if text is not None and len(text) > 2 and not _quoted(element):
            yield element, text


# The byline sits between the headline and the body: the blocks after the headline up to
# the first paragraph of body text (at least this long), at most this many elements.
_BODY_PARAGRAPH_CHARS = 150
_MAX_BELOW_HEADLINE = 60
_MAX_SCANNED_BELOW_HEADLINE = 400


def _below_headline(page: Page, every: bool = False) -> list[Any]:
    """The short blocks that follow the item's headline ``<h1>`` until the body's first
    paragraph, inside a block that also holds the headline (not across the page's top
    level): the byline there is the item's whatever classes the theme gives its layout
    ("zen-one-sidebar-second", a meta column "Tech-Sidebar", an author card "teaser-box").
    ``every`` gives every element, not only the text blocks."""
    headline_region(page)
    h1 = page.headline[1] if page.headline else None
    if h1 is None:
        return []
    # The list keeps the ancestors' proxies alive, so their ids stay theirs.
    ancestors = list(h1.iterancestors())
    lineage = {id(a) for a in ancestors}
    found: list[Any] = []
    after = False
    scanned = 0
    for element in page.tree.iter(etree.Element):
        if element is h1:
            after = True
            continue
        if not after or _inside(element, h1):
            continue
        scanned += 1
        if len(found) >= _MAX_BELOW_HEADLINE or scanned > _MAX_SCANNED_BELOW_HEADLINE:
            break
        if element.tag == "p" and _text_longer(element, _BODY_PARAGRAPH_CHARS):
            break
        if not (every or element.tag in _BLOCK_TAGS):
            continue
        # Not across the page's top level: a sidebar there is the site's, not the item's.
        shared = next((a for a in element.iterancestors() if id(a) in lineage), None)
        if shared is not None and shared.tag not in ("body", "html"):
            found.append(element)
    return found


def _cut_short(match: re.Match[str]) -> bool:
    """A lone capitalised word followed by lower-case words is no byline but a sentence
    ("Von Mob mit Macheten ermordet") or a name cut short ("By Ana bint Said"); a date
    may follow ("von Marianne1 am 20.09.2020")."""
    rest = match.string[match.end("names") :]
    return (
        len(match["names"].split()) == 1
        and rest.strip()[:1].islower()
        and re.match(r"\s+[^\W\d_]{1,4}\.?\s+\D{0,12}\d", rest) is None
    )


# The byline patterns in the order they are tried: (pattern, matched at the line's start only,
# strings one of which every match holds or None). The unanchored ones are searched at every
# position of every short line of the page: a substring test or two rules most lines out
# first, with the same verdicts (tests/test_metadata.py checks the gates).
_BYLINE_PATTERNS: tuple[tuple[re.Pattern[str], bool, tuple[str, ...] | None], ...] = (
    (R.BYLINE_TEXT_RE, True, None),
    (R.GENRE_BYLINE_RE, True, None),
    (R.DATED_BYLINE_TEXT_RE, True, None),
    (R.POSTED_BY_TEXT_RE, True, None),
    (R.THREAD_STARTER_RE, True, None),
    # Case-insensitive, so required_literals() gives nothing; its colon is in every match.
    (R.AUTHOR_LABEL_RE, False, (":", "\uff1a")),
    (R.KOREAN_WRITER_RE, False, required_literals(R.KOREAN_WRITER_RE)),
    (R.KOREAN_REPORTER_RE, False, required_literals(R.KOREAN_REPORTER_RE)),
    (R.CJK_REPORTER_RE, False, required_literals(R.CJK_REPORTER_RE)),
    (R.JAPANESE_REPORTER_RE, False, required_literals(R.JAPANESE_REPORTER_RE)),
)
_PHOTO_CREDIT_MARKS = ("\u6444", "\u651d")  # 摄, 攝: what CJK_PHOTO_CREDIT_RE needs


def authors_from_text(page: Page) -> list[str]:
    """Byline sentences: "By Jane Doe and John Roe", "Von ...", "Autor: ...", "홍길동 기자"."""
    reject = _reject(page)
    for element, block in _short_blocks(page, chars=_META_BLOCK_CHARS):
        if _hidden_or_inside(element):
            continue
        for text in _fields(_block_lines(element, block)):
            if len(block) > _BYLINE_LINE_CHARS and not _AUTHOR_NOUN_LINE_RE.match(text):
                continue
            if holds_any(text, _PHOTO_CREDIT_MARKS) and R.CJK_PHOTO_CREDIT_RE.search(text):
                continue
            dated = R.DATE_NAME_LINE_RE.match(text)
            if dated:
                # A meta line of a date and a name only: the name is the byline's.
                names = clean_authors([dated["names"]], reject, shown=True)
                if names:
                    return names
            for pattern, anchored, required in _BYLINE_PATTERNS:
                if anchored:
                    match = pattern.match(text)
                elif required is not None and not holds_any(text, required):
                    continue
                else:
                    match = pattern.search(text)
                if match and not _cut_short(match):
                    # A WordPress meta line shows the account's login ("by jdoe on ...").
                    handles = pattern in (R.POSTED_BY_TEXT_RE, R.THREAD_STARTER_RE)
                    value = _before_next_label(match)
                    names = clean_authors([value], reject, handles=handles, shown=True)
                    if names:
                        return names
    return []


# A byline line is short; a block of several lines (a meta box: date, author, tags) may
# be longer as a whole.
_BYLINE_LINE_CHARS = 100
_META_BLOCK_CHARS = 300
# Tags that start a new line of a block's text.
_LINE_BREAK_TAGS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
# A line that is only a byline label: the name is on the next line ("<b>Von:</b><br>Jan Roth").
# Only nouns: "Von:" alone is as often a form's or a date range's label.
_LABEL_ONLY_RE = re.compile(
    r"^(?:autor(?:in|en)?|authors?|auteur(?:e|s|\(s\))?|autore|autora|written by|verfasser(?:in)?)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
# In a longer block of lines (a meta box, a credits box) only a line with an explicit
# author label is read: a "von ..." line there is as often a book's or a picture's credit.
_AUTHOR_NOUN_LINE_RE = re.compile(
    r"^(?:autor(?:in|en)?|authors?|auteur(?:e|s|\(s\))?|autore|autora|written by|"
    r"verfasser(?:in)?)\s*[:：]",
    re.IGNORECASE,
)


def _block_lines(element: Any, text: str) -> list[str]:
    """The block's short lines (split at ``<br>`` and nested blocks), a label-only line
    joined to the next: "Autor: Jan Roth<br>Quelle: dpa" holds two fields, and the name
    must not run into the next label. A block without line breaks is one line, and only
    when it is short."""
    if not any(child.tag in _LINE_BREAK_TAGS for child in element.iterdescendants()):
        return [text] if len(text) <= _BYLINE_LINE_CHARS else []
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "end":
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node is not element and node.tag in _LINE_BREAK_TAGS:
            parts.append("\n")
        if isinstance(node.tag, str) and node.text and node.tag not in ("script", "style"):
            parts.append(node.text)
    lines = [squash(line) for line in "".join(parts).split("\n")]
    joined: list[str] = []
    for line in lines:
        if not line:
            continue
        if joined and _LABEL_ONLY_RE.match(joined[-1]):
            joined[-1] = f"{joined[-1].rstrip(':： ')}: {line}"
        else:
            joined.append(line)
    return [line for line in joined if len(line) <= _BYLINE_LINE_CHARS]


# Separators between the fields of a meta line ("yas! | By Jane Doe | April 13, 2020").
_FIELD_SEPARATOR_RE = re.compile(r"\s+[|·•]\s+")
# Dashes that lead a byline ("---- by Jane Doe", "— Jan Roth").
_LEADING_DASHES_RE = re.compile(r"^[-–—―=~*\s]+")


def _fields(lines: list[str]) -> Iterable[str]:
    """Each line as a whole (a date and a name: "11.12.2019 | Jane Doe"), then, for a line
    of fields, each field: the byline may be a meta line's second field ("Kolumne | By
    Jane Doe | 13.04.2020"). Leading dashes go ("---- by Jane Doe")."""
    for line in lines:
        bare = _LEADING_DASHES_RE.sub("", line)
        yield bare
        fields = _FIELD_SEPARATOR_RE.split(bare)
        if len(fields) > 1:
            yield from (field for field in fields[1:] if field)


def _before_next_label(match: re.Match[str]) -> str:
    """ "Autor: Jan Roth Quelle: dpa": the word before the next colon is that field's label,
    not part of the name."""
    value = match["names"]
    rest = match.string[match.end("names") :]
    words = value.split()
    if rest.lstrip()[:1] in (":", "：") and len(words) > 2:
        return " ".join(words[:-1])
    return value


def _copyright_owner(line: str, page: Page, domain: set[str]) -> str | None:
    match = R.COPYRIGHT_OWNER_RE.search(line)
    if not match:
        return None
    # "Jane Doe. All rights reserved": the sentence ends after the name.
    value = re.split(r"(?<=[^\W\d_]{3})\.\s", match["names"])[0]
    # The domain itself is what the name must match: only the site's name is refused.
    site = {n for n in (page.site_name, page.jsonld.publisher) if n}
    for name in clean_authors([value], site, shown=True):
        words = name.split()
        # A brand is written in capitals ("EXAMPLE RING") or is the site's name.
        if 2 <= len(words) <= 3 and name_key(name) in domain and name != name.upper():
            return name
    return None


def authors_from_copyright(page: Page) -> list[str]:
    """The owner in the copyright line of a personal site: "© 2020 Jane Doe" on
    janedoe.example wrote its posts.

    Only a person whose name is the domain's is taken: on any other site the copyright
    holder is the publisher, not the item's author.
    """
    domain = {k for k in site_keys(None, page.url) if len(k) >= 4}
    body = page.tree.find("body")
    if not domain or body is None:
        return []
    chunks = [c.strip() for c in body.itertext()]
    for position, chunk in enumerate(chunks):
        if not R.COPYRIGHT_MARK_RE.search(chunk):
            continue
        # The holder may be the next element's text ("©<a>Jane Doe</a>").
        following = next((c for c in chunks[position + 1 : position + 3] if c), "")
        for line in (chunk, f"{chunk} {following}"):
            name = _copyright_owner(line, page, domain)
            if name:
                return [name]
    return []


def personal_domain_keys(url: str | None) -> set[str]:
    """Comparable forms of the name a personal site's address may be: its main label
    ("janedoe" for janedoe.example, jane-doe.example) or, on a blog host, the blog's own
    label ("janedoe" for janedoe.wordpress.com)."""
    host = (urlsplit(url or "").hostname or "").casefold().removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2:
        return set()
    blog = ".".join(labels[-2:]) in R.BLOG_HOSTS or ".".join(labels[-3:-1]) in R.BLOG_HOSTS
    key = name_key(labels[0] if blog else main_label(labels))
    return {key} if len(key) >= R.PERSONAL_DOMAIN_MIN_CHARS else set()


def authors_from_personal_domain(page: Page) -> list[str]:
    """The person whose name is the site's address, as the page shows it: "Jane Doe" in the
    header, the about box or the footer of janedoe.example (or jane-doe.example,
    janedoe.wordpress.com) wrote its posts.

    The name must start with a known given name: brands are as often named after their
    domain ("Zoo Berlin" on zoo-berlin.example) and are no authors.
    """
    from .given_names import starts_with_given_name

    keys = personal_domain_keys(page.url)
    body = page.tree.find("body")
    if not keys or body is None:
        return []
    for element in page.elements or body.iter():
        if not isinstance(element.tag, str):
            continue
        # A script's text is no reader's; the text after it (its tail) is.
        own = None if element.tag in INVISIBLE_TAGS else element.text
        # The tail is the parent's text: the parent decides whether it is hidden.
        for text, holder in ((own, element), (element.tail, element.getparent())):
            if not text or not text.strip() or holder is None:
                continue
            for match in R.PERSONAL_NAME_RE.finditer(text):
                name = match.group(0)
                if (
                    _personal_key(name) & keys
                    and starts_with_given_name(name)
                    and not _hidden_or_inside(holder)
                ):
                    return clean_authors([name], shown=True)
    return []


def _personal_key(name: str) -> set[str]:
    """The name's key, and its German spelling without umlauts ("Günter" -> "guenter")."""
    from .given_names import UMLAUT_SPELLING

    spelled = name.translate(UMLAUT_SPELLING)
    return {name_key(name), name_key(spelled)}


AUTHOR_RULES: tuple[Callable[[Page], list[str]], ...] = (
    authors_from_jsonld,
    authors_from_twitter_label,
    authors_from_meta,
    authors_from_elements,
    authors_from_links,
    authors_from_text,
    authors_from_page_elements,
    authors_from_copyright,
    authors_from_personal_domain,
)


def fuller_name_shown(page: Page, first: str) -> str | None:
    """The one longer name starting with the lone name ``first`` that an element of the page
    starts its own text with: the author box's bio ("Stefanus Roth - Maschinenbauer, …") or
    a byline field (``<p class="full-name">Todd Roe</p>``) when the evidence found held
    the first name only. None when no element, or elements with different surnames, do;
    comments and hidden elements do not count (a commenter may share the first name)."""
    body = page.tree.find("body")
    if body is None:
        return None
    pattern = re.compile(
        rf"(?i:{re.escape(first)})(?:\s+{R.FULL_NAME_WORD}){{1,2}}(?=\s*$|\s+[-–—|(]|,)"
    )
    found: dict[str, str] = {}
    for element in body.iter(etree.Element):
        text = squash(element.text)
        match = pattern.match(text) if text else None
        if match is None or _in_comments(element) or _hidden_or_inside(element):
            continue
        name = match.group(0)
        if clean_authors([name], _reject(page), shown=True) == [name]:
            found.setdefault(name.casefold(), name)
    return next(iter(found.values())) if len(found) == 1 else None


def _in_comments(element: Any) -> bool:
    return any(R.COMMENT_REGION.search(class_words(a)) for a in element.iterancestors())


def page_authors(page: Page) -> list[str]:
    """Authors by the first rule of ``AUTHOR_RULES`` that finds some.

    A lone first name ("Jane") is replaced by a later rule's fuller name that starts
    with it ("Jane Doe"): structured data often holds the display name only.
    """
    found: dict[Callable[[Page], list[str]], list[str]] = {}

    def run(rule: Callable[[Page], list[str]]) -> list[str]:
        # Each rule runs at most once per page: the checks below consult later rules.
        if rule not in found:
            found[rule] = rule(page)
        return found[rule]

    for position, rule in enumerate(AUTHOR_RULES):
        names = run(rule)
        if not names:
            continue
        if position < AUTHOR_RULES.index(authors_from_elements):
            # Structured data often names the first author only; the post's byline shows
            # them all ("Von Ana Roth und Ben Lee"): its longer list, if it holds these.
            shown = run(authors_from_elements)
            if len(shown) > len(names) and {n.casefold() for n in names} <= {
                n.casefold() for n in shown
            }:
                return shown
        if all(len(n.split()) == 1 for n in names):
            for later in AUTHOR_RULES[position + 1 :]:
                fuller = run(later)
                first = names[0].casefold()
                if (
                    fuller
                    and fuller[0].casefold().split()[0] == first
                    and len(fuller[0].split()) > 1
                ):
                    return fuller
            if len(names) == 1:
                full = fuller_name_shown(page, names[0])
                if full:
                    return [full]
            if all(n == n.lower() for n in names) and position < AUTHOR_RULES.index(
                authors_from_text
            ):
                # A CMS account's login ("Gespeichert von jdoe") is what the software
                # shows; a byline line in the post with a full name ("Ein Beitrag von Jana
                # Roth") is what the author wrote.
                written = run(authors_from_text)
                if written and all(len(n.split()) > 1 for n in written):
                    return written
        return names
    return []


def extract_metadata(html: str, url: str | None = None, tree: Any = None) -> Metadata:
    """Return the metadata of an HTML page (``html`` already decoded to text).

    ``url`` is where the page came from, when known; it is the fallback for
    ``Metadata.url`` and feeds the URL-date rule. ``tree`` is the page already parsed
    (``clean.html.load_tree``), read and not modified.
    """
    page = parse_page(html, url, tree)
    if page is None:
        return Metadata(url=url)
    page.site_name = site_name(page)
    values = {
        "title": page_title(page),
        "authors": page_authors(page),
        "categories": page_categories(page),
        "tags": page_tags(page),
        "site_name": page.site_name,
        "url": canonical_url(page),
        "original_source": original_source(page),
        "language": page_language(page),
        "description": page_description(page),
    }
    # Last: the htmldate fallback may prune the tree it is given.
    values["published"] = page_published(page)
    return Metadata(**values)


def extract_meta_for_scoring(html: bytes, url: str | None = None) -> dict[str, Any]:
    """Adapter for ``score_metadata.py``: bytes in, the scorer's flat dict out."""
    from .decode import decode

    text, _encoding = decode(html)
    meta = extract_metadata(text, url)
    return {
        "title": meta.title,
        "author": ", ".join(meta.authors) or None,
        "date": meta.published,
        "sitename": meta.site_name,
        "categories": meta.categories,
        "tags": meta.tags,
    }
