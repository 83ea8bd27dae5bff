"""Author names: strip byline words, roles and dates; split co-authors; refuse non-names.

An archive is better off with no author than with a wrong one, so ``clean_authors``
drops anything that does not look like a person's (or a desk's) name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .meta_rules import (
    AUTHOR_ROLES,
    AUTHOR_SPLIT_RE,
    AUTHOR_STOPWORDS,
    BYLINE_PREFIX_RE,
    MAX_AUTHOR_CHARS,
    MAX_AUTHOR_WORDS,
    MONTHS,
)

_URL_OR_EMAIL_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+")
_CUT_RE = re.compile(r"\s+(?:\||-|–|—|•|·|::)\s+|\s*[(\[{<]|\s*\d|\s*[|•·]")
_TRAILING_WORDS_RE = re.compile(
    r"(?:\s+(?:on|at|am|um|le|el|il|the|den|vom|du|del|updated|published|posted|"
    r"veröffentlicht|aktualisiert|publié|publicado))+\s*$",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    "van von der den de da del della di du la le bin al ter ten y e zu dos das".split()
)
_EDGE_PUNCTUATION = " \t,;:.-–—|/\\'\"“”‘’«»()[]*•·"


def _strip_prefixes(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = BYLINE_PREFIX_RE.sub("", value, count=1)
    return value


def _trim(value: str) -> str:
    value = value.strip(_EDGE_PUNCTUATION)
    words = value.split()
    # "Jane Doe on March" after the date digits were cut: drop a dangling month name.
    while words and words[-1].casefold().rstrip(".,") in MONTHS and len(words) > 1:
        words.pop()
    value = _TRAILING_WORDS_RE.sub("", " ".join(words))
    return value.strip(_EDGE_PUNCTUATION)


def is_plausible_name(name: str, reject: Iterable[str] = ()) -> bool:
    """True if ``name`` can be a person's or desk's name (not a URL, date, role or site)."""
    folded = name.casefold()
    if not (2 <= len(name) <= MAX_AUTHOR_CHARS) or folded in AUTHOR_STOPWORDS:
        return False
    if folded in {r.casefold() for r in reject}:
        return False
    if _URL_OR_EMAIL_RE.search(name) or re.search(r"\d{3,}|[<>{}=@#]", name):
        return False
    if not re.search(r"[^\W\d_]", name):
        return False
    words = name.split()
    if len(words) > MAX_AUTHOR_WORDS:
        return False
    # Sentences and labels have several lower-case words; names have at most particles.
    lower = [w for w in words if w[:1].islower() and w.casefold() not in _PARTICLES]
    return not (len(words) > 1 and lower)


def clean_authors(values: Iterable[str], reject: Iterable[str] = ()) -> list[str]:
    """Names from raw byline values, in order, without duplicates; [] if none is plausible.

    ``reject`` holds names that are never an author here (the site's and publisher's).
    """
    rejected = {r.casefold() for r in reject}
    names: list[str] = []
    seen: set[str] = set()
    for raw in values:
        value = " ".join(html.unescape(str(raw)).split())
        value = _URL_OR_EMAIL_RE.sub(" ", value)
        value = _strip_prefixes(value)
        value = _CUT_RE.split(value, maxsplit=1)[0]
        for part in AUTHOR_SPLIT_RE.split(value):
            part = AUTHOR_ROLES.sub("", _strip_prefixes(part.strip()))
            part = _trim(part)
            if part and is_plausible_name(part, rejected) and part.casefold() not in seen:
                seen.add(part.casefold())
                names.append(part)
    return names
