"""Given names: the test that tells a standing-alone person's name from a phrase or brand."""

from __future__ import annotations

import pytest

from archiver.given_names import _EXCLUDED, _NAMES, is_given_name, starts_with_given_name


@pytest.mark.parametrize(
    "word",
    ["Stefan", "Götz", "Kazım", "Małgorzata", "Søren", "Jiří", "Olena", "Сергей", "Fatima",
     "Priya", "Hiroshi", "Fiona", "Jean-Luc", "Hans-Peter"],
)  # fmt: skip
def test_common_given_names_of_many_languages_are_known(word: str) -> None:
    assert is_given_name(word)


def test_case_and_accents_do_not_matter() -> None:
    assert is_given_name("STEFAN") and is_given_name("stefan")
    assert is_given_name("Andre")  # André
    assert is_given_name("Juergen") and is_given_name("Jurgen")  # Jürgen
    assert is_given_name("KAZIM")


@pytest.mark.parametrize("word", ["J.", "", "1990", "Informationen", "Berlin", "Zoo", "Will"])
def test_initials_places_words_and_excluded_names_are_not(word: str) -> None:
    assert not is_given_name(word)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Tim Loppe", True),
        ("Prof. Dr. Anna Meier", True),
        ("Herr Jonas Weber", True),
        ("GÖTZ WARNKE", True),
        ("Weitere Informationen", False),
        ("Herzliche Grüße", False),
        ("Zoo Berlin", False),
        ("Golf Post", False),
        ("Best Regards", False),
        ("TV TODAY", False),
        ("Dr.", False),
    ],
)
def test_a_name_starts_with_a_given_name_after_its_titles(name: str, expected: bool) -> None:
    assert starts_with_given_name(name) is expected


def test_table_entries_are_single_words_and_exclusions_stay_out() -> None:
    for block in _NAMES.values():
        for entry in block.split():
            assert all(part.isalpha() for part in entry.split("-")), entry
    for word in _EXCLUDED:
        assert not is_given_name(word)
