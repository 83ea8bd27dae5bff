"""Concurrent streaming hashing gives exactly hashlib's digests, whatever the file size."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from archiver.hashing import BLOCK_SIZE, HashJob, HashResult, hash_many, hash_path

ALGORITHMS = ("sha256", "sha512", "md5", "sha1")


@pytest.mark.parametrize("size", [0, 1, 4096, BLOCK_SIZE, BLOCK_SIZE + 1, 5 * BLOCK_SIZE + 17])
@pytest.mark.parametrize("count", [1, 2, 4])
def test_digests_match_hashlib(tmp_path: Path, size: int, count: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "file"
    path.write_bytes(data)
    algorithms = ALGORITHMS[:count]
    digests = hash_path(str(path), algorithms, size)
    assert digests == [hashlib.new(name, data).digest() for name in algorithms]


def test_a_wrong_size_hint_still_reads_everything(tmp_path: Path) -> None:
    data = os.urandom(3 * BLOCK_SIZE)
    path = tmp_path / "grew"
    path.write_bytes(data)
    assert hash_path(str(path), ("sha256",), 10) == [hashlib.sha256(data).digest()]


def test_hash_many_reports_each_file_once_with_errors(tmp_path: Path) -> None:
    jobs = []
    for index in range(300):
        path = tmp_path / f"f{index}"
        path.write_bytes(str(index).encode() * (index * 50))
        jobs.append(HashJob(str(path), index * 50 * len(str(index)), index))
    jobs.append(HashJob(str(tmp_path / "missing"), 0, "missing"))
    results: list[HashResult] = []
    hash_many(iter(jobs), ("sha256", "sha512"), workers=3, on_result=results.append)
    assert [job.tag for job, _, _ in results] == [job.tag for job in jobs]
    for job, digests, error in results[:-1]:
        assert error is None
        data = Path(job.path).read_bytes()
        assert digests == [hashlib.sha256(data).digest(), hashlib.sha512(data).digest()]
    assert isinstance(results[-1][2], FileNotFoundError)


def test_symlinks_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    os.symlink(tmp_path / "real", tmp_path / "link")
    with pytest.raises(OSError):
        hash_path(str(tmp_path / "link"), ("sha256",))
