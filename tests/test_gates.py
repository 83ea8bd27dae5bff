"""Gates: strings every match of a regex must contain."""

from __future__ import annotations

import re

import pytest

from archiver.gates import required_literals


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("newsletter", ("newsletter",)),
        (r"sign(ing)? up\b", ("sign",)),
        (r"\b\d+\s*(min|minutes?)\.?\s*(read|lesezeit)\b", ("lesezeit", "read")),
        # Optional parts and character classes promise nothing; the rest still does.
        (r"(externe[rn]?)? inhalte?\b.{0,40}laden", (" inhalt",)),
        (r"suscr[ií]b", ("suscr",)),
        (r"^\s*(©|\(c\)|copyright\b)", ("(c)", "copyright", "©")),
        # A string holding another is redundant: "mins" holds "min".
        (r"(min|mins)x", ("min",)),
        # Nothing every match must hold.
        (r"\d+|\s", None),
        (r"(a|\d)", None),
        (r"(?:abc)?", None),
        # Letter case is not known in advance: no gate.
        (r"(?i)newsletter", None),
        (r"(?i:news)letter", ("letter",)),
    ],
)
def test_required_literals_are_what_every_match_must_contain(
    pattern: str, required: tuple[str, ...] | None
) -> None:
    assert required_literals(re.compile(pattern)) == required
