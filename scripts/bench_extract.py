"""Benchmark `edutargets extract`: one 70 KB document, and a folder of 1,000 documents.

Prints JSON. Not a timed test: run it on a quiet machine and record its figures in the
README. The folder is made of copies of the real documents we have (seeds, labelled
fixtures, the package's archived documents), cycled to 1,000 files under .bench/extract/.
Each run is the installed command as a curator runs it (start-up included), three times;
the median is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    Path("/work/shared/seeds"),
    ROOT / "tests" / "extract" / "labelled",
    ROOT / "datapackages" / "edutargets" / "documents",
]
COMMAND = [sys.executable, "-m", "edutargets", "extract", "--package", str(ROOT / "datapackages" / "edutargets")]


def corpus(folder: Path, count: int) -> list[Path]:
    documents = sorted(p for source in SOURCES if source.is_dir() for p in source.glob("*.txt"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    made = []
    for index in range(count):
        source = documents[index % len(documents)]
        target = folder / f"{index:04d}_{source.name}"
        shutil.copyfile(source, target)
        made.append(target)
    return made


def timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(COMMAND + args, check=False, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"extract failed: {done.stderr[-500:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    big = max(
        (p for source in SOURCES if source.is_dir() for p in source.glob("*.txt")), key=lambda p: p.stat().st_size
    )
    folder = ROOT / ".bench" / "extract"
    files = corpus(folder, options.count)
    one = timed([str(big), "--out", os.devnull], options.runs)
    many = timed([str(folder), "--out", str(folder.parent / "extract.csv")], options.runs)
    rows = sum(1 for _ in (folder.parent / "extract.csv").open(encoding="utf-8")) - 1
    report = {
        "one_document": {
            "file": big.name,
            "bytes": big.stat().st_size,
            "seconds": round(statistics.median(one), 2),
            "runs": [round(t, 2) for t in one],
            "target_seconds": 2,
        },
        "folder": {
            "documents": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "candidates": rows,
            "seconds": round(statistics.median(many), 1),
            "runs": [round(t, 1) for t in many],
            "target_seconds": 120,
        },
        "cores": os.cpu_count(),
    }
    report["targets_met"] = report["one_document"]["seconds"] < 2 and report["folder"]["seconds"] < 120
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
