"""finish_bag writes BagIt 1.0 bags that bagit-python and our own reader accept, byte-stable."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.bag import decode_path, encode_path, finish_bag, fold_tag_line, human_size
from archiver.bagcheck import BagFS, Declaration, Findings, check_bag, read_info

INFO = [
    ("Bagging-Date", "2024-05-01"),
    ("Source-Organization", "Example Newsroom Library"),
    ("External-Description", "A long title " * 12),
    ("Keyword", "first"),
    ("Keyword", "second"),
]


def make_payload(bag: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        target = bag / "data" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (bag / "data").mkdir(parents=True, exist_ok=True)
    return bag


@pytest.fixture
def bag(tmp_path: Path) -> Path:
    root = make_payload(
        tmp_path / "bag",
        {"item.warc.gz": b"\x1f\x8b fake", "article.txt": b"Body\n", "sub/metadata.json": b"{}"},
    )
    finish_bag(root, INFO)
    return root


def test_bagit_txt_declares_version_1_0_utf8(bag: Path) -> None:
    assert (bag / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )


def test_bag_info_keeps_caller_order_and_adds_oxum_and_size(bag: Path) -> None:
    text = (bag / "bag-info.txt").read_text("utf-8")
    labels = [line.split(":")[0] for line in text.splitlines() if not line.startswith(" ")]
    assert labels == [label for label, _ in INFO] + ["Payload-Oxum", "Bag-Size"]
    octets = len(b"\x1f\x8b fake") + len(b"Body\n") + len(b"{}")
    assert f"Payload-Oxum: {octets}.3\n" in text
    assert f"Bag-Size: {octets} bytes\n" in text
    assert all(len(line) <= 79 for line in text.splitlines())


def test_manifests_are_sorted_and_exact(bag: Path) -> None:
    for algorithm in ("sha256", "sha512"):
        lines = (bag / f"manifest-{algorithm}.txt").read_text("utf-8").splitlines()
        paths = [line.split("  ", 1)[1] for line in lines]
        assert paths == ["data/article.txt", "data/item.warc.gz", "data/sub/metadata.json"]
        digest = hashlib.new(algorithm, b"Body\n").hexdigest()
        assert f"{digest}  data/article.txt" in lines


def test_tag_manifests_cover_every_tag_file(bag: Path) -> None:
    for algorithm in ("sha256", "sha512"):
        lines = (bag / f"tagmanifest-{algorithm}.txt").read_text("utf-8").splitlines()
        listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}
        assert sorted(listed) == [
            "bag-info.txt",
            "bagit.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
        ]
        for name, digest in listed.items():
            assert hashlib.new(algorithm, (bag / name).read_bytes()).hexdigest() == digest


def test_bagit_python_validates_our_bag(bag: Path) -> None:
    bagit.Bag(str(bag)).validate()
    cli = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(bag)], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stderr


def test_our_reader_finds_nothing_to_say(bag: Path) -> None:
    result = check_bag(bag)
    assert result.errors == [] and result.warnings == []
    assert result.files == 3


def test_same_payload_gives_identical_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        root = make_payload(tmp_path / name, {f"f{i}.txt": bytes([i]) * i for i in range(40)})
        finish_bag(root, INFO)
        outputs.append({p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_names_with_percent_and_line_breaks_are_encoded(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "bag", {"100%.txt": b"a", "two\nlines\r.txt": b"b"})
    finish_bag(root, [])
    manifest = (root / "manifest-sha256.txt").read_text("utf-8")
    assert "  data/100%25.txt\n" in manifest
    assert "  data/two%0Alines%0D.txt\n" in manifest
    assert check_bag(root).errors == []


def test_empty_payload_is_a_valid_bag(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "bag", {})
    finish_bag(root, [])
    assert "Payload-Oxum: 0.0\n" in (root / "bag-info.txt").read_text("utf-8")
    bagit.Bag(str(root)).validate()
    assert check_bag(root).errors == []


def test_rejects_bad_labels_algorithms_and_computed_fields(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "bag", {"a.txt": b"a"})
    with pytest.raises(ValueError):
        finish_bag(root, [("Bad:Label", "x")])
    with pytest.raises(ValueError):
        finish_bag(root, [("Payload-Oxum", "1.1")])
    with pytest.raises(ValueError):
        finish_bag(root, [], algorithms=("crc32",))


def test_refuses_symlinks_in_the_payload(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "bag", {"a.txt": b"a"})
    os.symlink("/etc/hostname", root / "data" / "link")
    with pytest.raises(ValueError, match="not a regular file"):
        finish_bag(root, [])


def test_folding_breaks_at_single_spaces_only() -> None:
    line = fold_tag_line("External-Description", "word " * 30 + "end")
    assert all(len(part) <= 79 for part in line.splitlines())
    assert all(part.startswith(" ") for part in line.splitlines()[1:])
    assert fold_tag_line("URL", "https://example.org/" + "x" * 100).count("\n") == 1
    assert fold_tag_line("Label", "a  b") == "Label: a  b\n"


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
        max_size=300,
    )
)
def test_folded_values_read_back_exactly(value: str) -> None:
    import tempfile

    value = value.strip(" \t")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bag-info.txt"
        path.write_bytes(fold_tag_line("Title", value).encode("utf-8"))
        entries = read_info(BagFS(Path(tmp)), "bag-info.txt", Declaration(), Findings())
    assert [(e.label, e.value) for e in entries] == [("Title", value)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_path_encoding_round_trips(name: str) -> None:
    encoded = encode_path(name)
    assert "\n" not in encoded and "\r" not in encoded
    assert decode_path(encoded) == name


def test_decoding_touches_only_the_three_sequences() -> None:
    assert decode_path("data/100%25.txt") == "data/100%.txt"
    assert decode_path("data/%250A") == "data/%0A"
    assert decode_path("data/a%0d%0Ab") == "data/a\r\nb"
    assert decode_path("data/%20%41") == "data/%20%41"


def test_human_size() -> None:
    assert human_size(0) == "0 bytes"
    assert human_size(999) == "999 bytes"
    assert human_size(4100) == "4.1 KB"
    assert human_size(1_300_000_000) == "1.3 GB"


_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=40,
).filter(lambda name: name not in (".", "..") and len(name.encode("utf-8")) <= 255)


@settings(max_examples=40, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=5, unique=True))
def test_any_file_names_round_trip_through_our_writer_and_reader(names: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bag"
        (root / "data").mkdir(parents=True)
        for index, name in enumerate(names):
            (root / "data" / name).write_bytes(str(index).encode())
        finish_bag(root, [("Title", " ".join(names))])
        result = check_bag(root)
    assert result.errors == []
    assert result.files == len(names)
