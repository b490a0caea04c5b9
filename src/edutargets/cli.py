"""Command line: parse options, call the library, turn its results into output and exit codes.

Exit codes: 0 success, 1 invalid data or failed build, 2 usage error (click's default).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edutargets import __version__
from edutargets.build import BuildConfig, BuildFailed, build_site
from edutargets.extract import PackageError, expand_paths, extract_file, load_reference
from edutargets.extract.output import FORMATS as EXTRACT_FORMATS
from edutargets.validate import find_packages, validate_paths
from edutargets.validate.report import FORMATTERS

DEFAULT_DATA = Path("datapackages")


@click.group()
@click.version_option(__version__, prog_name="edutargets")
def cli() -> None:
    """edutargets: Chinese education plan targets beside reported outcomes."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations.",
)
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


@cli.command()
@click.option(
    "--package",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=BuildConfig.package,
    show_default=True,
    help="Data package folder to publish.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=BuildConfig.out,
    show_default=True,
    help="Where the finished site goes (updated only when the build succeeds).",
)
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=BuildConfig.work,
    show_default=True,
    help="Folder for intermediate files and the stores a rebuild reuses.",
)
@click.option("--no-search-index", is_flag=True, help="Skip the Pagefind search index (faster previews).")
@click.option(
    "--explain",
    is_flag=True,
    help="Build nothing: print which outputs a build would make again, and which of their inputs changed.",
)
def build(package: Path, out: Path, work: Path, no_search_index: bool, explain: bool) -> None:
    """Validate the data, generate the pages and build the site with MkDocs and Pagefind.

    Each part is made in WORK and only what changed is made again; OUT is updated only when
    every step succeeded: invalid data or a failed step leaves the previous site as it was,
    and exits 1.
    """
    config = BuildConfig(package=package, out=out, work=work, search_index=not no_search_index)
    if explain:
        from edutargets.explain import explain as explain_build
        from edutargets.explain import format_explanation

        explanation = explain_build(config)
        if not explanation.report.valid:
            click.echo(FORMATTERS["text"](explanation.report), nl=False)
            sys.exit(1)
        click.echo(format_explanation(explanation), nl=False)
        return
    try:
        result = build_site(config)
    except BuildFailed as error:
        click.echo(f"build failed; {out} was left as it was.\n{error}", err=True)
        sys.exit(1)
    if not result.built:
        click.echo(FORMATTERS["text"](result.report), nl=False)
        click.echo(f"build stopped: the data is invalid; {out} was left as it was.", err=True)
        sys.exit(1)
    stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in result.stages.items())
    pages, published = result.generated.pages, result.published
    rendered = result.rendered.rendered if result.rendered else 0
    click.echo(
        f"built {out}: {pages} pages, {rendered} rendered again; {published.linked} files published, {published.unchanged} unchanged, {published.removed} removed; {stages}"
    )


@cli.command()
@click.option(
    "--package",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=BuildConfig.package,
    show_default=True,
    help="Data package folder to preview.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 for the preview server.",
)
def serve(package: Path, port: int) -> None:
    """Preview the site with live reload while you edit the data or site_src/.

    Builds into build/site, serves it on 127.0.0.1 and rebuilds on every change; invalid data is
    reported and the last good site stays up.
    """
    from edutargets.serve import serve as run_server

    sys.exit(run_server(BuildConfig(package=package), "127.0.0.1", port, click.echo))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--package",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("datapackages/edutargets"),
    show_default=True,
    help="Data package whose indicators, regions and figures are matched (canonical id, region, known).",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2100),
    default=None,
    help="The document's year when its title gives none: target year of 年内/今年 and year of reported figures.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXTRACT_FORMATS)),
    default="csv",
    show_default=True,
    help="csv to review in a spreadsheet and copy into targets.csv/outcomes.csv, json for tools, text to read.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the candidates to this file instead of standard output.",
)
def extract(files: tuple[Path, ...], package: Path, year: int | None, fmt: str, out: Path | None) -> None:
    """Find candidate targets and reported figures in documents, for a curator to review.

    Each FILE is plain text (UTF-8 or GBK/GB18030), HTML, .docx or a PDF with a text layer; a
    folder means the documents in it. Prints one candidate per row (file, line, kind, indicator,
    value, unit, comparator, year, region, verbatim quote, known). A file that cannot be read is
    reported on standard error as path: message and the others go on; the exit code is then 1.
    """
    try:
        reference = load_reference(package if package.is_dir() else None)
    except PackageError as error:
        raise click.UsageError(str(error)) from None
    if not package.is_dir():
        click.echo(f"note: no package at {package}; indicator, region and known are left empty", err=True)
    results = []
    for path in expand_paths(list(files)):
        result = extract_file(path, reference, year)
        if result.error:
            click.echo(f"{path}: {result.error}", err=True)
        else:
            click.echo(
                f"{path}: read as {result.note}; {len(result.candidates)} candidates, {len(result.masked)} masked",
                err=True,
            )
        results.append(result)
    if not results:
        raise click.UsageError("no documents found in the given folders")
    text = EXTRACT_FORMATS[fmt]([result for result in results if not result.error] if fmt != "json" else results)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    sys.exit(1 if any(result.error for result in results) else 0)


def main() -> None:
    cli()
