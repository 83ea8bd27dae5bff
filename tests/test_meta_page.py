"""meta_page: the parsed page the metadata rules share, and the short blocks they read."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from archiver import meta_lists
from archiver import meta_rules as R
from archiver.clean.html import load_tree
from archiver.meta_page import (
    SHORT_BLOCK_CHARS,
    attribute_marks,
    candidate_roots,
    in_post,
    in_scope,
    parse_page,
    region_words,
    short_blocks,
    squash,
    text_of,
    text_within,
)


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
    # The <p> texts were read once, for the layout wrappers, and served from there.
    assert page.paragraph_texts == {p: text_of(p) for p in page.tree.find("body").iter("p")}


def test_squash_collapses_every_unicode_space() -> None:
    assert squash(" a\u00a0\u2003b\n\tc ") == "a b c"


_PROSE = "<p>" + "The council met on Monday and voted on the budget. " * 8 + "</p>"


def _by_class(page, name: str):
    return next(e for e in page.tree.iter() if e.get("class") == name)


def test_a_block_holding_the_headline_and_most_prose_is_the_post_whatever_its_class() -> None:
    # "right-sidebar" here names the layout of the content block (it has a sidebar on the
    # right); the real sidebar beside it still hides its own links.
    page = _page(
        '<div class="content_block right-sidebar"><h1>Budget passes</h1>'
        f'<p class="byline">By Jane Doe</p>{_PROSE}</div>'
        '<div class="sidebar"><h1>Archive</h1><p class="byline">By Joe Bloggs</p></div>'
    )
    byline = _by_class(page, "content_block right-sidebar").find("p")
    other = _by_class(page, "sidebar").find("p")
    assert in_scope(byline, page, page.tree) and in_post(byline, page=page)
    assert not in_scope(other, page, page.tree) and not in_post(other, page=page)
    # Without the page, the class words alone decide (the old verdict).
    assert not in_post(byline)


def test_a_sidebar_with_a_headline_but_little_prose_is_still_a_sidebar() -> None:
    page = _page(
        f"<main><h1>Budget passes</h1>{_PROSE}</main>"
        '<div class="widget-area"><h1>About me</h1><p class="bio">Jane Doe writes.</p></div>'
    )
    assert not in_scope(_by_class(page, "bio"), page, page.tree)


def test_comments_holding_most_of_the_prose_stay_comments() -> None:
    # No headline and no post-body class word: most of the text is not enough.
    page = _page(
        "<main><h1>Budget passes</h1><p>Short news.</p></main>"
        f'<div class="comments-area"><p class="who">Joe Bloggs</p>{_PROSE}{_PROSE}</div>'
    )
    assert not in_scope(_by_class(page, "who"), page, page.tree)


def test_the_post_body_class_holding_most_prose_is_the_post() -> None:
    # "no-share" (no share bar) on the post's text block, the headline outside it.
    page = _page(
        '<div class="title-box"><h2>Budget passes</h2></div>'
        f'<div class="entry-content no-share">{_PROSE}<p class="tags">Tags: budget</p></div>'
        '<div class="share-bar"><p class="tw">Share on X</p></div>'
    )
    assert in_scope(_by_class(page, "tags"), page, page.tree)
    assert not in_scope(_by_class(page, "tw"), page, page.tree)


def test_a_related_post_body_with_little_prose_is_not_the_post() -> None:
    page = _page(
        f"<main><h1>Budget passes</h1>{_PROSE}</main>"
        '<div class="related"><div class="entry-content"><p class="by">By Joe</p></div></div>'
    )
    assert not in_scope(_by_class(page, "by"), page, page.tree)


def test_a_page_with_too_little_prose_has_no_layout_wrappers() -> None:
    page = _page('<div class="sidebar-wrap"><h1>Budget</h1><p>Short.</p></div>')
    assert page.wrappers == frozenset()


def test_layout_class_words_are_not_region_words() -> None:
    page = _page(
        '<div class="layoutTwoColumnsRightSidebar" id="a"></div>'
        '<div class="p-body-main--withSidebar zen-one-sidebar-second has-left-sidebar" id="b">'
        '</div><div class="sidebar sidebar-right" id="c"></div>'
    )
    words = {e.get("id"): region_words(e) for e in page.tree.iter("div")}
    assert words == {"a": "a", "b": "b", "c": "sidebar sidebar-right c"}


def test_a_page_builder_block_is_judged_by_its_type_not_by_the_word_widget() -> None:
    # Every block of an Elementor page is a "widget": the post's text block is one too.
    page = _page(
        '<div class="elementor-widget-wrap" id="a"></div>'
        '<div class="elementor-widget elementor-widget-theme-post-content" id="b"></div>'
        '<div class="elementor-widget elementor-widget-nav-menu" id="c"></div>'
        '<div class="elementor-widget elementor-widget-sidebar" id="d"></div>'
    )
    words = {e.get("id"): region_words(e) for e in page.tree.iter("div")}
    assert words == {
        "a": "-wrap a",
        "b": "-theme-post-content b",
        "c": "-nav-menu c",
        "d": "-sidebar d",
    }
    body = page.tree.find("body")
    verdicts = {e.get("id"): in_post(e, page=page) for e in body.iter("div")}
    assert verdicts == {"a": True, "b": True, "c": False, "d": False}


def test_a_post_marked_by_its_cms_id_holding_most_prose_is_the_post() -> None:
    # A theme that lists its single post inside a "widget" of a column named "menulinks".
    page = _page(
        '<div id="menulinks"><ul><li class="widget widget_text">'
        f'<div class="post" id="post-2037"><h2>Cinemas go digital</h2>{_PROSE}'
        '<p class="postmetadata">By R. R.</p></div></li>'
        '<li class="widget"><p class="links">Links</p></li></ul></div>'
    )
    assert in_scope(_by_class(page, "postmetadata"), page, page.tree)
    assert not in_scope(_by_class(page, "links"), page, page.tree)


def test_the_posts_root_is_found_by_whole_class_words_only() -> None:
    # "hentry" must be a word of the class (any whitespace around it), not part of one.
    page = _page(
        '<div class="hentry-like"><p>Teaser</p></div>'
        '<div class="post\n\thentry  x"><h1>Headline</h1><p>Body</p></div>'
    )
    assert page.root.get("class") == "post\n\thentry  x"
    page = _page('<div class="xtype-posts"><h1>H</h1></div><div class="type-post"><h1>T</h1></div>')
    assert page.root.get("class") == "type-post"


def test_the_readers_text_leaves_out_hidden_elements_and_scripts_only() -> None:
    from archiver.meta_page import reader_text

    page = _page(
        "<p>Shown <b>bold</b> tail</p>"
        '<div style="display: none">Secret <span>login <i>jdoe</i></span> x</div> after hidden'
        "<div hidden><p>also secret</p></div>"
        '<div><span style="visibility:hidden">inner secret</span>kept tail</div>'
        '<section style="color: red">Styled but shown<div hidden></div>end</section>'
        "<script>var x = 1;</script> after script"
        '<ul><li>One</li><li style="DISPLAY : NONE">Two</li><li>Three</li></ul>'
    )
    text = reader_text(page)
    for shown in ("shown bold tail", "after hidden", "kept tail", "styled but shown", "one three"):
        assert shown in text
    for secret in ("secret", "jdoe", "var x", "two"):
        assert secret not in text


def test_a_hidden_body_shows_nothing_but_what_follows_it() -> None:
    from archiver.meta_page import reader_text

    page = parse_page("<html><body hidden><p>Nothing here</p></body></html>")
    assert page is not None
    assert reader_text(page) == ""


def test_words_search_answers_as_the_pattern_does_and_searches_each_string_once() -> None:
    import re

    from archiver.meta_page import words_search

    pattern = re.compile(r"\b(?:byline|author)\b")
    found = words_search(pattern)
    words = ["post-byline meta", "menu-item menu-item-type-post_type", "author vcard", " "] * 3
    assert [found(w) for w in words] == [pattern.search(w) is not None for w in words]
    info = found.cache_info()  # type: ignore[attr-defined]
    assert (info.misses, info.hits) == (4, 8)


def test_class_verdict_caches_answer_but_do_not_keep_hostile_long_strings() -> None:
    import re

    from archiver.meta_page import (
        CACHED_WORDS_MAX_CHARS,
        _region_excluded,
        words_search,
    )

    pattern = re.compile(r"byline")
    found = words_search(pattern)
    long_words = "x" * CACHED_WORDS_MAX_CHARS + " byline"
    assert found(long_words) and found(long_words)
    assert found.cache_info().currsize == 0  # type: ignore[attr-defined]
    kept = _region_excluded.cache_info().currsize
    long_class = "sidebar " + "w" * CACHED_WORDS_MAX_CHARS
    assert _region_excluded(long_class, "") and _region_excluded(long_class, "")
    assert _region_excluded.cache_info().currsize == kept
    assert _region_excluded("sidebar", "") and not _region_excluded("entry-content", "")


# ------------------------------------------------------------------ text within a limit


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet="ab \n\t\u00a0\u3000", max_size=30), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=40),
)
@example(["a" * 200], 40)  # one long word cut by the prefix
@example([" " * 300 + "ab"], 2)  # a long run of spaces before a short word
@example(["a " * 100], 40)
def test_text_within_is_text_of_when_short_enough(pieces: list[str], limit: int) -> None:
    root = lxml.html.fromstring("<div></div>")
    root.text = pieces[0]
    for piece in pieces[1:]:
        child = lxml.html.Element("span")
        child.text = piece
        root.append(child)
    whole = text_of(root)
    assert text_within(root, limit) == (whole if len(whole) <= limit else None)


ROOT_XPATHS = [etree.XPath(x) for x in R.ARTICLE_ROOT_XPATHS]


def roots_by_xpath(tree: object) -> list[object]:
    return [match for xpath in ROOT_XPATHS for match in xpath(tree)]


ROOT_PIECES = [
    "<div>", "</div>", "<p>text</p>", "<h1>Headline</h1>", "<article>", "</article>",
    "<main>", "</main>", "<section role='main'>", "</section>", "<div role='Main'>",
    "<div class='hentry'>", "<div class='post hentry\tx'>", "<div class='\nhentry '>",
    "<div class='hentry-like'>", "<div class='xhentry'>", "<div class='a\xa0hentry'>",
    "<div class='a\x0chentry'>", "<div class='type-post post'>", "<div class='type-posts'>",
    "<div itemprop='articleBody'>", "<span itemprop='articleBody'>x</span>",
    "<div itemprop='articlebody'>", "<div class=''>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ROOT_PIECES), max_size=18), st.booleans())
@example(["<div>", "<div>", "<span itemprop='articleBody'>x</span>", "</div>",
          "<span itemprop='articleBody'>x</span>", "</div>"], False)  # fmt: skip
@example(["<main>", "<h1>Headline</h1>", "</main>"], True)
def test_the_candidate_roots_are_what_the_xpaths_select(pieces: list[str], split: bool) -> None:
    # A page closing </html> after its head: libxml2 puts the body in a second <html>
    # beside the root element, where an XPath's `//` finds it too.
    head = "<html><head><title>t</title></head></html>" if split else "<html>"
    tree = load_tree(f"{head}<html><body>{''.join(pieces)}</body></html>")
    if tree is not None:
        if split:
            assert tree.getroottree().getroot().getnext() is not None
        assert list(candidate_roots(tree)) == roots_by_xpath(tree)


def test_the_candidate_roots_on_the_test_pages() -> None:
    found = 0
    for folder in ("html", "meta"):
        for path in sorted((Path(__file__).parent / "data" / folder).glob("*.html")):
            tree = load_tree(path.read_text(encoding="utf-8", errors="replace"))
            if tree is not None:
                roots = list(candidate_roots(tree))
                assert roots == roots_by_xpath(tree)
                found += bool(roots)
    assert found >= 3


CLASSED_XPATH = etree.XPath("descendant-or-self::*[@class or @id]")
PUBLISHED_XPATH = etree.XPath(".//*[@itemprop='datePublished']")

MARK_PIECES = [
    "<div>", "</div>", "<p>text</p>", "<article>", "</article>", "<div class=''>",
    "<div class='post'>", "<span id='x'>y</span>", "<time itemprop='datePublished'>2024</time>",
    "<meta itemprop='datePublished' content='2024-01-02'>", "<span itemprop='datepublished'>",
    "<span itemprop=' datePublished'>", "<b title='class'>t</b>", "<div role='main'>",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(MARK_PIECES), max_size=16),
    st.sampled_from(["", " class='page'", " id='top' itemprop='datePublished'"]),
    st.booleans(),
)
def test_the_attribute_marks_are_what_the_xpaths_select(
    pieces: list[str], on_html: str, split: bool
) -> None:
    head = "<html><head><title>t</title></head></html>" if split else ""
    page = parse_page(f"{head}<html{on_html}><body>{''.join(pieces)}</body></html>")
    assert page is not None
    classed, published = attribute_marks(page)
    assert classed == CLASSED_XPATH(page.tree)
    assert published == PUBLISHED_XPATH(page.tree)  # below the root element only
    # The post's classed elements, wherever the post's element sits (beside the root too).
    expected = [e for e in CLASSED_XPATH(page.root) if e.tag not in ("body", "article", "html")]
    assert meta_lists._classed_elements(page)[0] == expected
