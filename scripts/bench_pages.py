"""Benchmark the site's pages as a reader on a phone meets them: Lighthouse, mobile, served gzipped.

Builds the site from the shipped data (or takes --site DIR, an existing build), serves it on
127.0.0.1 as a static host would (text gzip-compressed, Content-Type with charset) and runs
Lighthouse (npm `lighthouse@13.5.0`, its default mobile mode: simulated slow 4G and a 4x slower
CPU) in Debian's chromium over each page type in both languages: the home page, the region with
the most targets, the indicator with the most reported figures, the source cited by the most rows,
search with a query, downloads and the list of all targets. Chinese pages are at the root, English
under /en/. A page that the build does not make is reported as missing (and misses every threshold).

Prints JSON: for each page its url, the performance, accessibility, best-practices and SEO scores,
total blocking time (ms), cumulative layout shift, largest contentful paint (ms), and the bytes
transferred (compressed) and requests of its first view; with --runs N the median of N runs of each
figure. The summary names the pages that miss the thresholds of issue #15 (performance >= 95,
accessibility 100, TBT <= 200 ms, CLS <= 0.1, first view <= 300 KB compressed); with --check the
script exits 1 when any page misses one. Not a timed test: the figures depend on the machine.

    npm install -g lighthouse@13.5.0
    .venv/bin/python scripts/bench_pages.py --json bench-pages.json
    .venv/bin/python scripts/bench_pages.py --site build/site --pages region,search --runs 3 --check
"""

from __future__ import annotations

import argparse
import collections
import csv
import functools
import gzip
import http.server
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "datapackages" / "edutargets"
WORK = ROOT / ".bench" / "pages"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 95, "accessibility": 100, "tbt_ms": 200, "cls": 0.1, "first_view_kb": 300}
QUERIES = {"zh": "幼儿园", "en": "preschool"}
PAGE_TYPES = ("home", "region", "indicator", "source", "search", "downloads", "targets")
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def _rows(table: str) -> list[dict[str, str]]:
    with (PACKAGE / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def routes() -> dict[str, str]:
    """Each page type's Chinese route, the heaviest of its kind picked from the shipped data."""
    targets, outcomes = _rows("targets"), _rows("outcomes")
    region = collections.Counter(t["region"] for t in targets).most_common(1)[0][0]
    indicator = collections.Counter(o["indicator"] for o in outcomes).most_common(1)[0][0]
    source = collections.Counter(r["source"] for r in targets + outcomes).most_common(1)[0][0]
    return {
        "home": "", "region": f"regions/{region}/", "indicator": f"indicators/{indicator}/",
        "source": f"sources/{source}/", "search": "search/?q={}", "downloads": "downloads/", "targets": "targets/all/",
    }  # fmt: skip


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, text gzipped when the client accepts it, charset sent."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(urllib.parse.urlsplit(self.path).path))
        status = 200
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes() if path.is_file() else b"not found"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.name.endswith(".gz"):
            kind = "application/gzip"  # compressed at build time: sent as it is, not inflated
        text = kind.startswith(TEXT_TYPES)
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if text else kind)
        if text and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build() -> Path:
    """The site built from the shipped data with the same command a curator runs."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "edutargets", "build", "--package", str(PACKAGE)]
    command += ["--out", str(WORK / "site"), "--work", str(WORK / "work")]
    subprocess.run(command, check=True, cwd=ROOT, env=env, stdout=sys.stderr)
    return WORK / "site"


def lighthouse(url: str) -> dict:
    """One Lighthouse run of a page, mobile; its report (lhr)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            "lighthouse", url, "--output=json", f"--output-path={report}", "--quiet", "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--max-wait-for-load=60000",
        ]  # fmt: skip
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROME}, stdout=subprocess.DEVNULL)
        return json.loads(report.read_text(encoding="utf-8"))


