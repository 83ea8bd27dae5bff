"""Skip trafilatura's measure of the whole page where it cannot start the recall retry.

After its extraction trafilatura asks whether a short result (under 3,000 characters)
covers less than a fifth of the page's text, and retries in recall mode if so. The page's
text is ``html2txt(tree)``: a copy of the tree, cleaned of page furniture and consent
banners, spaced at every block element, whitespace collapsed: 4 ms of a real news page,
measured on half of them. Its length has a cheap upper bound (``page_text_bound``), read
from the tree as it is; when the extraction is at least a fifth of that bound, it is at
least a fifth of the page's text too, the retry cannot start, and the measure is not taken
(trafilatura gets "" for it: the comparison it makes is then false, as it would be). The
extraction's length comes from trafilatura's own comparison step (``fallback``), for the
same tree; a length trafilatura later raises (its baseline rescue) only makes the answer
surer. ``tests/test_escalation.py`` checks the bound against ``html2txt`` on the test pages,
generated items and random trees, and that the extraction does not change.
"""

from __future__ import annotations

import importlib
import weakref
from contextvars import ContextVar
from typing import Any

# The page furniture that trafilatura's cleaning removes by tag name alone (its
# BASIC_CLEAN_XPATH); the class- and id-based removals only shorten the text further.
FURNITURE_TAGS = ("aside", "fencedframe", "footer", "script", "style", "svg", "template")

# (weak reference to the tree, length of the extraction made from it) of the extraction
# under way: weak, so that a batch worker does not keep a page's tree into the next item.
_extraction: ContextVar[tuple[Any, int] | None] = ContextVar("extraction", default=None)
_originals: dict[str, Any] = {}
_enabled = True


def page_text_bound(tree: Any) -> int:
    """An upper bound of ``len(trafilatura.baseline.html2txt(tree))``.

    html2txt's text is the body's text without the removed elements' subtrees (their tails
    stay), control characters dropped from block elements' text, a space written before the
    text and the tail of every block element, whitespace collapsed: its length is at most
    its non-space characters plus its words. Against the body's text as it stands: the
    furniture's subtrees (outermost ones, disjoint) take away exactly their non-space
    characters and their words, give or take the two words each may have been glued to its
    neighbours with; other removals and dropped characters never add a character or a word;
    each written space splits at most one word.
    """
    from lxml import etree

    baseline = importlib.import_module("trafilatura.baseline")
    body = tree.find(".//body")
    if body is None:
        body = tree
    words = etree.tostring(body, method="text", encoding="unicode", with_tail=False).split()
    bound = sum(map(len, words)) + len(words)
    furniture = [
        element
        for element in body.iter(*FURNITURE_TAGS)
        if element is not body and element.tag in FURNITURE_TAGS
    ]
    members = set(furniture)
    for element in furniture:
        if _inside_another(element, body, members):
            continue
        inner = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        inner_words = inner.split()
        bound -= sum(map(len, inner_words)) + len(inner_words) - 2
    blocks = sum(1 for _ in body.iter(*baseline._BLOCK_ELEMS))
    return bound + 2 * blocks


def _inside_another(element: Any, body: Any, members: set[Any]) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is body:
            return False
        if ancestor in members:
            return True
    return False


def note_extraction(tree: Any, length: int) -> None:
    """Record the length of the extraction trafilatura made from ``tree`` (called by
    ``fallback``'s comparison step)."""
    _extraction.set((weakref.ref(tree), length))


def page_text(content: Any, clean: bool = True) -> str:
    """trafilatura's ``html2txt`` where its extraction cannot be a small share of it: ""."""
    original = _originals["html2txt"]
    noted = _extraction.get()
    if not _enabled or not clean or noted is None or noted[0]() is not content:
        return original(content, clean)
    from trafilatura import core

    length = noted[1]
    if length >= core.ESCALATION_PAGE_SHARE * page_text_bound(content):
        return ""
    return original(content, clean)


def install() -> bool:
    """Put ``page_text`` where trafilatura measures the page before its recall retry
    (idempotent); False when trafilatura does not have the expected layout."""
    if _originals:
        return True
    from trafilatura import core

    baseline = importlib.import_module("trafilatura.baseline")
    html2txt = getattr(baseline, "html2txt", None)
    if (
        html2txt is None
        or getattr(core, "html2txt", None) is not html2txt
        or not isinstance(getattr(core, "ESCALATION_PAGE_SHARE", None), float)
        or not isinstance(getattr(baseline, "_BLOCK_ELEMS", None), (set, frozenset))
    ):
        return False
    _originals["html2txt"] = html2txt
    core.html2txt = page_text
    return True


def set_enabled(enabled: bool) -> None:
    """Switch the shortcut on or off (tests and benchmarks compare the two)."""
    global _enabled
    _enabled = enabled
