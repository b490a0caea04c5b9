"""The shipped dataset: the coverage the project promises, and provenance on every row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import SHIPPED

HEADLINE = ("preschool_ger", "compulsory_retention", "upper_secondary_ger", "higher_ed_ger")


def rows(name: str) -> list[dict[str, str]]:
    with (SHIPPED / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


REGIONS = {r["code"]: r for r in rows("regions")}
SOURCES = {s["id"]: s for s in rows("sources")}
TARGETS = rows("targets")
OUTCOMES = rows("outcomes")


def regions_with_figures(level: str) -> set[str]:
    return {r["region"] for r in TARGETS + OUTCOMES if REGIONS[r["region"]]["level"] == level}


def test_coverage_of_regions() -> None:
    assert regions_with_figures("nation") == {"000000"}
    assert len(regions_with_figures("province")) >= 5
    assert len(regions_with_figures("prefecture")) >= 6


def test_counts_of_targets_and_outcomes() -> None:
    assert len(TARGETS) >= 60
    assert len(OUTCOMES) >= 150


@pytest.mark.parametrize("indicator", HEADLINE)
def test_national_headline_series_2015_to_2024(indicator: str) -> None:
    years = {int(o["year"]) for o in OUTCOMES if o["region"] == "000000" and o["indicator"] == indicator}
    assert set(range(2015, 2025)) <= years


@pytest.mark.parametrize("indicator", HEADLINE)
def test_national_headline_targets_for_2020_and_2025(indicator: str) -> None:
    years = {
        int(t["target_year"])
        for t in TARGETS
        if t["region"] == "000000" and t["indicator"] == indicator and t["kind"] == "level"
    }
    assert {2020, 2025} <= years


@pytest.mark.parametrize(
    "row", TARGETS + OUTCOMES, ids=lambda r: r.get("id") or f"{r['region']}-{r['indicator']}-{r['year']}-{r['source']}"
)
def test_every_figure_has_a_source_and_a_quote(row: dict[str, str]) -> None:
    assert row["source"] in SOURCES
    assert row["quote"].strip()


@pytest.mark.parametrize("source", SOURCES.values(), ids=lambda s: s["id"])
def test_every_source_can_be_opened(source: dict[str, str]) -> None:
    assert source["url"].startswith(("http://", "https://")) or (SHIPPED / source["copy"]).is_file()
    assert source["accessed"] and source["license"] and source["issuer"]


def test_no_synthetic_data_in_the_package() -> None:
    for path in Path(SHIPPED).rglob("*.csv"):
        text = path.read_text(encoding="utf-8").lower()
        assert "synthetic" not in text and "lorem" not in text
