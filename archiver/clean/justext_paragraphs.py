"""jusText's paragraph split and classification, computed faster with the same results.

When trafilatura's own extraction covers little of a page it also runs jusText
(``trafilatura.external.try_justext``): on about one real news page in ten, and there it
costs some 35 ms of the page's 60-70. Nearly all of it is overhead around a simple
algorithm: ``ParagraphMaker`` receives the tree as SAX events from ``lxml.sax`` (an
attribute dictionary and a qualified name built for every element), collapses whitespace
with a regular expression that calls back into Python for every run of spaces, and
``classify_paragraphs`` recomputes each paragraph's text six times. The first use of the
stop words of every language jusText knows (trafilatura passes them all when the page's
language is not given) also decodes 300,000 lines one by one and lower-cases them twice,
0.3 s in every worker process.

Here the same steps run as one walk over the tree, a whitespace collapse by ``str.split``
and one text per paragraph, and the stop words are read file by file: about three times
faster, with the very same paragraphs (their text, dom path, xpath, link characters and tag
counts), classes and stop words. ``tests/test_justext_paragraphs.py`` compares every
function with jusText's own, on the pages of the test data and on generated trees and
texts. What the walk does not model (entity nodes, processing instructions around the
root, trees deeper than ``MAX_DEPTH``) goes to jusText's own code. With another jusText or
trafilatura layout nothing is replaced.
"""

from __future__ import annotations

import os
import pkgutil
from collections.abc import Iterable
from itertools import chain
from typing import Any

from lxml import etree

# Deeper trees go to jusText's recursive walk, whatever it does with them (it recurses
# once per level and may hit Python's recursion limit: then trafilatura gets no paragraphs).
MAX_DEPTH = 200

_originals: dict[str, Any] = {}
_enabled = True
_stopwords: dict[str, Any] = {}


class _Unsupported(Exception):
    """A tree the walk does not model: jusText's own ``ParagraphMaker`` takes it."""


def normalize_whitespace(text: str) -> str:
    """jusText's ``normalize_whitespace``: every run of whitespace becomes one line feed
    when it holds a line feed or carriage return, else one space."""
    if "\n" not in text and "\r" not in text:
        words = text.split()
        if not words:
            return " " if text else ""
        joined = " ".join(words)
        if text[0].isspace():
            joined = " " + joined
        return joined + " " if text[-1].isspace() else joined
    parts: list[str] = []
    separator = ""  # what the whitespace since the last word becomes
    for number, segment in enumerate(text.replace("\r", "\n").split("\n")):
        if number:
            separator = "\n"
        words = segment.split()
        if not words:
            if segment and not separator:
                separator = " "
            continue
        if segment[0].isspace() and not separator:
            separator = " "
        parts.append(separator)
        parts.append(" ".join(words))
        separator = " " if segment[-1].isspace() else ""
    parts.append(separator)
    return "".join(parts)


def make_paragraphs(root: Any) -> list[Any]:
    """``justext.core.ParagraphMaker.make_paragraphs(root)``: the same paragraphs."""
    try:
        return _walk_paragraphs(root)
    except _Unsupported:
        return _originals["make_paragraphs"](root)


