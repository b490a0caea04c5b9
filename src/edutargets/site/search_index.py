"""The full-text search index: Pagefind records made from the data, not crawled from the pages.

Crawling ~27,000 built pages took Pagefind ~100 s at national scale, and every result carried
the whole page as its excerpt source. Here each region, indicator and source document gets one
short record per language (names in both languages, level, code, parent chain; definition;
title and issuer in both languages, kind, year and the words of the quotes read from it), and the
few top pages (home, methodology, downloads, the three lists) get the text of their built HTML
without the parts that repeat those records or change with every figure.

Chinese is indexed as overlapping pairs of characters (`words`): Pagefind splits text into
words at spaces only, so 学前教育毛入园率 was one word, and 入园率 (not its start) found
nothing. Each run of Han characters becomes the pair starting at each of its characters and
its last character alone (毛入园率: 毛入 入园 园率 率), and search.js splits a query the same
way. Pagefind still splits each pair of the query with the browser's segmenter (Intl.Segmenter,
whose dictionary differs between browsers), but any piece of a pair is a pair or one character,
and it matches the pair starting there as a prefix: a page with the query's characters in a
row is found in every browser.

Each record goes to Pagefind as a tiny page, `<h1>title</h1><p>text</p>`, rather than as a
custom record: Pagefind weights headings, so a region's own page ranks before the pages of its
counties, which name it as their parent. What a result shows (its title, and the text its
excerpt is cut from) is in the record's meta, not in the indexed pairs.

The records go into bundles: the regions, indicators and top pages of both languages in
`pagefind/`, and each source once, for both languages (both titles, kinds and region names), in
one of `source_bundles` of at most `SOURCES_PER_BUNDLE` sources each, which the search page merges
into its search (Pagefind's mergeIndex; a merged bundle needs no script or WebAssembly of its own).
Sources are most of the records, and the commonest edit changes a quote: it remakes one small
bundle, not the index. Each bundle's records checksum is kept in the build's manifest: a bundle
whose records did not change is left in place, and one that did is updated file by file (Pagefind
names its files by their contents, so only the changed ones are written and published).

Pagefind itself is driven by `edutargets.pagefind_service`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from html import escape
from importlib.metadata import version
from pathlib import Path
from typing import Any

import lxml.html

from edutargets import parallel
from edutargets.pagefind_service import SearchIndexFailed, index_pages
from edutargets.site.shape import SiteData
from edutargets.site.text import HAN, HAN_RUN, LANGUAGES, Strings, language_folder, localized
from edutargets.store import Manifest, list_files, remove_files, write

Row = Mapping[str, Any]

# Bump when the records' layout changes, so that a cached index made from older records is not reused.
RECORDS_FORMAT = 2

# The top pages, by route, with the elements left out of their text (".class" or "tag"): lists that
# repeat the region, indicator and source records, and figures that change whenever the data do.
TOP_PAGES: dict[str, frozenset[str]] = {
    "": frozenset({".et-counts", ".et-status-counts", ".et-table-wrap", ".et-chips", ".et-charts", ".et-chart-grid"}),
    "methodology/": frozenset(),
    "downloads/": frozenset({".et-downloads", "table"}),  # file sizes, row counts
    "regions/": frozenset({".et-tree"}),
    "indicators/": frozenset({".et-table-wrap"}),
    "sources/": frozenset({".et-sources", "h2"}),
}
_ALWAYS_LEFT_OUT = frozenset(
    {".et-lang", ".headerlink", "script", "style", "svg", "noscript", "template", "head", "nav"}
)
# Text of these elements runs on with its neighbours'; any other element's text is a word of its own.
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s small span strong sub sup time u var".split()
)


# search.js keeps the same ranges (text.HAN), so that a query is split into the pairs its page was indexed by.
_PIECES = re.compile(f"[{HAN}]+|[^\\s{HAN}]+")


def words(text: str) -> list[str]:
    """The words Pagefind indexes for `text`: each run of Han characters as the pair of characters
    starting at each of its characters and its last character alone (入园率: 入园 园率 率), any
    other run of non-space characters as it is (Pagefind drops its punctuation and lowercases).

    What must stay true: a query's pairs (search.js, which splits the same ranges) are prefixes of
    the words of every text that has the query's characters in a row.
    """
    found: list[str] = []
    for piece in _PIECES.findall(text):
        if HAN_RUN.fullmatch(piece):
            found += [piece[i : i + 2] for i in range(len(piece) - 1)]
            found.append(piece[-1])
        else:
            found.append(piece)
    return found


@dataclass(frozen=True)
class SearchRecord:
    """One search result: the page it leads to, in one language, and the text it is found by."""

    url: str  # from the site root, with a leading slash: /regions/330300/, /en/regions/330300/
    language: str  # zh or en: the search page of that language finds it
    title: str  # the result's link text, and its heading: a match in it ranks first
    text: str  # what else the result is found by, and its excerpt
    quotes: str = ""  # words it is found by at a low weight, shown in the excerpt only: its quotes'
    title_weight: int = 0  # Pagefind's weight for the title (0: an h1's own); less for a document
    title_en: str = ""  # a source's English title, shown on English search pages (its record is for both)
    bundle: str = "pagefind"  # the folder of the bundle it is indexed in, from the site root

    def html(self) -> str:
        """The record as the small page Pagefind indexes: the words of its title in the h1 that
        Pagefind weights, of its text, then of its quotes, each word once; what a result shows in
        the meta (title, and text with quotes)."""
        seen: set[str] = set()

        def once(text: str) -> str:
            kept = []
            for word in words(text):
                if word.lower() not in seen:
                    seen.add(word.lower())
                    kept.append(word)
            return escape(" ".join(kept))

        weight = f' data-pagefind-weight="{self.title_weight}"' if self.title_weight else ""
        shown = _text(self.text, self.quotes)
        fields, values = (
            "title[data-title], text[data-text]",
            f'data-title="{escape(self.title)}" data-text="{escape(shown)}"',
        )
        if self.title_en:
            fields, values = f"{fields}, title_en[data-title-en]", f'{values} data-title-en="{escape(self.title_en)}"'
        return (
            f'<html lang="{self.language}"><body><h1{weight}>{once(self.title)}</h1><p>{once(self.text)}</p>'
            f'<p data-pagefind-weight="0.5">{once(self.quotes)}</p>'
            f'<i data-pagefind-meta="{fields}" {values}></i>'
            "</body></html>"
        )


def _text(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


def _region_records(regions: Mapping[str, Row], strings: Strings, lang: str) -> Iterable[SearchRecord]:
    other = "en" if lang == "zh" else "zh"
    for code, region in regions.items():
        chain = []  # parent first, up to the province: the nation is everyone's ancestor, no help in a search
        parent = region.get("parent")
        while parent in regions and regions[parent].get("parent") and len(chain) < len(regions):
            chain.append(localized(regions[parent], "name", lang))
            parent = regions[parent].get("parent")
        text = _text(localized(region, "name", other), strings.get(f"level_{region['level']}", lang), code, *chain)
        yield SearchRecord(f"/{language_folder(lang)}regions/{code}/", lang, localized(region, "name", lang), text)


def _indicator_records(indicators: Mapping[str, Row], strings: Strings, lang: str) -> Iterable[SearchRecord]:
    other = "en" if lang == "zh" else "zh"
    for indicator_id, indicator in indicators.items():
        stage = strings.get(f"stage_{indicator['stage']}", lang) if indicator.get("stage") else ""
        text = _text(localized(indicator, "name", other), stage, localized(indicator, "definition", lang))
        yield SearchRecord(
            f"/{language_folder(lang)}indicators/{indicator_id}/", lang, localized(indicator, "name", lang), text
        )


SOURCE_TITLE_WEIGHT = 2
"""A document's title weighs less than a region's or an indicator's name (an h1's own weight, 7):
温州 finds 温州市 first, then the documents whose titles name it."""

MAIN_BUNDLE = "pagefind"
SOURCES_PER_BUNDLE = 5100
"""At most this many sources a bundle. Smaller bundles make an edit of one document cheaper to
index again, but a search fetches the chunks of each word from every bundle: the README's
benchmarks give both sides of the choice, and bench.py holds a one-word search under 300 KB."""


SOURCES_FOLDER = "search/sources"
"""Where the sources' bundles are, from the site root: <SOURCES_FOLDER>/<n>."""


