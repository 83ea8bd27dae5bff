"""Plain-text dumps of blog posts: title line, body, and the residue around them."""

from __future__ import annotations

from ..model import Metadata


def clean_text_dump(text: str) -> tuple[str, Metadata]:
    """Return ``(body, metadata)`` for a plain-text dump. STUB: replaced by the real one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else None
    return "\n\n".join(lines[1:]), Metadata(title=title)
