"""Properties that must hold for every input, checked with hypothesis.

- BagIt: whatever the payload's file names (any Unicode, ``%``, CR, LF, leading and trailing
  spaces) and bag-info values, ``finish_bag`` writes a bag that our reader reads back to the
  same names and values, that ``verify`` calls valid, and that bagit-python validates wherever
  it can (it does not decode ``%25``).
- Text dumps: the cleaner never raises and keeps a subsequence of the input's lines.
- WARC: every record ``write_warc`` writes verifies with warcio and with ``check_warc``, and
  the original record holds the input bytes exactly.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import bagit
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from archiver.bag import finish_bag
from archiver.bagcheck import BagFS, Findings, read_declaration, read_info, read_manifests
from archiver.clean.text import clean_text_dump
from archiver.model import Capture
from archiver.verify import WARC_SUFFIXES, verify
from archiver.warc import check_warc, write_warc

PROPERTY = settings(
    max_examples=int(os.environ.get("ARCHIVER_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder per example (pytest's tmp_path is shared by all examples of a test)."""
    folder = Path(tempfile.mkdtemp(prefix="archiver-prop-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ BagIt round trip

name_characters = st.characters(
    blacklist_categories=("Cs",),  # lone surrogates cannot be file names in UTF-8
    blacklist_characters="/\x00",
)
hostile_names = st.sampled_from(
    ["100%.txt", "%25", "%0A", "%250A", "a\rb", "a\nb", "\r\n", " lead", "trail ", "  ", "~x"]
)
file_names = st.one_of(hostile_names, st.text(name_characters, min_size=1, max_size=24)).filter(
    lambda n: (
        n not in (".", "..")
        and len(n.encode("utf-8")) <= 200
        # verify reads these as WARCs (and rightly flags one that is not): not this property's
        and not n.casefold().endswith(WARC_SUFFIXES)
    )
)


def distinct_on_disk(names: list[str]) -> bool:
    # Names equal after NFC (or case folding) are allowed but only warned about; keep them
    # apart here so that each example is about encoding, not about clashes.
    keys = [unicodedata.normalize("NFC", n).casefold() for n in names]
    return len(set(keys)) == len(keys)


info_values = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


def read_back(bag: Path) -> tuple[set[str], list[tuple[str, str]], list[str]]:
    """Our own reader: payload paths named by the manifests and the bag-info entries."""
    fs = BagFS(bag)
    found = Findings()
    declaration = read_declaration(fs, found)
    manifests = read_manifests(
        fs, ["manifest-sha256.txt", "manifest-sha512.txt"], declaration, found, payload=True
    )
    info = read_info(fs, "bag-info.txt", declaration, found)
    problems = [p.message for p in found.errors]
    return set(manifests.entries), [(e.label, e.value) for e in info], problems


@PROPERTY
@given(
    names=st.lists(file_names, min_size=1, max_size=6, unique=True).filter(distinct_on_disk),
    nested=st.booleans(),
    values=st.lists(info_values, min_size=1, max_size=3),
)
@example(names=["100%.txt", "a\rb", "a\nb", " lead", "trail "], nested=False, values=["x"])
def test_bag_round_trips_any_file_names_and_info_values(
    names: list[str], nested: bool, values: list[str]
) -> None:
    with scratch() as bag:
        folder = bag / "data" / ("sub dir%" if nested else "")
        folder.mkdir(parents=True)
        for index, name in enumerate(names):
            (folder / name).write_bytes(f"file {index}\n".encode())
        info = [("External-Description", value) for value in values]
        finish_bag(bag, info)

        report = verify(bag)
        assert report.valid, [p.message for p in report.errors]

        listed, read_info_entries, problems = read_back(bag)
        assert problems == []
        prefix = "data/" + ("sub dir%/" if nested else "")
        assert listed == {prefix + name for name in names}
        described = [v for label, v in read_info_entries if label == "External-Description"]
        # Line breaks cannot live in a tag value (they become spaces); the rest survives.
        expected = [" ".join(v.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").split(" "))
                    for v in values]  # fmt: skip
        assert [d.strip() for d in described] == [e.strip() for e in expected]

        judged = [*names, prefix.rstrip("/"), *values]
        if not any("%" in n or n != n.strip() or len(n.splitlines()) > 1 for n in judged):
            # bagit-python 1.9.0 reads "%25" literally, strips spaces around manifest paths
            # and splits tag files at form feeds, U+001E, U+2028 ... as Python's splitlines()
            # does: compare only where it can judge.
            bagit.Bag(str(bag)).validate()


# ------------------------------------------------------------------ text-dump cleaner

residue_lines = st.sampled_from(
    [
        "Share this:",
        "Like this:",
        "Like Loading…",
        "Related",
        "Post navigation",
        "← Previous",
        "Next →",
        "« Older Entries",
        "Leave a Reply",
        "Reply",
        "Bookmark the permalink.",
        "Posted in News | Tagged politics, trade",
        "This entry was posted in News by Ada Brennan.",
        "Filed under: Local",
        "Tags: harbour, archive",
        "[…] a pingback fragment […]",
        "Continue reading →",
        "[Read full Westmere Gazette article]",
        "3 thoughts on “Harbour news”",
        "Ada says:",
        "Posted on May 1, 2024 by Tomas",
    ]
)
prose_lines = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120).filter(
    lambda t: "\n" not in t and "\r" not in t
)
dump_texts = st.one_of(
    st.lists(st.one_of(residue_lines, prose_lines, st.just("")), max_size=25).map("\n".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
)


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return all(any(n == h for h in remaining) for n in needles)


def normalised_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@PROPERTY
@given(text=dump_texts)
@example(text="Title\n\x00\x00\n" + "word " * 5000)
@example(text="\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")
def test_text_dump_cleaner_never_raises_and_keeps_a_subsequence_of_lines(text: str) -> None:
    body, metadata = clean_text_dump(text)
    assert isinstance(body, str)
    assert is_subsequence(normalised_lines(body), normalised_lines(text))
    if metadata.title:
        assert " ".join(metadata.title.split()) in normalised_lines(text)


# ------------------------------------------------------------------ WARC writer

media_types = st.sampled_from(["text/html", "text/plain", "application/xhtml+xml"])
urls = st.one_of(
    st.none(),
    st.from_regex(
        r"https?://[a-z0-9.-]{1,20}\.[a-z]{2,5}/[A-Za-z0-9_~%/?=&.-]{0,40}", fullmatch=True
    ),
)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@PROPERTY
@given(
    payload=st.binary(min_size=1, max_size=4096),
    media_type=media_types,
    url=urls,
    charset=st.sampled_from([None, "utf-8", "cp1252", "shift_jis"]),
    cleaned=any_text,
    description=any_text,
    metadata_json=st.binary(max_size=512),
)
def test_every_warc_record_verifies(
    payload: bytes,
    media_type: str,
    url: str | None,
    charset: str | None,
    cleaned: str,
    description: str,
    metadata_json: bytes,
) -> None:
    with scratch() as folder:
        original = folder / "original"
        original.write_bytes(payload)
        capture = Capture(
            source="input",
            path=original,
            media_type=media_type,
            size=len(payload),
            sha256=hashlib.sha256(payload).hexdigest(),
            captured_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
            url=url,
        )
        out = folder / "item.warc.gz"
        write_warc(
            out,
            capture,
            cleaned,
            metadata_json,
            software="archiver test",
            description=description,
            charset=charset,
        )
        assert [p for p in check_warc(out, "item.warc.gz") if p.severity == "error"] == []
        types = []
        with open(out, "rb") as handle:
            for record in ArchiveIterator(handle, check_digests=True):
                content = record.content_stream().read()
                assert record.digest_checker.passed is not False, record.digest_checker.problems
                types.append(record.rec_type)
                if record.rec_type == "resource":
                    assert content == payload
                    if url:
                        assert record.rec_headers.get_header("WARC-Target-URI") == url
                if record.rec_type == "conversion":
                    assert content == cleaned.encode("utf-8")
        assert types == ["warcinfo", "resource", "metadata", "conversion"]
        assume(True)
