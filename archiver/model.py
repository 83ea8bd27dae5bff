"""Plain dataclasses passed between the pipeline stages.

sources -> Capture -> extract -> Article(text, Metadata) -> warc / bag -> verify -> Report.
Nothing here does I/O beyond reading a capture's own file.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


class ArchiverError(Exception):
    """An error about one input or output that is reported to the user as one line.

    ``subject`` names the input (path, URL) or output concerned; ``exit_code`` is the
    process exit status the CLI uses for it (see the README's table).
    """

    exit_code = 1

    def __init__(self, subject: str, message: str, exit_code: int | None = None) -> None:
        super().__init__(f"{subject}: {message}")
        self.subject = subject
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(ArchiverError):
    """The input cannot be read or is not a news item we can package."""

    exit_code = 3


class OutputError(ArchiverError):
    """The output cannot be written (exists, read-only, disk full ...)."""

    exit_code = 4


class BagExistsError(OutputError):
    """The bag this item would become exists already (same content id); ``bag`` is its path."""

    def __init__(self, bag: Path) -> None:
        super().__init__(str(bag), "bag already exists (use --force to replace it)")
        self.bag = bag


# The warning for an input that yields no article text.
NO_TEXT = "no article text found"


@dataclass
class HttpExchange:
    """One HTTP request/response pair exactly as sent and received (one redirect hop)."""

    url: str
    request: bytes  # raw request: request line, headers, blank line, body
    response_path: Path  # file holding the raw response: status line, headers, body as sent
    status: int
    date: datetime
    ip_address: str | None = None


@dataclass
class Capture:
    """The original item: its bytes (in a file, so large inputs stream) and what we know of it.

    ``path`` holds the payload bytes used for extraction (for HTTP: the body with any
    Content-Encoding removed); ``exchanges`` hold the raw HTTP traffic for the WARC.
    """

    source: str  # the input as the user named it: a path, "-" or a URL (never written to the WARC)
    path: Path
    media_type: str  # e.g. "text/html" or "text/plain"
    size: int
    sha256: str  # hex digest of the bytes in ``path``
    captured_at: datetime
    url: str | None = None  # the item's URL when known (final URL after redirects)
    declared_charset: str | None = None  # charset from the HTTP Content-Type header
    exchanges: list[HttpExchange] = field(default_factory=list)
    temporary: bool = False  # ``path`` is ours to delete after packaging
    # live captures only: page requisites (--with-images) written after the page's exchanges,
    # the URLs requested from the first to the final one, and requisites not captured
    requisites: list[HttpExchange] = field(default_factory=list)
    redirect_chain: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"url": ..., "reason": ...}
    # local files only: (device, inode, size, mtime in ns) when ``sha256`` was taken, so
    # that a rewrite after it is noticed before a bag is kept
    signature: tuple[int, int, int, int] | None = None

    def read_bytes(self, limit: int | None = None) -> bytes:
        """Read the payload bytes (at most ``limit`` bytes when given)."""
        with open(self.path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)

    def discard(self) -> None:
        """Delete the temporary files this capture owns (spooled input, raw HTTP responses)."""
        paths = [self.path] if self.temporary else []
        paths += [exchange.response_path for exchange in self.exchanges + self.requisites]
        for path in paths:
            with contextlib.suppress(OSError):
                Path(path).unlink(missing_ok=True)

    def iter_chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """Stream the payload bytes in blocks."""
        with open(self.path, "rb") as handle:
            while chunk := handle.read(size):
                yield chunk


@dataclass
class Metadata:
    """What we know about a news item. Lists are never None; unknown scalars are None."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601
    site_name: str | None = None
    url: str | None = None
    original_source: dict[str, str | None] | None = None  # {"name": ..., "url": ...}
    language: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields in order, lists and the source copied (what ``dataclasses.asdict``
        gives for these flat fields, a tenth of its cost: it runs twice an item)."""
        values: dict[str, Any] = {}
        for name in _METADATA_FIELDS:
            value = getattr(self, name)
            if isinstance(value, list):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            values[name] = value
        return values

    def merged_with(self, overrides: dict[str, Any]) -> Metadata:
        """Return a copy where every non-empty value in ``overrides`` replaces ours."""
        values = self.to_dict()
        for key, value in overrides.items():
            if key not in values:
                raise KeyError(f"unknown metadata field: {key}")
            if value not in (None, [], (), ""):
                values[key] = list(value) if isinstance(value, tuple) else value
        return Metadata(**values)


_METADATA_FIELDS = tuple(f.name for f in dataclasses.fields(Metadata))


@dataclass
class Article:
    """The result of extraction: the cleaned body text and the metadata."""

    text: str
    metadata: Metadata
    encoding: str | None = None  # the encoding the bytes were decoded with
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "metadata": self.metadata.to_dict()}


@dataclass
class Problem:
    """One finding of a verification: an error or a warning about one path."""

    code: str  # stable identifier, e.g. "checksum-mismatch"
    path: str  # path concerned, relative to the bag ("" for the bag itself)
    message: str
    severity: str = "error"  # "error" or "warning"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "path": self.path, "message": self.message}
