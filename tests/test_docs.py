"""The README stays honest: every command is documented there and teaches by example."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```", 2)[1]
    commands = [line.strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented_with_an_example(name: str) -> None:
    command = main.commands[name]
    assert command.help and "Example:" in command.help
    assert f"archiver {name}" in README


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_option_of_every_command_is_in_the_readme(name: str) -> None:
    for parameter in main.commands[name].params:
        if getattr(parameter, "hidden", False):
            continue
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option != "--help":
                assert option in README, f"{name} {option} missing from README"
