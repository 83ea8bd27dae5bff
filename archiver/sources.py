"""Inputs -> Capture: a local file, standard input ("-"), or a URL captured live.

Local files are hashed in a streaming pass and used in place; standard input is spooled to a
temporary file so that large inputs never sit in memory. URLs are handed to ``archiver.fetch``.

Hostile inputs are refused here, before any parser sees them, with a one-line reason: paths
that are not regular files (directories, FIFOs, devices: they may never end), empty input,
files that change while we read them, and well-known binary formats (images, PDF, archives,
WARC files), which are not news items even when their name says ``.html``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from . import clock
from .model import Capture, InputError, OutputError
from .sniff import BINARY_SNIFF_BYTES, refuse_binary, sniff_media_type

SNIFF_BYTES = 4096
URL_SCHEMES = ("http://", "https://")
_BLOCK = 1 << 20


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
    the input cannot be read or is not a news item; ``OutputError`` when standard input cannot
    be spooled into ``workdir`` (which receives temporary spool files).
    """
    if is_url(source):
        from .fetch import capture_url

        return capture_url(source, workdir=workdir, **(fetch_options or {}))
    scheme_match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", source)
    if scheme_match and not Path(source).exists():
        scheme = scheme_match.group(1)
        raise InputError(source, f"unsupported URL scheme {scheme!r} (use http or https)")
    if source == "-":
        return _capture_stream(sys.stdin.buffer, "-", workdir)
    if not source:
        raise InputError("''", "empty path")
    return capture_file(Path(source), source)


def capture_file(path: Path, source: str | None = None) -> Capture:
    """Capture a regular local file in place (hashing it in one streaming pass).

    Refuses directories, FIFOs, sockets and devices, empty files, binary formats and files
    that change while they are read, each with ``InputError`` naming the file.
    """
    name = source or str(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(name, _reason(error)) from None
    _require_regular(name, info.st_mode)
    try:
        # O_NONBLOCK: if the path is swapped for a FIFO after the stat above, opening it must
        # not wait forever for a writer; the fstat below then refuses it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(name, _reason(error)) from None
    try:
        before = os.fstat(descriptor)
        _require_regular(name, before.st_mode)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            digest, size, head = _hash_stream(handle)
        after = os.fstat(descriptor)
    except OSError as error:
        raise InputError(name, _reason(error)) from None
    finally:
        os.close(descriptor)
    if _signature(before) != _signature(after) or size != after.st_size:
        raise InputError(name, "file changed while it was being read; try again when it is stable")
    if size == 0:
        raise InputError(name, "empty file")
    refuse_binary(name, head)
    return Capture(
        source=name,
        path=path,
        media_type=sniff_media_type(head, path.name),
        size=size,
        sha256=digest,
        captured_at=clock.now(),
        signature=_signature(after),
    )


def file_signature(path: Path) -> tuple[int, int, int, int]:
    """(device, inode, size, mtime in ns) of ``path``: changes when the file is rewritten."""
    return _signature(os.stat(path))


def _capture_stream(stream: BinaryIO, name: str, workdir: Path | None) -> Capture:
    """Spool a stream to a temporary file, hashing as we go."""
    label = "stdin" if name == "-" else name
    # Named like package.py's temporaries (".tmp-….<pid>") so a killed run's spool is cleaned up.
    try:
        descriptor, name_on_disk = tempfile.mkstemp(
            prefix=".tmp-stdin-", suffix=f".{os.getpid()}", dir=workdir
        )
    except OSError as error:
        raise OutputError(str(workdir or tempfile.gettempdir()), _reason(error)) from None
    spool = Path(name_on_disk)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            hasher = hashlib.sha256()
            size = 0
            head = b""
            while True:
                try:
                    chunk = stream.read(_BLOCK)
                except OSError as error:
                    raise InputError(label, _reason(error)) from None
                if not chunk:
                    break
                if len(head) < BINARY_SNIFF_BYTES:
                    head += chunk[: BINARY_SNIFF_BYTES - len(head)]
                hasher.update(chunk)
                try:
                    handle.write(chunk)
                except OSError as error:
                    raise OutputError(str(workdir or spool.parent), _spool_reason(error)) from None
                size += len(chunk)
            try:
                handle.flush()
            except OSError as error:
                raise OutputError(str(workdir or spool.parent), _spool_reason(error)) from None
        if size == 0:
            raise InputError(label, "empty input")
        refuse_binary(label, head)
    except BaseException:
        spool.unlink(missing_ok=True)
        raise
    return Capture(
        source=name,
        path=spool,
        media_type=sniff_media_type(head[:SNIFF_BYTES], None),
        size=size,
        sha256=hasher.hexdigest(),
        captured_at=clock.now(),
        temporary=True,
    )


def _hash_stream(handle: BinaryIO) -> tuple[str, int, bytes]:
    hasher = hashlib.sha256()
    size = 0
    head = b""
    while chunk := handle.read(_BLOCK):
        if len(head) < BINARY_SNIFF_BYTES:
            head += chunk[: BINARY_SNIFF_BYTES - len(head)]
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size, head


def _require_regular(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(name, "is a directory, not a file (use `archiver batch` for folders)")
    if stat.S_ISFIFO(mode):
        raise InputError(name, "is a named pipe (FIFO), not a regular file (pipe it to `-`)")
    if not stat.S_ISREG(mode):
        # Sockets and devices may never end or change as we read: refuse them.
        raise InputError(name, "not a regular file (a socket or a device)")


def _signature(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _reason(error: OSError) -> str:
    """The one-line reason for an input error, in the words users know from other tools."""
    known = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a component of the path is not a directory",
        errno.ELOOP: "too many levels of symbolic links",
        errno.ENAMETOOLONG: "file name too long",
        errno.EISDIR: "is a directory, not a file",
    }
    return known.get(error.errno or 0) or (error.strerror or str(error)).lower()


def _spool_reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on device while spooling standard input"
    if error.errno == errno.EFBIG:
        return "file too large while spooling standard input"
    return f"cannot spool standard input: {(error.strerror or str(error)).lower()}"