def _walk_paragraphs(root: Any) -> list[Any]:
    """ParagraphMaker's handler driven by a walk of the tree in the order of lxml.sax's
    events: start, text, children, end, tail (a comment's or PI's tail only)."""
    from justext.core import PARAGRAPH_TAGS
    from justext.paragraph import Paragraph

    if not isinstance(root, etree._Element) or not isinstance(root.tag, str):
        raise _Unsupported
    # saxify also reports the processing instructions next to the root.
    if root.getprevious() is not None or root.getnext() is not None:
        raise _Unsupported
    comment, instruction = etree.Comment, etree.ProcessingInstruction

    def new_paragraph(dom: str, xpath: str) -> Any:
        paragraph = Paragraph.__new__(Paragraph)
        paragraph.dom_path = dom
        paragraph.xpath = xpath
        paragraph.text_nodes = []
        paragraph.chars_count_in_links = 0
        paragraph.tags_count = 0
        paragraph.class_type = ""
        return paragraph

    paragraphs: list[Any] = []
    # The path of open elements: dom path ("html.body.div"), xpath ("/html[1]/body[1]"),
    # and how many children of each name the innermost element has had so far.
    doms: list[str] = [""]
    xpaths: list[str] = ["/"]
    counts: list[dict[str, int]] = [{}]
    paragraph = new_paragraph("", "/")
    has_text = False  # the paragraph holds a non-blank text node: it is kept
    link = False
    br = False
    # Each frame: the iterator over an element's children, the element, its local name.
    stack: list[tuple[Any, Any, str]] = []
    pending: Any = iter((root,))
    while True:
        node = next(pending, None)
        if node is None:
            if not stack:
                break
            _, element, name = stack.pop()
            pending = stack[-1][0] if stack else iter(())
            # endElementNS
            doms.pop()
            xpaths.pop()
            counts.pop()
            if name in PARAGRAPH_TAGS:
                if has_text:
                    paragraphs.append(paragraph)
                paragraph, has_text = new_paragraph(doms[-1], xpaths[-1]), False
            if name == "a":
                link = False
            content = element.tail
        else:
            tag = node.tag
            if tag is comment or tag is instruction:
                content = node.tail
            else:
                if not isinstance(tag, str) or len(stack) >= MAX_DEPTH:
                    raise _Unsupported
                name = tag.split("}", 1)[1] if tag[0] == "{" and "}" in tag else tag
                # startElementNS
                siblings = counts[-1] if len(counts) > 1 else {}
                order = siblings.get(name, 0) + 1
                siblings[name] = order
                counts.append({})
                doms.append(f"{doms[-1]}.{name}" if len(doms) > 1 else name)
                xpaths.append(f"{xpaths[-1] if len(xpaths) > 1 else ''}/{name}[{order}]")
                if name in PARAGRAPH_TAGS or (name == "br" and br):
                    if name == "br":
                        paragraph.tags_count -= 1
                    if has_text:
                        paragraphs.append(paragraph)
                    paragraph, has_text = new_paragraph(doms[-1], xpaths[-1]), False
                else:
                    br = name == "br"
                    if br:
                        paragraph.text_nodes.append(" ")
                    elif name == "a":
                        link = True
                    paragraph.tags_count += 1
                pending = iter(node)
                stack.append((pending, node, name))
                content = node.text
        # characters
        if content and not content.isspace():
            text = normalize_whitespace(content)
            paragraph.text_nodes.append(text)
            has_text = True
            if link:
                paragraph.chars_count_in_links += len(text)
            br = False
    # endDocument
    if has_text:
        paragraphs.append(paragraph)
    return paragraphs


class ParagraphMaker:
    """Stands in for ``justext.core.ParagraphMaker`` where trafilatura calls it."""

    make_paragraphs = staticmethod(make_paragraphs)


def classify_paragraphs(
    paragraphs: Iterable[Any],
    stoplist: Any,
    length_low: int = 70,
    length_high: int = 200,
    stopwords_low: float = 0.30,
    stopwords_high: float = 0.32,
    max_link_density: float = 0.2,
    no_headings: bool = False,
) -> None:
    """``justext.core.classify_paragraphs`` (the same defaults), reading each paragraph's
    text once."""
    from justext.paragraph import HEADINGS_PATTERN

    stopwords = _lowered(stoplist)
    contains = stopwords.__contains__
    for paragraph in paragraphs:
        text = normalize_whitespace("".join(paragraph.text_nodes).strip())
        length = len(text)
        words = text.split()
        if not words:
            stopword_density: float = 0
        else:
            # Lower-casing the text, not word by word: the same words (the case mappings
            # of a word do not reach across the whitespace around it).
            stopword_density = sum(map(contains, text.lower().split())) / len(words)
        link_density = paragraph.chars_count_in_links / length if length else 0
        paragraph.heading = bool(not no_headings and HEADINGS_PATTERN.search(paragraph.dom_path))

        # jusText's decision list, in its order.
        if (
            link_density > max_link_density
            or "\xa9" in text
            or "&copy" in text
            or "select" in paragraph.dom_path
        ):
            paragraph.cf_class = "bad"
        elif length < length_low:
            paragraph.cf_class = "bad" if paragraph.chars_count_in_links > 0 else "short"
        elif stopword_density >= stopwords_high:
            paragraph.cf_class = "good" if length > length_high else "neargood"
        elif stopword_density >= stopwords_low:
            paragraph.cf_class = "neargood"
        else:
            paragraph.cf_class = "bad"


