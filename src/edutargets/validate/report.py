"""A validation report and its three views: text for people, JSON for tools, GitHub annotations for CI."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from edutargets.validate.errors import Problem


@dataclass
class PackageSummary:
    path: str
    rows: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    packages: list[PackageSummary] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.slug, p.message))


def _location(problem: Problem) -> str:
    parts = [problem.path]
    if problem.line is not None:
        parts.append(str(problem.line))
    if problem.field:
        parts.append(problem.field)
    return ":".join(parts)


def format_text(report: Report) -> str:
    lines = []
    for problem in report.sorted_problems():
        lines.append(f"{_location(problem)}: {problem.message}")
        lines.append(f"    how to fix: {problem.hint}")
    if report.valid:
        for package in report.packages:
            total = sum(package.rows.values())
            counts = ", ".join(f"{n} {name}" for name, n in package.rows.items())
            lines.append(f"valid: {package.path} ({total} rows: {counts})")
    else:
        files = len({p.path for p in report.problems})
        noun = "problem" if len(report.problems) == 1 else "problems"
        lines.append(f"invalid: {len(report.problems)} {noun} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    document = {
        "valid": report.valid,
        "problems": [p.to_dict() for p in report.sorted_problems()],
        "packages": [{"path": p.path, "rows": p.rows} for p in report.packages],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands, so problems show inline on the pull request's files."""
    lines = []
    for problem in report.sorted_problems():
        props = [f"file={_escape_property(problem.path)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        props.append(f"title={_escape_property(problem.title)}")
        where = f"{problem.field}: " if problem.field else ""
        body = _escape_data(f"{where}{problem.message}\nhow to fix: {problem.hint}")
        lines.append(f"::error {','.join(props)}::{body}")
    return "\n".join(lines) + ("\n" if lines else "")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
