"""Loading a validated package into typed tables."""

from __future__ import annotations

from pathlib import Path

from edutargets.model import load_dataset
from edutargets.tables import read_table


def test_outcome_hashes_stay_with_their_rows_when_sorted(pkg: Path) -> None:
    """Page keys sum these by region over the sorted outcomes: each must be its own row's."""
    lines = (pkg / "outcomes.csv").read_bytes().splitlines(keepends=True)
    (pkg / "outcomes.csv").write_bytes(b"".join(lines[:1] + lines[:0:-1]))  # rows in reverse order
    table = read_table(pkg / "outcomes.csv")
    assert table.row_hashes is not None
    by_key = {
        tuple(row): h
        for row, h in zip(
            table.frame[["region", "indicator", "year", "source"]].itertuples(index=False),
            table.row_hashes.tolist(),
            strict=True,
        )
    }
    dataset = load_dataset(pkg)
    keys = zip(
        dataset.outcomes["region"],
        dataset.outcomes["indicator"],
        dataset.outcomes["year"].astype(str),
        dataset.outcomes["source"],
        strict=True,
    )
    assert "outcomes" in dataset.row_hashes
    expected = [by_key[key] for key in keys]
    assert dataset.row_hashes["outcomes"].tolist() == expected and expected != table.row_hashes.tolist()


def test_row_hashes_of_a_file_the_exact_reader_read_come_from_its_cells(pkg: Path) -> None:
    path = pkg / "targets.csv"
    path.write_bytes(
        path.read_bytes().rstrip(b"\n") + b'note with a "quote" inside\n'
    )  # the fast reader leaves stray quotes alone
    assert read_table(path).row_hashes is None
    dataset = load_dataset(pkg)
    assert len(dataset.row_hashes["targets"]) == len(dataset.targets) > 0
