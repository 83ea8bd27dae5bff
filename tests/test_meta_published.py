"""Publication dates (archiver.meta_published, archiver.meta_dates): each rule with a page
fragment written for it. The structured date STALE stands for a template default or a
republication stamp that what the reader sees must overrule."""

from __future__ import annotations

from datetime import date

import pytest

from archiver.meta_dates import parse_date
from archiver.metadata import extract_metadata

STALE = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'


def page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def published(head: str, body: str, url: str | None = None, lang: str = "") -> str | None:
    return extract_metadata(page(head, body, lang), url).published


# --- reading dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A comma after the month name, as many themes print it.
        ("3 May, 2022, 11:37 pm", "2022-05-03"),
        ("07 Dezember, 2022", "2022-12-07"),
        ("7 de diciembre, 2022", "2022-12-07"),
    ],
)
def test_day_month_name_comma_year(value: str, expected: str) -> None:
    assert parse_date(value, latest=date(2025, 1, 1)) == expected


# --- dates that are not the post's -----------------------------------------------------------


def test_a_date_inside_an_embedded_post_is_the_quoted_posts() -> None:
    body = (
        "<article><h1>T</h1><p>Text.</p>"
        '<blockquote class="instagram-media"><p>A photo</p>'
        '<time datetime="2019-04-21T23:47:18+00:00">Apr 21, 2019</time></blockquote>'
        "<p>More text.</p></article>"
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_a_date_in_a_list_of_dated_items_is_another_items() -> None:
    listing = "".join(
        f'<div class="entry"><a href="/a{n}">Other story {n}</a>'
        f'<span class="timestamp">0{n}.02.2022</span></div>'
        for n in (1, 2, 3)
    )
    body = f"<article><h1>T</h1><p>Text.</p><div>{listing}</div></article>"
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"
    # One dated block of its kind is the post's own meta line.
    body = (
        '<article><h1>T</h1><div class="entry"><span class="timestamp">01.02.2022</span></div>'
        "<p>Text.</p></article>"
    )
    assert published(STALE, body) == "2022-02-01"


# --- the date under the headline -------------------------------------------------------------


def test_the_date_in_the_headline_block_wins_over_a_wrongly_chosen_post_element() -> None:
    # The only <article> is a teaser of another item; the item's header is outside it.
    body = (
        '<div class="title-area"><h1>Cold wave ahead</h1>'
        '<p class="date">Written: 2023-11-07 15:03<span> / </span>Updated: 2023-11-08 09:00</p>'
        "</div><p>Text of the item, long enough to be the body of it.</p>"
        '<section><article><p class="date">2023-11-03</p><a href="/x">Other</a></article>'
        "</section>"
    )
    assert published("", body) == "2023-11-07"


def test_the_headline_block_is_small_and_after_the_headline() -> None:
    # The date before the headline is the site's top bar (today); the post's follows it.
    body = (
        '<header><span class="date">Tuesday, 3 May 2022</span><h1>T</h1>'
        '<span class="date">1 May 2022</span></header><p>Text.</p>'
    )
    assert published(STALE, body) == "2022-05-01"
    # A block holding the whole text is the page, not the header: nothing taken from it.
    long_text = "<p>" + "Words of the article. " * 40 + "</p>"
    body = f'<div><h1>T</h1>{long_text}<span class="date">1 May 2022</span></div>'
    from archiver.meta_page import parse_page
    from archiver.meta_published import date_under_headline

    parsed = parse_page(page(STALE, body))
    assert parsed is not None
    assert date_under_headline(parsed) is None


def test_a_meta_line_with_published_and_updated_gives_the_published_day() -> None:
    body = '<article><h1>T</h1><p class="meta">Published 3 May 2022 · Updated 9 May 2022</p>'
    assert published(STALE, body + "</article>") == "2022-05-03"
    body = '<article><h1>T</h1><p class="meta">Updated 9 May 2022</p></article>'
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"
