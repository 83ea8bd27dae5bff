"""trafilatura's selectors in Python: the same elements as its XPath, in the same order."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura import xpaths

from archiver.clean import escalation, selectors
from archiver.clean.html import load_tree, main_text
from tests.benchmarks.bench_batch import generate

DATA = Path(__file__).parent / "data" / "html"


def holders() -> Iterator[tuple[Any, Any]]:
    """(container, key) of every place trafilatura keeps a replaceable expression."""
    for name in selectors.SELECTOR_LISTS:
        expressions = getattr(xpaths, name)
        yield from ((expressions, index) for index in range(len(expressions)))
    for module, name in selectors.SELECTOR_NAMES:
        yield sys.modules[module], name


def held(container: Any, key: Any) -> Any:
    return container[key] if isinstance(container, list) else getattr(container, key)


def hold(container: Any, key: Any, value: Any) -> None:
    if isinstance(container, list):
        container[key] = value
    else:
        setattr(container, key, value)


def installed() -> dict[str, selectors.Selector]:
    """Every selector in place, by the XPath text it replaces."""
    selectors.install()
    found = (held(container, key) for container, key in holders())
    return {
        selectors.normalized(expression.path): expression
        for expression in found
        if isinstance(expression, selectors.Selector)
    }


def same_elements(found: list[Any], expected: list[Any]) -> bool:
    return len(found) == len(expected) and all(a is b for a, b in zip(found, expected, strict=True))


def describe(elements: list[Any]) -> list[str]:
    return [f"<{e.tag} {dict(e.attrib)}>" for e in elements]


def check_all(tree: Any, only: str | None = None) -> None:
    for text, selector in installed().items():
        if only is not None and text != only:
            continue
        expected = selector.xpath(tree)
        found = selector.select(tree)
        assert same_elements(found, expected), (text[:70], describe(found), describe(expected))


@contextmanager
def checking_every_call() -> Iterator[list[str]]:
    """While active, each call trafilatura makes runs both ways and must agree; yields the
    texts of the selectors called."""
    calls: list[str] = []
    wrapped = []
    selectors.install()
    for container, key in holders():
        expression = held(container, key)
        if isinstance(expression, selectors.Selector):

            def both(tree: Any, _selector: Any = expression, **variables: Any) -> Any:
                expected = _selector.xpath(tree, **variables)
                found = _selector(tree, **variables)
                calls.append(selectors.normalized(_selector.path))
                assert same_elements(found, expected), (
                    _selector.path[:70],
                    describe(found),
                    describe(expected),
                )
                return expected

            hold(container, key, both)
            wrapped.append((container, key, expression))
    try:
        yield calls
    finally:
        for container, key, expression in wrapped:
            hold(container, key, expression)


# ----------------------------------------------------------------- installing


def test_every_selector_replaces_its_expression_in_this_trafilatura() -> None:
    assert selectors.install() == 13
    assert set(installed()) == set(selectors._SELECTORS)
    assert selectors.install() == 13  # idempotent: nothing wrapped twice
    assert all(isinstance(s.xpath, etree.XPath) for s in installed().values())


def test_an_unfamiliar_expression_is_left_to_xpath(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = etree.XPath(".//*[self::div][contains(@class, 'something-else')]")
    monkeypatch.setattr(xpaths, "TEASER_DISCARD_XPATH", [changed])
    monkeypatch.setattr(selectors, "_installed", None)
    count = selectors.install()
    assert xpaths.TEASER_DISCARD_XPATH[0] is changed
    assert count == 12
    # installing again never wraps a selector in another
    assert all(isinstance(s.xpath, etree.XPath) for s in installed().values())


def test_the_patterns_are_read_from_the_xpath_text() -> None:
    story = selectors.regexes(selectors.STORY)
    assert [p.pattern for p in story][:2] == ["^primary|story-body", "fulltext"]
    assert story[1].flags & re.IGNORECASE and not story[0].flags & re.IGNORECASE
    for text in selectors._SELECTORS:
        assert len(selectors.regexes(text)) == text.count("re:test(")


def test_disabled_selectors_hand_every_call_to_xpath() -> None:
    tree = load_tree("<html><body><div id='nav'><p>x</p></div></body></html>")
    selector = installed()[selectors.OVERALL_DISCARD]
    calls = []
    original = selector.select
    selector.select = lambda t: calls.append(t) or original(t)  # type: ignore[method-assign]
    try:
        selectors.set_enabled(False)
        assert [e.get("id") for e in selector(tree)] == ["nav"]
        assert calls == []
        selectors.set_enabled(True)
        assert [e.get("id") for e in selector(tree)] == ["nav"]
        assert calls == [tree]
    finally:
        selectors.set_enabled(True)
        selector.select = original  # type: ignore[method-assign]


def test_an_element_tree_or_xpath_variables_go_to_xpath() -> None:
    tree = load_tree("<html><body><div id='nav'><p>x</p></div></body></html>")
    selector = installed()[selectors.OVERALL_DISCARD]
    document = tree.getroottree()
    assert same_elements(selector(document), selector.xpath(document))


# ----------------------------------------------------------------- XPath's corners


def page(body: str) -> Any:
    return load_tree(f"<html><head><title>t</title></head><body>{body}</body></html>")


@pytest.mark.parametrize(
    "body",
    [
        # @id|@class is the value of whichever attribute comes first
        '<div class="cookie-box" id="main"><p>a</p></div><div id="x" class="cookie-box">b</div>',
        '<span style="color: red" id="hidden-note">a</span><span id="hidden-note" style="x">b</span>',
        '<p class="reply-to" id="c1">a</p><p id="c1" class="reply-to">b</p>',
        '<div style="display:none">a</div><b style="color: red; display: none">b</b>',
        '<div class="x" aria-hidden="true">a</div><p id="y" style="z" aria-hidden="true">b</p>',
        # missing, empty and case-variant attributes
        '<div id="">a</div><div data-lp-replacement-content="">b</div><i aria-hidden="true">c</i>',
        '<div role="Navigation">a</div><div role="NAV">b</div><div id="Teaser-1">c</div>',
        '<div class="commentary">a</div><div class="Comment-list">b</div><div id="comol">c</div>',
        '<ul id="dsq-comments"><li>a</li></ul><ul class="comment-list"><li>b</li></ul>',
        '<ol id="comments"><li>a</li></ol><details id="disqus_thread">b</details>',
        # a prune that spares a container holding the headline
        '<div class="infinite-scroll"><h1>T</h1></div><aside id="mvp-post-add-box"><h1>U</h1></aside>'
        '<section class="infinite-scroll"><p>more</p></section>',
        '<div class="x elementor-share-buttons">a</div><p class="elementor-share-buttons">b</p>',
        # "[1]" is the first match among each parent's children
        '<div><div class="post">A</div><div class="post">B</div>'
        '<section><article class="entry">C</article><div class="entry">D</div></section></div>'
        '<main itemprop="articleBody">E</main>',
        # "(...)[1]" is the first in the whole page; "|" keeps document order
        '<main>m</main><div class="main-wrapper">d</div><div id="story">s</div>',
        '<div class="main-wrapper"><main>m</main></div><div class="FullText">f</div>',
        '<section class="Page-Content">p</section><div id="Main-Content">c</div>',
        # tags the HTML parser keeps as written, and trafilatura's own tag names
        '<fb:like class="share-button">a</fb:like><list class="menu"><item>b</item></list>',
        # html2txt's cleaning: page furniture, footers, consent banners (any case)
        '<aside><footer class="cookie-banner">a</footer></aside><script>1</script><svg></svg>'
        '<div id="page-footer" class="x">b</div><div class="x" id="page-footer">c</div>'
        '<template>t</template><p id="CookieBot">d</p><span class="Notice--Cookie">e</span>',
        # case-insensitive beyond ASCII: long s and the Kelvin sign match "s" and "k"
        '<p class="con\u017fent-banner">f</p><p id="COOKIE-BAR">g</p><p class="coo\u212aie-law">h</p>'
        '<p class="coo\u212aie">i</p><p id="Onetrust-\u00e9">j</p>',
        '<div class="dfpAd"> <span class="x ad y">a</span><p class="ad-slot">b</p></div>',
    ],
)
def test_corners_of_xpath_semantics(body: str) -> None:
    check_all(page(body))


def literal_pages() -> Iterator[tuple[str, str]]:
    """Pages with every attribute a selector reads set to every string its expression names
    (whole, in pieces, padded, upper-cased), on each tag it looks at: all in one page, or
    one page each for the selectors that keep only the first element found."""
    for text in selectors._SELECTORS:
        names = sorted(set(re.findall(r"@([\w-]+)", text)))
        tags = sorted(set(re.findall(r"self::(\w+)", text))) or ["div"]
        strings = set()
        for literal in re.findall(r"'([^']*)'", text):
            for piece in {literal, *re.split(r"[|()^$?:\[\]\\]+", literal)} - {""}:
                strings |= {piece, f"{piece} x", f"x {piece}", piece.upper(), piece.title()}
        blocks = [
            f'<div><{tag} {name}="{html.escape(value)}">v</{tag}></div>'
            for tag in tags
            for name in names
            for value in sorted(strings)
        ]
        if text.startswith("("):
            yield from ((text, block) for block in blocks)
        else:
            yield text, "".join(blocks)


def test_every_string_of_every_expression_on_every_attribute_it_reads() -> None:
    for text, body in literal_pages():
        check_all(page(body), only=text)


def test_comments_and_processing_instructions_are_not_elements() -> None:
    tree = page('<div id="nav"><p>a</p></div>')
    body = tree.find("body")
    body.append(etree.Comment(" nav "))
    body.append(etree.ProcessingInstruction("php", "echo 1"))
    body.append(etree.Entity("nbsp"))
    check_all(tree)


# Words of the rules (and near misses) to build class, id and style values from.
WORDS = sorted(
    {word for text in selectors._SELECTORS for word in re.findall(r"[A-Za-z][\w-]*", text)}
    | {"commentary", "Comment", "comments", "post", "entry", "content", "main", "display:none",
       "display: none", "ad", " ad ", "true", "article ", "N", "T", "P", "M", "C"}
)  # fmt: skip
ATTRIBUTES = ["id", "class", "style", "role", "itemprop", "aria-hidden", "data-component",
              "data-lp-replacement-content", "href"]  # fmt: skip
TAGS = ["div", "section", "aside", "article", "main", "p", "span", "ul", "ol", "li", "details",
        "list", "item", "h1", "a", "header", "fb:like"]  # fmt: skip

values = st.lists(st.sampled_from(WORDS), min_size=0, max_size=3).flatmap(
    lambda words: st.sampled_from(["", " ", "-", "_"]).map(lambda sep: sep.join(words))
)
attributes = st.lists(
    st.tuples(st.sampled_from(ATTRIBUTES), values), max_size=4, unique_by=lambda a: a[0]
)
elements = st.recursive(
    st.sampled_from(["text", "more text"]),
    lambda children: st.tuples(st.sampled_from(TAGS), attributes, st.lists(children, max_size=4)),
    max_leaves=40,
)


def to_html(node: Any) -> str:
    if isinstance(node, str):
        return node
    tag, attrs, children = node
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}>{''.join(map(to_html, children))}</{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(elements, min_size=1, max_size=4))
def test_random_trees_give_the_same_elements(nodes: list[Any]) -> None:
    tree = page("".join(map(to_html, nodes)))
    if tree is not None:
        check_all(tree)


# ----------------------------------------------------------------- inside trafilatura


@settings(max_examples=60, deadline=None)
@given(st.lists(elements, min_size=1, max_size=5))
def test_every_call_during_extraction_agrees(nodes: list[Any]) -> None:
    prose = "The council met on Tuesday and voted to repair the harbour wall before winter. " * 4
    article = "".join(f"<p>{prose} ({n})</p>" for n in range(6))
    blocks = "".join(map(to_html, nodes))
    with checking_every_call() as calls:
        main_text(f"<html><body>{blocks}<article>{article}</article>{blocks}</body></html>")
    assert calls  # trafilatura did run its selectors


def test_every_call_agrees_on_the_test_pages_and_generated_items(tmp_path: Path) -> None:
    generate(tmp_path, 24)
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    # html2txt's cleaning runs where the page is measured: always, with that shortcut off
    escalation.set_enabled(False)
    try:
        with checking_every_call() as calls:
            for text in pages:
                main_text(text)
    finally:
        escalation.set_enabled(True)
    assert len(pages) >= 19
    # the pruning and frame-finding selectors all ran
    assert {
        selectors.OVERALL_DISCARD,
        selectors.HIDDEN,
        selectors.ARTICLE_BODY,
        selectors.BASIC_CLEAN,
    } <= set(calls)


def test_extraction_is_the_same_with_and_without_selectors(tmp_path: Path) -> None:
    generate(tmp_path, 12)
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    try:
        with_selectors = [main_text(text) for text in pages]
        selectors.set_enabled(False)
        with_xpath = [main_text(text) for text in pages]
    finally:
        selectors.set_enabled(True)
    assert with_selectors == with_xpath
    assert all(text.strip() for text in with_selectors)


# ----------------------------------------------------------------- case-insensitive search


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="cokiebanrlwtsuCOKIEBANRLWTSU-_ \u017f\u212a\u0130\u0131\u00e9", max_size=24)
)
@example("cookie-banner")
@example("Cookie-Bar")
@example("con\u017fent-banner")
@example("coo\u212aie")
def test_a_case_insensitive_search_on_lowered_ascii_agrees(value: str) -> None:
    consent = selectors._PATTERNS[selectors.BASIC_CLEAN][0]
    assert consent.flags & re.IGNORECASE
    for pattern in (consent, re.compile(r"Cookie|\Dbar", re.IGNORECASE), re.compile("cookie")):
        assert selectors.ignoring_case(pattern)(value) is (pattern.search(value) is not None)
