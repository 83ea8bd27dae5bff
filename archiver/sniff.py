"""What kind of bytes is this? Media type and binary-format sniffing, shared by the input
stage (``sources``) and the extraction entry point (``extract``). Light: no parser imports.
"""

from __future__ import annotations

import zlib

from .model import InputError

BINARY_SNIFF_BYTES = 65536

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


def sniff_media_type(data: bytes, name: str | None = None) -> str:
    """Guess "text/html" or "text/plain" from a file name and the first bytes."""
    lowered = (name or "").lower()
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if lowered.endswith(".txt"):
        return "text/plain"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (head[:2].count(0) == 1):
        # UTF-16: look at the ASCII letters only.
        head = head.replace(b"\x00", b"")
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    markers = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<article", b"<div")
    if head.startswith(markers) or b"<html" in head or b"<body" in head:
        return "text/html"
    return "text/plain"


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
