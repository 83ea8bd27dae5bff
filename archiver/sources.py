"""Inputs -> Capture: a local file, standard input ("-"), or a URL captured live.

Local files are hashed in a streaming pass and used in place; standard input is spooled to a
temporary file so that large inputs never sit in memory. URLs are handed to ``archiver.fetch``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from . import clock
from .model import Capture, InputError

SNIFF_BYTES = 4096
URL_SCHEMES = ("http://", "https://")


def is_url(source: str) -> bool:
    """True when ``source`` names an http(s) URL rather than a local path."""
    return source.lower().startswith(URL_SCHEMES)


def open_source(
    source: str,
    *,
    workdir: Path | None = None,
    fetch_options: dict[str, Any] | None = None,
) -> Capture:
    """Capture ``source`` (a path, "-" for standard input, or an http(s) URL).

    Raises ``InputError`` (or a subclass from ``archiver.fetch``) with a one-line reason when
    the input cannot be read. ``workdir`` receives temporary spool files.
    """
    if is_url(source):
        from .fetch import capture_url

        return capture_url(source, workdir=workdir, **(fetch_options or {}))
    if "://" in source.split("/", 1)[0] + "/" and not Path(source).exists():
        scheme = source.split("://", 1)[0]
        raise InputError(source, f"unsupported URL scheme {scheme!r} (use http or https)")
    if source == "-":
        return _capture_stream(sys.stdin.buffer, "-", workdir)
    return capture_file(Path(source), source)


def capture_file(path: Path, source: str | None = None) -> Capture:
    """Capture a regular local file in place (hashing it in one streaming pass)."""
    name = source or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file (use `archiver batch` for folders)")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices may never end or change as we read: refuse them.
        raise InputError(name, "not a regular file")
    try:
        with open(path, "rb") as handle:
            digest, size, head = _hash_stream(handle)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    if size == 0:
        raise InputError(name, "empty file")
    return Capture(
        source=name,
        path=path,
        media_type=_media_type(head, path.name),
        size=size,
        sha256=digest,
        captured_at=clock.now(),
    )


def _capture_stream(stream: BinaryIO, name: str, workdir: Path | None) -> Capture:
    """Spool a stream to a temporary file, hashing as we go."""
    # Named like package.py's temporaries (".tmp-….<pid>") so a killed run's spool is cleaned up.
    descriptor, name_on_disk = tempfile.mkstemp(
        prefix=".tmp-stdin-", suffix=f".{os.getpid()}", dir=workdir
    )
    spool = Path(name_on_disk)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            hasher = hashlib.sha256()
            size = 0
            head = b""
            while chunk := stream.read(1 << 20):
                if len(head) < SNIFF_BYTES:
                    head += chunk[: SNIFF_BYTES - len(head)]
                hasher.update(chunk)
                handle.write(chunk)
                size += len(chunk)
        if size == 0:
            raise InputError("stdin" if name == "-" else name, "empty input")
    except BaseException:
        spool.unlink(missing_ok=True)
        raise
    return Capture(
        source=name,
        path=spool,
        media_type=_media_type(head, None),
        size=size,
        sha256=hasher.hexdigest(),
        captured_at=clock.now(),
        temporary=True,
    )


def _hash_stream(handle: BinaryIO) -> tuple[str, int, bytes]:
    hasher = hashlib.sha256()
    size = 0
    head = b""
    while chunk := handle.read(1 << 20):
        if not head:
            head = chunk[:SNIFF_BYTES]
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size, head


def _media_type(head: bytes, name: str | None) -> str:
    from .extract import sniff_media_type

    return sniff_media_type(head, name)
