"""Skip trafilatura's readability fallback on pages where it provably cannot change the result.

trafilatura compares its own extraction with readability's (``compare_extraction``) on every
page, and readability costs about a third of trafilatura's time. Readability only replaces
the own extraction when (balanced focus) its text is more than twice as long, or the own
extraction is empty, has no paragraph text, or holds more tables than paragraphs. Readability
returns a subset of the page's text (plus "VIDEO" for each iframe), and more precisely of the
text left once it has dropped scripts, styles and the regions it calls unlikely candidates
(sidebars, menus, comments ...: ``_readability_source_text``), so when the own extraction is
non-empty, well formed and longer than half of that bound, readability cannot win: it is not
run, and everything after it in trafilatura (the justext rescue) runs as before. The output
is the same as with readability run; ``tests/test_fallback.py`` checks that on pages of both
kinds, with and without the shortcut, and the source text against readability's own steps.

The shortcut wraps two functions of trafilatura 2.x and installs itself only when they have
the expected names; with another trafilatura layout it does nothing (the fallback then always
runs, as in trafilatura itself). Where trafilatura's ``_extract_and_compare`` is the one of
2.3 (the same names referred to), it is replaced by one that does not copy the page for a
readability that does not run.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

# readability_lxml writes "VIDEO" into every <iframe> it keeps.
IFRAME_TEXT_CHARS = 5
# Headroom for entity and whitespace differences between the two serialisations.
BOUND_MARGIN_CHARS = 16

_skip_readability: ContextVar[bool] = ContextVar("skip_readability", default=False)
# trafilatura's own functions while the shortcut is installed.
_originals: dict[str, Any] = {}
_enabled = True


def readability_cannot_win(raw_tree: Any, body: Any, text: str, options: Any) -> bool:
    """True when trafilatura's ``compare_extraction`` would keep ``text`` whatever
    readability returned for ``raw_tree``."""
    from lxml.etree import tostring

    if getattr(options, "focus", None) != "balanced" or not text:
        return False
    if not _paragraph_text(body):
        return False
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    extra = IFRAME_TEXT_CHARS * sum(1 for _ in raw_tree.iter("iframe")) + BOUND_MARGIN_CHARS
    # The text readability starts from, whitespace collapsed: on real pages scripts and the
    # regions it drops as unlikely hold much of the page's text. The page's whole text is a
    # looser bound; taking it first as a shortcut cost more (serialising and collapsing it,
    # 1.1 ms a real page) than the walks it saved (on 29 pages of 275).
    source = _readability_source_text(raw_tree)
    if source is None:  # another trafilatura layout: the page's text bounds it all the same
        source = tostring(raw_tree, method="text", encoding="unicode")
    return 2 * len(text) > len(" ".join(source.split())) + extra


def _readability_source_text(raw_tree: Any) -> str | None:
    """The text readability keeps before it scores anything, or None with another
    trafilatura layout.

    ``Document.summary`` drops every ``<script>``, ``<style>`` and ``<fencedframe>``, then
    every "unlikely candidate" (an element below the root, not ``<html>`` or ``<body>``,
    whose joined class and id, lower-cased, match ``unlikelyCandidatesRe`` and not
    ``okMaybeItsACandidateRe``), each with its subtree; ``drop_tree`` keeps the element's
    tail. Every later step of readability only moves, keeps or drops this text (and writes
    "VIDEO" into iframes, counted apart), so its output is never longer.
    """
    unlikely = _unlikely_candidate_test()
    if unlikely is None:
        return None

    parts = [raw_tree.text or ""]
    append = parts.append
    # Depth-first without recursion (deep pages): one iterator per level, resumed where it
    # left off once the subtree it descended into is done; an element's tail follows its
    # subtree, as in the serialised text. Leaves (most elements) get no iterator.
    levels = [iter(raw_tree)]
    owners: list[Any] = [None]
    while levels:
        for child in levels[-1]:
            tag = child.tag
            if isinstance(tag, str) and (tag in _DROPPED_TAGS or unlikely(child)):
                if child.tail:
                    append(child.tail)
                continue
            if child.text:  # a comment's or PI's own text too: a looser bound, never wrong
                append(child.text)
            if len(child):
                levels.append(iter(child))
                owners.append(child)
                break
            if child.tail:
                append(child.tail)
        else:
            levels.pop()
            owner = owners.pop()
            if owner is not None and owner.tail:
                append(owner.tail)
    return "".join(parts)


_DROPPED_TAGS = frozenset({"script", "style", "fencedframe"})


def _unlikely_candidate_test() -> Callable[[Any], bool] | None:
    """readability's test of an "unlikely candidate" (``remove_unlikely_candidates``): an
    element, not ``<html>`` or ``<body>``, whose class and id joined by a space, lower-cased,
    match ``unlikelyCandidatesRe`` and not ``okMaybeItsACandidateRe``; one verdict per
    class/id string, for one page. None with another trafilatura layout."""
    try:
        from trafilatura.readability_lxml import FRAME_TAGS, REGEXES

        unlikely = REGEXES["unlikelyCandidatesRe"]
        maybe = REGEXES["okMaybeItsACandidateRe"]
    except (ImportError, KeyError):
        return None
    verdicts: dict[str, bool] = {}

    def unlikely_candidate(element: Any) -> bool:
        # readability joins the non-empty ones: " ".join(filter(None, (class, id))).
        class_ = element.get("class")
        id_ = element.get("id")
        if class_:
            attrs = f"{class_} {id_}" if id_ else class_
        elif id_:
            attrs = id_
        else:
            return False
        if len(attrs) < 2 or element.tag in FRAME_TAGS:
            return False
        verdict = verdicts.get(attrs)
        if verdict is None:
            low = attrs.lower()
            verdict = verdicts[attrs] = bool(unlikely.search(low)) and not maybe.search(low)
        return verdict

    return unlikely_candidate


def _paragraph_text(body: Any) -> bool:
    """Whether a <p> of ``body`` holds a text node: ``body.xpath(".//p//text()")`` is not
    empty (the condition trafilatura reads), without building the list of strings."""
    for paragraph in body.iter("p"):
        if paragraph.text is not None:
            return True
        for node in paragraph.iterdescendants():
            # A comment's or processing instruction's own content is no text node.
            if node.tail is not None or (node.text is not None and isinstance(node.tag, str)):
                return True
    return False


def install() -> bool:
    """Wrap trafilatura's comparison step with the shortcut (idempotent); False when
    trafilatura does not have the expected layout and nothing was changed."""
    if _originals:
        return True
    from lxml.html import HtmlElement
    from trafilatura import core, external

    compare = getattr(core, "compare_extraction", None)
    readability = getattr(external, "try_readability", None)
    if compare is None or readability is None or compare is not external.compare_extraction:
        return False

    def try_readability(htmlinput: Any) -> Any:
        if _skip_readability.get():
            return HtmlElement()  # empty: trafilatura keeps its own extraction
        return readability(htmlinput)

    def compare_extraction(
        cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any
    ) -> Any:
        skip = _enabled and readability_cannot_win(raw_tree, body, text, options)
        token = _skip_readability.set(skip)
        try:
            return compare(cleaned_tree, raw_tree, body, text, options)
        finally:
            _skip_readability.reset(token)

    _originals.update(compare_extraction=compare, try_readability=readability)
    external.try_readability = try_readability
    core.compare_extraction = compare_extraction
    extract_and_compare = getattr(core, "_extract_and_compare", None)
    code = getattr(extract_and_compare, "__code__", None)
    if code is not None and code.co_names == _EXTRACT_AND_COMPARE_NAMES:
        _originals["_extract_and_compare"] = extract_and_compare
        core._extract_and_compare = _extract_and_compare
    from trafilatura.readability_lxml import Document

    remove = Document.remove_unlikely_candidates
    if getattr(remove, "__code__", None) is not None and (
        remove.__code__.co_names == _REMOVE_UNLIKELY_NAMES
    ):
        _originals["remove_unlikely_candidates"] = remove
        Document.remove_unlikely_candidates = remove_unlikely_candidates
    score = Document.score_paragraphs
    if getattr(score, "__code__", None) is not None and (
        score.__code__.co_names == _SCORE_PARAGRAPHS_NAMES
        and Document.get_link_density.__code__.co_names == ("text_length", "sum", "findall")
        and Document.score_node.__code__.co_names == _SCORE_NODE_NAMES
        and Document.class_weight.__code__.co_names == ("filter", "get", "REGEXES", "search")
    ):
        _originals["score_paragraphs"] = score
        Document.score_paragraphs = score_paragraphs
    return True


# What trafilatura 2.3's readability methods refer to: with other bodies they are kept.
_SCORE_PARAGRAPHS_NAMES = (
    "doc", "iter", "getparent", "trim", "text_content", "len", "min_text_length",
    "score_node", "split", "min", "score", "items", "get_link_density",
)  # fmt: skip
_SCORE_NODE_NAMES = ("Candidate", "class_weight", "TAG_SCORES", "get", "str", "tag", "lower")


def score_paragraphs(document: Any) -> dict[Any, Any]:
    """readability's ``Document.score_paragraphs``: the same candidates, the same scores.

    readability weighs a candidate's class and id with two case-insensitive searches each
    time it meets the candidate, and measures the text of every link of a candidate again
    for each candidate that holds it (the page's wrappers hold most links). Here the weight
    is remembered per (class, id) and each link's text length per link, for this call (the
    page does not change while it is scored); everything else, and the order of every sum,
    is readability's.
    """
    if not _enabled:
        return _originals["score_paragraphs"](document)
    from trafilatura.readability_lxml import TAG_SCORES, Candidate, text_length
    from trafilatura.utils import trim

    candidates: dict[Any, Any] = {}
    weights: dict[tuple[str | None, str | None], int] = {}

    def score_node(node: Any) -> Any:
        key = (node.get("class"), node.get("id"))
        weight = weights.get(key)
        if weight is None:
            weight = weights[key] = document.class_weight(node)
        return Candidate(weight + TAG_SCORES.get(str(node.tag).lower(), 0), node)

    minimum = document.min_text_length
    for elem in document.doc.iter("p", "pre", "td"):
        parent_node = elem.getparent()
        if parent_node is None:
            continue
        grand_parent_node = parent_node.getparent()
        elem_text = trim(elem.text_content())
        elem_text_len = len(elem_text)
        if elem_text_len < minimum:
            continue
        for node in (parent_node, grand_parent_node):
            if node is not None and node not in candidates:
                candidates[node] = score_node(node)
        score = 1 + len(elem_text.split(",")) + min((elem_text_len / 100), 3)
        candidates[parent_node].score += score
        if grand_parent_node is not None:
            candidates[grand_parent_node].score += score / 2
    link_lengths: dict[Any, int] = {}
    for elem, candidate in candidates.items():
        total_length = text_length(elem) or 1
        link_length = 0
        for link in elem.findall(".//a"):
            length = link_lengths.get(link)
            if length is None:
                length = link_lengths[link] = text_length(link)
            link_length += length
        candidate.score *= 1 - link_length / total_length
    return candidates


# What trafilatura 2.3's ``Document.remove_unlikely_candidates`` refers to.
_REMOVE_UNLIKELY_NAMES = (
    "doc", "findall", "join", "filter", "get", "len", "tag", "FRAME_TAGS", "lower", "bool",
    "REGEXES", "search", "drop_tree",
)  # fmt: skip


def remove_unlikely_candidates(document: Any) -> None:
    """readability's ``Document.remove_unlikely_candidates``: the same elements leave the
    page, the same tails join the text before them.

    readability lists every element of the page, then drops each whose joined class and id
    match its "unlikely" pattern (and not its "maybe" one). An element inside one already
    dropped is dropped again from the subtree that left the page, which changes nothing in
    the page: here those are skipped, and an element without class or id costs two attribute
    reads instead of a joined string. Where readability runs (a third of the real pages),
    this step took a third of its time.
    """
    if not _enabled:
        return _originals["remove_unlikely_candidates"](document)
    from lxml import etree

    unlikely = _unlikely_candidate_test()
    if unlikely is None:  # pragma: no cover - installed only on the expected layout
        return _originals["remove_unlikely_candidates"](document)
    skip_until: Any = None  # the last element of the latest dropped subtree
    for element in document.doc.findall(".//*"):
        if skip_until is not None:
            if element is skip_until:
                skip_until = None
            continue
        if unlikely(element):
            last = None
            for last in element.iterdescendants(etree.Element):  # noqa: B007
                pass
            skip_until = last
            element.drop_tree()
    return None


# What trafilatura 2.3's ``_extract_and_compare`` refers to: with another body it is kept.
_EXTRACT_AND_COMPARE_NAMES = ("extract_content", "fast", "compare_extraction", "copy")


def _extract_and_compare(
    cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Any
) -> tuple[Any, str]:
    """trafilatura's ``_extract_and_compare`` (its own extraction, then the comparison),
    without copying the page for readability when readability is skipped.

    trafilatura hands the comparison a copy of the raw page because readability rewrites
    what it is given; nothing else in the comparison reads that copy when readability does
    not run (the shortcut requires balanced focus, so the "precision" pruning of it does not
    happen either), so the page itself stands in for it and 0.5 ms of copying is saved.
    """
    from copy import copy

    from trafilatura import core

    postbody, temp_text = core.extract_content(cleaned_tree, options)
    if not options.fast:
        compare = _originals["compare_extraction"]
        skip = _enabled and readability_cannot_win(tree, postbody, temp_text, options)
        token = _skip_readability.set(skip)
        try:
            raw_tree = tree if skip else copy(tree)
            postbody, temp_text = compare(
                cleaned_tree_backup, raw_tree, postbody, temp_text, options
            )
        finally:
            _skip_readability.reset(token)
    from . import escalation

    escalation.note_extraction(tree, len(temp_text))
    return postbody, temp_text


def set_enabled(enabled: bool) -> None:
    """Switch the shortcut on or off (tests and benchmarks compare the two)."""
    global _enabled
    _enabled = enabled
