"""Fuzz target: the HTML extractor and the flat-pass fallback of package.py.

Runs briefly in every test run; ``make fuzz`` runs it long. For any bytes that look like
HTML, ``archiver.extract`` returns an Article or refuses with InputError, never anything
else; the depth guard and the flat pass never raise either.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archiver import extract
from archiver.clean.flat import MAX_HTML_DEPTH, flat_text, html_depth_exceeds
from archiver.model import Article, InputError

FUZZ = settings(
    max_examples=int(os.environ.get("ARCHIVER_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
TAGS = ["html", "head", "body", "title", "meta", "div", "p", "article", "main", "span", "b",
        "table", "tr", "td", "li", "ul", "script", "style", "nav", "time", "a", "br", "img",
        "noscript", "template", "svg", "math", "select", "option", "h1", "iframe"]  # fmt: skip
ATTRS = [
    ' charset="utf-8"',
    ' charset="x-unknown"',
    ' charset="shift_jis"',
    ' http-equiv="content-type" content="text/html; charset=euc-kr"',
    ' property="og:title" content="T"',
    ' name="author" content="A"',
    ' rel="author"',
    ' rel="category tag"',
    ' datetime="2024-13-45T99:99"',
    ' class="entry-content"',
    ' type="application/ld+json"',
    " x=",
    ' a="',
]
tokens = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(["", *ATTRS])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<!doctype html>",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "&#99999999999;",
            "&nbsp",
            "\x00",
            "\ufeff",
            "\ufffd",
            "\u202e",
            '{"@type": "NewsArticle"',
            "<",
            ">",
            "'",
            '"',
            "\r",
            "\n",
        ]  # fmt: skip
    ),
    st.text(max_size=40),
)
documents = st.lists(tokens, max_size=60).map("".join)
encodings = st.sampled_from(["utf-8", "utf-16", "cp1252", "cp949", "shift_jis", "gb18030"])


def encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="replace")


@FUZZ
@given(text=documents, codec=encodings, junk=st.binary(max_size=64), url=st.none())
@example(text="<div>" * 5000 + "x", codec="utf-8", junk=b"", url=None)
@example(text="<p>" + "<!--" * 2000, codec="utf-8", junk=b"\xff\x00", url=None)
def test_extract_returns_an_article_or_refuses(
    text: str, codec: str, junk: bytes, url: str | None
) -> None:
    data = encode(text, codec) + junk
    try:
        article = extract(data, url=url, media_type="text/html")
    except InputError as error:
        assert error.message and "\n" not in error.message
        return
    assert isinstance(article, Article)
    assert isinstance(article.text, str)


@FUZZ
@given(text=documents)
def test_depth_guard_and_flat_pass_never_raise(text: str) -> None:
    html_depth_exceeds(text, MAX_HTML_DEPTH)
    body = flat_text(text)
    assert "\x00" not in body
