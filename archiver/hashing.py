"""Streaming, concurrent, multi-algorithm file hashing for writing and checking bags.

Every file is read once whatever the number of algorithms. Small files are read with one
``os.read`` and hashed in the calling thread; large files are read in 1 MiB blocks and, when
several algorithms are asked for, each algorithm runs in its own thread fed by a short queue
of blocks (hashlib releases the GIL on large updates, so SHA-256 and SHA-512 of one file run
on two cores). Many files are spread over a small pool of worker threads.

Nothing here knows about BagIt: callers pass paths and get hex digests back.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

BLOCK_SIZE = 1 << 20  # read size for large files
SMALL_FILE = 1 << 20  # files up to this size are read with a single read
_QUEUE_DEPTH = 4  # blocks in flight per helper thread: bounds memory at a few MiB per file
_BATCH = 64  # small files handed to a worker at once (amortises pool overhead)

# Algorithm names as BagIt spells them in manifest file names -> hashlib constructor names.
_HASHLIB_NAMES = {
    "md5": "md5",
    "sha1": "sha1",
    "sha224": "sha224",
    "sha256": "sha256",
    "sha384": "sha384",
    "sha512": "sha512",
    "sha3-224": "sha3_224",
    "sha3-256": "sha3_256",
    "sha3-384": "sha3_384",
    "sha3-512": "sha3_512",
    "sha3_224": "sha3_224",
    "sha3_256": "sha3_256",
    "sha3_384": "sha3_384",
    "sha3_512": "sha3_512",
    "blake2b": "blake2b",
    "blake2s": "blake2s",
}


def is_supported(algorithm: str) -> bool:
    """True when ``algorithm`` (a BagIt manifest algorithm name) can be computed here."""
    return algorithm.lower() in _HASHLIB_NAMES


def digest_size(algorithm: str) -> int:
    """Digest length in bytes of a supported algorithm."""
    return hashlib.new(_HASHLIB_NAMES[algorithm.lower()]).digest_size


_CONSTRUCTORS: dict[str, Callable[[], Any]] = {
    name: getattr(hashlib, target) for name, target in _HASHLIB_NAMES.items()
}


def new_hasher(algorithm: str) -> Any:
    """A fresh hashlib object for a BagIt algorithm name (raises KeyError when unsupported)."""
    # hashlib.sha256() is much cheaper than hashlib.new("sha256"): it matters per small file.
    return _CONSTRUCTORS[algorithm.lower()]()


def default_jobs() -> int:
    """Worker threads used when the caller does not say: one per CPU, at least two."""
    return max(2, os.cpu_count() or 2)


def _read_all(fd: int, size_hint: int) -> bytes:
    """Read a small file completely (one read in the common case)."""
    data = os.read(fd, size_hint + 1)
    if len(data) <= size_hint:
        return data
    parts = [data]  # the file grew since it was listed: keep reading to EOF
    while chunk := os.read(fd, BLOCK_SIZE):
        parts.append(chunk)
    return b"".join(parts)


def _update_from_queue(hasher: Any, blocks: queue.Queue[bytes | None]) -> None:
    while (block := blocks.get()) is not None:
        hasher.update(block)


def hash_fd(fd: int, algorithms: tuple[str, ...], size_hint: int = SMALL_FILE + 1) -> list[bytes]:
    """Hash an open file descriptor with every algorithm; return raw digests in order.

    ``size_hint`` (the size seen when listing) selects the single-read path for small files.
    """
    hashers = [new_hasher(name) for name in algorithms]
    if size_hint <= SMALL_FILE:
        data = _read_all(fd, size_hint)
        for hasher in hashers:
            hasher.update(data)
        return [hasher.digest() for hasher in hashers]
    if len(hashers) == 1:
        while block := os.read(fd, BLOCK_SIZE):
            hashers[0].update(block)
        return [hashers[0].digest()]
    # One helper thread per extra algorithm; this thread reads and runs the first algorithm.
    # Blocks are immutable bytes, so all threads can share them without copying.
    queues: list[queue.Queue[bytes | None]] = [queue.Queue(_QUEUE_DEPTH) for _ in hashers[1:]]
    helpers = [
        threading.Thread(target=_update_from_queue, args=(hasher, q), daemon=True)
        for hasher, q in zip(hashers[1:], queues, strict=True)
    ]
    for helper in helpers:
        helper.start()
    try:
        while block := os.read(fd, BLOCK_SIZE):
            for q in queues:
                q.put(block)
            hashers[0].update(block)
    finally:
        for q in queues:
            q.put(None)
        for helper in helpers:
            helper.join()
    return [hasher.digest() for hasher in hashers]


def open_no_follow(path: str) -> int:
    """Open a file read-only without following a final symlink (callers checked it is regular)."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))


def hash_path(
    path: str, algorithms: tuple[str, ...], size_hint: int = SMALL_FILE + 1
) -> list[bytes]:
    """Hash the file at ``path`` (never following a final symlink) with every algorithm."""
    fd = open_no_follow(path)
    try:
        return hash_fd(fd, algorithms, size_hint)
    finally:
        os.close(fd)


@dataclass(slots=True)
class HashJob:
    """One file to hash: where it is, its listed size, and an opaque tag for the caller."""

    path: str
    size: int
    tag: Any


HashResult = tuple[HashJob, list[bytes] | None, OSError | None]


def _hash_batch(batch: list[HashJob], algorithms: tuple[str, ...]) -> list[HashResult]:
    results: list[HashResult] = []
    for job in batch:
        try:
            results.append((job, hash_path(job.path, algorithms, job.size), None))
        except OSError as exc:
            results.append((job, None, exc))
    return results


def _batches(jobs: Iterable[HashJob]) -> Iterator[list[HashJob]]:
    batch: list[HashJob] = []
    volume = 0
    for job in jobs:
        batch.append(job)
        volume += job.size
        # Large files travel alone so that small ones keep the other workers busy.
        if len(batch) >= _BATCH or volume >= 4 * SMALL_FILE:
            yield batch
            batch, volume = [], 0
    if batch:
        yield batch


def hash_many(
    jobs: Iterable[HashJob],
    algorithms: tuple[str, ...],
    *,
    workers: int | None = None,
    on_result: Callable[[HashResult], None],
) -> None:
    """Hash every job with every algorithm on a pool of threads, calling ``on_result`` for each.

    ``jobs`` is consumed lazily and at most a few batches are in flight, so memory stays
    bounded however many files there are. ``on_result`` runs in the calling thread.
    """
    workers = workers or default_jobs()
    if workers <= 1:
        for batch in _batches(jobs):
            for result in _hash_batch(batch, algorithms):
                on_result(result)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hash") as pool:
        pending: list[Any] = []
        for batch in _batches(jobs):
            pending.append(pool.submit(_hash_batch, batch, algorithms))
            if len(pending) >= 2 * workers:
                for result in pending.pop(0).result():
                    on_result(result)
        for future in pending:
            for result in future.result():
                on_result(result)
