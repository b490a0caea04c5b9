"""Write a national-scale SYNTHETIC data package, for benchmarks only.

Every division of China in number (nation, 31 provinces, 342 prefectures, 2,978 counties) with
synthetic codes and names, 20 indicators, outcomes for 2010-2024 and targets from two plans per
region: about a million outcome rows. The output is never published: write it outside
datapackages/ (the default is .bench/, which git ignores).

    python scripts/synth.py --regions 3352 --out .bench/synthetic
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "datapackages" / "edutargets" / "datapackage.json"
PROVINCES, PREFECTURES, COUNTIES = 31, 342, 2978
YEARS = range(2010, 2025)
INDICATORS = 20


def divisions() -> list[tuple[str, str, str, str]]:
    """(code, level, parent, label) for all 3,352 divisions, parents before children."""
    rows = [("000000", "nation", "", "全国")]
    province_codes = [f"{11 + i * 2 if i < 27 else 65 + i - 27:02d}" for i in range(PROVINCES)]
    prefectures_of = [PREFECTURES // PROVINCES + (1 if i < PREFECTURES % PROVINCES else 0) for i in range(PROVINCES)]
    prefecture_rows = []
    for p, code in enumerate(province_codes):
        rows.append((f"{code}0000", "province", "000000", f"合成省{p + 1:02d}"))
        for c in range(prefectures_of[p]):
            prefecture_rows.append(
                (f"{code}{c + 1:02d}00", "prefecture", f"{code}0000", f"合成市{len(prefecture_rows) + 1:03d}")
            )
    rows += prefecture_rows
    counties_of = [COUNTIES // PREFECTURES + (1 if i < COUNTIES % PREFECTURES else 0) for i in range(PREFECTURES)]
    county = 0
    for i, (code, _, _, _) in enumerate(prefecture_rows):
        for k in range(counties_of[i]):
            county += 1
            rows.append((f"{code[:4]}{k + 1:02d}", "county", code, f"合成县{county:04d}"))
    return rows


def pick(all_rows: list[tuple[str, str, str, str]], count: int) -> list[tuple[str, str, str, str]]:
    """The first `count` divisions breadth-first, so that every parent is included."""
    order = {"nation": 0, "province": 1, "prefecture": 2, "county": 3}
    return sorted(all_rows, key=lambda r: (order[r[1]], r[0]))[:count]


def write(path: Path, header: list[str], rows) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def generate(regions: int, out: Path, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    chosen = pick(divisions(), regions)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    descriptor = json.loads(SCHEMA.read_text(encoding="utf-8"))
    descriptor["name"] = "edutargets-synthetic"
    descriptor["title"] = "SYNTHETIC benchmark data, not real figures"
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}
    counts = {}
    counts["regions"] = write(
        out / "regions.csv",
        fields["regions"],
        ([c, label, f"Synthetic {c}", level, parent] for c, level, parent, label in chosen),
    )
    indicators = [
        (f"synthetic_{i:02d}", f"合成指标{i:02d}率" if i % 2 == 0 else f"合成指标{i:02d}数") for i in range(INDICATORS)
    ]
    counts["indicators"] = write(
        out / "indicators.csv",
        fields["indicators"],
        (
            [
                i,
                name,
                f"Synthetic indicator {n}",
                "%" if n % 2 == 0 else "万人",
                "%" if n % 2 == 0 else "10,000 people",
                "level",
                "higher",
                "all",
                "false",
                "合成数据，仅用于基准测试",
                "Synthetic, for benchmarks only",
            ]
            for n, (i, name) in enumerate(indicators)
        ),
    )

    def sources():
        for code, _, _, label in chosen:
            for kind, start, end, published in (
                ("plan", 2016, 2020, "2016"),
                ("plan", 2021, 2025, "2021"),
                ("statistical_bulletin", 2010, 2024, "2025"),
            ):
                yield [
                    f"s-{code}-{kind[:4]}-{start}",
                    f"{label}{start}—{end}年教育规划（合成）",
                    "",
                    kind,
                    f"{label}教育局",
                    "",
                    code,
                    published,
                    start,
                    end,
                    f"https://example.org/synthetic/{code}/{start}",
                    "original",
                    "",
                    "",
                    "2026-11-01",
                    "synthetic",
                    "",
                    "synthetic",
                    "",
                ]

    counts["sources"] = write(out / "sources.csv", fields["sources"], sources())

    def targets():
        for code, _, _, _ in chosen:
            for start, end in ((2016, 2020), (2021, 2025)):
                for n, (indicator, name) in enumerate(indicators[:5]):
                    value = round(rng.uniform(60, 99), 1) if n % 2 == 0 else round(rng.uniform(10, 500), 1)
                    base = round(value * 0.9, 1)
                    yield [
                        f"t-{code}-{start}-{n}",
                        code,
                        indicator,
                        f"s-{code}-plan-{start}",
                        end,
                        "",
                        "level",
                        ">=",
                        value,
                        "",
                        start - 1,
                        base,
                        f"{name}由{base}提高到{value}",
                        "",
                        "",
                    ]

    counts["targets"] = write(out / "targets.csv", fields["targets"], targets())

    def outcomes():
        for code, _, _, _ in chosen:
            for n, (indicator, name) in enumerate(indicators):
                level = rng.uniform(50, 90) if n % 2 == 0 else rng.uniform(10, 400)
                for year in YEARS:
                    level = min(level + rng.uniform(-0.5, 1.5), 99.9) if n % 2 == 0 else level * rng.uniform(0.98, 1.05)
                    value = round(level, 1)
                    yield [
                        code,
                        indicator,
                        year,
                        "",
                        value,
                        "=",
                        f"s-{code}-stat-2010",
                        f"{year}年{name}{value}",
                        "",
                        "",
                        "",
                    ]

    counts["outcomes"] = write(out / "outcomes.csv", fields["outcomes"], outcomes())
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=3352, help="number of divisions (1 to 3352), parents first")
    parser.add_argument(
        "--out", type=Path, default=ROOT / ".bench" / "synthetic", help="output folder (never under datapackages/)"
    )
    args = parser.parse_args()
    if not 1 <= args.regions <= 1 + PROVINCES + PREFECTURES + COUNTIES:
        parser.error("--regions must be between 1 and 3352")
    if (ROOT / "datapackages") in args.out.resolve().parents:
        parser.error("synthetic data must not be written under datapackages/")
    print(json.dumps(generate(args.regions, args.out)))


if __name__ == "__main__":
    main()
