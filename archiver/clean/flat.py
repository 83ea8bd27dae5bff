"""Parser-free HTML handling for pages that defeat tree builders.

lxml/libxml2 stop building the tree at 256 levels of nesting and silently drop the rest of
the page, so extraction first estimates the depth in one linear pass over the tags and, for
pages nested deeper than ``MAX_HTML_DEPTH``, takes the visible text by a flat pass instead:
linear time, no recursion, no main-content detection.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from lxml import etree

MAX_HTML_DEPTH = 250

# Greedy attribute run: a lazy one ending in (/?)> backtracks at every character of every tag
# (four times slower); a self-closed tag is then one whose attribute run ends with "/".
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^>]*)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
    ]
)
# Open elements that a start tag closes implicitly (<li>a<li>b are siblings, not nesting).
_IMPLIED_END: dict[str, frozenset[str]] = {
    name: frozenset(closed.split())
    for name, closed in {
        "li": "li p",
        "dt": "dt dd p",
        "dd": "dt dd p",
        "tr": "tr td th",
        "td": "td th",
        "th": "td th",
        "thead": "thead tbody tfoot tr td th",
        "tbody": "thead tbody tfoot tr td th",
        "tfoot": "thead tbody tfoot tr td th",
        "option": "option",
        "optgroup": "option optgroup",
        "rb": "rb rt rp",
        "rt": "rb rt rp",
        "rp": "rb rt rp",
        "p": "p",
        "div": "p",
        "ul": "p",
        "ol": "p",
        "table": "p",
        "h1": "p",
        "h2": "p",
        "h3": "p",
        "blockquote": "p",
        "section": "p",
        "article": "p",
    }.items()
}


# libxml2 stops at 256 levels: a tree with no element this deep was built whole.
TREE_DEPTH_PROBE = 200
_DEEP_ELEMENT = etree.XPath("/" + "/".join(["*"] * TREE_DEPTH_PROBE))


def tree_may_be_cut(tree: Any) -> bool:
    """False when the parsed ``tree`` has no element ``TREE_DEPTH_PROBE`` levels deep: the
    parser never came near its depth limit, so it dropped nothing (a C-level probe, a
    fifth of ``html_depth_exceeds``' cost). True when there is no tree to judge."""
    return tree is None or bool(_DEEP_ELEMENT(tree))


def html_depth_exceeds(html: str, limit: int = MAX_HTML_DEPTH) -> bool:
    """True when the elements of ``html`` nest more than ``limit`` levels deep.

    A forgiving estimate in one linear pass over the tags (no tree is built): void elements
    and self-closed tags do not nest, an end tag closes up to its open element, and a start
    tag closes the open elements that HTML closes implicitly (``<li>``, ``<td>``, ``<p>`` ...).
    """
    if html.count("<") <= limit:
        return False
    stack: list[str] = []
    open_count: dict[str, int] = {}
    # findall's tuples cost less than match objects: this loop runs once per tag of the page.
    for closing, name, rest in _TAG.findall(html):
        name = name.lower()
        if name in _VOID:
            continue
        if closing:
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if rest.endswith("/"):
            continue
        closes = _IMPLIED_END.get(name)
        while closes and stack and stack[-1] in closes:
            open_count[stack.pop()] -= 1
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > limit:
            return True
    return False


class _FlatText(HTMLParser):
    """Text of an HTML page in document order, one line per block; no tree, no recursion."""

    SKIP = frozenset(
        [
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "math",
            "head",
            "nav",
            "aside",
            "footer",
            "form",
            "select",
            "button",
            "iframe",
            "object",
        ]
    )
    BLOCK = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "section",
            "article",
            "main",
            "table",
            "tr",
            "td",
            "th",
            "hr",
            "figure",
            "figcaption",
            "address",
            "header",
            "details",
            "summary",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def flat_text(html: str) -> str:
    """The visible text of ``html`` by a flat pass, one paragraph per block.

    The fallback for pages the tree-building extractors cannot handle (pathological nesting):
    linear time, no recursion, no main-content detection.
    """
    parser = _FlatText()
    parser.feed(html.replace("\x00", "\ufffd"))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    body = "\n\n".join(line for line in lines if line)
    return body


def parser_drops_text(html: str, keep_share: float = 0.8) -> bool:
    """True when lxml's tree of ``html`` holds clearly fewer words than a flat pass finds.

    The depth estimate is forgiving but not exact (sloppy pages with unclosed tags can look
    deep): this confirms, for the rare pages it flags, that the tree really lost text before
    giving up main-content detection.
    """
    from lxml import etree
    from lxml import html as lxml_html

    flat_words = len(flat_text(html).split())
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return True
    for element in tree.iter("script", "style", "noscript", "template"):
        element.text = None
    tree_words = len(" ".join(tree.itertext()).split())
    return tree_words < keep_share * flat_words
