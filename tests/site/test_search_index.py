"""The search index: records made from the data and the top pages, Pagefind's bundle, and the checksum
that lets a rebuild skip it. Real Pagefind, no mocks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from edutargets.build import build_site
from edutargets.model import load_dataset
from edutargets.site import search_index
from edutargets.site.search_index import (
    SOURCES_PER_BUNDLE,
    SearchRecord,
    bundles,
    entity_records,
    index_search,
    page_text,
    records_checksum,
    search_records,
    source_bundles,
    words,
    write_index,
)
from edutargets.site.shape import SiteData
from edutargets.site.text import Strings
from edutargets.store import Manifest
from tests.conftest import ROOT, add_row, make_package
from tests.site.conftest import site_config

STRINGS = Strings.load(ROOT / "site_src" / "strings.yml")


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[SearchRecord]:
    base = tmp_path_factory.mktemp("search-records")
    site = base / "site"
    (site / "methodology").mkdir(parents=True)
    (site / "methodology" / "index.html").write_text(
        "<html><body><nav>目录</nav><article><h1>方法说明</h1><p>状态如何判定</p><script>var x = 1;</script></article></body></html>",
        encoding="utf-8",
    )
    return search_records(SiteData.from_dataset(load_dataset(make_package(base / "pkg"))), STRINGS, site)


def _by_url(records: list[SearchRecord], language: str) -> dict[str, SearchRecord]:
    return {r.url: r for r in records if r.language == language}


def test_a_region_is_found_by_both_names_its_level_code_parents_and_documents(records: list[SearchRecord]) -> None:
    zh, en = _by_url(records, "zh"), _by_url(records, "en")
    wenzhou = zh["/regions/330300/"]
    assert wenzhou.title == "温州市"
    # not the nation among the parents: it is everyone's parent
    assert wenzhou.text.split()[:4] == ["Wenzhou", "地级", "330300", "浙江省"]
    assert en["/en/regions/330300/"].title == "Wenzhou"
    assert en["/en/regions/330300/"].text.split()[:4] == ["温州市", "Prefecture", "330300", "Zhejiang"]


def test_a_document_is_found_by_its_own_record_in_both_languages(tmp_path: Path) -> None:
    regions = {
        "000000": {"code": "000000", "name_zh": "全国", "name_en": "China", "level": "nation", "parent": None},
        "330300": {
            "code": "330300",
            "name_zh": "温州市",
            "name_en": "Wenzhou",
            "level": "prefecture",
            "parent": "000000",
        },
    }
    sources = {
        "b": {
            "id": "b",
            "title": "温州市2024年工作要点",
            "title_en": "",
            "region": "330300",
            "published": "2024",
            "doc_type": "work_plan",
            "issuer": "温州市教育局",
        },
        "a": {
            "id": "a",
            "title": "温州市教育事业发展“十四五”规划",
            "title_en": "Wenzhou 14th Five-Year Plan",
            "region": "330300",
            "published": "2021-03",
            "doc_type": "plan",
            "issuer": "温州市教育局",
            "issuer_en": "Wenzhou Municipal Education Bureau",
        },
    }
    found = entity_records(regions, {}, sources, STRINGS, quotes={"a": "新建公办幼儿园"})
    by_url = {r.url: r for r in found if r.url.startswith("/sources/")}
    # one record a source, for both languages' search pages: search.js leads an English reader to
    # /en/sources/a/ with the English title
    assert sorted(r.url for r in found if "sources/" in r.url) == ["/sources/a/", "/sources/b/"]
    a = by_url["/sources/a/"]
    assert (a.title, a.title_en) == ("温州市教育事业发展“十四五”规划", "Wenzhou 14th Five-Year Plan")
    assert a.text == (
        "Wenzhou 14th Five-Year Plan 温州市教育局 Wenzhou Municipal Education Bureau 规划 Plan 2021 温州市 Wenzhou"
    )
    assert by_url["/sources/b/"].text.startswith("温州市教育局 工作要点")  # no English issuer: the Chinese one alone
    assert a.quotes == "新建公办幼儿园"
    assert 'data-title-en="Wenzhou 14th Five-Year Plan"' in a.html()
    assert by_url["/sources/b/"].title_en == ""  # Chinese if no English: no English title to show
    assert "data-title-en" not in by_url["/sources/b/"].html()
    assert {r.bundle for r in by_url.values()} == {"search/sources/0"}
    assert {(r.url, r.language) for r in found if r.url.endswith("/000000/")} == {
        ("/regions/000000/", "zh"),
        ("/en/regions/000000/", "en"),
    }


def test_sources_are_split_into_bundles_of_bounded_size_by_their_id() -> None:
    assert source_bundles([]) == []
    assert source_bundles(f"s{i}" for i in range(SOURCES_PER_BUNDLE)) == ["search/sources/0"]
    assert source_bundles(f"s{i}" for i in range(SOURCES_PER_BUNDLE + 1)) == ["search/sources/0", "search/sources/1"]
    regions = {"000000": {"code": "000000", "name_zh": "全国", "name_en": "China", "level": "nation", "parent": None}}
    count = 3 * SOURCES_PER_BUNDLE
    sources = {f"s{i}": {"id": f"s{i}", "title": f"文件{i}", "region": "000000"} for i in range(count)}
    records = [r for r in entity_records(regions, {}, sources, STRINGS) if r.url.startswith("/sources/")]
    sizes = {bundle: len(found) for bundle, found in bundles(records).items()}
    assert sorted(sizes) == source_bundles(sources) == [f"search/sources/{i}" for i in range(3)]
    assert max(sizes.values()) < 1.2 * SOURCES_PER_BUNDLE  # even enough that no bundle is a whole index
    # a source keeps its bundle when others are added or removed (as long as their number keeps the bundles)
    fewer = {key: value for key, value in list(sources.items())[:-10]}
    again = {r.url: r.bundle for r in entity_records(regions, {}, fewer, STRINGS) if r.url.startswith("/sources/")}
    assert all(again[r.url] == r.bundle for r in records if r.url in again)


def test_words_are_pairs_of_han_characters_and_other_words_as_they_are() -> None:
    assert words("毛入园率") == ["毛入", "入园", "园率", "率"]
    assert words("温州市“十四五” 2024年 Wenzhou") == [
        "温州",
        "州市",
        "市",
        "“",
        "十四",
        "四五",
        "五",
        "”",
        "2024",
        "年",
        "Wenzhou",
    ]
    record = SearchRecord("/x/", "zh", "入园率", "入园率 幼儿园", "幼儿园建设")
    html = record.html()
    assert "<h1>入园 园率 率</h1><p>幼儿 儿园 园</p>" in html  # each word once
    assert 'data-text="入园率 幼儿园 幼儿园建设"' in html  # what a result shows


def test_an_indicator_is_found_by_its_names_and_definition(records: list[SearchRecord]) -> None:
    indicator = _by_url(records, "zh")["/indicators/preschool_ger/"]
    assert "入园率" in indicator.title
    assert "Gross enrolment ratio" in indicator.text
    assert _by_url(records, "en")["/en/indicators/preschool_ger/"].title.startswith("Gross enrolment ratio")


def test_top_pages_are_indexed_from_their_html_without_scripts_or_navigation(records: list[SearchRecord]) -> None:
    methodology = _by_url(records, "zh")["/methodology/"]
    assert (methodology.title, methodology.text) == ("方法说明", "状态如何判定")
    assert "/en/methodology/" not in _by_url(records, "en")  # not built: no record


def test_page_text_keeps_the_searchable_body_only() -> None:
    html = """<html><head><title>T</title></head><body><header>站点</header><article>
    <div class="et-page" data-pagefind-body>
      <p class="et-lang" data-pagefind-ignore><a href="../en/">English</a></p>
      <h1>全部地区 <span>All</span></h1>
      <p>第一段<strong>加粗</strong>相连</p><ul class="et-tree"><li>温州市</li></ul>
      <table><tr><td>甲</td><td>乙</td></tr></table>
      <div data-pagefind-ignore><p>忽略</p></div><img src="x.png" alt="图"><p>末段&amp;结束</p>
    </div><p>正文之外</p></article></body></html>"""
    assert page_text(html, frozenset({".et-tree"})) == ("全部地区 All", "第一段加粗相连 甲 乙 末段&结束")
    # a block's text is a word of its own on both sides, an inline element's runs on
    assert page_text("<article><h1>题</h1><p>段一</p>段二<b>连</b><!-- 注 -->着</article>") == ("题", "段一 段二连着")


def test_checksum_follows_the_records_and_nothing_else(records: list[SearchRecord]) -> None:
    assert records_checksum(records) == records_checksum(list(records))
    changed = [
        SearchRecord(r.url, r.language, r.title, r.text + " 新") if r.url == "/regions/330300/" else r for r in records
    ]
    assert records_checksum(changed) != records_checksum(records)


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_index_is_pagefind_bundle_per_language_with_sorted_entry(records: list[SearchRecord], tmp_path: Path) -> None:
    write_index(records, tmp_path / "a" / "pagefind")
    write_index(records, tmp_path / "b" / "pagefind")
    assert _tree(tmp_path / "a" / "pagefind") == _tree(tmp_path / "b" / "pagefind")  # same records, same bytes
    entry_text = (tmp_path / "a" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    assert sorted(entry["languages"]) == ["en", "zh"]
    assert entry_text == json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    assert pages == len(records)
    for language in entry["languages"].values():
        assert (tmp_path / "a" / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
    assert (tmp_path / "a" / "pagefind" / "pagefind.js").is_file()


def test_a_rebuild_with_the_same_records_leaves_the_index_as_it_is(records: list[SearchRecord], tmp_path: Path) -> None:
    manifest, site = Manifest(tmp_path / "manifest.json"), tmp_path / "site"
    assert index_search(site, records, manifest) is True
    manifest.save()
    before = _tree(site)
    inodes = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert index_search(site, records, Manifest(tmp_path / "manifest.json")) is False
    assert {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()} == inodes  # nothing written again
    main = [r for r in records if r.bundle == "pagefind"]
    names = sorted(n for n in Manifest(tmp_path / "manifest.json").outputs if n.startswith("search/index/"))
    assert names == ["search/index/pagefind", "search/index/search/sources/0"]
    assert Manifest(tmp_path / "manifest.json").outputs["search/index/pagefind"] == {"records": records_checksum(main)}

    changed = records + [SearchRecord("/regions/999999/", "zh", "新地区", "测试")]
    assert index_search(site, changed, manifest) is True
    assert _tree(site / "pagefind") != before_of(before, "pagefind")
    assert _tree(site / "search") == before_of(before, "search")  # the sources' bundle as it was
    unchanged = [p for p, inode in inodes.items() if p.exists() and p.stat().st_ino == inode]
    assert any("/pagefind/fragment/" in str(p) for p in unchanged)  # a region's fragment, not written again
    entry = site / "pagefind" / "pagefind-entry.json"
    assert entry.stat().st_ino != inodes[entry]


def before_of(tree: dict[str, str], folder: str) -> dict[str, str]:
    return {path[len(folder) + 1 :]: digest for path, digest in tree.items() if path.startswith(folder + "/")}


def test_an_edit_of_one_source_remakes_its_bundle_alone(
    records: list[SearchRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SOURCES_PER_BUNDLE", 1)
    data = SiteData.from_dataset(load_dataset(make_package(tmp_path / "pkg")))
    made = search_records(data, STRINGS, tmp_path / "no-site")
    folders = sorted({r.bundle for r in made} - {"pagefind"})
    assert folders == source_bundles(data.sources) and len(folders) > 2
    manifest, site = Manifest(tmp_path / "manifest.json"), tmp_path / "site"
    assert index_search(site, made, manifest) is True
    before = {folder: _tree(site / folder) for folder in ["pagefind", *folders]}
    edited = next(r for r in made if r.bundle == folders[1])
    again = [replace(r, quotes=r.quotes + " 订正值") if r is edited else r for r in made]
    assert index_search(site, again, manifest) is True
    after = {folder: _tree(site / folder) for folder in ["pagefind", *folders]}
    assert [folder for folder in before if before[folder] != after[folder]] == [folders[1]]
    # fewer bundles: the one no source is in any more goes
    fewer = [r for r in again if r.bundle != folders[-1]]
    assert index_search(site, fewer, manifest) is False
    manifest.save()
    assert not (site / folders[-1]).exists()
    assert not any(name.endswith(folders[-1]) for name in Manifest(tmp_path / "manifest.json").outputs)


def test_without_a_record_in_the_manifest_the_index_is_written(records: list[SearchRecord], tmp_path: Path) -> None:
    assert index_search(tmp_path / "site", records, Manifest(tmp_path / "one.json")) is True
    assert index_search(tmp_path / "site", records, Manifest(tmp_path / "two.json")) is True
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_adding_a_figure_leaves_the_search_records_unchanged(tiny_site: Path, tmp_path: Path) -> None:
    """The commonest edit must not cost a re-index: figures are in no record, and the top pages'
    parts that show them (counts, statuses, headline table, charts, file sizes) are left out."""
    package = make_package(tmp_path / "pkg")
    add_row(
        package / "outcomes.csv",
        region="000000",
        indicator="preschool_ger",
        year="2019",
        value="83.4",
        comparator="=",
        source="moe-bulletin-2020",
        quote="学前教育毛入园率83.4%",
    )
    config = replace(site_config(tmp_path, package), search_index=False)
    assert build_site(config).built
    assert (config.out / "index.html").read_bytes() != (tiny_site / "index.html").read_bytes()
    before = search_records(
        SiteData.from_dataset(load_dataset(make_package(tmp_path / "original"))), STRINGS, tiny_site
    )
    after = search_records(SiteData.from_dataset(load_dataset(package)), STRINGS, config.out)
    assert records_checksum(after) == records_checksum(before)
