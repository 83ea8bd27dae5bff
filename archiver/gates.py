"""Cheap necessary conditions of regexes, read off the regex parser's tree.

A rule's regex run on every paragraph costs more than a substring test that rules most
paragraphs out. ``required_literals`` gives the strings one of which every match of a
pattern contains: when none of them is in a text (``holds_any``), the pattern cannot match
it, so the verdicts with the gate are those without (tests check both ways).
``engine_skips_ahead`` tells the patterns that need no gate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def holds_any(text: str, pieces: Iterable[str]) -> bool:
    """Whether one of ``pieces`` occurs in ``text`` (a plain loop: cheaper than ``any()``
    over a generator, which the rules' hot paths feel)."""
    for piece in pieces:  # noqa: SIM110 (any() over a generator is slower here)
        if piece in text:
            return True
    return False


def engine_skips_ahead(pattern: re.Pattern[str]) -> bool:
    """Whether the regex engine finds where a match may start by itself: the pattern starts
    with a literal character (searched for in C) or with "^" (tried at the start only)."""
    from re import _constants as sre
    from re import _parser

    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unfamiliar parse tree (another Python): treat as fast, no gate
        return True
    if not items:
        return True
    op, value = items[0]
    return op is sre.LITERAL or (op is sre.AT and value is sre.AT_BEGINNING)


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None when the pattern
    promises none (case-insensitive, or no literal text that every match must hold).

    A run of literal characters is required where it stands outside optional parts; an
    alternation requires one of its alternatives' own requirements. Of the requirements of
    a sequence the one with the longest shortest string is taken (the rarest in text).
    ``any(s in text for s in ...)`` being false proves that ``pattern.search(text)`` finds
    nothing.
    """
    from re import _constants as sre
    from re import _parser

    if pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _required(_parser.parse(pattern.pattern, pattern.flags), sre)
    except Exception:  # an unfamiliar parse tree (another Python): no gate, same verdicts
        return None
    if not found:
        return None
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


def _required(items: Any, sre: Any) -> set[str] | None:
    options: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found: set[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = value
            found = None if add_flags & sre.SRE_FLAG_IGNORECASE else _required(sub, sre)
        elif op is sre.BRANCH:
            alternatives = [_required(sub, sre) for sub in value[1]]
            if all(alternatives):
                found = set().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = value
            found = _required(sub, sre) if low >= 1 else None
        elif op is sre.ATOMIC_GROUP:
            found = _required(value, sre)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    return max(options, key=lambda strings: min(map(len, strings)), default=None)
