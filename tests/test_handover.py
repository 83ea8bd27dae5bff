"""trafilatura takes main_text's tree itself, read beforehand and left as it was."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura import core

from archiver.clean import handover
from archiver.clean.html import (
    boilerplate_evidence,
    find_lead,
    lead_candidates,
    load_tree,
    main_text,
    preclean,
)
from archiver.tree_text import text_content
from tests.benchmarks.bench_batch import generate

DATA = Path(__file__).parent / "data" / "html"

PROSE = (
    "The harbour council voted on Tuesday to raise the ferry budget after a winter of storms "
    "closed the coast road for eleven days, officials said in a statement to reporters."
)


def article_page() -> str:
    body = "".join(f"<p>{PROSE} ({n})</p>" for n in range(4))
    return (
        "<html><body><nav><a href='/'>Home</a></nav><article>"
        f"<p class='lead'>{PROSE} A lead.</p>{body}</article>"
        "<div class='share'>Share this</div>tail after the widget"
        "<div class='related-posts'><a href='/a'>Another story</a></div></body></html>"
    )


def short_page() -> str:
    """A page whose first extraction is too short: main_text asks again in recall mode."""
    return "<html><body><div><p>A short note of the council, not long.</p></div></body></html>"


@pytest.fixture
def trees_extracted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The trees trafilatura's pipeline works on, as main_text hands them over."""
    seen: list[Any] = []
    sequence = core.trafilatura_sequence
    monkeypatch.setattr(
        core,
        "trafilatura_sequence",
        lambda tree, *a, **k: seen.append(tree) or sequence(tree, *a, **k),
    )
    return seen


def test_installs_where_trafilatura_loads_its_input() -> None:
    assert handover.install() is True
    assert core.load_html is not handover._originals["load_html"]
    tree = load_tree(article_page())
    assert core.load_html(handover.Consumable(tree)) is tree
    loaded = core.load_html("<html><body><p>text</p></body></html>")  # other inputs: as before
    assert loaded is not None and loaded.findtext(".//p") == "text"


def test_trafilatura_prunes_the_tree_handed_over_instead_of_a_copy(
    trees_extracted: list[Any],
) -> None:
    page = article_page().replace("<nav>", "<div class='infinite-scroll'><p>more</p></div><nav>")
    tree = load_tree(page)
    handover.install()
    core.extract(handover.Consumable(tree))
    assert trees_extracted == [tree]
    assert "infinite-scroll" not in etree.tostring(tree, encoding="unicode")  # pruned in place

    handover.set_enabled(False)
    try:
        kept = load_tree(page)
        before = etree.tostring(kept)
        core.extract(handover.handed_over(kept))
    finally:
        handover.set_enabled(True)
    assert trees_extracted[-1] is not kept  # a copy
    assert etree.tostring(kept) == before


def test_main_text_hands_over_its_tree_and_reparses_for_the_recall_run(
    trees_extracted: list[Any],
) -> None:
    tree = load_tree(article_page())
    main_text(article_page(), tree=tree)
    assert trees_extracted == [tree]

    trees_extracted.clear()
    short = load_tree(short_page())
    main_text(short_page(), tree=short)
    assert len(trees_extracted) == 2  # the recall run too
    assert trees_extracted[0] is short
    assert trees_extracted[1] is not short  # the page parsed again, not the pruned tree
    assert etree.tostring(trees_extracted[1]) != b""


def test_the_same_text_with_and_without_the_hand_over(tmp_path: Path) -> None:
    generate(tmp_path, 12)
    pages = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    pages += [article_page(), short_page()]
    handed = [main_text(page) for page in pages]
    handover.set_enabled(False)
    try:
        copied = [main_text(page) for page in pages]
    finally:
        handover.set_enabled(True)
    assert handed == copied
    assert all(handed)
    assert handed[-2].startswith(f"{PROSE} A lead.")  # the lead found before the hand-over


def evidence_matches_preclean(tree: Any) -> None:
    """boilerplate_evidence leaves the tree as it was and says what preclean leaves."""
    before = etree.tostring(tree, encoding="unicode")
    removed, kept, leads = boilerplate_evidence(tree)
    assert etree.tostring(tree, encoding="unicode") == before
    cleaned = copy.deepcopy(tree)
    removed_by_preclean: list[str] = []
    preclean(cleaned, removed_by_preclean)
    assert removed == removed_by_preclean
    assert kept == (" ".join(text_content(cleaned).split()) if removed else "")
    assert leads == lead_candidates(cleaned)
    assert find_lead(cleaned, "") == (leads[0] if leads else None)


def test_the_evidence_on_the_test_pages_and_generated_items(tmp_path: Path) -> None:
    generate(tmp_path, 12)
    pages = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.html"))]
    pages += [p.read_bytes().decode("utf-8", "replace") for p in sorted(tmp_path.glob("*.html"))]
    removed = 0
    for page in [*pages, article_page()]:
        tree = load_tree(page)
        evidence_matches_preclean(tree)
        removed += bool(boilerplate_evidence(tree)[0])
    assert removed >= 10


PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<div class='share'>Share</div>",
    "<div class='share-box'><a href='/s'>Tweet</a></div>", "<nav>menu</nav>",
    "<div class='related'>", "<aside class='sidebar'>side</aside>", "<p class='lead'>",
    "<div class='comments'><p>a comment</p></div>", "word", "tail text", " ", "\n  ",
    "<b>bold</b>", "<br>", "<span class='byline'>by X</span>", "<section>", "</section>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
@example(["<div class='share'>Share</div>", "tail text", "<nav>menu</nav>", "tail text"])
@example(["<div>", "<nav>menu</nav>", "tail text", "<nav>menu</nav>", "</div>"])  # first child
@example(["word", "<div class='share'>Share</div>", "<div class='share'>Share</div>", "word"])
def test_the_evidence_on_random_pages(pieces: list[str]) -> None:
    tree = lxml.html.document_fromstring(f"<html><body>{''.join(pieces)}</body></html>")
    evidence_matches_preclean(tree)
