"""The readability shortcut: skipped only where it cannot change trafilatura's answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.clean import fallback
from archiver.clean.html import main_text

DATA = Path(__file__).parent / "data" / "html"

PROSE = (
    "The harbour council voted on Tuesday to raise the ferry budget after a winter of storms "
    "closed the coast road for eleven days, officials said in a statement to reporters."
)


def article_page(paragraphs: int, menu_links: int) -> str:
    menu = "".join(
        f'<li><a href="/s/{n}">Section number {n} of the site</a></li>' for n in range(menu_links)
    )
    body = "".join(f"<p>{PROSE} ({n})</p>" for n in range(paragraphs))
    return (
        "<html><head><title>Ferry budget raised</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>Ferry budget raised</h1>{body}</article>"
        "<footer><p>Copyright the Harbour Gazette</p></footer></body></html>"
    )


@pytest.fixture
def decisions(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every decision the shortcut takes while a test runs."""
    seen: list[bool] = []
    decide = fallback.readability_cannot_win

    def recording(*args: object) -> bool:
        seen.append(decide(*args))  # type: ignore[arg-type]
        return seen[-1]

    monkeypatch.setattr(fallback, "readability_cannot_win", recording)
    return seen


def both_ways(html: str) -> tuple[str, str]:
    fallback.set_enabled(True)
    try:
        with_shortcut = main_text(html)
        fallback.set_enabled(False)
        without = main_text(html)
    finally:
        fallback.set_enabled(True)
    return with_shortcut, without


def test_installs_on_this_trafilatura() -> None:
    assert fallback.install() is True
    from trafilatura import core

    assert core._extract_and_compare is fallback._extract_and_compare


@pytest.mark.parametrize(("paragraphs", "menu_links", "skipped"), [(8, 3, True), (2, 60, False)])
def test_the_page_is_copied_for_readability_only_when_it_runs(
    monkeypatch: pytest.MonkeyPatch, paragraphs: int, menu_links: int, skipped: bool
) -> None:
    """trafilatura copies the page for readability, which rewrites it; when readability is
    skipped the page itself is handed over (nothing reads it) and stays as it was."""
    fallback.install()
    seen: list[tuple[Any, str]] = []
    compare = fallback._originals["compare_extraction"]

    def recording(cleaned: Any, raw: Any, body: Any, text: str, options: Any) -> Any:
        seen.append((raw, lxml.html.tostring(raw, encoding="unicode")))
        return compare(cleaned, raw, body, text, options)

    extract_and_compare = fallback._extract_and_compare
    monkeypatch.setitem(fallback._originals, "compare_extraction", recording)
    from trafilatura import core

    pages: list[Any] = []

    def watching(cleaned: Any, backup: Any, tree: Any, options: Any) -> Any:
        before = lxml.html.tostring(tree, encoding="unicode")
        result = extract_and_compare(cleaned, backup, tree, options)
        pages.append(tree)
        assert lxml.html.tostring(tree, encoding="unicode") == before  # left as it was
        return result

    monkeypatch.setattr(core, "_extract_and_compare", watching)
    text = main_text(article_page(paragraphs=paragraphs, menu_links=menu_links))
    assert "ferry budget" in text
    raw, serialized = seen[0]
    assert (raw is pages[0]) is skipped
    assert serialized == lxml.html.tostring(pages[0], encoding="unicode")


def test_article_that_is_most_of_the_page_skips_readability(decisions: list[bool]) -> None:
    html = article_page(paragraphs=8, menu_links=3)
    with_shortcut, without = both_ways(html)
    assert decisions[0] is True
    assert with_shortcut == without
    assert "ferry budget" in with_shortcut


def test_page_mostly_made_of_links_still_asks_readability(decisions: list[bool]) -> None:
    html = article_page(paragraphs=2, menu_links=60)
    with_shortcut, without = both_ways(html)
    assert decisions and decisions[0] is False
    assert with_shortcut == without


@pytest.mark.parametrize("page", sorted(p.name for p in DATA.glob("*.html")))
def test_same_text_with_and_without_the_shortcut(page: str) -> None:
    with_shortcut, without = both_ways((DATA / page).read_text(encoding="utf-8"))
    assert with_shortcut == without


def _cannot_win(page: str, extracted: str) -> bool:
    """The shortcut's verdict for a page whose own extraction is one paragraph of text."""
    from lxml import html as lxml_html
    from trafilatura.settings import Extractor

    body = lxml_html.fromstring(f"<div><p>{extracted}</p></div>")
    raw = lxml_html.fromstring(f"<html><body>{page}</body></html>")
    return fallback.readability_cannot_win(raw, body, extracted, Extractor())


def test_bound_counts_the_text_readability_adds_for_iframes() -> None:
    paragraph = "<p>" + "x" * 80 + "</p>"
    assert _cannot_win(paragraph, "x" * 50) is True
    assert _cannot_win(paragraph + "<iframe></iframe>" * 10, "x" * 50) is False


