"""Main article text of an HTML page. STUB."""

from __future__ import annotations


def main_text(html: str, url: str | None = None) -> str:
    """Return the article body of ``html``, paragraphs separated by one blank line. STUB."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""
