"""Keep the README honest: every command has help text and is documented."""

from pathlib import Path

import click
import pytest

from edutargets.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    assert f"edutargets {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_options_have_help(name: str) -> None:
    for param in cli.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"--{param.name} of {name} has no help"


def test_readme_two_commands() -> None:
    assert "make site" in README and "make test" in README
