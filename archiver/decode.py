"""bytes -> str: BOM, HTTP and <meta> charsets (mapped as browsers do), strict UTF-8, detection."""

from __future__ import annotations


def decode(data: bytes, declared_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding_used)``. STUB: replaced by the real one."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"
