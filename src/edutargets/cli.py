"""Command line: parse options, call the library, turn its results into output and exit codes.

Exit codes: 0 success, 1 invalid data or failed build, 2 usage error (click's default).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edutargets import __version__
from edutargets.validate import find_packages, validate_paths
from edutargets.validate.report import FORMATTERS

DEFAULT_DATA = Path("datapackages")


@click.group()
@click.version_option(__version__, prog_name="edutargets")
def cli() -> None:
    """edutargets: Chinese education plan targets beside reported outcomes."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True, help="text for people, json for tools, github for GitHub Actions annotations.")
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Validate data packages (default: every package under datapackages/).

    Each PATH is a package folder or its datapackage.json. Prints one line per problem as
    path:line:field: message, with how to fix it. Exits 1 when any data is invalid.
    """
    targets = list(paths) or find_packages(DEFAULT_DATA)
    if not targets:
        raise click.UsageError(f"no data packages found under {DEFAULT_DATA}/; pass a PATH")
    report = validate_paths(targets)
    click.echo(FORMATTERS[fmt](report), nl=False)
    sys.exit(0 if report.valid else 1)


def main() -> None:
    cli()
