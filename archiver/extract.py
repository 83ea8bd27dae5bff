"""extract(data, url) -> Article: the public entry point of cleaning and metadata."""

from __future__ import annotations

from .model import Article, Metadata

HTML_TYPES = ("text/html", "application/xhtml+xml")


def sniff_media_type(data: bytes, name: str | None = None) -> str:
    """Guess "text/html" or "text/plain" from a file name and the first bytes."""
    lowered = (name or "").lower()
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if lowered.endswith(".txt"):
        return "text/plain"
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    markers = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<article", b"<div")
    if head.startswith(markers) or b"<html" in head or b"<body" in head:
        return "text/html"
    return "text/plain"


def extract(
    data: bytes,
    url: str | None = None,
    media_type: str | None = None,
    declared_charset: str | None = None,
) -> Article:
    """Clean ``data`` (HTML or a plain-text dump) and extract its metadata.

    ``media_type`` is sniffed when not given; ``declared_charset`` is the charset an HTTP
    header declared, considered before the page's own ``<meta>``.
    """
    from .decode import decode

    media_type = media_type or sniff_media_type(data)
    text, encoding = decode(data, declared_charset)
    if media_type in HTML_TYPES:
        from .clean.html import main_text
        from .metadata import extract_metadata

        metadata = extract_metadata(text, url)
        body = main_text(text, url)
    else:
        from .clean.text import clean_text_dump

        body, metadata = clean_text_dump(text)
        if url and not metadata.url:
            metadata.url = url
    return Article(text=body, metadata=metadata or Metadata(), encoding=encoding)
