"""Live URL capture: what the server sent is kept byte for byte, failures are clean.

Every test talks to a real HTTP server on 127.0.0.1 (tests/httpserver.py); nothing is mocked.
"""

from __future__ import annotations

import gzip
import hashlib
import time
import zlib
from pathlib import Path

import brotli
import pytest

from archiver import fetch
from archiver.fetch import (
    BadSchemeError,
    ConnectionRefused,
    DNSError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotTextError,
    TLSError,
    TooLargeError,
    TooManyRedirectsError,
    capture_url,
)
from archiver.model import InputError
from tests.httpserver import (
    closed_port,
    redirect,
    response,
    self_signed_context,
    serve,
    serve_raw,
    stall,
    stream,
)

WORDPRESS_POST = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm | Coast Daily</title>
<link rel="canonical" href="https://coast.example/2024/03/harbour-reopens/"></head>
<body class="post-template-default single single-post">
<header id="masthead"><nav><a href="/">Home</a></nav></header>
<article id="post-42" class="post-42 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Harbour reopens after storm</h1>
<div class="entry-meta">Posted on <time datetime="2024-03-05T08:00:00+00:00">March 5, 2024</time>
by <a rel="author" href="/author/mina/">Mina Park</a></div></header>
<div class="entry-content">
<p>The harbour reopened on Tuesday after three days of repairs to the breakwater.</p>
<p>Fishing boats returned to their moorings before noon, the harbour master said.</p>
</div>
<footer class="entry-footer">Posted in <a rel="category tag" href="/c/local/">Local</a></footer>
</article>
<div id="comments" class="comments-area"><h2>2 thoughts on this</h2></div>
</body></html>
"""

KOREAN = "항구가 폭풍 이후 다시 문을 열었다. 어선들이 정오 전에 돌아왔다."
KOREAN_PAGE = f"<html><body><article><p>{KOREAN}</p></article></body></html>".encode("cp949")

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # enough for a test; not decoded

IMAGE_PAGE = b"""<html><head><base href="/media/"></head><body>
<aside class="sidebar"><img src="/ads/banner.png"></aside>
<article><div class="entry-content">
<p>Three pictures of the harbour.</p>
<img src="one.png" alt="one">
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/media/two.png"></figure>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<img src="/media/three.png">
<img src="/media/one.png">
<img src="/media/missing.png">
<div class="sharedaddy"><img src="/share/icon.png"></div>
</div></article>
<div id="comments"><img class="avatar" src="/avatar.png"></div>
</body></html>"""


def _no_temp_files(workdir: Path) -> bool:
    return not any(workdir.iterdir())


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def no_proxy_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------- success


def test_wordpress_post_is_captured_with_raw_request_and_response(workdir: Path) -> None:
    served = response(WORDPRESS_POST, content_type="text/html; charset=UTF-8")
    with serve({"/2024/03/harbour-reopens/": served}) as base:
        capture = capture_url(base + "/2024/03/harbour-reopens/", workdir=workdir)
        received = base.requests[0]
    assert capture.url == base + "/2024/03/harbour-reopens/"
    assert capture.media_type == "text/html"
    assert capture.declared_charset == "UTF-8"
    assert capture.path.read_bytes() == WORDPRESS_POST
    assert capture.size == len(WORDPRESS_POST)
    assert capture.temporary is True
    (exchange,) = capture.exchanges
    assert exchange.status == 200
    assert exchange.ip_address == "127.0.0.1"
    assert exchange.response_path.read_bytes() == served  # exactly as sent
    assert exchange.request == received.raw  # exactly what the server received
    assert exchange.request.startswith(b"GET /2024/03/harbour-reopens/ HTTP/1.1\r\n")
    assert received.headers["user-agent"].startswith("archiver/")
    fetch.discard(capture)
    assert _no_temp_files(workdir)


def test_redirect_chain_records_every_hop(workdir: Path) -> None:
    routes = {
        "/old": redirect("/moved", 301),
        "/moved": redirect("/final?id=7", 302),
        "/final?id=7": response(WORDPRESS_POST),
    }
    with serve(routes) as base:
        capture = capture_url(base + "/old", workdir=workdir)
    assert [exchange.status for exchange in capture.exchanges] == [301, 302, 200]
    assert capture.redirect_chain == [base + "/old", base + "/moved", base + "/final?id=7"]
    assert capture.url == base + "/final?id=7"
    assert capture.exchanges[0].response_path.read_bytes() == routes["/old"]
    assert capture.path.read_bytes() == WORDPRESS_POST


def test_chunked_gzip_response_is_kept_raw_and_decoded_for_extraction(workdir: Path) -> None:
    served = response(WORDPRESS_POST, chunked=True, gzip=True, chunk_size=64)
    with serve({"/post": served}) as base:
        capture = capture_url(base + "/post", workdir=workdir)
    raw = capture.exchanges[0].response_path.read_bytes()
    assert raw == served
    assert b"Transfer-Encoding: chunked" in raw and b"\r\n0\r\n\r\n" in raw
    assert capture.path.read_bytes() == WORDPRESS_POST


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
        ("br", brotli.compress),
        ("gzip, br", lambda data: brotli.compress(gzip.compress(data))),
    ],
)
def test_content_encodings_are_removed(workdir: Path, encoding: str, encode) -> None:  # noqa: ANN001
    served = response(encode(WORDPRESS_POST), headers={"Content-Encoding": encoding})
    with serve({"/post": served}) as base:
        capture = capture_url(base + "/post", workdir=workdir)
    assert capture.path.read_bytes() == WORDPRESS_POST
    assert capture.exchanges[0].response_path.read_bytes() == served


def test_large_multi_member_gzip_body_is_decoded_whole(workdir: Path) -> None:
    body = WORDPRESS_POST * 3000  # about 5 MiB: decoded in bounded steps
    encoded = gzip.compress(body[:1000], mtime=0) + gzip.compress(body[1000:], mtime=0)
    served = response(encoded, headers={"Content-Encoding": "gzip"}, chunked=True, chunk_size=4096)
    with serve({"/long": served}) as base:
        capture = capture_url(base + "/long", workdir=workdir)
    assert capture.path.read_bytes() == body
    assert capture.sha256 == hashlib.sha256(body).hexdigest()


def test_charset_declared_only_in_the_http_header_is_reported(workdir: Path) -> None:
    served = response(KOREAN_PAGE, content_type="text/html; charset=euc-kr")
    with serve({"/ko": served}) as base:
        capture = capture_url(base + "/ko", workdir=workdir)
    assert capture.declared_charset == "euc-kr"
    assert capture.path.read_bytes() == KOREAN_PAGE  # bytes untouched; decoding comes later
    assert KOREAN in capture.path.read_bytes().decode("cp949")


def test_allow_status_keeps_an_error_page(workdir: Path) -> None:
    with serve({}) as base:
        capture = capture_url(base + "/gone", workdir=workdir, allow_status=True)
    assert capture.exchanges[-1].status == 404
    assert capture.path.read_bytes() == b"not found"


def test_user_agent_and_extra_headers_are_sent_and_recorded(workdir: Path) -> None:
    with serve({"/post": response(WORDPRESS_POST)}) as base:
        capture = capture_url(
            base + "/post",
            workdir=workdir,
            user_agent="NewsroomLibrary/2.0",
            headers=["Accept-Language: ko, en;q=0.5", "Accept-Encoding: identity"],
        )
        received = base.requests[0]
    assert received.headers["user-agent"] == "NewsroomLibrary/2.0"
    assert received.headers["accept-language"] == "ko, en;q=0.5"
    assert received.headers["accept-encoding"] == "identity"  # replaces our default
    assert capture.exchanges[0].request == received.raw


def test_default_user_agent_names_the_tool_and_version() -> None:
    from archiver import __version__

    assert fetch.default_user_agent().startswith(f"archiver/{__version__} (")


def test_http_proxy_from_the_environment_is_used(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve({"/story": response(WORDPRESS_POST)}) as proxy:
        monkeypatch.setenv("http_proxy", proxy)
        capture = capture_url("http://news.example.invalid/story", workdir=workdir)
        received = proxy.requests[0]
    assert received.target == "http://news.example.invalid/story"  # absolute form: a proxy
    assert capture.url == "http://news.example.invalid/story"
    assert capture.exchanges[0].ip_address is None  # we never saw the origin's address
    assert capture.path.read_bytes() == WORDPRESS_POST


def test_no_proxy_bypasses_the_proxy(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with serve({"/post": response(WORDPRESS_POST)}) as base:
        capture = capture_url(base + "/post", workdir=workdir)
    assert capture.path.read_bytes() == WORDPRESS_POST


def test_body_without_content_type_is_sniffed(workdir: Path) -> None:
    with serve({"/p": response(WORDPRESS_POST, content_type=None)}) as base:
        assert capture_url(base + "/p", workdir=workdir).media_type == "text/html"


# --------------------------------------------------------------------------- images


def test_with_images_captures_the_article_images_and_lists_skipped_ones(workdir: Path) -> None:
    routes = {
        "/post": response(IMAGE_PAGE),
        "/media/one.png": response(PNG, content_type="image/png"),
        "/media/two.png": redirect("/media/two-large.png", 302),
        "/media/two-large.png": response(PNG[::-1], content_type="image/png"),
        "/media/three.png": response(PNG, content_type="image/png", chunked=True),
    }
    with serve(routes) as base:
        capture = capture_url(base + "/post", workdir=workdir, with_images=True)
        requested = [request.path for request in base.requests]
    urls = [exchange.url for exchange in capture.requisites]
    assert urls == [
        base + "/media/one.png",
        base + "/media/two.png",
        base + "/media/two-large.png",
        base + "/media/three.png",
    ]
    assert capture.requisites[0].response_path.read_bytes() == routes["/media/one.png"]
    skipped = {entry["url"]: entry["reason"] for entry in capture.skipped}
    assert "404" in skipped[base + "/media/missing.png"]
    assert any(url.startswith("data:") for url in skipped)
    # the sidebar banner, the share icon and the commenter's avatar are not the article's
    assert not {"/ads/banner.png", "/share/icon.png", "/avatar.png"} & set(requested)
    assert requested.count("/media/one.png") == 1  # referenced twice, fetched once
    fetch.discard(capture)
    assert _no_temp_files(workdir)


def test_image_urls_come_from_the_article_body_only() -> None:
    urls, _ = fetch.article_image_urls(IMAGE_PAGE, "http://site.example/2024/post/")
    assert urls[0] == "http://site.example/media/one.png"  # <base href> respected
    assert "http://site.example/ads/banner.png" not in urls


# --------------------------------------------------------------------------- failures


def _fails(url: str, workdir: Path, error: type[FetchError], **options) -> FetchError:  # noqa: ANN003
    with pytest.raises(error) as caught:
        capture_url(url, workdir=workdir, **options)
    assert url in str(caught.value)  # the message names the URL
    assert "\n" not in str(caught.value)  # on one line
    assert _no_temp_files(workdir)  # nothing left behind
    return caught.value


def test_404_fails_with_the_status(workdir: Path) -> None:
    with serve({}) as base:
        error = _fails(base + "/missing", workdir, HTTPStatusError)
    assert "404" in error.message and error.status == 404


def test_stalled_server_times_out(workdir: Path) -> None:
    with serve({"/slow": stall(30)}) as base:
        started = time.monotonic()
        _fails(base + "/slow", workdir, FetchTimeout, timeout=0.5)
        assert time.monotonic() - started < 3


def test_stall_before_headers_times_out(workdir: Path) -> None:
    with serve({"/slow": lambda request, conn: time.sleep(5)}) as base:
        _fails(base + "/slow", workdir, FetchTimeout, timeout=0.3)


def test_body_larger_than_max_size_fails(workdir: Path) -> None:
    with serve({"/big": stream(5_000_000)}) as base:
        error = _fails(base + "/big", workdir, TooLargeError, max_size=100_000)
    assert "max-size" in error.message


def test_chunked_body_larger_than_max_size_fails(workdir: Path) -> None:
    served = response(b"x" * 300_000, chunked=True, chunk_size=8192)
    with serve({"/big": served}) as base:
        _fails(base + "/big", workdir, TooLargeError, max_size=100_000)


def test_gzip_bomb_stops_at_max_size(workdir: Path) -> None:
    bomb = response(b"\0" * (16 * 2**20), gzip=True)  # 16 MiB of zeros in about 16 KiB
    assert len(bomb) < 20_000
    with serve({"/bomb": bomb}) as base:
        _fails(base + "/bomb", workdir, TooLargeError, max_size=2**20)


def test_non_text_content_type_is_refused(workdir: Path) -> None:
    with serve({"/photo": response(PNG, content_type="image/png")}) as base:
        error = _fails(base + "/photo", workdir, NotTextError)
    assert "image/png" in error.message


def test_refused_connection(workdir: Path) -> None:
    _fails(f"http://127.0.0.1:{closed_port()}/post", workdir, ConnectionRefused)


def test_unresolvable_host(workdir: Path) -> None:
    _fails("http://no-such-host.invalid/post", workdir, DNSError, timeout=5)


def test_other_schemes_are_refused(workdir: Path) -> None:
    _fails("ftp://example.org/post.html", workdir, BadSchemeError)


def test_redirect_to_another_scheme_is_refused(workdir: Path) -> None:
    with serve({"/r": redirect("file:///etc/passwd", 302)}) as base:
        _fails(base + "/r", workdir, BadSchemeError)


def test_redirect_loop_stops(workdir: Path) -> None:
    with serve({"/a": redirect("/b"), "/b": redirect("/a")}) as base:
        _fails(base + "/a", workdir, TooManyRedirectsError)


def test_tls_handshake_with_a_plain_http_server_fails(workdir: Path) -> None:
    with serve_raw(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") as port:
        _fails(f"https://127.0.0.1:{port}/post", workdir, TLSError, timeout=5)


def test_untrusted_certificate_fails(workdir: Path, tmp_path: Path) -> None:
    context = self_signed_context(str(tmp_path))
    if context is None:
        pytest.skip("openssl is not installed")
    with serve({"/post": response(WORDPRESS_POST)}, tls=context) as base:
        error = _fails(base + "/post", workdir, TLSError, timeout=5)
    assert "certificate" in error.message


def test_connection_closed_before_content_length_fails(workdir: Path) -> None:
    cut = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<html>"
    with serve({"/cut": cut}) as base:
        _fails(base + "/cut", workdir, FetchError)


def test_garbage_reply_fails(workdir: Path) -> None:
    with serve_raw(b"\x00\x01garbage without any header end") as port:
        _fails(f"http://127.0.0.1:{port}/", workdir, FetchError, timeout=5)


def test_bad_header_option_is_refused(workdir: Path) -> None:
    _fails("http://127.0.0.1/x", workdir, FetchError, headers=["no colon here"])


def test_errors_are_input_errors_with_distinct_exit_codes() -> None:
    classes = [
        FetchError,
        BadSchemeError,
        DNSError,
        ConnectionRefused,
        TLSError,
        FetchTimeout,
        HTTPStatusError,
        TooLargeError,
        NotTextError,
        TooManyRedirectsError,
    ]
    assert all(issubclass(cls, InputError) for cls in classes)
    codes = [cls.exit_code for cls in classes]
    assert len(set(codes)) == len(codes)
    assert not {0, 1, 2, 3, 4} & set(codes)  # ok, invalid, usage, input, output
