"""Verdicts on the built site and in its downloads: judged on the target year's figure, shown with
their evidence everywhere, downloadable, and listed by status without JavaScript."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pytest

from edutargets.build import build_site
from edutargets.site.text import Strings, number
from edutargets.status import Status
from edutargets.verdicts import VERDICT_HEADER
from tests.conftest import ROOT
from tests.site.conftest import site_config
from tests.site.htmlcheck import broken_links

SHIPPED = ROOT / "datapackages" / "edutargets"


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("shipped-site")
    config = site_config(base, SHIPPED)
    assert build_site(config).built
    return config.out


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def published_targets(shipped_site: Path) -> list[dict[str, str]]:
    return _csv(shipped_site / "downloads" / "csv" / "targets.csv")


def test_every_verdict_is_judged_on_its_target_years_figure(published_targets: list[dict[str, str]]) -> None:
    verdicts = [t for t in published_targets if t["status"] in (Status.MET, Status.NOT_MET)]
    assert verdicts, "the shipped data have verdicts"
    for target in verdicts:
        assert target["assessed_year"] == target["target_year"], target["id"]
        assert target["assessed_value"] and target["required_value"], target["id"]
    outcomes = {(o["region"], o["indicator"], o["year"], o["source"]): o for o in _csv(SHIPPED / "outcomes.csv")}
    for target in verdicts:
        if target["assessed_source"]:
            row = outcomes[(target["region"], target["indicator"], target["assessed_year"], target["assessed_source"])]
            assert float(row["value"]) == float(target["assessed_value"])


def test_a_deadline_passed_without_its_figure_gets_no_plain_verdict(published_targets: list[dict[str, str]]) -> None:
    for target in published_targets:
        if target["assessed_year"] and target["assessed_year"] != target["target_year"] and not target["period_start"]:
            assert target["status"] not in (Status.MET, Status.NOT_MET), target["id"]


def test_wenzhou_2021_kindergartens(published_targets: list[dict[str, str]], shipped_site: Path) -> None:
    target = next(t for t in published_targets if t["id"] == "wz-2021-newpublickg-2021")
    assert (target["status"], target["assessed_year"], target["assessed_value"], target["required_value"]) == (
        "met",
        "2021",
        "48",
        "40",
    )
    later = next(t for t in published_targets if t["id"] == "wz-2022wp-newpublickg-2022")
    assert (later["status"], later["assessed_year"]) == ("no_verdict", "")
    page = (shipped_site / "regions" / "330300" / "index.html").read_text(encoding="utf-8")
    row = next((r for r in page.split("<tr") if 'href="#q-t-wz-2021-newpublickg-2021"' in r), "")
    assert row, "the target's row on the region page"
    assert (
        '<span class="et-status--met">已实现</span><span class="et-evidence"><a href="#q-o-330300-new_public_kindergartens-2021-'
        in row
    )
    assert "2021年：48 所；需40 所" in row


def test_every_status_on_a_region_page_shows_its_evidence(shipped_site: Path) -> None:
    for page in (shipped_site / "regions").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<span class="et-status--(\w+)">[^<]*</span>(<span class="et-evidence">)?', html):
            assert match.group(2), f"{page}: a status without its evidence"


def test_statuses_are_in_every_targets_download(shipped_site: Path, tmp_path: Path) -> None:
    downloads = shipped_site / "downloads"
    assert list(_csv(downloads / "csv" / "targets.csv")[0])[-len(VERDICT_HEADER) :] == VERDICT_HEADER
    assert list(_csv(downloads / "excel" / "targets.csv")[0])[-len(VERDICT_HEADER) :] == VERDICT_HEADER
    sheet = openpyxl.load_workbook(downloads / "edutargets.xlsx")["targets"]
    assert [c.value for c in sheet[1]][-len(VERDICT_HEADER) :] == VERDICT_HEADER
    readme = [
        tuple(c.value for c in row[:2])
        for row in openpyxl.load_workbook(downloads / "edutargets.xlsx")["说明 README"].iter_rows()
    ]
    assert ("targets", "assessed_year") in readme
    region = _csv(shipped_site / "regions" / "330300" / "330300-targets.csv")
    assert list(region[0])[-len(VERDICT_HEADER) :] == VERDICT_HEADER and {r["as_of"] for r in region} == {
        region[0]["as_of"]
    }
    with zipfile.ZipFile(downloads / "edutargets-datapackage.zip") as archive:
        archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "edutargets" / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for f in next(r for r in descriptor["resources"] if r["name"] == "targets")["schema"]["fields"]]
    assert fields[-len(VERDICT_HEADER) :] == VERDICT_HEADER
    report = frictionless.Package(str(tmp_path / "edutargets" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])
    page = (shipped_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "assessed_value" in page and "required_value" in page  # the field tables describe them


def test_status_lists_work_without_javascript(shipped_site: Path, published_targets: list[dict[str, str]]) -> None:
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    by_status: dict[str, set[str]] = {}
    for target in published_targets:
        by_status.setdefault(target["status"], set()).add(target["id"])
    for status, ids in by_status.items():
        assert f'href="targets/{status}/"' in home
        page = (shipped_site / "targets" / status / "index.html").read_text(encoding="utf-8")
        listed = set(re.findall(r'#q-t-([a-z0-9-]+)"', page))
        assert listed == ids, status
        assert page.count(f'data-status="{status}"') == len(ids)
    everything = (shipped_site / "targets" / "all" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'#q-t-([a-z0-9-]+)"', everything)) == {t["id"] for t in published_targets}
    assert '<form class="et-filters" id="et-target-filters" hidden>' in everything  # shown by site.js
    english = (shipped_site / "en" / "targets" / "all" / "index.html").read_text(encoding="utf-8")
    assert "No verdict" in english and "无结论" not in english.split('<div class="et-page"', 1)[1]


def test_an_indicators_table_lists_every_target_of_a_region(shipped_site: Path) -> None:
    page = (shipped_site / "indicators" / "preschool_ger" / "index.html").read_text(encoding="utf-8")
    kunming = [row for row in page.split("<tr>") if 'href="../../regions/530100/"' in row and "<td>2006</td>" in row]
    assert len(kunming) == 2  # ≥ 65% and +3–5 percentage points, each with its own status


@pytest.mark.parametrize(
    ("page", "lang"), [("site_src/pages/methodology/index.md", "zh"), ("site_src/pages/en/methodology/index.md", "en")]
)
def test_methodology_examples_agree_with_the_data(
    published_targets: list[dict[str, str]], page: str, lang: str
) -> None:
    """Each worked example names a real target: its status, year, value and level required are the site's."""
    strings = Strings.load(ROOT / "site_src" / "strings.yml")
    by_id = {t["id"]: t for t in published_targets}
    rows = [
        line
        for line in (ROOT / page).read_text(encoding="utf-8").splitlines()
        if "#q-t-" in line and line.startswith("|")
    ]
    assert len(rows) >= 7
    seen = set()
    for line in rows:
        target_id = re.search(r"#q-t-([a-z0-9-]+)\)", line).group(1)
        _, _, evidence, required, status, _ = (cell.strip() for cell in line.split("|"))
        target = by_id[target_id]
        seen.add(target["status"])
        assert status == strings.get(f"status_{target['status']}", lang), target_id
        if target["assessed_year"]:
            assert target["assessed_year"] in evidence and number(float(target["assessed_value"])) in evidence, (
                target_id
            )
        else:
            assert str(target["target_year"]) in evidence, target_id
        assert number(float(target["required_value"])) in required, target_id
    assert {"met", "not_met", "no_verdict", "met_later", "met_early", "not_met_as_of"} <= seen
    assert "wz-2021-newpublickg-2021" in " ".join(rows)


def test_no_broken_links_on_the_shipped_site(shipped_site: Path) -> None:
    """The methodology's examples link to real targets' rows (their q- anchors are made by site.js)."""
    assert broken_links(shipped_site, skip_anchor=lambda anchor: anchor.startswith("q-")) == []
