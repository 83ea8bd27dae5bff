"""jusText's paragraphs, computed faster: the same paragraphs, classes and stop words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import justext.core
import justext.utils
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura import external
from trafilatura.baseline import basic_cleaning

from archiver.clean import justext_paragraphs as fast
from archiver.clean.html import load_tree, main_text
from tests.benchmarks.bench_batch import generate

DATA = Path(__file__).parent / "data" / "html"

PROSE = (
    "The harbour council voted on Tuesday to raise the ferry budget after a winter of storms "
    "closed the coast road for eleven days, officials said in a statement to reporters."
)
# trafilatura's arguments (external.try_justext), then jusText's defaults.
TRAFILATURA_THRESHOLDS = (50, 150, 0.1, 0.2, 0.25, True)


def justext_paragraphs(root: Any) -> list[Any]:
    return fast._originals["make_paragraphs"](root)


def state(paragraphs: list[Any]) -> list[dict[str, Any]]:
    """Everything a paragraph holds: text nodes, dom path, xpath, counts, classes."""
    return [dict(vars(paragraph)) for paragraph in paragraphs]


def both_classified(root: Any, stoplist: Any, *thresholds: Any) -> tuple[list[Any], list[Any]]:
    ours = fast.make_paragraphs(root)
    theirs = justext_paragraphs(root)
    assert state(ours) == state(theirs)
    fast.classify_paragraphs(ours, stoplist, *thresholds)
    fast._originals["classify_paragraphs"](theirs, stoplist, *thresholds)
    return ours, theirs


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    assert fast.install() is True


def test_installs_where_trafilatura_calls_justext() -> None:
    assert external.ParagraphMaker is fast._Switch
    assert external.classify_paragraphs is fast._classify_switch
    assert external.jt_stoplist_init is fast._stoplist_init_switch


# ------------------------------------------------------------------ whitespace


WHITESPACE = " \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=WHITESPACE + "ab\u03a3\u00e9", max_size=40))
@example("")
@example(" ")
@example("\n")
@example("a \r\n b")
@example("\r\rb ")
@example(" a\u2028b\x85 ")
def test_whitespace_collapses_as_justext_does(text: str) -> None:
    assert fast.normalize_whitespace(text) == justext.utils.normalize_whitespace(text)


# ------------------------------------------------------------------ paragraphs


def test_the_same_paragraphs_on_the_test_pages_and_generated_items(tmp_path: Path) -> None:
    generate(tmp_path, 16)
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    # prefixed names as the HTML parser keeps them, a select box, a copyright line
    pages.append(
        f"<html><body><fb:like>Like</fb:like><svg:rect>shape</svg:rect><p>{PROSE}</p>"
        "<select><option>One of the options</option></select><p>\u00a9 2024 Gazette</p>"
        "<h2>A heading</h2><p>before <b>two</b> breaks<br><br>after them <a href=/x>a link</a></p>"
        "</body></html>"
    )
    compared = 0
    for page in pages:
        tree = load_tree(page)
        if tree is None:
            continue
        # what trafilatura hands jusText: the page after its basic cleaning
        ours, theirs = both_classified(basic_cleaning(tree), ("the", "and", "of", "to"))
        assert state(ours) == state(theirs)
        compared += len(theirs)
    assert compared > 100


TAGS = ["div", "p", "span", "a", "br", "li", "ul", "h2", "td", "b", "select", "body", "em",
        "{urn:example}note"]  # fmt: skip
WORDS = ["the", "The", "and", "harbour", "ΟΔΟΣ", "σοφός", "\u00a9 2024", "&copy", "of"]
texts = st.one_of(
    st.none(),
    st.lists(st.sampled_from(WORDS + [" ", "\n ", "\t", "\r\n"]), max_size=6).map("".join),
)
nodes = st.recursive(
    st.tuples(st.sampled_from(["#comment", "#pi"]), texts),
    lambda children: st.tuples(st.sampled_from(TAGS), texts, texts, st.lists(children, max_size=5)),
    max_leaves=40,
)


def build(node: Any, parent: Any) -> None:
    if node[0] in ("#comment", "#pi"):
        kind, tail = node
        child = etree.Comment("note") if kind == "#comment" else etree.PI("target", "data")
        parent.append(child)
        child.tail = tail
        return
    tag, text, tail, children = node
    element = etree.SubElement(parent, tag)
    element.text, element.tail = text, tail
    for grandchild in children:
        build(grandchild, element)


@settings(max_examples=300, deadline=None)
@given(st.lists(nodes, max_size=5), texts, st.booleans())
def test_the_same_paragraphs_and_classes_on_generated_trees(
    children: list[Any], root_text: str | None, trafilatura_thresholds: bool
) -> None:
    root = etree.Element("html")
    root.text = root_text
    for child in children:
        build(child, root)
    thresholds = TRAFILATURA_THRESHOLDS if trafilatura_thresholds else ()
    ours, theirs = both_classified(root, frozenset({"the", "and", "of", "οδος"}), *thresholds)
    assert state(ours) == state(theirs)


def test_an_element_tail_at_the_root_is_read_too() -> None:
    root = etree.fromstring("<div><p>one</p></div>")
    root.tail = "tail words after the root"
    assert state(fast.make_paragraphs(root)) == state(justext_paragraphs(root))
    assert fast.make_paragraphs(root)[-1].text == "tail words after the root"


def test_what_the_walk_does_not_model_goes_to_justext() -> None:
    with_entity = etree.fromstring("<div><p>one</p></div>")
    with_entity[0].append(etree.Entity("amp"))
    with pytest.raises(fast._Unsupported):
        fast._walk_paragraphs(with_entity)
    # jusText's walk fails on the entity node: so does the stand-in, the same way
    with pytest.raises(Exception) as theirs:
        justext_paragraphs(with_entity)
    with pytest.raises(type(theirs.value)):
        fast.make_paragraphs(with_entity)

    deep = etree.Element("div")
    node = deep
    for level in range(fast.MAX_DEPTH + 5):
        node = etree.SubElement(node, "span")
        node.text = f"level {level}"
    with pytest.raises(fast._Unsupported):
        fast._walk_paragraphs(deep)
    assert state(fast.make_paragraphs(deep)) == state(justext_paragraphs(deep))

    document = etree.fromstring("<?keep me?><html><body><p>words</p></body></html>").getroottree()
    root = document.getroot()
    assert root.getprevious() is not None
    with pytest.raises(fast._Unsupported):
        fast._walk_paragraphs(root)
    assert state(fast.make_paragraphs(root)) == state(justext_paragraphs(root))


# ------------------------------------------------------------------ stop words


def test_every_languages_stop_words_are_the_set_justext_builds() -> None:
    original = fast._originals["jt_stoplist_init"]()
    assert fast.all_stopwords() == justext.core.define_stoplist(original)
    assert len(fast.all_stopwords()) > 100_000


def test_trafilatura_gets_its_stoplist_and_the_lowered_set_is_ready() -> None:
    previous = external.JT_STOPLIST
    try:
        stoplist = external.jt_stoplist_init()
        assert external.JT_STOPLIST is stoplist
        assert set(stoplist) == fast.all_stopwords()
        assert fast._lowered(stoplist) is fast._stopwords["lowered"]
    finally:
        external.JT_STOPLIST = previous


# ------------------------------------------------------------------ inside trafilatura


def listing_page() -> str:
    """A page whose text is mostly list items: trafilatura's extraction covers little of
    it, so it escalates and tries jusText."""
    items = "".join(f"<li>{PROSE} ({n})</li>" for n in range(12))
    return f"<html><body><article><p>{PROSE}</p></article><ul>{items}</ul></body></html>"


def test_trafilatura_runs_these_and_extracts_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    walk, classify = fast.make_paragraphs, fast.classify_paragraphs
    monkeypatch.setattr(fast, "make_paragraphs", lambda root: calls.append("walk") or walk(root))
    monkeypatch.setattr(
        fast, "classify_paragraphs", lambda *a: calls.append("classify") or classify(*a)
    )
    page = listing_page()
    try:
        ours = main_text(page)
        assert calls == ["walk", "classify"]
        fast.set_enabled(False)
        theirs = main_text(page)
    finally:
        fast.set_enabled(True)
    assert calls == ["walk", "classify"]  # disabled: jusText's own functions ran
    assert ours == theirs
    assert PROSE in ours
