"""Integration: the tiny package built into a whole site by the real build (MkDocs, Pagefind)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pytest

from tests.site.htmlcheck import broken_links, external_requests


def read(site: Path, route: str) -> str:
    return (site / route / "index.html").read_text(encoding="utf-8")


def test_every_page_type_exists(tiny_site: Path) -> None:
    for route in [
        "",
        "regions/",
        "regions/000000/",
        "regions/330300/",
        "indicators/",
        "indicators/preschool_ger/",
        "sources/",
        "downloads/",
        "search/",
        "methodology/",
    ]:
        assert (tiny_site / route / "index.html").is_file(), route
        assert (tiny_site / "en" / route / "index.html").is_file(), f"en/{route}"


def test_source_pages_in_both_languages(tiny_site: Path) -> None:
    """A source page per language, linked from the pages of its language; its quotes stay Chinese."""
    zh, en = read(tiny_site, "sources/moe-bulletin-2015"), read(tiny_site, "en/sources/moe-bulletin-2015")
    assert "<dt>发布机关</dt>" in zh and "<dt>Issuer</dt>" in en and "Issuer / 发布机关" not in zh + en
    assert 'href="../../../sources/moe-bulletin-2015/" lang="zh">中文</a>' in en
    assert 'href="../../en/sources/moe-bulletin-2015/"' in read(tiny_site, "en/sources")
    assert 'href="../../../en/sources/moe-bulletin-2015/"' in read(tiny_site, "en/regions/000000")
    assert 'href="../../sources/moe-bulletin-2015/"' in read(tiny_site, "regions/000000")


def test_a_source_s_issuer_is_in_the_page_s_language(tiny_site: Path) -> None:
    """English pages name the issuer in English (issuer_en), Chinese pages in Chinese (issuer)."""
    zh, en = read(tiny_site, "sources/zj-13fyp-edu"), read(tiny_site, "en/sources/zj-13fyp-edu")
    assert "<dt>发布机关</dt><dd>浙江省教育厅</dd>" in zh and "Zhejiang Provincial Department of Education" not in zh
    assert "<dt>Issuer</dt><dd>Zhejiang Provincial Department of Education</dd>" in en
    for route in ("sources", "regions/330000"):
        assert "· 浙江省教育厅 ·" in read(tiny_site, route)
        assert "· Zhejiang Provincial Department of Education ·" in read(tiny_site, f"en/{route}")


def test_a_reprint_s_original_publisher_is_in_the_page_s_language(tiny_site: Path) -> None:
    """English pages name the original publisher in English (original_publisher_en), Chinese pages in
    Chinese (original_publisher)."""
    zh, en = read(tiny_site, "sources/moe-bulletin-2015"), read(tiny_site, "en/sources/moe-bulletin-2015")
    assert "<dt>原发布者</dt><dd>教育部 (新华社 reprint)</dd>" in zh and "Xinhua News Agency" not in zh
    assert "<dt>Original publisher</dt><dd>Ministry of Education (Xinhua News Agency reprint)</dd>" in en
    assert "新华社" not in en


def test_region_page_shows_targets_status_and_quotes(tiny_site: Path) -> None:
    html = read(tiny_site, "regions/330000")
    assert "<title>浙江省 - " in html
    assert '<meta name="description" content="浙江省（省级）教育规划目标 1 项' in html
    assert "九年义务教育巩固率" in html
    # Each figure links to its quote; site.js lists the quotes under these anchors from the region's
    # CSV files (tests/browser), so the sentences are not copied into the page.
    assert 'href="#q-t-zj-13fyp-compulsory-2020"' in html and '<section class="et-quotes" hidden>' in html
    assert "巩固率 % 100 100" not in html
    assert "巩固率 % 100 100" in (tiny_site / "regions" / "330000" / "330000-targets.csv").read_text(encoding="utf-8")
    assert (
        'href="https://gaokao.koolearn.com/20160922/995397_3.html" rel="nofollow"' in html
    )  # in the list of sources, once
    assert (
        '<span class="et-status--no_verdict">无结论</span><span class="et-evidence">需≥ 100%；2020年无数据</span>'
        in html
    )
    assert 'href="../../regions/000000/"' in html  # parent
    assert 'href="../../regions/330300/"' in html  # child
    assert '"@type":"Dataset"' in html


def spec(html: str) -> dict:
    return json.loads(html.split('<script type="application/json" id="et-spec">')[1].split("</script>")[0])


def test_national_page_has_chart_with_table(tiny_site: Path) -> None:
    """A region page names its own files; site.js draws the charts and their tables from them."""
    national = spec(read(tiny_site, "regions/000000"))
    assert national == {
        "charts": 1, "code": "000000", "csv": "../../regions/000000/000000-outcomes.csv", "lang": "zh", "name": "全国",
        "only": ["preschool_ger", "compulsory_retention", "fulltime_teachers"],  # the series with values; no targets
        "names": [["preschool_ger", "学前教育毛入园率", "%", 1], ["compulsory_retention", "九年义务教育巩固率", "%", 1], ["fulltime_teachers", "专任教师数", "万人", 1]],
    }  # fmt: skip
    english = spec(read(tiny_site, "en/regions/000000"))["names"]
    assert ["fulltime_teachers", "Full-time teachers", "people", 10000] in english, english  # 万人 written out
    zhejiang = spec(read(tiny_site, "regions/330000"))
    assert zhejiang["targets"] == "../../regions/330000/330000-targets.csv"
    assert "charts" not in zhejiang and "parent" not in zhejiang  # its one target has no reported figure: no chart
    assert spec(read(tiny_site, "en/regions/330000"))["name"] == "Zhejiang"
    rows = (tiny_site / "regions" / "000000" / "000000-outcomes.csv").read_text(encoding="utf-8")
    assert (
        '000000,preschool_ger,2020,,85.2,=,moe-bulletin-2020,"学前教育毛入园率[4]达到85.2%,比上年提高1.8个百分点",,,'
        in rows
    )
    indicators = (tiny_site / "downloads" / "csv" / "indicators.csv").read_text(encoding="utf-8")
    assert indicators.startswith("id,name_zh,name_en,unit,")  # names and units, for every page's charts
    labels = json.loads((tiny_site / "assets" / "js" / "labels.json").read_text(encoding="utf-8"))
    assert labels["zh"]["data_table"] == "数据表" and "{region}" in labels["en"]["chart_alt"]


def test_english_page(tiny_site: Path) -> None:
    html = read(tiny_site, "en/regions/330000")
    assert "<title>Zhejiang - " in html
    assert 'lang="en"' in html
    assert (
        '<span class="et-status--no_verdict">No verdict</span><span class="et-evidence">needs ≥ 100%; no figure for 2020</span>'
        in html
    )
    assert 'href="../../../regions/330000/"' in html  # switch back to Chinese


def test_a_region_describes_its_dataset_once_for_search_engines(tiny_site: Path) -> None:
    """schema.org Dataset JSON-LD on the Chinese page only: the English page is the same dataset."""
    marker = '<script type="application/ld+json">'
    html = read(tiny_site, "regions/330000")
    dataset = json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])
    assert dataset["@type"] == "Dataset" and "浙江省" in dataset["name"]
    assert marker not in read(tiny_site, "en/regions/330000")


def test_status_on_home_counts(tiny_site: Path) -> None:
    html = read(tiny_site, "")
    assert (
        '<a href="targets/no_verdict/"><span class="et-status--no_verdict">无结论</span>: <strong>1</strong></a>'
        in html
    )


def test_no_broken_internal_links_or_anchors(tiny_site: Path) -> None:
    # Quote anchors (#q-...) are made by site.js: tests/browser checks that each one exists there.
    # The methodology page's worked examples link to the shipped data's regions (tests/site/test_verdicts.py).
    broken = broken_links(tiny_site, skip_anchor=lambda anchor: anchor.startswith("q-"))
    assert [line for line in broken if not line.startswith(("methodology/", "en/methodology/"))] == []


def test_no_request_to_another_host(tiny_site: Path) -> None:
    assert external_requests(tiny_site) == []
    assert "fonts.googleapis.com" not in read(tiny_site, "")


def test_navigation_lists_top_pages_only(tiny_site: Path) -> None:
    html = read(tiny_site, "regions/330300")
    assert html.count("regions/330000/") <= 2  # breadcrumb and parent link, never a nav entry for every region


def test_zip_is_a_valid_data_package(tiny_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(tiny_site / "downloads" / "edutargets-datapackage.zip") as archive:
        names = archive.namelist()
        assert "edutargets/datapackage.json" in names and "edutargets/outcomes.csv" in names
        archive.extractall(tmp_path)
    report = frictionless.Package(str(tmp_path / "edutargets" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_downloads_page_shows_each_files_size(tiny_site: Path, prefix: str) -> None:
    """The page is rendered beside the downloads, and their sizes are filled in once they are written."""
    page = (tiny_site / prefix / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "ET-SIZE" not in page
    for name in ("edutargets-datapackage.zip", "edutargets.xlsx"):
        size = (tiny_site / "downloads" / name).stat().st_size
        assert f"{name}</a> ({size / 1024:.0f} KB)" in page


def test_xlsx_has_a_sheet_per_table_and_a_readme(tiny_site: Path) -> None:
    workbook = openpyxl.load_workbook(tiny_site / "downloads" / "edutargets.xlsx")
    assert workbook.sheetnames == ["说明 README", "regions", "indicators", "sources", "targets", "outcomes"]
    outcomes = workbook["outcomes"]
    assert [c.value for c in outcomes[1]][:7] == [
        "region",
        "region_name_zh",
        "region_name_en",
        "indicator",
        "indicator_name_zh",
        "indicator_name_en",
        "year",
    ]
    assert outcomes["I2"].value == 93.0  # a number, not text


def test_csv_downloads(tiny_site: Path) -> None:
    canonical = (tiny_site / "downloads" / "csv" / "outcomes.csv").read_bytes()
    excel = (tiny_site / "downloads" / "excel" / "outcomes.csv").read_bytes()
    assert canonical.startswith(b"region,indicator")
    assert excel.startswith(b"\xef\xbb\xbfregion,region_name_zh,region_name_en,indicator,indicator_name_zh")
    region_csv = (tiny_site / "regions" / "000000" / "000000-outcomes.csv").read_text(encoding="utf-8")
    assert "专任教师1792.97万人" in region_csv


def test_search_index_built(tiny_site: Path) -> None:
    assert (tiny_site / "pagefind" / "pagefind-ui.js").is_file()
    entry = json.loads((tiny_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert "zh" in entry["languages"]


def test_sitemap(tiny_site: Path) -> None:
    sitemap = (tiny_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "regions/330300/" in sitemap
    assert "/provinces/330000/</loc>" in sitemap and "/en/sources/" in sitemap
    assert "404.html" not in sitemap
