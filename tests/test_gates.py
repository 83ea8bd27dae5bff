"""Gates: strings every match of a regex must contain."""

from __future__ import annotations

import re

import pytest

from archiver.gates import engine_skips_ahead, required_literals


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


@pytest.mark.parametrize(
    ("pattern", "skips"),
    [("newsletter", True), ("^(a|b)x", True), (r"\bsupport", False), ("(our|notre) x", False)],
)
def test_only_rules_the_engine_tries_everywhere_are_gated(pattern: str, skips: bool) -> None:
    assert engine_skips_ahead(re.compile(pattern)) is skips
