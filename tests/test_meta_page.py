"""meta_page: the parsed page the metadata rules share, and the short blocks they read."""

from __future__ import annotations

from archiver.meta_page import SHORT_BLOCK_CHARS, parse_page, short_blocks, squash, text_of


def _page(body: str):
    page = parse_page(f"<html><head><title>t</title></head><body>{body}</body></html>")
    assert page is not None
    return page


def test_short_blocks_are_the_short_texts_in_document_order() -> None:
    long_words = " ".join(["word"] * 80)  # 399 characters
    page = _page(
        f"<div><p>Posted in <a>News</a>,\n  <a>Island</a></p>"
        f"<p>{long_words} <em>Source: The Gazette</em></p>"
        f"<span></span><li>Tags: <strong>seeds</strong></li></div>"
    )
    found = [(element.tag, text) for element, text in short_blocks(page)]
    assert found == [
        ("p", "Posted in News, Island"),
        ("em", "Source: The Gazette"),
        ("li", "Tags: seeds"),
        ("strong", "seeds"),
    ]


def test_a_block_at_the_limit_is_short_and_its_parent_above_it_is_not() -> None:
    text = "x" * SHORT_BLOCK_CHARS
    page = _page(f"<div><p>{text}</p><p>y</p></div>")
    assert [t for _e, t in short_blocks(page)] == [text, "y"]


def test_short_blocks_are_what_a_plain_walk_finds() -> None:
    # The walk skips ancestors of long blocks without reading them: the result must not
    # depend on it.
    para = "<p>" + "a b " * 60 + "</p>"
    page = _page(f"<div><span>one</span><div>{para}<small>two</small></div>{para}</div>")
    tags = ("p", "div", "span", "li", "footer", "em", "small", "strong")
    plain = [(e, text_of(e)) for e in page.root.iter(*tags)]
    assert short_blocks(page) == [(e, t) for e, t in plain if t and len(t) <= SHORT_BLOCK_CHARS]
    assert short_blocks(page) is short_blocks(page)  # computed once per page


def test_squash_collapses_every_unicode_space() -> None:
    assert squash(" a\u00a0\u2003b\n\tc ") == "a b c"
