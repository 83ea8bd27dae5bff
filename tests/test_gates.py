"""Gates: strings every match of a regex must contain; one alternation for many regexes."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


# Patterns of every kind AnyMatch sorts: anchored, floating, and those left alone (flags,
# group references, a group name two patterns share).
ANY_MATCH_POOL = [
    r"^(read|see) also",
    r"^\s*(©|\(c\)|copyright\b)",
    "newsletter",
    r"sign(ing)? up\b",
    r"\bsupport( us)?\b",
    r"(?<=\s)abc",
    r"x{2,}y?$",
    r"^a|b$",
    r"(?i)NEWS",
    r"(ab)\1",
    r"(?P<word>\w+) (?P=word)",
    r"(?P<n>q)z",
    r"(?P<n>z)q",
    r"(a)?(?(1)b|c)d",
]
ANY_MATCH_PIECES = [
    "ab", "abab", "a", "b", "bd", "cd", "news", "NEWS", "newsletter", "sign up", "signing up",
    "read also", "see also", "©", "(c)", "copyright", "x", "xxy", " ", "\n", "q", "z",
    "support us", "word word", "qz", "zq",
]  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "where"),
    [
        (r"^(read|see) also", "anchored"),
        (r"(?:^x)", "floating"),  # only a leading "^" is looked at: correct, if slower
        ("newsletter", "floating"),
        (r"^a|b", "floating"),  # the alternation is the top: "b" matches anywhere
        (r"\Aab", "floating"),
        (r"(?i)news", None),
        (r"(ab)\1", None),
        (r"(?P<w>a)(?P=w)", None),
        (r"(a)?(?(1)b|c)", None),
        (r"\\1", None),  # a backslash, then 1: read off the text as a reference, kept alone
    ],
)
def test_any_match_sorts_patterns_by_how_they_can_join_an_alternation(
    pattern: str, where: str | None
) -> None:
    from archiver.gates import _combinable

    assert _combinable(re.compile(pattern)) == where


def test_any_match_searches_patterns_that_cannot_be_joined_on_their_own() -> None:
    from archiver.gates import AnyMatch

    # Two patterns naming a group alike cannot share an alternation.
    matcher = AnyMatch([re.compile(r"(?P<n>q)z"), re.compile(r"(?P<n>z)q"), re.compile("^a")])
    assert matcher.floating is None and len(matcher.alone) == 2
    assert matcher.anchored is not None
    assert matcher.search("zq") and matcher.search("abc") and not matcher.search("qq b")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(ANY_MATCH_POOL), min_size=1, max_size=8, unique=True),
    st.lists(st.sampled_from(ANY_MATCH_PIECES), max_size=6).map("".join),
)
# In an alternation the second pattern's "\1" would name the first one's group.
@example(patterns=[r"sign(ing)? up\b", r"(ab)\1"], text="abab")
def test_any_match_finds_a_match_exactly_when_one_pattern_does(
    patterns: list[str], text: str
) -> None:
    from archiver.gates import AnyMatch

    compiled = [re.compile(p) for p in patterns]
    assert AnyMatch(compiled).search(text) == any(p.search(text) for p in compiled)
