"""Benchmark the real build on national-scale SYNTHETIC data (never published).

For each size: write a synthetic package (scripts/synth.py), build it from scratch with the same
code as `edutargets build` (three times, each from a cold page cache as on a fresh machine: the
median counts), measure, then edit one region's rows and rebuild (three times, another region each
time, right after the last build as a curator would: the slowest counts; then once more from a
cold cache, for information). Prints and saves one JSON object per size.

    python scripts/bench.py --regions 100 --regions 1000 --regions 3352 --json bench.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
sys.path.insert(0, str(ROOT / "scripts"))

from synth import generate  # noqa: E402


def _config(package: Path, out: Path):
    from edutargets.build import BuildConfig

    return BuildConfig(
        package=package,
        out=out / "site",
        work=out,
        site_source=ROOT / "site_src",
        mkdocs_config=ROOT / "mkdocs.yml",
        mkdocs_config_en=ROOT / "mkdocs.en.yml",
        changelog=ROOT / "datapackages" / "CHANGELOG.md",
    )


def build_once(package: Path, out: Path) -> dict:
    """One build in this process: stage times and peak memory of it and its child programs."""
    from edutargets.build import build_site

    start = time.perf_counter()
    result = build_site(_config(package, out))
    total = time.perf_counter() - start
    if not result.built:
        raise SystemExit(f"synthetic data did not validate: {result.report.problems[:3]}")
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {
        "total_s": round(total, 2),
        "stages": {k: round(v, 2) for k, v in result.stages.items()},
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "pages": result.generated.pages,
    }


def _drop_caches() -> bool:
    """Flush the disk and empty the page cache (Linux, as root), so that every measured build starts
    as on a fresh machine. On this VM a growing page cache slowed each build after the first: three
    identical builds of 1,000 regions took 11, 18 and 22 s, and 11 s each with the cache dropped."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def _in_subprocess(package: Path, out: Path, cold: bool = True) -> dict:
    """One build in a fresh interpreter; from a cold page cache (where the system allows it) unless
    `cold` is False: a curator's rebuild follows their last build, whose files are still cached."""
    cold = _drop_caches() if cold else False
    done = subprocess.run(
        [sys.executable, __file__, "--_build", str(package), str(out)], capture_output=True, text=True, check=True
    )
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "cold_cache": cold}


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def _largest_region_page_kb(site: Path) -> float:
    sizes = [p.stat().st_size for p in (*site.glob("regions/*/index.html"), *site.glob("en/regions/*/index.html"))]
    return round(max(sizes) / 1024, 1)


def search_query_kb(site: Path, word: str) -> tuple[float, float] | None:
    """Kilobytes a reader's browser fetches for the search page and one query (Chromium,
    loopback), as a static host sends them (text gzipped, bench_pages.serve) and uncompressed;
    exits non-zero when the query shows no full-text result, as it silently did at 1,000 regions.

    Counted: the search page itself, search.js, the names list (search/names.json.gz) and every
    Pagefind file (script, wasm, entry, meta, index chunks, fragments) of the main bundle and the
    sources' bundles it merges (/pagefind/, /search/). Not counted: the theme's CSS and JavaScript,
    which every page of the site shares and the browser has cached by then. Pagefind's files and
    the names list are gzipped by the build itself: the same bytes either way.
    """
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None  # playwright comes with the test extra: pip install -e ".[test]"
    if not chromium:
        print("search_query_kb not measured: it needs Chromium and playwright", file=sys.stderr)
        return None
    import urllib.parse

    from bench_pages import serve

    server = serve(site)
    fetched: dict[str, tuple[int, int]] = {}  # url: (bytes sent, bytes uncompressed)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            page = browser.new_page()

            def record(response) -> None:
                path = urllib.parse.urlsplit(response.url).path
                if path.startswith(("/pagefind/", "/search/")) or path == "/assets/js/search.js":
                    try:
                        body = len(response.body())
                        fetched[response.url] = (response.request.sizes()["responseBodySize"], body)
                    except Exception:
                        pass

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/", wait_until="networkidle")
            page.locator("#et-q").fill(word)
            try:
                page.wait_for_selector("#et-text-results li", timeout=60000)
            except PlaywrightTimeout:
                found = None
            else:
                found = page.locator("#et-text-results li").count()
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    if not found:
        # A search that shows nothing fetches little: its bytes would pass the target for no result.
        raise SystemExit(
            f"bench: the search for {word!r} showed no full-text result within 60 s ({len(fetched)} files fetched)"
        )
    sent, raw = (round(sum(sizes[i] for sizes in fetched.values()) / 1024, 1) for i in (0, 1))
    return sent, raw