def test_bound_is_the_page_text_with_its_whitespace_collapsed() -> None:
    # 120 characters of page text as written, 59 once collapsed: readability cannot return
    # more than 59 + the margin, under twice the 60 extracted.
    assert _cannot_win("<p>" + "x   " * 30 + "</p>", "x " * 30) is True
    # 80 words: 159 characters collapsed, more than twice 60 less the margin.
    assert _cannot_win("<p>" + "x   " * 80 + "</p>", "x " * 30) is False


def test_without_readabilitys_rules_the_whole_page_text_is_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A sidebar readability drops: with its rules known, only the article counts...
    sidebar = "<div class='sidebar'>" + "<p>Most read elsewhere on the site.</p>" * 10 + "</div>"
    page = "<p>" + "x " * 40 + "</p>" + sidebar
    assert _cannot_win(page, "x " * 30) is True
    # ... with another trafilatura layout (no rules to read), the sidebar's text counts too.
    monkeypatch.setattr(fallback, "_unlikely_candidate_test", lambda: None)
    assert _cannot_win(page, "x " * 30) is False
    assert _cannot_win("<p>" + "x   " * 30 + "</p>", "x " * 30) is True


PARAGRAPH_PIECES = [
    "<p>", "</p>", "<p></p>", "<p><!-- note --></p>", "<p><b></b></p>", "<div>", "</div>",
    "word", " ", "<b>bold</b>", "<i></i>", "<!-- c -->", "<?pi x?>", "<br>", "<p><br>tail</p>",
    "<span><!-- c -->after</span>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPH_PIECES), max_size=12))
def test_paragraph_text_is_what_trafilatura_asks_of_the_extraction(pieces: list[str]) -> None:
    # trafilatura takes readability's text when `body.xpath(".//p//text()")` is empty: the
    # shortcut asks the same without building that list.
    import lxml.html

    tree = lxml.html.document_fromstring(
        "<html><body><div>" + "".join(pieces) + "</div></body></html>"
    )
    body = tree.find("body")
    assert fallback._paragraph_text(body) == bool(body.xpath(".//p//text()"))


def _source_by_readability(html: str, parser: object = None) -> str:
    """The text readability's own code keeps before scoring: a copy of the page after the
    first two steps of ``Document.summary`` (the reference for ``_readability_source_text``)."""
    import lxml.html
    from lxml.etree import tostring
    from trafilatura.readability_lxml import Document

    document = Document(lxml.html.document_fromstring(html, parser=parser))
    for element in list(document.doc.iter("script", "style", "fencedframe")):
        element.drop_tree()
    fallback.install()
    fallback._originals["remove_unlikely_candidates"](document)  # readability's own
    return tostring(document.doc, method="text", encoding="unicode")


SOURCE_PIECES = [
    "<p>", "</p>", "<div class='sidebar'>", "<div class='sidebar-content'>", "<div id='menu'>",
    "<aside class='related'>", "<div class='x'>", "<body class='comment'>", "</div>",
    "</aside>", "<script>var x = 1;</script>", "<style>p{}</style>", "word ", " tail ",
    "<b>bold</b>", "<span class='Footer'>f</span>", "<span class='a'>a</span>",
    "<!-- c -->", "<iframe src='v'>i</iframe>", "<br>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SOURCE_PIECES), max_size=16))
def test_readability_source_text_is_what_readability_keeps(pieces: list[str]) -> None:
    import lxml.html

    from archiver.clean.html import html_parser

    html = "<html><body><div>" + "".join(pieces) + "</div></body></html>"
    # As the pipeline parses pages (comments and processing instructions dropped): the same.
    parsed = lxml.html.document_fromstring(html, parser=html_parser())
    ours = fallback._readability_source_text(parsed)
    assert ours == _source_by_readability(html, html_parser())
    # A tree that kept its comments: their text counts too, a looser bound, never a tighter one.
    with_comments = fallback._readability_source_text(lxml.html.document_fromstring(html))
    assert len(with_comments or "") >= len(_source_by_readability(html))


@pytest.mark.parametrize("page", sorted(p.name for p in DATA.glob("*.html")))
def test_readability_never_returns_more_than_its_source_text(page: str) -> None:
    import lxml.html
    from lxml.etree import tostring
    from trafilatura.external import try_readability
    from trafilatura.utils import trim

    html = (DATA / page).read_text(encoding="utf-8")
    source = fallback._readability_source_text(lxml.html.document_fromstring(html))
    assert source is not None
    iframes = html.count("<iframe")
    returned = try_readability(lxml.html.document_fromstring(html))
    text = trim(tostring(returned, method="text", encoding="unicode"))
    assert len(text) <= len(" ".join(source.split())) + fallback.IFRAME_TEXT_CHARS * iframes


def test_scripts_and_unlikely_regions_do_not_keep_readability_running(
    decisions: list[bool],
) -> None:
    # The article is a third of the page's text: the rest is a script and a sidebar, which
    # readability drops before it looks at anything, so it cannot return twice the article.
    script = "<script>" + "var tracking = {'id': 12345, 'events': []};" * 40 + "</script>"
    sidebar = "<div class='sidebar'>" + "<p>Most read: a story elsewhere on the site.</p>" * 30
    html = article_page(paragraphs=4, menu_links=0).replace(
        "<footer>", script + sidebar + "</div><footer>"
    )
    with_shortcut, without = both_ways(html)
    assert decisions[0] is True
    assert with_shortcut == without
    assert "ferry budget" in with_shortcut


def _both_removals(html: str) -> tuple[str, str]:
    """The page after readability's own ``remove_unlikely_candidates`` and after ours."""
    import lxml.html
    from trafilatura.readability_lxml import Document

    fallback.install()
    theirs = Document(lxml.html.document_fromstring(html))
    fallback._originals["remove_unlikely_candidates"](theirs)
    ours = Document(lxml.html.document_fromstring(html))
    fallback.remove_unlikely_candidates(ours)
    return (
        lxml.html.tostring(ours.doc, encoding="unicode"),
        lxml.html.tostring(theirs.doc, encoding="unicode"),
    )


def test_readability_runs_the_faster_removal() -> None:
    from trafilatura.readability_lxml import Document

    fallback.install()
    assert Document.remove_unlikely_candidates is fallback.remove_unlikely_candidates


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SOURCE_PIECES), max_size=16))
def test_the_unlikely_candidates_leave_the_page_as_readability_removes_them(
    pieces: list[str],
) -> None:
    ours, theirs = _both_removals("<html><body><div>" + "".join(pieces) + "</div></body></html>")
    assert ours == theirs


