"""The dataclasses passed between the stages."""

from __future__ import annotations

import dataclasses

from archiver.model import Metadata


def full_metadata() -> Metadata:
    return Metadata(
        title="Ferry budget raised",
        authors=["Ada Reporter", "Kim Min-jun"],
        categories=["Local News"],
        tags=["ferries", "budget"],
        published="2024-05-01",
        site_name="Harbour Gazette",
        url="https://gazette.example/ferry",
        original_source={"name": "VICE News", "url": "https://vice.example/a"},
        language="en",
        description="The council voted.",
    )


def test_to_dict_is_asdict_with_the_fields_in_order() -> None:
    for metadata in (full_metadata(), Metadata()):
        values = metadata.to_dict()
        assert values == dataclasses.asdict(metadata)
        assert list(values) == [f.name for f in dataclasses.fields(Metadata)]


def test_to_dict_copies_lists_and_the_source() -> None:
    metadata = full_metadata()
    values = metadata.to_dict()
    values["authors"].append("Someone Else")
    values["original_source"]["name"] = "changed"
    assert metadata.authors == ["Ada Reporter", "Kim Min-jun"]
    assert metadata.original_source == {"name": "VICE News", "url": "https://vice.example/a"}


def test_merged_with_replaces_only_given_values() -> None:
    merged = full_metadata().merged_with({"title": "New", "authors": ("A", "B"), "tags": []})
    assert merged.title == "New"
    assert merged.authors == ["A", "B"]
    assert merged.tags == ["ferries", "budget"]
