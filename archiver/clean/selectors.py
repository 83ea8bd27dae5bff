"""trafilatura's element selectors, evaluated in Python rather than by libxml2's XPath engine.

trafilatura 2.3 finds the article frame and prunes boilerplate with a dozen XPath expressions,
most of them calling the EXSLT regular-expression extension (``re:test``), which lxml answers
with a call back into Python for every attribute tested. libxml2 spends 1-2 microseconds an
element on them: about 12 ms of a real news page (13 % of archiving it) and 1 ms of a small
one. A plain walk over the element tree with the same tests (``iterdescendants`` filters the
tag names in C, then Python's ``re`` runs the very same patterns, as lxml's extension does)
gives the same elements in the same order four to five times faster.

Each selector here replaces one expression, and only when trafilatura's expression text is
exactly the one the selector was written for (whitespace aside); the regular expressions are
read from that text, not copied. With another trafilatura layout nothing is replaced and
trafilatura's XPath runs. ``tests/test_selectors.py`` checks that every selector returns the
same elements as its XPath, element for element, on real and generated pages at every call
trafilatura makes, and on trees built to exercise the corners of XPath's semantics (attribute
order in ``@id|@class``, missing and empty attributes, ``[1]`` per parent, namespaced tags).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

# The XPath texts (whitespace-normalised) of trafilatura 2.3.1 that the selectors implement.
RAW_PRUNE = (
    ".//*[self::div or self::section or self::aside][ re:test(@id, 'mvp-post-add-(?:box|wrap)|"
    "infinite-?scroll') or re:test(@class, 'mvp-post-add-(?:box|wrap)|infinite-?scroll')][ "
    "not(.//h1) or re:test(@id, 'mvp-post-add-(?:box|wrap)') or re:test(@class, "
    "'mvp-post-add-(?:box|wrap)')]"
)
SHARE_BUTTONS = (
    ".//*[self::div or self::section or self::aside][contains(@class, 'elementor-share-buttons')]"
)
COMMENTS_AND_LISTS = (
    ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul][ "
    "re:test(@id, '^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)') or re:test(@class,"
    " '^[Cc]omment(?!ary)|(?:article|post)-comments')][ not(self::ol or self::ul) or "
    "re:test(@id, '^(?:[Cc]omment(?!ary)|comol)') or re:test(@class, '^[Cc]omment(?!ary)|"
    "(?:article|post)-comments')]"
)
COMMENTS = (
    ".//*[self::div or self::list or self::section or self::details][ re:test(@id, "
    "'^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)') or re:test(@class, "
    "'^[Cc]omment(?!ary)|(?:article|post)-comments')]"
)
OVERALL_DISCARD = (
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
    "@data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
    "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, 'cookie') or "
    "re:test(@id, '^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|"
    "button|author|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|"
    "message-container|premium|^ad-') or re:test(@class, '^shar|social|viral|newsletter|"
    "syndication|tags|sidebar|banner|bread-?crumb|button|author|^(?:nav|post-nav|ZendeskForm)|"
    "subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-|dfp[Aa]d|outbrain|taboola|"
    "criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|sociable|embedded|embed|"
    "tag-list|consent|modal-content|permission|elated|next-|-stories|most-popular|more-on|meta|"
    "rating|attachment|timestamp|user-info|user-profile|-icon|article-infos|message-container|"
    "slide|viewport|overlay|options|expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline')]"
)
HIDDEN = (
    ".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style, "
    "'hidden') or contains(@style, 'display:none') or contains(@style, 'display: none') or "
    "re:test(@id, 'reader-comments|akismet') or re:test(@class, '^hide-|comments-title|"
    "nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print| hidden| hide|noprint|"
    "notloaded') or @aria-hidden='true']"
)
TEASERS = (
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
    "contains(translate(@id, 'T', 't'), 'teaser') or contains(translate(@class, 'T', 't'), "
    "'teaser')]"
)
CAPTIONS = (
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
    "contains(@id, 'caption') or contains(@class, 'caption')]"
)
ARTICLE_BODY = (
    ".//*[self::article or self::div or self::main or self::section][ @class='post' or "
    "@class='entry' or @itemprop='articleBody' or @id='articleContent' or re:test(@id, "
    "'(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|"
    "body-text') or re:test(@class, 'post[-_]text|post-body|post-?entry|post[-_]?content|"
    "postContent|post_inner_wrapper|article-?text|articleText|(?:entry|page|text|article|art)-"
    "content|article__content|article(?:-|__)?body|articleBody|ArticleContent|body-text|"
    "article__container') ][1]"
)
STORY = (
    "(.//*[self::article or self::div or self::main or self::section][ @role='article' or "
    "@id='article' or @id='story' or @class='postarea' or @class='art-postcontent' or "
    "@class='text' or @class='cell' or @class='story' or re:test(@id, '^primary|story-body') or "
    "re:test(@class, 'fulltext', 'i') or re:test(@class, '^article |post-bodycopy|"
    "story-?content|(?:theme|blog|section|single)-content|single-post|main-column|"
    "wpb_text_column|story-body|field-body') ])[1]"
)
MAIN_CONTENT = (
    "(.//*[self::article or self::div or self::main or self::section][ @id='content' or "
    "@class='content' or re:test(@id, 'content-main|content-body|contentBody') or "
    "re:test(@class, 'content[-_]main|content(?:-|__)body') or contains(translate(@id, 'CM',"
    "'cm'), 'main-content') or contains(translate(@class, 'CM','cm'), 'main-content') or "
    "contains(translate(@class, 'CP','cp'), 'page-content') ])[1]"
)
MAIN = (
    "(.//*[self::article or self::div or self::section][ starts-with(@class, 'main') or "
    "starts-with(@id, 'main') or starts-with(@role, 'main')])[1]|(.//main)[1]"
)

_CONSENT = (
    "cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie|"
    "consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr"
)
BASIC_CLEAN = (
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|"
    f".//style|.//svg|.//template|.//*[re:test(@class, '{_CONSENT}', 'i') or "
    f"re:test(@id, '{_CONSENT}', 'i')]"
)

_RE_TEST = re.compile(r"re:test\([^,]+, '([^']*)'(?:, '([^']*)')?\)")


def regexes(xpath_text: str) -> list[re.Pattern[str]]:
    """The patterns of the ``re:test`` calls in ``xpath_text``, in order, compiled as lxml's
    EXSLT extension compiles them (flag "i": ignore case)."""
    return [
        re.compile(pattern, re.IGNORECASE if "i" in flags else 0)
        for pattern, flags in _RE_TEST.findall(xpath_text)
    ]


def _either(element: Any, first: str, second: str) -> str:
    """The string value of ``@first|@second``: the value of whichever of the two attributes
    comes first on the element (XPath's document order), "" when it has neither."""
    one = element.get(first)
    other = element.get(second)
    if one is None:
        return other if other is not None else ""
    if other is None:
        return one
    for name in element.keys():  # noqa: SIM118 - attribute order is what matters
        if name == first:
            return one
        if name == second:
            return other
    return one  # pragma: no cover - both were found above


_DIV_SECTION_ASIDE = ("div", "section", "aside")
_BLOCKS = ("div", "item", "list", "p", "section", "span")
_FRAMES = ("article", "div", "main", "section")


def _raw_prune(tree: Any) -> list[Any]:
    either_id, either_class, own_id, own_class = _PATTERNS[RAW_PRUNE]
    found = []
    for element in tree.iterdescendants(*_DIV_SECTION_ASIDE):
        id_ = element.get("id") or ""
        class_ = element.get("class") or ""
        if not (either_id.search(id_) or either_class.search(class_)):
            continue
        if (
            next(element.iterdescendants("h1"), None) is None
            or own_id.search(id_)
            or own_class.search(class_)
        ):
            found.append(element)
    return found


def _where(tags: tuple[str, ...], test: Callable[[Any], bool]) -> Callable[[Any], list[Any]]:
    """A selector of the descendants with one of ``tags`` that pass ``test``."""

    def select(tree: Any) -> list[Any]:
        return [element for element in tree.iterdescendants(*tags) if test(element)]

    return select


def _attribute_holds(name: str, word: str, fold: str = "") -> Callable[[Any], bool]:
    """``contains(@name, word)``, or ``contains(translate(@name, 'X', 'x'), word)`` for
    ``fold`` = "X" (that upper-case letter read as lower-case)."""

    def test(element: Any) -> bool:
        value = element.get(name) or ""
        return word in (value.replace(fold, fold.lower()) if fold else value)

    return test


def _either_holds(*tests: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda element: any(test(element) for test in tests)


_share_buttons = _where(_DIV_SECTION_ASIDE, _attribute_holds("class", "elementor-share-buttons"))
_teasers = _where(
    _BLOCKS,
    _either_holds(_attribute_holds("id", "teaser", "T"), _attribute_holds("class", "teaser", "T")),
)
_captions = _where(
    _BLOCKS, _either_holds(_attribute_holds("id", "caption"), _attribute_holds("class", "caption"))
)


def _comment_blocks(tree: Any, with_lists: bool) -> list[Any]:
    """COMMENTS, or COMMENTS_AND_LISTS: the same blocks plus ``ol``/``ul`` lists that pass
    the stricter patterns of the expression's second condition."""
    if with_lists:
        any_id, any_class, list_id, list_class = _PATTERNS[COMMENTS_AND_LISTS]
        tags = ("div", "list", "section", "details", "ol", "ul")
    else:  # no ol/ul is looked at, so the list patterns are never read
        any_id, any_class = list_id, list_class = _PATTERNS[COMMENTS]
        tags = ("div", "list", "section", "details")
    found = []
    for element in tree.iterdescendants(*tags):
        id_ = element.get("id")
        class_ = element.get("class")
        if id_ is None and class_ is None:
            continue
        id_ = id_ or ""
        class_ = class_ or ""
        if not (any_id.search(id_) or any_class.search(class_)):
            continue
        if element.tag not in ("ol", "ul") or list_id.search(id_) or list_class.search(class_):
            found.append(element)
    return found


def _overall_discard(tree: Any) -> list[Any]:
    cookie, by_id, by_class = _PATTERNS[OVERALL_DISCARD]
    found = []
    for element in tree.iterdescendants(*_BLOCKS):
        get = element.get
        id_ = get("id")
        class_ = get("class")
        if (
            (id_ is not None and by_id.search(id_))
            or (class_ is not None and by_class.search(class_))
            or get("data-lp-replacement-content") is not None
            or "nav" in (get("role") or "").replace("N", "n")
            or "MostPopularStories" in (get("data-component") or "")
            or cookie.search(_either(element, "id", "class"))
        ):
            found.append(element)
    return found


def _hidden(tree: Any) -> list[Any]:
    hidden, by_id, by_class = _PATTERNS[HIDDEN]
    found = []
    for element in tree.iterdescendants(etree.Element):
        get = element.get
        id_ = get("id")
        class_ = get("class")
        style = get("style")
        if id_ is None and class_ is None and style is None:
            if get("aria-hidden") == "true":
                found.append(element)
            continue
        if (
            class_ == "comments-title"
            or _either(element, "id", "class").startswith("reply-")
            or hidden.search(_either(element, "id", "style"))
            or (style is not None and ("display:none" in style or "display: none" in style))
            or (id_ is not None and by_id.search(id_))
            or (class_ is not None and by_class.search(class_))
            or get("aria-hidden") == "true"
        ):
            found.append(element)
    return found


def _is_article_body(element: Any) -> bool:
    by_id, by_class = _PATTERNS[ARTICLE_BODY]
    id_ = element.get("id")
    class_ = element.get("class")
    return (
        class_ in ("post", "entry")
        or element.get("itemprop") == "articleBody"
        or id_ == "articleContent"
        or (id_ is not None and by_id.search(id_) is not None)
        or (class_ is not None and by_class.search(class_) is not None)
    )


def _article_body(tree: Any) -> list[Any]:
    # "[1]" applies per step: the first matching child of each parent, in document order.
    found = []
    parents: set[Any] = set()
    for element in tree.iterdescendants(*_FRAMES):
        if _is_article_body(element):
            parent = element.getparent()
            if parent not in parents:
                parents.add(parent)
                found.append(element)
    return found


def _is_story(element: Any) -> bool:
    by_id, fulltext, by_class = _PATTERNS[STORY]
    id_ = element.get("id")
    class_ = element.get("class")
    return (
        element.get("role") == "article"
        or id_ in ("article", "story")
        or class_ in ("postarea", "art-postcontent", "text", "cell", "story")
        or (id_ is not None and by_id.search(id_) is not None)
        or (class_ is not None and (fulltext.search(class_) or by_class.search(class_)) is not None)
    )


def _is_main_content(element: Any) -> bool:
    by_id, by_class = _PATTERNS[MAIN_CONTENT]
    id_ = element.get("id")
    class_ = element.get("class")
    if id_ is None and class_ is None:
        return False
    id_ = id_ or ""
    class_ = class_ or ""
    return (
        id_ == "content"
        or class_ == "content"
        or by_id.search(id_) is not None
        or by_class.search(class_) is not None
        or "main-content" in id_.replace("C", "c").replace("M", "m")
        or "main-content" in class_.replace("C", "c").replace("M", "m")
        or "page-content" in class_.replace("C", "c").replace("P", "p")
    )


def _first(test: Callable[[Any], bool]) -> Callable[[Any], list[Any]]:
    def select(tree: Any) -> list[Any]:
        for element in tree.iterdescendants(*_FRAMES):
            if test(element):
                return [element]
        return []

    return select


def _main(tree: Any) -> list[Any]:
    framed = None
    main = None
    for element in tree.iterdescendants("article", "div", "section", "main"):
        if element.tag == "main":
            if main is None:
                main = element
                if framed is not None:
                    return [framed, main]
        elif framed is None and (
            (element.get("class") or "").startswith("main")
            or (element.get("id") or "").startswith("main")
            or (element.get("role") or "").startswith("main")
        ):
            framed = element
            if main is not None:
                return [main, framed]
    return [found for found in (framed, main) if found is not None]


_PAGE_FURNITURE = frozenset(
    {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
)


def ignoring_case(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search(value) is not None`` for a pattern compiled with ``re.IGNORECASE``,
    faster on ASCII values: those are lower-cased and searched by the same pattern without
    the flag, which lets the engine skip ahead to the characters a match can start with (a
    case-insensitive search tries every position). For an ASCII value the two agree when the
    pattern holds no upper-case letter: an ASCII letter then matches only its two cases.
    Other values, and other patterns, are searched as they are."""
    text = pattern.pattern
    if not (pattern.flags & re.IGNORECASE) or not text.isascii() or text != text.lower():
        return lambda value: pattern.search(value) is not None
    folded = re.compile(text, pattern.flags & ~re.IGNORECASE)

    def found(value: str) -> bool:
        if value.isascii():
            return folded.search(value.lower()) is not None
        return pattern.search(value) is not None

    return found


def _basic_clean(tree: Any) -> list[Any]:
    by_class, by_id = _BASIC_CLEAN_TESTS
    found = []
    for element in tree.iterdescendants(etree.Element):
        tag = element.tag
        if tag in _PAGE_FURNITURE:
            found.append(element)
            continue
        class_ = element.get("class")
        id_ = element.get("id")
        if class_ is None and id_ is None:
            continue
        if (
            (tag == "div" and "footer" in _either(element, "class", "id"))
            or (class_ is not None and by_class(class_))
            or (id_ is not None and by_id(id_))
        ):
            found.append(element)
    return found


_SELECTORS: dict[str, Callable[[Any], list[Any]]] = {
    RAW_PRUNE: _raw_prune,
    SHARE_BUTTONS: _share_buttons,
    COMMENTS_AND_LISTS: lambda tree: _comment_blocks(tree, with_lists=True),
    COMMENTS: lambda tree: _comment_blocks(tree, with_lists=False),
    OVERALL_DISCARD: _overall_discard,
    HIDDEN: _hidden,
    TEASERS: _teasers,
    CAPTIONS: _captions,
    ARTICLE_BODY: _article_body,
    STORY: _first(_is_story),
    MAIN_CONTENT: _first(_is_main_content),
    MAIN: _main,
    BASIC_CLEAN: _basic_clean,
}
_PATTERNS: dict[str, list[re.Pattern[str]]] = {text: regexes(text) for text in _SELECTORS}
# The consent-banner pattern is tested case-insensitively on every class and id of the page.
_BASIC_CLEAN_TESTS = [ignoring_case(pattern) for pattern in _PATTERNS[BASIC_CLEAN]]

# The lists of trafilatura.xpaths whose expressions are replaced.
SELECTOR_LISTS = (
    "RAW_TREE_PRUNE_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "OVERALL_DISCARD_XPATH",
    "TEASER_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "BODY_XPATH",
)


# Single expressions replaced where trafilatura's modules hold them: (module, name).
SELECTOR_NAMES = (
    ("trafilatura.settings", "BASIC_CLEAN_XPATH"),
    ("trafilatura.baseline", "BASIC_CLEAN_XPATH"),  # html2txt's, imported by name
)


def normalized(xpath_text: str) -> str:
    return " ".join(xpath_text.split())


class Selector:
    """Stands in for one of trafilatura's XPath objects: called with an element, returns
    what the XPath would; anything else (an ElementTree, XPath variables) goes to the XPath."""

    def __init__(self, xpath: Any, select: Callable[[Any], list[Any]]) -> None:
        self.xpath = xpath
        self.path = xpath.path
        self.select = select

    def __call__(self, tree: Any, **variables: Any) -> Any:
        if not _enabled or variables or not isinstance(tree, etree._Element):
            return self.xpath(tree, **variables)
        return self.select(tree)


_installed: int | None = None  # how many expressions were replaced, once installed
_enabled = True


def install() -> int:
    """Put the selectors in place of the XPath expressions they match in trafilatura
    (idempotent: later calls cost nothing); return how many expressions are replaced (0 with
    an unfamiliar trafilatura)."""
    global _installed
    if _installed is not None:
        return _installed
    from trafilatura import xpaths

    replaced: set[int] = set()
    for name in SELECTOR_LISTS:
        expressions = getattr(xpaths, name, None)
        for index, xpath in enumerate(expressions if isinstance(expressions, list) else ()):
            selector = _selector_for(xpath)
            if selector is not None:
                # In place: trafilatura's modules hold these very lists.
                expressions[index] = selector
            if isinstance(expressions[index], Selector):
                replaced.add(id(expressions[index].xpath))
    for module_name, name in SELECTOR_NAMES:
        module = importlib.import_module(module_name)
        selector = _selector_for(getattr(module, name, None))
        if selector is not None:
            setattr(module, name, selector)
        if isinstance(getattr(module, name, None), Selector):
            replaced.add(id(getattr(module, name).xpath))
    _installed = len(replaced)
    return _installed


def _selector_for(xpath: Any) -> Selector | None:
    """A selector standing in for ``xpath``, or None (already one, or not an expression
    any selector was written for)."""
    if isinstance(xpath, Selector):
        return None
    select = _SELECTORS.get(normalized(getattr(xpath, "path", "") or ""))
    return Selector(xpath, select) if select is not None else None


def set_enabled(enabled: bool) -> None:
    """Switch between the selectors and trafilatura's XPath (tests and benchmarks compare)."""
    global _enabled
    _enabled = enabled
