"""WARC writing and checking, judged by warcio and FastWARC as independent readers."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import tracemalloc
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from archiver.fetch import capture_url, discard
from archiver.model import Capture
from archiver.warc import check_warc, write_warc
from tests.httpserver import redirect, response, serve

BIN = Path(sys.executable).parent
PAGE = "<html><head><meta charset='utf-8'><title>Harbour</title></head><body><p>Le port a rouvert après la tempête.</p></body></html>".encode()  # noqa: E501
METADATA = json.dumps({"title": "Harbour", "authors": ["Mina Park"]}).encode()
TEXT = "Le port a rouvert après la tempête.\n"
WHEN = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)


def local_capture(path: Path, data: bytes = PAGE, url: str | None = None) -> Capture:
    path.write_bytes(data)
    return Capture(
        source=str(path),
        path=path,
        media_type="text/html",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        captured_at=WHEN,
        url=url,
    )


def write(out: Path, capture: Capture, **options) -> Path:  # noqa: ANN003
    write_warc(
        out, capture, TEXT, METADATA, software="archiver/0.1.0", description="Harbour", **options
    )
    return out


def records(path: Path) -> list[tuple[dict[str, str], bytes]]:
    """(WARC headers, raw block) of every record, read by warcio."""
    found = []
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, no_record_parse=True):
            headers = dict(record.rec_headers.headers)
            found.append((headers, record.raw_stream.read()))
    return found


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "warcio"), "check", str(path)], capture_output=True, text=True, check=False
    )


def fastwarc_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "fastwarc"), "check", "-p", "-q", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


# --------------------------------------------------------------------------- local originals


def test_local_capture_gives_four_records_in_order(tmp_path: Path) -> None:
    (tmp_path / "private-folder").mkdir()
    capture = local_capture(tmp_path / "private-folder" / "page.html")
    summary = write_warc(
        tmp_path / "item.warc.gz",
        capture,
        TEXT,
        METADATA,
        software="archiver/0.1.0",
        description="Harbour",
        charset="utf-8",
    )
    found = records(summary.path)
    assert [headers["WARC-Type"] for headers, _ in found] == [
        "warcinfo",
        "resource",
        "metadata",
        "conversion",
    ]
    info, original, metadata, conversion = found
    assert b"software: archiver/0.1.0" in info[1]
    assert b"format: WARC File Format 1.1" in info[1]
    assert b"conformsTo: https://iipc.github.io/warc-specifications/" in info[1]
    assert b"description: Harbour" in info[1]
    assert original[1] == PAGE
    assert original[0]["Content-Type"] == "text/html; charset=utf-8"
    target = original[0]["WARC-Target-URI"]
    assert target == f"urn:sha256:{hashlib.sha256(PAGE).hexdigest()}"  # never a local path
    assert metadata[1] == METADATA
    assert metadata[0]["Content-Type"] == "application/json"
    assert "WARC-Target-URI" not in metadata[0]  # a JSON record must not shadow the page
    assert conversion[1] == TEXT.encode()
    assert conversion[0]["Content-Type"] == "text/plain; charset=utf-8"
    assert conversion[0]["WARC-Target-URI"] == f"urn:text:{target}"
    original_id = original[0]["WARC-Record-ID"]
    assert metadata[0]["WARC-Refers-To"] == conversion[0]["WARC-Refers-To"] == original_id
    assert summary.original_record_id == original_id
    assert [record[0] for record in summary.records] == [h["WARC-Type"] for h, _ in found]
    assert summary.sha256 == hashlib.sha256(summary.path.read_bytes()).hexdigest()
    for headers, block in found:
        assert headers["WARC-Block-Digest"] == f"sha256:{hashlib.sha256(block).hexdigest()}"
        assert "WARC-Payload-Digest" not in headers  # FastWARC rejects it on non-HTTP records
    assert str(tmp_path) not in gzip.decompress(summary.path.read_bytes()).decode("utf-8")


def test_local_capture_uses_the_url_when_known(tmp_path: Path) -> None:
    capture = local_capture(tmp_path / "p.html", url="https://coast.example/harbour/")
    found = records(write(tmp_path / "item.warc.gz", capture))
    assert found[1][0]["WARC-Target-URI"] == "https://coast.example/harbour/"
    assert found[1][0]["WARC-Date"] == "2024-03-05T08:00:00Z"  # the capture time
    assert found[3][0]["WARC-Target-URI"] == "urn:text:https://coast.example/harbour/"


def test_local_warc_passes_warcio_fastwarc_and_our_checker(tmp_path: Path) -> None:
    path = write(tmp_path / "item.warc.gz", local_capture(tmp_path / "p.html"))
    assert warcio_check(path).returncode == 0
    result = fastwarc_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_warc(path, "data/item.warc.gz") == []


def test_one_gzip_member_per_record(tmp_path: Path) -> None:
    path = write(tmp_path / "item.warc.gz", local_capture(tmp_path / "p.html"))
    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        offsets = [iterator.get_record_offset() for _ in iterator]
    data = path.read_bytes()
    members = 0
    rest = data
    while rest:  # count the gzip members: one per record
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        decompressor.decompress(rest)
        assert rest[4:8] == b"\0\0\0\0"  # gzip mtime 0
        rest = decompressor.unused_data
        members += 1
    assert members == len(offsets) == 4
    assert all(data[offset : offset + 2] == b"\x1f\x8b" for offset in offsets)


def test_same_input_same_bytes_under_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709625600")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path / "one" / "item.warc.gz", local_capture(tmp_path / "one" / "p.html"))
    second = write(tmp_path / "two" / "item.warc.gz", local_capture(tmp_path / "two" / "q.html"))
    assert first.read_bytes() == second.read_bytes()
    assert records(first)[2][0]["WARC-Date"] == "2024-03-05T08:00:00Z"  # SOURCE_DATE_EPOCH


def test_record_ids_follow_the_content(tmp_path: Path) -> None:
    one = records(write(tmp_path / "1.warc.gz", local_capture(tmp_path / "p.html")))
    other = local_capture(tmp_path / "q.html", PAGE.replace(b"Harbour", b"Harbor"))
    two = records(write(tmp_path / "2.warc.gz", other))
    assert one[1][0]["WARC-Record-ID"] != two[1][0]["WARC-Record-ID"]
    assert one[1][0]["WARC-Record-ID"].startswith("<urn:uuid:")


def test_large_original_is_streamed_with_bounded_memory(tmp_path: Path) -> None:
    size = 40 * 2**20
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        for _ in range(size // 2**20):
            handle.write(b"line of a very long text dump\n" * 34952 + b"x" * 16)
    digest = hashlib.sha256()
    with open(big, "rb") as handle:
        while chunk := handle.read(2**20):
            digest.update(chunk)
    # The resource record's block digest is the capture's (computed once, when captured).
    capture = Capture(str(big), big, "text/plain", size, digest.hexdigest(), WHEN)
    tracemalloc.start()
    try:
        write(tmp_path / "big.warc.gz", capture)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak} bytes for a {size}-byte original"
    tracemalloc.start()
    try:
        assert check_warc(tmp_path / "big.warc.gz", "big.warc.gz") == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    payload=st.binary(min_size=1, max_size=3000),
    text=st.text(max_size=500),
    media=st.sampled_from(["text/html", "text/plain"]),
)
def test_every_written_record_verifies(
    tmp_path: Path, payload: bytes, text: str, media: str
) -> None:
    source = tmp_path / "in.bin"
    source.write_bytes(payload)
    capture = Capture("x", source, media, len(payload), hashlib.sha256(payload).hexdigest(), WHEN)
    out = tmp_path / "h.warc.gz"
    write_warc(out, capture, text, b"{}", software="archiver/0.1.0", description=text[:50])
    assert check_warc(out, "h.warc.gz") == []
    found = records(out)
    assert found[1][1] == payload and found[3][1] == text.encode("utf-8")


# --------------------------------------------------------------------------- HTTP captures

POST = b"<html><body><article><div class='entry-content'><p>Harbour reopens.</p><img src='/i.png'></div></article></body></html>"  # noqa: E501
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def http_capture(tmp_path: Path):  # noqa: ANN201
    routes = {
        "/old": redirect("/news/harbour", 301),
        "/news/harbour": redirect("/news/harbour/", 302),
        "/news/harbour/": response(POST, chunked=True, gzip=True, chunk_size=40),
        "/i.png": response(IMAGE, content_type="image/png"),
    }
    with serve(routes) as base:
        capture = capture_url(base + "/old", workdir=tmp_path, with_images=True)
    yield capture, routes, base
    discard(capture)


def test_http_warc_passes_warcio_and_fastwarc_payload_checks(http_capture, tmp_path: Path) -> None:  # noqa: ANN001
    capture, _, _ = http_capture
    path = write(tmp_path / "item.warc.gz", capture)
    result = warcio_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    result = fastwarc_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_warc(path, "data/item.warc.gz") == []


def test_http_records_hold_the_exchanges_exactly(http_capture, tmp_path: Path) -> None:  # noqa: ANN001
    capture, routes, base = http_capture
    found = records(write(tmp_path / "item.warc.gz", capture))
    kinds = [(headers["WARC-Type"], headers.get("WARC-Target-URI")) for headers, _ in found]
    final = base + "/news/harbour/"
    assert kinds == [
        ("warcinfo", None),
        ("request", base + "/old"),
        ("response", base + "/old"),
        ("request", base + "/news/harbour"),
        ("response", base + "/news/harbour"),
        ("request", final),
        ("response", final),
        ("request", base + "/i.png"),
        ("response", base + "/i.png"),
        ("metadata", None),
        ("conversion", f"urn:text:{final}"),
    ]
    by_id = {headers["WARC-Record-ID"]: (headers, block) for headers, block in found}
    for index in (1, 3, 5, 7):
        request, response_ = found[index], found[index + 1]
        assert request[0]["WARC-Concurrent-To"] == response_[0]["WARC-Record-ID"]
        assert response_[0]["WARC-Concurrent-To"] == request[0]["WARC-Record-ID"]
        assert response_[0]["WARC-IP-Address"] == "127.0.0.1"
        assert response_[0]["Content-Type"] == "application/http; msgtype=response"
        assert request[1].startswith(b"GET ")
    # the blocks are the bytes on the wire: chunk framing and gzip included
    assert found[2][1] == routes["/old"]
    assert found[6][1] == routes["/news/harbour/"]
    assert found[8][1] == routes["/i.png"]
    # the metadata and the text refer to the final response
    refers = found[9][0]["WARC-Refers-To"]
    assert by_id[refers][0]["WARC-Target-URI"] == final
    assert by_id[refers][0]["WARC-Type"] == "response"


def test_payload_digest_covers_the_payload_as_stored(http_capture, tmp_path: Path) -> None:  # noqa: ANN001
    capture, routes, _ = http_capture
    found = records(write(tmp_path / "item.warc.gz", capture))
    headers, block = found[6]
    stored_payload = block.split(b"\r\n\r\n", 1)[1]  # chunked, gzipped
    assert headers["WARC-Payload-Digest"] == f"sha256:{hashlib.sha256(stored_payload).hexdigest()}"


def test_replaying_the_response_gives_the_served_page(http_capture, tmp_path: Path) -> None:  # noqa: ANN001
    capture, _, base = http_capture
    path = write(tmp_path / "item.warc.gz", capture)
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if (
                record.rec_type == "response"
                and record.rec_headers.get_header("WARC-Target-URI") == base + "/news/harbour/"
            ):
                assert record.content_stream().read() == POST  # de-chunked and gunzipped
                break
        else:
            pytest.fail("no response record for the page")


# --------------------------------------------------------------------------- check_warc


@pytest.fixture
def intact(tmp_path: Path) -> Path:
    return write(tmp_path / "item.warc.gz", local_capture(tmp_path / "p.html"))


def codes(path: Path) -> list[str]:
    return [problem.code for problem in check_warc(path, "data/item.warc")]


def test_checker_passes_plain_and_gzipped_warcs(intact: Path, tmp_path: Path) -> None:
    plain = tmp_path / "item.warc"
    plain.write_bytes(gzip.decompress(intact.read_bytes()))
    assert check_warc(intact, "x") == [] and check_warc(plain, "x") == []


def test_checker_finds_a_changed_byte_in_a_block(intact: Path, tmp_path: Path) -> None:
    plain = gzip.decompress(intact.read_bytes()).replace(b"<title>Harbour<", b"<title>Harbous<")
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(plain)
    problems = check_warc(damaged, "data/damaged.warc")
    assert [p.code for p in problems] == ["warc-block-digest-mismatch"]
    assert problems[0].path == "data/damaged.warc"
    assert "record 2" in problems[0].message


def test_checker_finds_a_truncated_last_record_that_warcio_accepts(
    intact: Path, tmp_path: Path
) -> None:
    plain = gzip.decompress(intact.read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(plain[:-10])  # inside the conversion record's block
    assert warcio_check(cut).returncode == 0  # why we need our own check
    assert "warc-truncated" in codes(cut)


def test_checker_finds_a_truncated_gzip_member(intact: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(intact.read_bytes()[:-12])
    assert "warc-truncated" in codes(cut)


def test_checker_finds_trailing_garbage(intact: Path, tmp_path: Path) -> None:
    for suffix, data in (
        ("gz", intact.read_bytes() + b"not gzip at all"),
        ("plain", gzip.decompress(intact.read_bytes()) + b"junk after the last record\r\n"),
    ):
        path = tmp_path / f"garbage.{suffix}"
        path.write_bytes(data)
        assert codes(path), suffix


def test_checker_finds_a_wrong_content_length(intact: Path, tmp_path: Path) -> None:
    plain = gzip.decompress(intact.read_bytes())
    wrong = tmp_path / "wrong.warc"
    declared = f"Content-Length: {len(PAGE)}\r\n".encode()
    assert declared in plain
    wrong.write_bytes(plain.replace(declared, f"Content-Length: {len(PAGE) - 2}\r\n".encode()))
    found = codes(wrong)
    assert "warc-bad-content-length" in found


def test_checker_finds_missing_mandatory_fields(intact: Path, tmp_path: Path) -> None:
    plain = gzip.decompress(intact.read_bytes())
    start = plain.index(b"WARC-Date:")
    end = plain.index(b"\r\n", start) + 2
    missing = tmp_path / "missing.warc"
    missing.write_bytes(plain[:start] + plain[end:])
    assert codes(missing) == ["warc-missing-field"]


def test_checker_verifies_http_payload_digests(http_capture, tmp_path: Path) -> None:  # noqa: ANN001
    capture, _, _ = http_capture
    plain = gzip.decompress(write(tmp_path / "item.warc.gz", capture).read_bytes())
    start = plain.index(b"WARC-Payload-Digest: sha256:", plain.index(b"msgtype=response"))
    start = plain.rindex(b"WARC-Payload-Digest: sha256:", 0, start + 1)
    value = start + len(b"WARC-Payload-Digest: sha256:")
    flipped = (
        plain[:value] + (b"0" if plain[value : value + 1] != b"0" else b"1") + plain[value + 1 :]
    )
    damaged = tmp_path / "payload.warc"
    damaged.write_bytes(flipped)
    assert codes(damaged) == ["warc-payload-digest-mismatch"]
    assert fastwarc_check(damaged).returncode != 0  # FastWARC agrees


def test_checker_accepts_base32_sha1_digests(tmp_path: Path) -> None:
    import base64

    block = b"hello"
    sha1 = base64.b32encode(hashlib.sha1(block).digest()).decode()
    record = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: urn:x\r\n"
        f"WARC-Block-Digest: sha1:{sha1}\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
    ).encode()
    path = tmp_path / "b32.warc"
    path.write_bytes(record)
    assert check_warc(path, "b32.warc") == []
    path.write_bytes(record.replace(b"\r\n\r\nhello", b"\r\n\r\nhellO"))
    assert codes(path) == ["warc-block-digest-mismatch"]


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"\x00" * 100,
        b"\x1f\x8b" + b"\xff" * 50,
        b"WARC/1.1\r\n" + b"A" * (2 * 2**20),
        b"WARC/1.1\r\nContent-Length: 99999999999\r\n\r\nshort",
        b"WARC/1.1\r\nContent-Length: -5\r\n\r\n",
        b"<html>not a warc</html>",
        gzip.compress(b"plain text, gzipped"),
    ],
)
def test_checker_reports_junk_without_raising(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(junk)
    problems = check_warc(path, "data/junk.warc.gz")
    assert problems and all(problem.path == "data/junk.warc.gz" for problem in problems)


def test_checker_reports_an_unreadable_path(tmp_path: Path) -> None:
    assert [p.code for p in check_warc(tmp_path, "data/x.warc")] == ["warc-unreadable"]


def test_checker_of_random_bytes_never_raises(tmp_path: Path) -> None:
    import random

    generator = random.Random(7)
    path = tmp_path / "r.warc"
    for _ in range(50):
        path.write_bytes(bytes(generator.randrange(256) for _ in range(generator.randrange(600))))
        problems = check_warc(path, "r.warc")
        assert all(problem.severity in ("error", "warning") for problem in problems)