def _lowered(stoplist: Any) -> Any:
    """``justext.core.define_stoplist(stoplist)``, remembered for the last stoplist given
    (hashing trafilatura's tuple of every language's stop words costs 2 ms a call)."""
    if _stopwords.get("given") is stoplist:
        return _stopwords["lowered"]
    from justext.core import define_stoplist

    lowered = define_stoplist(stoplist)
    _stopwords.update(given=stoplist, lowered=lowered)
    return lowered


def all_stopwords() -> frozenset[str]:
    """The stop words of every language jusText has, lower-cased: the set
    ``define_stoplist(trafilatura.external.jt_stoplist_init())`` makes, read faster."""
    from justext.utils import get_stoplists

    files: list[list[str]] = []
    for language in get_stoplists():
        data = pkgutil.get_data("justext", os.path.join("stoplists", f"{language}.txt"))
        if not data:
            continue
        # jusText splits the bytes (at \n, \r\n and \r only), then decodes and lower-cases
        # line by line; here the file is decoded and lower-cased in one go, then split the
        # same way (bytes.splitlines gives no empty piece after a final line break).
        text = data.decode("utf8")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.endswith("\n"):
            text = text[:-1]
        files.append(text.lower().split("\n"))
    return frozenset(chain.from_iterable(files))


def _jt_stoplist_init() -> tuple[str, ...]:
    """``trafilatura.external.jt_stoplist_init``: sets and returns its ``JT_STOPLIST``
    (every language's stop words), with the lower-cased set it stands for ready."""
    from trafilatura import external

    lowered = all_stopwords()
    stoplist = tuple(lowered)
    external.JT_STOPLIST = stoplist
    _stopwords.update(given=stoplist, lowered=lowered)
    return stoplist


def install() -> bool:
    """Put these functions in place of jusText's where trafilatura calls them (idempotent);
    False when trafilatura or jusText does not have the expected layout."""
    if _originals:
        return True
    try:
        import justext.core
        import justext.paragraph
        from trafilatura import external
    except ImportError:  # pragma: no cover - both are dependencies
        return False
    expected = (
        getattr(external, "ParagraphMaker", None) is getattr(justext.core, "ParagraphMaker", 0)
        and getattr(external, "classify_paragraphs", None)
        is getattr(justext.core, "classify_paragraphs", 0)
        and callable(getattr(external, "jt_stoplist_init", None))
        and hasattr(external, "JT_STOPLIST")
        and hasattr(justext.paragraph, "HEADINGS_PATTERN")
        and hasattr(justext.core, "PARAGRAPH_TAGS")
        and hasattr(justext.core, "define_stoplist")
        and callable(getattr(justext.core.ParagraphMaker, "make_paragraphs", None))
    )
    if not expected:
        return False
    _originals.update(
        make_paragraphs=justext.core.ParagraphMaker.make_paragraphs,
        classify_paragraphs=external.classify_paragraphs,
        jt_stoplist_init=external.jt_stoplist_init,
    )
    external.ParagraphMaker = _Switch  # type: ignore[assignment]
    external.classify_paragraphs = _classify_switch
    external.jt_stoplist_init = _stoplist_init_switch
    return True


class _Switch:
    """``ParagraphMaker`` as trafilatura calls it: ours while enabled, else jusText's."""

    @staticmethod
    def make_paragraphs(root: Any) -> list[Any]:
        if _enabled:
            return make_paragraphs(root)
        return _originals["make_paragraphs"](root)


def _classify_switch(paragraphs: Any, stoplist: Any, *args: Any, **kwargs: Any) -> None:
    if _enabled:
        return classify_paragraphs(paragraphs, stoplist, *args, **kwargs)
    return _originals["classify_paragraphs"](paragraphs, stoplist, *args, **kwargs)


def _stoplist_init_switch() -> Any:
    if _enabled:
        return _jt_stoplist_init()
    return _originals["jt_stoplist_init"]()


def set_enabled(enabled: bool) -> None:
    """Switch between these functions and jusText's own (tests and benchmarks compare)."""
    global _enabled
    _enabled = enabled
