"""trafilatura's page measure skipped only where it cannot start the recall retry."""

from __future__ import annotations

import html
import importlib
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from trafilatura import core

from archiver.clean import escalation
from archiver.clean.html import load_tree, main_text
from tests.benchmarks.bench_batch import generate

DATA = Path(__file__).parent / "data" / "html"
baseline = importlib.import_module("trafilatura.baseline")

PROSE = (
    "The harbour council voted on Tuesday to raise the ferry budget after a winter of storms "
    "closed the coast road for eleven days, officials said in a statement to reporters."
)


def html2txt_length(tree: Any) -> int:
    return len(escalation._originals["html2txt"](tree))


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    main_text("<html><body><p>warm</p></body></html>")  # installs the shortcuts
    assert escalation.install() is True


def test_installs_where_trafilatura_measures_the_page() -> None:
    assert core.html2txt is escalation.page_text


def test_the_bound_holds_on_the_test_pages_and_generated_items(tmp_path: Path) -> None:
    generate(tmp_path, 24)
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    checked = 0
    for page in pages:
        tree = load_tree(page)
        if tree is None:
            continue
        measured = html2txt_length(tree)
        bound = escalation.page_text_bound(tree)
        assert measured <= bound
        checked += 1
    assert checked >= 19


PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<aside>", "</aside>", "<footer>", "</footer>",
    "<script>var x = 1;</script>", "<style>p{}</style>", "<svg><text>icon</text></svg>",
    "<template>t</template>", "<div class='cookie-banner'>consent</div>",
    "<div id='page-footer'>foot</div>", "word", "glued", " ", "\n  ", "<br>", "<b>bold</b>",
    "<!-- c -->", "<li>item</li>", "<h2>head</h2>", "<span>x\u00ady</span>", "\u200b",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24), st.booleans())
@example(["word", "<script>x y</script>", "glued"], True)
@example(["<aside>", "<script>a</script>", "b", "</aside>", "word"], True)
@example(["<aside>", "<script>var x = 1;</script>", "</aside>", "word"], True)  # nested: once
@example(["word", "<script>x</script>", "glued", "<style>y</style>", "word"], True)  # glued
@example(["word", "<li>item</li>", "word", "<li>item</li>", "word"], True)  # spaced apart
def test_the_bound_holds_on_random_pages(pieces: list[str], with_body: bool) -> None:
    inner = "".join(pieces)
    if with_body:
        tree = lxml.html.document_fromstring(f"<html><body>{inner}</body></html>")
    else:  # a tree without <body>: html2txt measures the whole of it
        tree = lxml.html.fragment_fromstring(inner, create_parent="div")
    assert html2txt_length(tree) <= escalation.page_text_bound(tree)


def test_the_bound_is_close_on_a_plain_page() -> None:
    tree = load_tree(f"<html><body><p>{html.escape(PROSE)}</p></body></html>")
    measured = html2txt_length(tree)
    # the words again, and the spaces before the text and tail of <p>
    assert measured <= escalation.page_text_bound(tree) <= 2 * measured + 4


def menu_page() -> str:
    """A short article under a long menu: the extraction covers little of the page's text
    (trafilatura drops the menu, the page measure keeps it), so the retry may start."""
    links = "".join(f"<a href='/s{n}'>Section {n} of the site, long name</a> " for n in range(40))
    return f"<html><body><div class='menu'>{links}</div><p>{PROSE}</p></body></html>"


def article_page() -> str:
    """A short article that is most of its page: the measure cannot start the retry."""
    body = "".join(f"<p>{PROSE} ({n})</p>" for n in range(4))
    return f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"


@pytest.mark.parametrize(("page", "measured"), [(menu_page(), True), (article_page(), False)])
def test_the_page_is_measured_only_where_the_retry_can_start(
    monkeypatch: pytest.MonkeyPatch, page: str, measured: bool
) -> None:
    calls: list[Any] = []
    original = escalation._originals["html2txt"]
    monkeypatch.setitem(
        escalation._originals,
        "html2txt",
        lambda tree, clean=True: calls.append(tree) or original(tree, clean),
    )
    asked: list[Any] = []
    page_text = escalation.page_text
    monkeypatch.setattr(core, "html2txt", lambda tree: asked.append(tree) or page_text(tree))
    ours = main_text(page)
    assert asked  # trafilatura asked for the measure
    assert bool(calls) is measured
    escalation.set_enabled(False)
    try:
        theirs = main_text(page)
    finally:
        escalation.set_enabled(True)
    assert ours == theirs


def test_the_same_text_on_the_test_pages_and_generated_items(tmp_path: Path) -> None:
    generate(tmp_path, 12)
    pages = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    pages += [menu_page(), article_page()]
    with_shortcut = [main_text(page) for page in pages]
    escalation.set_enabled(False)
    try:
        without = [main_text(page) for page in pages]
    finally:
        escalation.set_enabled(True)
    assert with_shortcut == without


def test_a_tree_without_a_noted_extraction_is_measured() -> None:
    tree = load_tree(f"<html><body><p>{PROSE}</p></body></html>")
    other = load_tree("<html><body><p>another page</p></body></html>")
    escalation.note_extraction(other, 10**6)  # another tree's extraction
    assert escalation.page_text(tree) == baseline.html2txt(tree) != ""
    escalation.note_extraction(tree, 10**6)
    assert escalation.page_text(tree) == ""  # this one's: a long extraction, no measure


def test_the_noted_tree_is_not_kept_alive() -> None:
    import gc
    import weakref

    tree = load_tree(f"<html><body><p>{PROSE}</p></body></html>")
    watch = weakref.ref(tree)
    escalation.note_extraction(tree, 10)
    del tree
    gc.collect()
    assert watch() is None