def figures(lhr: dict) -> dict[str, float | None]:
    """What one run measured: scores out of 100, times in ms, first view in bytes and requests."""
    audits = lhr["audits"]

    def numeric(name: str) -> float | None:
        return audits.get(name, {}).get("numericValue")

    scores = {name: lhr["categories"][name]["score"] for name in CATEGORIES}
    scores = {name: None if score is None else round(score * 100) for name, score in scores.items()}
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return {
        **scores, "tbt_ms": numeric("total-blocking-time"), "cls": numeric("cumulative-layout-shift"),
        "lcp_ms": numeric("largest-contentful-paint"), "first_view_bytes": numeric("total-byte-weight"),
        "requests": len(requests),
    }  # fmt: skip


def median(runs: list[dict[str, float | None]]) -> dict[str, float | None]:
    """Each figure's median over the runs (figure by figure, not the median run)."""
    result: dict[str, float | None] = {}
    for key in runs[0]:
        values = [run[key] for run in runs if run[key] is not None]
        value = statistics.median(values) if values else None
        result[key] = None if value is None else round(value, 3) if key == "cls" else round(value)
    return result


def misses(page: dict) -> list[str]:
    """The thresholds a page misses, in words."""
    if page.get("missing"):
        return ["missing: the build makes no such page"]
    found, limits = [], THRESHOLDS
    for key in ("performance", "accessibility"):
        if page[key] is None or page[key] < limits[key]:
            found.append(f"{key} {page[key]} < {limits[key]}")
    if page["tbt_ms"] is None or page["tbt_ms"] > limits["tbt_ms"]:
        found.append(f"TBT {page['tbt_ms']} ms > {limits['tbt_ms']} ms")
    if page["cls"] is None or page["cls"] > limits["cls"]:
        found.append(f"CLS {page['cls']} > {limits['cls']}")
    if page["first_view_bytes"] is None or page["first_view_bytes"] > limits["first_view_kb"] * 1024:
        found.append(f"first view {round((page['first_view_bytes'] or 0) / 1024)} KB > {limits['first_view_kb']} KB")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build to measure (default: build the shipped data)")
    parser.add_argument("--json", type=Path, help="also write the JSON to this file")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; each figure is the median (default 1)")
    every = ",".join(PAGE_TYPES)
    parser.add_argument("--pages", default=every, help=f"page types, comma-separated (default: {every})")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page misses a threshold")
    args = parser.parse_args()
    chosen = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(chosen) - set(PAGE_TYPES)
    if unknown:
        parser.error(f"unknown page types: {', '.join(sorted(unknown))} (known: {', '.join(PAGE_TYPES)})")
    site = (args.site or build()).resolve()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages, environment = [], {}
    try:
        for name in chosen:
            for lang, prefix in (("zh", ""), ("en", "en/")):
                route = prefix + routes()[name].format(urllib.parse.quote(QUERIES[lang]))
                page: dict = {"page": name, "lang": lang, "url": "/" + route}
                if not (site / urllib.parse.urlsplit(route).path / "index.html").is_file():
                    pages.append({**page, "missing": True, "misses": misses({"missing": True})})
                    print(f"{page['url']}: missing", file=sys.stderr)
                    continue
                runs = []
                for _ in range(args.runs):
                    lhr = lighthouse(base + route)
                    environment = {
                        "lighthouse": lhr["lighthouseVersion"],
                        "browser": lhr["environment"]["hostUserAgent"],
                    }
                    runs.append(figures(lhr))
                page.update(median(runs))
                page["misses"] = misses(page)
                pages.append(page)
                said = f"performance {page['performance']}, TBT {page['tbt_ms']} ms, CLS {page['cls']}"
                print(f"{page['url']}: {said}", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
    failing = [f"{p['url']}: {'; '.join(p['misses'])}" for p in pages if p["misses"]]
    result = {
        **environment, "runs": args.runs, "site": str(site), "thresholds": THRESHOLDS, "pages": pages,
        "summary": {"pages": len(pages), "passing": len(pages) - len(failing), "failing": failing},
    }  # fmt: skip
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main())