BUILDS = 3
"""Builds from scratch measured per size: the figures are the median run's (all runs are listed),
peak memory the highest, so that one noisy run does not decide the linearity ratio."""
REBUILDS = 3
"""Rebuilds measured per size, each after an edit to another region: the target is on the slowest."""


def edit_one_region(package: Path, run: int = 0) -> None:
    """Change the first outcome of one region, as a curator would correct a figure: the last
    region in the file, then one in the middle, then the first, then the last again."""
    path = package / "outcomes.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    column = {name: i for i, name in enumerate(rows[0])}
    region = [rows[-1][0], rows[len(rows) // 2][0], rows[1][0]][run % 3]
    value = f"{77.7 - 11.1 * run:.1f}"
    for row in rows[1:]:
        if row[column["region"]] == region:
            row[column["value"]] = value
            row[column["quote"]] = f"{row[column['year']]}年订正值{value}"
            break
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# Issue 5's targets for a full build of all 3,352 divisions on a 2-core machine.
TARGETS = {
    "total_s": 60,
    "peak_rss_mb": 2048,
    "output_mb": 300,
    "largest_region_page_kb": 100,
    "search_query_kb": 300,
    "rebuild_one_region_s": 10,
}


def targets_met(result: dict) -> dict[str, bool]:
    """Which of the targets this size meets (None where a figure could not be measured)."""
    return {name: (result[name] is not None and result[name] <= limit) for name, limit in TARGETS.items()}


def bench(regions: int) -> dict:
    package, out = WORK / f"synthetic-{regions}", WORK / f"build-{regions}"
    rows = generate(regions, package)
    builds = []
    for _ in range(BUILDS):
        shutil.rmtree(out, ignore_errors=True)
        builds.append(_in_subprocess(package, out))
    median = sorted(builds, key=lambda b: b["total_s"])[len(builds) // 2]
    result = {
        "regions": regions,
        "rows": rows,
        **median,
        "total_runs_s": [b["total_s"] for b in builds],
        "peak_rss_mb": max(b["peak_rss_mb"] for b in builds),
    }
    site = out / "site"
    result["output_mb"] = _size_mb(site)
    result["largest_region_page_kb"] = _largest_region_page_kb(site)
    measured = search_query_kb(site, "合成县0001" if regions > 374 else "合成市001")
    result["search_query_kb"], result["search_query_uncompressed_kb"] = measured or (None, None)
    rebuilds = []
    for run in range(REBUILDS):
        edit_one_region(package, run)
        rebuilds.append(_in_subprocess(package, out, cold=False))
    slowest = max(rebuilds, key=lambda r: r["total_s"])
    result["rebuild_one_region_s"] = slowest["total_s"]
    result["rebuild_runs_s"] = [r["total_s"] for r in rebuilds]
    result["rebuild_stages"] = slowest["stages"]
    edit_one_region(package, REBUILDS)
    cold = _in_subprocess(package, out)  # for information: after a reboot, every store is read from disk
    result["rebuild_cold_cache_s"] = cold["total_s"] if cold["cold_cache"] else None
    result["targets_met"] = targets_met(result)
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--_build":
        print(json.dumps(build_once(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--regions", type=int, action="append", help="a size to build (repeatable); default 100, 1000, 3352"
    )
    parser.add_argument("--json", type=Path, help="also save the results here")
    args = parser.parse_args()
    results = []
    for regions in args.regions or [100, 1000, 3352]:
        results.append(bench(regions))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    sizes = {r["regions"]: r for r in results}
    if 1000 in sizes and 3352 in sizes:
        ratio = round(sizes[3352]["total_s"] / sizes[1000]["total_s"], 2)
        sizes[3352]["ratio_3352_to_1000"] = ratio
        sizes[3352]["targets_met"]["linear"] = ratio <= 3.6
        print(json.dumps({"ratio_3352_to_1000": ratio}))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
