"""extract(data, url) -> Article: the public entry point of cleaning and metadata.

decode (bytes -> text) -> HTML: metadata.extract_metadata + clean.html.main_text;
plain text: clean.text.clean_text_dump -> Article(text, metadata, encoding, warnings).
The bytes given are never modified: the archive keeps them as received.
"""

from __future__ import annotations

import warnings as warnings_module
from typing import Any

from .model import Article, InputError, Metadata

HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_EXTRACT_BYTES = 50 * 1024 * 1024

# Magic numbers of the binary formats people most often hand us by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
SNIFF_BYTES = 65536


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


def _looks_utf16(sample: bytes) -> bool:
    """BOM-less UTF-16: NULs (the high bytes of ASCII) sit almost all at one parity."""
    nuls = sample.count(0)
    if nuls < len(sample) // 4:
        return False
    even = sample[0::2].count(0)
    odd = nuls - even
    return max(even, odd) >= 0.9 * nuls


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` ("PDF", "PNG image", "no text format"), or None."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    sample = data[:SNIFF_BYTES]
    if not sample or sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return None
    if _looks_utf16(sample):
        return None
    # Text has almost no control bytes; a few NULs in a page are tolerated (and kept).
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    if controls > 0.05 * len(sample):
        return "no text format"
    return None


def extract(
    data: bytes,
    url: str | None = None,
    media_type: str | None = None,
    declared_charset: str | None = None,
    *,
    max_extract_bytes: int = DEFAULT_MAX_EXTRACT_BYTES,
    subject: str | None = None,
) -> Article:
    """Clean ``data`` (HTML or a plain-text dump) and extract its metadata.

    ``media_type`` is sniffed when not given; ``declared_charset`` is the charset an HTTP
    header declared, considered before the page's own ``<meta>``. Inputs larger than
    ``max_extract_bytes`` are not parsed: the Article then has no text and says why in
    ``warnings``. ``subject`` names the input in error messages (defaults to ``url``).

    Raises :class:`~archiver.model.InputError` for empty input and binary data (images, PDF,
    archives, random bytes); any other bytes give an Article.
    """
    name = subject or url or "input"
    if not data.strip():
        raise InputError(name, "empty input: no text to archive")
    kind = binary_kind(data)
    if kind is not None:
        looks = "no text format recognised" if kind == "no text format" else f"looks like {kind}"
        raise InputError(name, f"binary data ({looks}), not a news item")
    media_type = (media_type or sniff_media_type(data)).split(";")[0].strip().lower()
    if len(data) > max_extract_bytes:
        return Article(
            text="",
            metadata=Metadata(url=url),
            warnings=[
                f"input is {len(data)} bytes, above the extraction limit of "
                f"{max_extract_bytes} bytes: text extraction skipped"
            ],
        )

    from .decode import decode

    notes: list[str] = []
    with warnings_module.catch_warnings(record=True) as caught:
        warnings_module.simplefilter("always")
        text, encoding = decode(data, declared_charset)
    notes.extend(str(w.message) for w in caught)
    text = text.replace("\x00", "")  # NULs carry nothing and break XML-based parsers

    if media_type in HTML_TYPES or media_type.endswith("+xml"):
        metadata, body = _extract_html(text, url, notes)
    else:
        from .clean.text import clean_text_dump

        body, metadata = clean_text_dump(text)
        metadata = metadata or Metadata()
        if url and not metadata.url:
            metadata.url = url
    if not metadata.language and body:
        from .language import detect_language

        metadata.language = detect_language(body)
    if not body.strip():
        notes.append("no article text found")
    return Article(text=body, metadata=metadata, encoding=encoding, warnings=notes)


def _extract_html(text: str, url: str | None, notes: list[str]) -> tuple[Metadata, str]:
    """Metadata and body of a page; a parser failure degrades to a flat text pass, noted."""
    from .clean.html import flat_text, main_text
    from .metadata import extract_metadata

    try:
        metadata = extract_metadata(text, url) or Metadata(url=url)
    except (RecursionError, ValueError, MemoryError) as error:
        notes.append(f"metadata extraction failed ({type(error).__name__}); fields left empty")
        metadata = Metadata(url=url)
    try:
        body = main_text(text, url)
    except (RecursionError, ValueError, MemoryError) as error:
        notes.append(
            f"main-text extraction failed ({type(error).__name__}): text taken by a flat pass"
        )
        body = flat_text(text)
    return metadata, body


# ----------------------------------------------------------------- scorer adapters


def extract_text(html_bytes: bytes, url: str | None = None) -> str:
    """Cleaned body of an HTML page; the function shape the evaluation scorers call."""
    try:
        return extract(html_bytes, url=url or None, media_type="text/html").text
    except InputError:
        return ""


def extract_meta(html_bytes: bytes, url: str | None = None) -> dict[str, Any]:
    """Metadata of an HTML page in the scorers' shape (author as one string)."""
    try:
        metadata = extract(html_bytes, url=url or None, media_type="text/html").metadata
    except InputError:
        return {}
    return {
        "title": metadata.title,
        "author": "; ".join(metadata.authors) or None,
        "date": metadata.published,
        "sitename": metadata.site_name,
        "categories": list(metadata.categories),
        "tags": list(metadata.tags),
    }
