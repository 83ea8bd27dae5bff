"""Parser-free HTML handling: the depth estimate, its confirmation and the flat pass."""

from __future__ import annotations

from archiver import extract
from archiver.clean.flat import flat_text, html_depth_exceeds, parser_drops_text, tree_may_be_cut
from archiver.clean.html import load_tree

ARTICLE = "<p>" + "The ferry timetable changes on Monday for the winter season. " * 8 + "</p>"


def page(body: str) -> str:
    return f"<html><head><title>T</title></head><body>{body}{ARTICLE}</body></html>"


def test_truly_deep_pages_are_confirmed_and_read_by_the_flat_pass() -> None:
    deep = page("<div>" * 5000 + "<p>Words deep inside the page.</p>" + "</div>" * 5000)
    assert html_depth_exceeds(deep)
    assert parser_drops_text(deep)
    article = extract(deep.encode(), media_type="text/html")
    assert "Words deep inside the page." in article.text
    assert any("flat pass" in warning for warning in article.warnings)


def test_sloppy_pages_that_only_look_deep_keep_main_content_detection() -> None:
    # Unclosed links look like nesting to the estimate; the parser closes them itself.
    sloppy = page("<a href=/x>a link to another story " * 300)
    assert html_depth_exceeds(sloppy)
    assert not parser_drops_text(sloppy)
    article = extract(sloppy.encode(), media_type="text/html")
    assert not any("flat pass" in warning for warning in article.warnings)


def test_only_a_tree_near_the_parsers_depth_limit_is_checked_further() -> None:
    deep = page("<div>" * 5000 + "<p>Words deep inside the page.</p>" + "</div>" * 5000)
    sloppy = page("<a href=/x>a link to another story " * 300)
    assert tree_may_be_cut(load_tree(deep))
    # The estimate flags the sloppy page; its tree shows the parser never went deep.
    assert html_depth_exceeds(sloppy) and not tree_may_be_cut(load_tree(sloppy))
    assert not tree_may_be_cut(load_tree(page("<div><div><p>x</p></div></div>")))
    assert tree_may_be_cut(None)


def test_flat_text_gives_visible_blocks_as_paragraphs() -> None:
    html = "<div>One<br>Two</div><script>no()</script><aside>menu</aside><p>Three &amp; four</p>"
    assert flat_text(html).split("\n\n") == ["One", "Two", "Three & four"]
