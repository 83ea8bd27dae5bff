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
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from . import clock
from .model import Capture, InputError, OutputError

SNIFF_BYTES = 4096
BINARY_SNIFF_BYTES = 65536
URL_SCHEMES = ("http://", "https://")
_BLOCK = 1 << 20

# Magic numbers of formats that are never an HTML page or a text dump: (prefix, description).
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or an office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed file"),
    (b"\xfd7zXZ\x00", "xz-compressed file"),
    (b"(\xb5/\xfd", "zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable program"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS\x00", "Ogg media file"),
    (b"fLaC", "FLAC audio"),
    (b"ID3\x03\x00", "MP3 audio"),
    (b"ID3\x04\x00", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"WARC/", "WARC file"),
)
# Bytes that no text encoding we decode uses for text (C0 controls other than tab, LF, FF,
# CR and ESC, plus DEL). Random bytes have about 11% of them; real text almost none.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32), 127])
_BINARY_CONTROL_SHARE = 0.08


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
        media_type=_media_type(head, path.name),
        size=size,
        sha256=digest,
        captured_at=clock.now(),
    )


def file_signature(path: Path) -> tuple[int, int, int, int]:
    """(device, inode, size, mtime in ns) of ``path``: changes when the file is rewritten."""
    return _signature(os.stat(path))


def refuse_binary(name: str, head: bytes) -> None:
    """Raise ``InputError`` when ``head`` (the first bytes of an input) is not text.

    Known formats are named (``PNG image``, ``WARC file`` ...); other data is refused when
    control bytes that no text encoding uses make up a large share of it, unless it looks
    like UTF-16 or UTF-32, which ``archiver.decode`` reads.
    """
    kind = binary_kind(head)
    if kind and kind.startswith("WARC file"):
        raise InputError(name, f"{kind}: archiver packages one HTML page or text dump per bag")
    if kind:
        raise InputError(name, f"binary file ({kind}), not an HTML page or a text dump")


def binary_kind(head: bytes) -> str | None:
    """Describe ``head`` when it starts a binary file (``"PDF document"``), else None."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a byte order mark: text in a Unicode encoding
    for signature, description in BINARY_SIGNATURES:
        if head.startswith(signature):
            if signature == b"\x1f\x8b" and _gunzip_head(head).startswith(b"WARC/"):
                return "WARC file (gzip-compressed), not a news item"
            if signature == b"WARC/":
                return "WARC file, not a news item"
            return description
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "bzip2-compressed file"
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    sample = head[:BINARY_SNIFF_BYTES]
    if not sample or _looks_utf16_or_32(sample):
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) >= _BINARY_CONTROL_SHARE:
        return "control bytes no text encoding uses"
    return None


def _looks_utf16_or_32(sample: bytes) -> bool:
    """Text in UTF-16/32 without a BOM has NUL bytes in every other (or every fourth) place."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return False
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) >= 0.3


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(31).decompress(head, 64)
    except zlib.error:
        return b""


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
        media_type=_media_type(head[:SNIFF_BYTES], None),
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


def _media_type(head: bytes, name: str | None) -> str:
    from .extract import sniff_media_type

    return sniff_media_type(head, name)
