"""The original publication of a repost: "[Read full X article]", "Source: X", "Via X",
"Originally published at X", or a rel=canonical that points to another site.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from .meta_page import Page, in_scope, short_blocks
from .meta_rules import ORIGINAL_SOURCE_PATTERNS

# Web archives point their canonical link at the archived site: that is not a repost.
_ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is")
_CREDIT_TAGS = frozenset({"p", "div", "span", "li", "em", "small", "strong"})
_CREDIT_MAX_CHARS = 120  # a longer block is a paragraph that may mention a source
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"})


def registrable_domain(url: str | None) -> str:
    """ "news.example.co.uk" -> "example.co.uk" (a close-enough public-suffix rule)."""
    host = (urlsplit(url or "").hostname or "").casefold().rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def source_from_text(page: Page) -> dict[str, str | None] | None:
    """A credit line in the post; its link, when it has one, is the original's URL."""
    for element, text in short_blocks(page):
        if (
            element.tag not in _CREDIT_TAGS
            or len(text) > _CREDIT_MAX_CHARS
            or not in_scope(element, page, page.root)
        ):
            continue
        for _rule, pattern in ORIGINAL_SOURCE_PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            link = next((a.get("href") for a in element.iter("a") if a.get("href")), None)
            if link:
                link = urljoin(page.url or "", link)
                if not link.startswith(("http://", "https://")):
                    link = None
            name = match["name"].strip(" .:;,[]")
            if name:
                return {"name": name, "url": link}
    return None


def source_from_canonical(page: Page) -> dict[str, str | None] | None:
    """rel=canonical on another site (not a web archive, not a sister host) marks a repost."""
    canonical = next(iter(page.links.get("canonical", [])), None)
    if not canonical or not page.url:
        return None
    canonical = urljoin(page.url, canonical)
    host = (urlsplit(page.url).hostname or "").casefold()
    if any(host == a or host.endswith("." + a) for a in _ARCHIVE_HOSTS):
        return None
    theirs = registrable_domain(canonical)
    if not theirs or theirs == registrable_domain(page.url):
        return None
    # The same publication under another top-level domain (example.de / example.com).
    if theirs.split(".")[0] == registrable_domain(page.url).split(".")[0]:
        return None
    return {"name": None, "url": canonical}


def original_source(page: Page) -> dict[str, str | None] | None:
    """The repost's original publication, or None for an original item."""
    return source_from_text(page) or source_from_canonical(page)
