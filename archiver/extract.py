"""extract(data, url) -> Article: the public entry point of cleaning and metadata.

decode (bytes -> text) -> HTML: metadata.extract_metadata + clean.html.main_text;
plain text: clean.text.clean_text_dump -> Article(text, metadata, encoding, warnings).
The bytes given are never modified: the archive keeps them as received.
"""

from __future__ import annotations

import warnings as warnings_module
from typing import Any

from .model import NO_TEXT, Article, InputError, Metadata
from .sniff import BINARY_SNIFF_BYTES, refuse_binary, sniff_media_type

HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_EXTRACT_BYTES = 50 * 1024 * 1024


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
    refuse_binary(name, data[:BINARY_SNIFF_BYTES])
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
        if not metadata.language and body:
            from .language import detect_language

            # The page did not say; a dump's cleaner has detected its language already.
            metadata.language = detect_language(body)
    else:
        from .clean.text import clean_text_dump

        body, metadata = clean_text_dump(text)
        metadata = metadata or Metadata()
        if url and not metadata.url:
            metadata.url = url
    if not metadata.authors and body:
        from .meta_authors import authors_from_signature

        # No byline: the text may close with its author's signature.
        reject = [metadata.site_name] if metadata.site_name else []
        metadata.authors = authors_from_signature(body, reject)
    if not body.strip():
        notes.append(NO_TEXT)
    return Article(text=body, metadata=metadata, encoding=encoding, warnings=notes)


def _extract_html(text: str, url: str | None, notes: list[str]) -> tuple[Metadata, str]:
    """Metadata and body of a page; a parser failure degrades to a flat text pass, noted."""
    from .clean.flat import (
        MAX_HTML_DEPTH,
        flat_text,
        html_depth_exceeds,
        parser_drops_text,
        tree_may_be_cut,
    )
    from .clean.html import load_tree, main_text
    from .metadata import extract_metadata

    # One parse for both: the metadata rules only read the tree, main_text then prunes it.
    try:
        tree = load_tree(text)
    except (RecursionError, ValueError, MemoryError):
        tree = None
    try:
        metadata = extract_metadata(text, url, tree) or Metadata(url=url)
    except (RecursionError, ValueError, MemoryError) as error:
        notes.append(f"metadata extraction failed ({type(error).__name__}); fields left empty")
        metadata = Metadata(url=url)
    if (
        tree_may_be_cut(tree)
        and html_depth_exceeds(text, MAX_HTML_DEPTH)
        and parser_drops_text(text)
    ):
        # The tree builders silently dropped everything below their depth limit.
        notes.append(
            f"HTML nested more than {MAX_HTML_DEPTH} levels deep: text taken by a flat pass "
            "over the whole page (no main-content detection)"
        )
        return metadata, flat_text(text)
    try:
        body = main_text(text, url, tree)
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
        "author": ", ".join(metadata.authors) or None,
        "date": metadata.published,
        "sitename": metadata.site_name,
        "categories": list(metadata.categories),
        "tags": list(metadata.tags),
    }
