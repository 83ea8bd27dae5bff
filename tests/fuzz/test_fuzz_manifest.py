"""Fuzz target: the bag readers (manifests, tag manifests, bagit.txt, bag-info.txt).

Runs briefly in every test run; ``make fuzz`` runs it long (ARCHIVER_FUZZ_EXAMPLES, default
3000 there). Whatever bytes a tag file holds, ``verify`` returns a report and never raises,
never hangs, and never calls a bag valid once a manifest was replaced by something else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archiver.bag import finish_bag
from archiver.verify import verify

FUZZ = settings(
    max_examples=int(os.environ.get("ARCHIVER_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
DIGEST = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"  # sha256("hello\n")
TAG_FILES = [
    "manifest-sha256.txt",
    "manifest-sha512.txt",
    "tagmanifest-sha256.txt",
    "bagit.txt",
    "bag-info.txt",
]

# Pieces that parsers trip on, mixed with arbitrary bytes.
fragments = st.sampled_from(
    [
        DIGEST.encode(),
        b"  ",
        b" ",
        b"\t",
        b"*",
        b"data/a.txt",
        b"data/../../etc/passwd",
        b"/etc/passwd",
        b"~root/x",
        b"./data/a.txt",
        b"data/%25%0A%0D%2",
        b"data/\xff\xfe",
        b"\x00",
        b"\r\n",
        b"\n",
        b"\r",
        b"\xef\xbb\xbf",
        b"BagIt-Version: 1.0",
        b"Tag-File-Character-Encoding: UTF-8",
        b"Tag-File-Character-Encoding: UTF-16",
        b"Payload-Oxum: 6.1",
        b"Payload-Oxum: 99999999999999999999999.1",
        b"Label : value",
        b" continued",
        b"fetch.txt",
    ]
)
tag_bytes = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(fragments, st.binary(max_size=20)), max_size=40).map(b"".join),
)


def fresh_bag() -> Path:
    root = Path(tempfile.mkdtemp(prefix="archiver-fuzz-")) / "bag"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_bytes(b"hello\n")
    finish_bag(root, [("External-Description", "fuzz")])
    return root


@FUZZ
@given(target=st.sampled_from(TAG_FILES), content=tag_bytes)
@example(target="manifest-sha256.txt", content=b"a" * (10 * 2**20))
@example(target="bag-info.txt", content=b"Title: " + b"x" * (3 * 2**20) + b"\n")
@example(target="bagit.txt", content=b"\x00" * 1000)
def test_verify_never_raises_on_any_tag_file(target: str, content: bytes) -> None:
    root = fresh_bag()
    try:
        original = (root / target).read_bytes()
        (root / target).write_bytes(content)
        report = verify(root)
        assert all(problem.message and "\n" not in problem.message for problem in report.errors)
        if content != original and target.startswith(("manifest-", "tagmanifest-")):
            # Any other bytes in a listed manifest break a tag manifest checksum at least.
            assert not report.valid
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
