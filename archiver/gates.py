"""Cheap necessary conditions of regexes, read off the regex parser's tree.

A rule's regex run on every paragraph costs more than a substring test that rules most
paragraphs out. ``required_literals`` gives the strings one of which every match of a
pattern contains: when none of them is in a text (``holds_any``), the pattern cannot match
it, so the verdicts with the gate are those without (tests check both ways).
``engine_skips_ahead`` tells the patterns that need no gate.
"""

from __future__ import annotations

import functools
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

    try:
        items = list(_parsed(pattern.pattern, pattern.flags))
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

    if pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _required(_parsed(pattern.pattern, pattern.flags), sre)
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


class AnyMatch:
    """Whether any of many regexes finds a match in a text, in at most two engine calls.

    Searching a text with forty separately compiled patterns costs forty calls from Python;
    their alternation costs one, and finds a match exactly where one of them does (an
    alternation matches at a position when one of its alternatives does). Patterns that
    start with "^" go in an alternation tried at the start only (``match``: a search would
    try each of them at every position). A pattern the alternation would change stays on
    its own: one with flags (inline or compiled) or group references (their numbers
    shift), or one the parser does not read as expected.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        anchored: list[re.Pattern[str]] = []
        floating: list[re.Pattern[str]] = []
        self.alone: list[re.Pattern[str]] = []
        for pattern in patterns:
            where = _combinable(pattern)
            if where == "anchored":
                anchored.append(pattern)
            elif where == "floating":
                floating.append(pattern)
            else:
                self.alone.append(pattern)
        self.anchored = self._alternation(anchored)
        self.floating = self._alternation(floating)

    def _alternation(self, patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
        if not patterns:
            return None
        try:
            return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
        except re.error:  # e.g. two patterns naming a group alike: search them apart
            self.alone.extend(patterns)
            return None

    def search(self, text: str) -> bool:
        """True when one of the patterns' ``search`` finds a match in ``text``."""
        if self.anchored is not None and self.anchored.match(text):
            return True
        if self.floating is not None and self.floating.search(text):
            return True
        return any(pattern.search(text) for pattern in self.alone)


_PLAIN_FLAGS = re.compile("").flags
# Any group reference: "\1", "(?P=name)", "(?(1)yes|no)". Read off the text, so an escaped
# backslash before a digit counts too: such a pattern is searched on its own, which is safe.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _combinable(pattern: re.Pattern[str]) -> str | None:
    """ "anchored", "floating", or None when ``pattern`` must be searched on its own."""
    from re import _constants as sre

    text = pattern.pattern
    if not isinstance(text, str) or pattern.flags != _PLAIN_FLAGS:
        return None
    if _GROUP_REFERENCE.search(text):
        return None
    if not text.startswith("^"):
        return "floating"
    try:  # "^a|b" starts with "^" but is an alternation: "b" matches anywhere
        first = list(_parsed(text, pattern.flags))[:1]
    except Exception:  # an unfamiliar parser: leave the pattern alone
        return None
    return "anchored" if first == [(sre.AT, sre.AT_BEGINNING)] else "floating"


@functools.lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int) -> Any:
    """The regex parser's tree of ``pattern`` (read only; the rules ask for it up to three
    times per pattern at import, and the parser is written in Python)."""
    from re import _parser

    return _parser.parse(pattern, flags)
