"""Metadata from HTML by ranked evidence. STUB."""

from __future__ import annotations

from .model import Metadata


def extract_metadata(html: str, url: str | None = None) -> Metadata:
    """Return the metadata of an HTML page. STUB: replaced by the real one."""
    return Metadata(url=url)