def test_the_same_removal_and_summary_on_the_test_pages_and_generated_items(
    tmp_path: Path,
) -> None:
    import lxml.html
    from trafilatura.readability_lxml import Document

    from tests.benchmarks.bench_batch import generate

    generate(tmp_path, 12)
    pages = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    pages.append(
        "<html><body><div class='sidebar'><div class='comment'><p>nested</p></div>tail one"
        "</div><!-- c --><div id='footer'>f</div>tail two<p class='related'>r</p>"
        "<div class='x' id='sidebar'>by id</div><div class='menu' id='x'>by class</div>"
        "</body></html>"
    )
    # readability never drops the page's frame, whatever its class says
    pages.append("<html class='sidebar'><body class='comment' id='menu'><p>kept</p></body></html>")
    removed = 0
    for html in pages:
        ours, theirs = _both_removals(html)
        assert ours == theirs
        removed += len(theirs) < len(lxml.html.tostring(lxml.html.document_fromstring(html)))
        summaries = []
        for enabled in (True, False):
            fallback.set_enabled(enabled)
            try:
                summaries.append(Document(lxml.html.document_fromstring(html)).summary())
            finally:
                fallback.set_enabled(True)
        assert summaries[0] == summaries[1]
    assert removed >= 3


def _scores(html: str, score: Any) -> list[tuple[str, float]]:
    """Each candidate's path and score after readability's first steps and ``score``."""
    import lxml.html
    from trafilatura.readability_lxml import Document

    document = Document(lxml.html.document_fromstring(html), min_text_length=25)
    for element in list(document.doc.iter("script", "style", "fencedframe")):
        element.drop_tree()
    document.remove_unlikely_candidates()
    document.transform_misused_divs_into_paragraphs()
    tree = document.doc.getroottree()
    return [(tree.getpath(e), c.score) for e, c in score(document).items()]


SCORED_PIECES = [
    "<p>", "</p>", "<div class='content'>", "<div class='article-body' id='main'>",
    "<div class='comment'>", "<div id='sidebar'>", "</div>", "<td>", "</td>", "<pre>", "</pre>",
    "A sentence long enough to count, with a comma, and another one. ", "short",
    "<a href='/x'>a link with some words in it</a>", "<section class='footer'>", "</section>",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SCORED_PIECES), max_size=20))
def test_the_candidates_and_scores_are_readabilitys(pieces: list[str]) -> None:
    fallback.install()
    html = "<html><body><div>" + "".join(pieces) + "</div></body></html>"
    ours = _scores(html, fallback.score_paragraphs)
    assert ours == _scores(html, fallback._originals["score_paragraphs"])


def test_the_same_scores_on_the_test_pages() -> None:
    from trafilatura.readability_lxml import Document

    fallback.install()
    assert Document.score_paragraphs is fallback.score_paragraphs
    for page in sorted(DATA.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        ours = _scores(html, fallback.score_paragraphs)
        assert ours and ours == _scores(html, fallback._originals["score_paragraphs"])