def _bundle_folders(count: int) -> list[str]:
    return [f"{SOURCES_FOLDER}/{i}" for i in range(-(-count // SOURCES_PER_BUNDLE))]


def _bundle_of(source_id: str, folders: list[str]) -> str:
    return folders[int(hashlib.blake2b(source_id.encode("utf-8"), digest_size=4).hexdigest(), 16) % len(folders)]


def source_bundles(source_ids: Iterable[str]) -> list[str]:
    """The folders of the bundles these sources are indexed in, each holding at least one: one
    per `SOURCES_PER_BUNDLE` sources, a source's bundle following from its id and their number
    alone. The search page merges each."""
    ids = list(source_ids)
    folders = _bundle_folders(len(ids))
    return sorted({_bundle_of(source_id, folders) for source_id in ids})


def _source_records(
    sources: Mapping[str, Row], regions: Mapping[str, Row], quotes: Mapping[str, str], strings: Strings
) -> Iterable[SearchRecord]:
    """One record a source, found from both languages' search pages: its page exists in both
    (kinds.py), and search.js leads an English reader to the English one, with the English title."""
    folders = _bundle_folders(len(sources))
    for source_id, source in sources.items():
        region = regions.get(source.get("region") or "")
        kind = (
            [strings.get(f"doc_type_{source['doc_type']}", lang) for lang in LANGUAGES]
            if source.get("doc_type")
            else []
        )
        text = _text(
            source.get("title_en"),
            *dict.fromkeys((source.get("issuer"), source.get("issuer_en"))),
            *dict.fromkeys(kind),
            str(source.get("published") or "")[:4],
            *(dict.fromkeys(localized(region, "name", lang) for lang in LANGUAGES) if region else ()),
        )
        yield SearchRecord(
            f"/sources/{source_id}/",
            LANGUAGES[0],
            source["title"],
            text,
            quotes.get(source_id, ""),
            SOURCE_TITLE_WEIGHT,
            source.get("title_en") or "",
            _bundle_of(source_id, folders),
        )


def entity_records(
    regions: Mapping[str, Row],
    indicators: Mapping[str, Row],
    sources: Mapping[str, Row],
    strings: Strings,
    languages: Iterable[str] = LANGUAGES,
    quotes: Mapping[str, str] | None = None,
) -> list[SearchRecord]:
    """A record per region and indicator in each language: names in both languages, level, code
    and parent chain; definition and stage. A record per source for both: titles and issuer in
    both languages, kind, year, region and the words of its quotes (`SiteData.quote_words`).

    Each record costs ~5 bytes of the metadata every search fetches: ~50 KB for the 10,056
    documents of the national-scale benchmark.
    """
    found: list[SearchRecord] = []
    for lang in languages:
        found += _region_records(regions, strings, lang)
        found += _indicator_records(indicators, strings, lang)
    found += _source_records(sources, regions, quotes or {}, strings)
    return found


def page_text(html: str, left_out: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The title (first h1) and the rest of the searchable text of one built page: the text of its
    data-pagefind-body elements (else of its <article>), without data-pagefind-ignore parts,
    scripts and the elements `left_out` (".class" or "tag"), whitespace collapsed."""
    tree = lxml.html.document_fromstring(html)
    skipped = left_out | _ALWAYS_LEFT_OUT
    title: list[str] = []
    heading: list[lxml.html.HtmlElement] = []  # the first h1 of a root: the title, not the text

    def text_of(element: lxml.html.HtmlElement, found: list[str]) -> None:
        classes = {f".{name}" for name in (element.get("class") or "").split()}
        if "data-pagefind-ignore" in element.attrib or ({element.tag} | classes) & skipped or element in heading:
            return
        into = found
        if element.tag == "h1" and not heading:
            into = title
            heading.append(element)
        space = " " if element.tag not in _INLINE_TAGS else ""
        into.append(space + (element.text or ""))
        for child in element:
            if isinstance(child.tag, str):  # not a comment
                text_of(child, into)
            into.append(child.tail or "")
        into.append(space)

    def text(roots: list[lxml.html.HtmlElement]) -> str:
        found: list[str] = []
        for root in roots:
            text_of(root, found)
        return " ".join("".join(found).split())

    body = text(tree.xpath("//*[@data-pagefind-body]")) or text(tree.xpath("//article"))
    return " ".join("".join(title).split()), body


def page_records(site: Path, languages: Iterable[str] = LANGUAGES) -> list[SearchRecord]:
    """A record for each top page built in `site`, in each language, from its HTML."""
    found = []
    for lang in languages:
        for route, left_out in TOP_PAGES.items():
            url = f"/{language_folder(lang)}{route}"
            path = site / url.lstrip("/") / "index.html"
            if path.is_file():
                found.append(SearchRecord(url, lang, *page_text(path.read_text(encoding="utf-8"), left_out)))
    return found


def main_records(
    data: SiteData, strings: Strings, site: Path, languages: Iterable[str] = LANGUAGES
) -> list[SearchRecord]:
    """The main bundle's records: regions and indicators from the data, top pages from their HTML
    in `site` (MkDocs' output). Sorted, so that the index does not depend on the tables' row order."""
    languages = tuple(languages)
    found = entity_records(data.regions, data.indicators, {}, strings, languages)
    return sorted(found + page_records(site, languages), key=lambda r: (r.bundle, r.language, r.url))


def source_records(data: SiteData, strings: Strings) -> list[SearchRecord]:
    """The sources' records, from the data alone: they can be indexed before MkDocs runs."""
    found = list(_source_records(data.sources, data.regions, data.quote_words, strings))
    return sorted(found, key=lambda r: (r.bundle, r.url))


def search_records(
    data: SiteData, strings: Strings, site: Path, languages: Iterable[str] = LANGUAGES
) -> list[SearchRecord]:
    """Every record of the site's search, main bundle first."""
    return main_records(data, strings, site, languages) + source_records(data, strings)


def records_checksum(records: Iterable[SearchRecord]) -> str:
    """What the index is made from: the records, their format and Pagefind's version."""
    digest = hashlib.sha256(f"pagefind {version('pagefind')} records {RECORDS_FORMAT}\n".encode())
    for record in records:
        digest.update(json.dumps(asdict(record), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


_MERGED_KEEPS = ("pagefind-entry.json", "index/", "fragment/")
"""What a bundle the search page merges needs of Pagefind's files (and its .pf_meta): it is
searched with the main bundle's script and WebAssembly."""


def _index(records: list[SearchRecord]) -> dict[str, bytes]:
    return index_pages((record.url, record.html()) for record in records)  # each page made as it is sent


def _files(groups: Mapping[str, list[SearchRecord]]) -> dict[str, dict[str, bytes]]:
    """Pagefind's files for each bundle's records, by bundle, as path -> bytes.

    Each language of each bundle is indexed by its own service, as many side by side as there
    are cores; a bundle's languages are merged: their files are named by language and content
    hash, and only the entry file lists them all. Pagefind writes that file's languages in
    hash-map order; it is written with sorted keys, so that the same records give the same bytes.
    """
    units: list[tuple[str, list[SearchRecord]]] = []
    for bundle in sorted(groups):
        by_language: dict[str, list[SearchRecord]] = {}
        for record in groups[bundle]:
            by_language.setdefault(record.language, []).append(record)
        units += [(bundle, by_language[lang]) for lang in sorted(by_language)]
    units.sort(key=lambda unit: -len(unit[1]))  # the longest first, so that no core waits at the end
    with ThreadPoolExecutor(max_workers=max(1, min(len(units), os.cpu_count() or 1))) as pool:
        made = list(pool.map(_index, [records for _, records in units]))
    found: dict[str, dict[str, bytes]] = {}
    entries: dict[str, dict[str, Any]] = {}
    for (bundle, _), files in zip(units, made, strict=True):
        document = json.loads(files.pop("pagefind-entry.json"))
        entry = entries.get(bundle, {})
        entries[bundle] = {**document, "languages": {**entry.get("languages", {}), **document["languages"]}}
        if bundle != MAIN_BUNDLE:
            files = {p: c for p, c in files.items() if p.startswith(_MERGED_KEEPS) or p.endswith(".pf_meta")}
        found.setdefault(bundle, {}).update(files)
    for bundle, entry in entries.items():
        text = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        found[bundle]["pagefind-entry.json"] = text.encode("utf-8")
    return found


def _put_files(files: Mapping[str, bytes], output: Path) -> None:
    """Make `output` hold exactly `files`. Into a folder there already is, only the files whose
    bytes changed are written: Pagefind names its chunks and fragments by their contents, so
    after an edit of one record most files are the same, and publishing links only the others."""
    for path in files:
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise SearchIndexFailed(f"Pagefind: a file outside its folder: {path}")
    if output.is_dir():
        present = list_files(output)
        for path, content in files.items():
            write(output / path, content)
        remove_files(output, set(present) - set(files))
        return
    output.mkdir(parents=True)
    for name in sorted({str(Path(path).parent) for path in files} - {"."}):
        (output / name).mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        (output / path).write_bytes(content)


def write_index(records: list[SearchRecord], output: Path) -> None:
    """Write Pagefind's bundle for `records`, all of one bundle, into `output`."""
    _put_files(_files({MAIN_BUNDLE: records})[MAIN_BUNDLE], output)


INDEX = "search/index/"
"""The manifest's names of the bundles: search/index/<bundle folder>."""


def bundles(records: Iterable[SearchRecord]) -> dict[str, list[SearchRecord]]:
    """The records by the bundle they are indexed in."""
    groups: dict[str, list[SearchRecord]] = {}
    for record in records:
        groups.setdefault(record.bundle, []).append(record)
    return groups


def bundle_inputs(records: Iterable[SearchRecord]) -> dict[str, dict[str, str]]:
    """What each bundle is made from, by its manifest name (search/index/<bundle>)."""
    return {INDEX + bundle: {"records": records_checksum(found)} for bundle, found in bundles(records).items()}


def remove_index(site: Path, manifest: Manifest) -> None:
    """No search index in `site` (a build without one): every bundle removed and forgotten."""
    manifest.keep_only([], INDEX[:-1])
    shutil.rmtree(site / MAIN_BUNDLE, ignore_errors=True)
    shutil.rmtree(site / SOURCES_FOLDER, ignore_errors=True)


def _update(
    site: Path,
    groups: Mapping[str, list[SearchRecord]],
    inputs: Mapping[str, Mapping[str, str]],
    known: Mapping[str, Mapping[str, str]],
) -> bool:
    """Remake in `site` each bundle whose `inputs` (bundle_inputs) differ from what `known` (the
    manifest's records) says it was made from, or that is missing; True if Pagefind ran."""
    todo = {
        bundle: found
        for bundle, found in groups.items()
        if known.get(INDEX + bundle) != inputs[INDEX + bundle] or not (site / bundle).is_dir()
    }
    for bundle, files in _files(todo).items() if todo else ():
        _put_files(files, site / bundle)
    return bool(todo)


def _keep_only(site: Path, manifest: Manifest, inputs: Mapping[str, Mapping[str, str]], prefix: str) -> None:
    """Record `inputs`, and remove the bundles under `prefix` that no record is in any more."""
    manifest.record(inputs)
    for name in manifest.keep_only(inputs, prefix):
        if name.startswith(INDEX):
            shutil.rmtree(site / name[len(INDEX) :], ignore_errors=True)


def index_search(site: Path, records: list[SearchRecord], manifest: Manifest, prefix: str = INDEX[:-1]) -> bool:
    """Bring each bundle of `records` in `site` (site/pagefind, site/search/sources/<n>) up to
    date; True if Pagefind ran, False if every bundle was in place already. Bundles under
    `prefix` (a manifest name: all of them, or one kind) that no record is in any more are removed."""
    inputs = bundle_inputs(records)
    known = {name: manifest.outputs[name] for name in inputs if name in manifest.outputs}
    # forgotten before they are made: a build stopped half-way makes them again
    manifest.forget(name for name in inputs if manifest.changed(name, inputs[name]))
    ran = _update(site, bundles(records), inputs, known)
    _keep_only(site, manifest, inputs, prefix)
    return ran


SOURCES = f"{INDEX}{SOURCES_FOLDER}/"
"""The manifest's names of the sources' bundles."""


def start_source_index(data: SiteData, strings: Strings, site: Path, manifest: Manifest) -> parallel.Running[dict]:
    """The sources' bundles, brought up to date in `site` by a forked process from the moment the
    data is shaped: they are made from the data alone, and they are most of the index's work.
    `finish_source_index` records them."""
    known = {name: inputs for name, inputs in manifest.outputs.items() if name.startswith(SOURCES)}
    manifest.forget(known)  # recorded again once made

    def make() -> dict[str, dict[str, str]]:
        records = source_records(data, strings)
        inputs = bundle_inputs(records)
        _update(site, bundles(records), inputs, known)
        return inputs

    return parallel.start(make)


def finish_source_index(site: Path, running: parallel.Running[dict], manifest: Manifest) -> None:
    try:
        inputs = running.result()
    except parallel.ChildFailed as error:  # Pagefind's own message, without the child's traceback
        raise SearchIndexFailed(str(error).split("\nTraceback", 1)[0].removeprefix("SearchIndexFailed: ")) from error
    _keep_only(site, manifest, inputs, SOURCES)
    for folder in sorted(p for p in (site / SOURCES_FOLDER).glob("*") if p.is_dir()):
        if SOURCES + folder.name not in manifest.outputs:
            shutil.rmtree(folder)  # made by a build stopped before it was recorded
