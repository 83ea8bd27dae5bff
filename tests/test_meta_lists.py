"""Categories and tags (archiver.meta_lists): which evidence names the item's own lists.

Every page fragment here was written for these tests.
"""

from __future__ import annotations

import threading

from archiver.meta_lists import page_categories, page_tags
from archiver.meta_page import parse_page
from archiver.metadata import extract_metadata


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def categories(html: str, url: str | None = None) -> list[str]:
    return extract_metadata(html, url).categories


# --- theme text and classed containers (the cached per-page passes) --------------------------


def test_labelled_text_is_found_in_a_short_block_inside_a_long_post() -> None:
    prose = "<p>" + "Long running text of the story. " * 30 + "</p>"
    body = (
        f"<article><h1>T</h1>{prose}{prose}"
        '<footer class="entry-meta"><span>Posted in <a href="/c/a">Harbour</a>, '
        '<a href="/c/b">Fisheries</a></span></footer></article>'
    )
    assert categories(page("", body)) == ["Harbour", "Fisheries"]


def test_a_label_inside_a_block_longer_than_300_characters_is_not_read() -> None:
    # The whole block is prose, not a theme's meta line.
    body = "<article><h1>T</h1><p>Category: " + "word " * 80 + "</p></article>"
    assert categories(page("", body)) == []


def test_labelled_text_in_a_sidebar_is_skipped_for_the_posts_own_line() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Tags: <a href="/t/x">ferries</a></p></article>'
        '<div class="sidebar"><p>Tags: <a href="/t/y">everything</a></p></div>'
    )
    assert extract_metadata(page("", body)).tags == ["ferries"]


def test_the_first_classed_container_in_document_order_wins() -> None:
    body = (
        '<article><h1>T</h1><div class="post-categories"><a href="/c/1">Ports</a></div>'
        '<div class="entry-categories"><a href="/c/2">Other</a></div></article>'
    )
    assert categories(page("", body)) == ["Ports"]


def test_a_classed_container_without_links_does_not_stop_the_search() -> None:
    body = (
        '<article><h1>T</h1><div class="cat-links"></div>'
        '<span class="post-category"><a href="/c/1">Rail</a></span></article>'
    )
    assert categories(page("", body)) == ["Rail"]


def test_rules_of_one_page_never_see_anothers_cached_evidence() -> None:
    first = page("", '<article><h1>A</h1><p>Tags: <a href="/t/a">alpha</a></p></article>')
    second = page("", '<article><h1>B</h1><p>Tags: <a href="/t/b">beta</a></p></article>')
    results: dict[int, list[list[str]]] = {0: [], 1: []}

    def work(index: int, html: str) -> None:
        for _ in range(50):
            parsed = parse_page(html)
            assert parsed is not None
            results[index].append(page_tags(parsed) + page_categories(parsed))

    threads = [threading.Thread(target=work, args=(i, h)) for i, h in enumerate([first, second])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == ["alpha"] for r in results[0])
    assert all(r == ["beta"] for r in results[1])
