"""The rules in a forked process change how fast validation is, never what it reports."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from edutargets import parallel, validate
from edutargets.validate import background, validate_paths
from edutargets.validate.report import Report
from tests.conftest import set_cell


def lines(pkg: Path) -> list[str]:
    return [f"{p.path}:{p.line}:{p.field}: {p.message}" for p in validate_paths([pkg]).sorted_problems()]


def test_forked_rules_report_what_the_rules_report(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_cell(pkg / "outcomes.csv", 2, "value", "39.0")
    set_cell(pkg / "outcomes.csv", 3, "year", "x")
    serial = lines(pkg)
    assert (
        "pkg/outcomes.csv:2:value: 39 does not appear in the quote '九年义务教育巩固率93.0%' (it states 93.0, 九 (9))"
        in serial
    )
    monkeypatch.setattr(background, "FORK_MIN_ROWS", 0)
    if not parallel.can_fork():
        pytest.skip("this machine runs the rules in one process (one CPU)")
    children = []
    start = parallel.multiprocessing.process.BaseProcess.start
    monkeypatch.setattr(
        parallel.multiprocessing.process.BaseProcess, "start", lambda self: (children.append(self), start(self))[1]
    )
    assert lines(pkg) == serial
    assert len(children) == 1


def test_a_failed_child_is_an_error_not_a_silent_second_run(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "FORK_MIN_ROWS", 0)
    if not parallel.can_fork():
        pytest.skip("this machine runs the rules in one process (one CPU)")
    monkeypatch.setattr(background, "run_rules", lambda ctx: os._exit(3))
    with pytest.raises(parallel.ChildFailed, match="exit 3"):
        validate_paths([pkg])


def test_other_threads_do_not_stop_the_checks_from_forking(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview server always has a thread of its own: validation forks all the same."""
    monkeypatch.setattr(background, "FORK_MIN_ROWS", 0)
    if not parallel.can_fork():
        pytest.skip("this machine runs the rules in one process (one CPU)")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    children = []
    start = parallel.multiprocessing.process.BaseProcess.start
    monkeypatch.setattr(
        parallel.multiprocessing.process.BaseProcess, "start", lambda self: (children.append(self), start(self))[1]
    )
    try:
        assert validate_paths([pkg]).valid
    finally:
        stop.set()
    assert len(children) == 1


def test_checks_beside_the_build_run_only_in_the_child(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's report is used: the checks are not run again here (they were, silently, while
    the child, a daemon, could not fork the rules and failed)."""
    set_cell(pkg / "outcomes.csv", 2, "value", "39.0")
    serial = lines(pkg)
    monkeypatch.setattr(background, "FORK_MIN_ROWS", 0)
    if not parallel.can_fork():
        pytest.skip("this machine runs the checks in one process (one CPU)")
    here = os.getpid()
    checked_here = []
    check_tables = validate.check_tables
    monkeypatch.setattr(
        validate, "check_tables", lambda *args: (os.getpid() == here and checked_here.append(1), check_tables(*args))[1]
    )
    rules_here = []
    run_rules = background.run_rules
    monkeypatch.setattr(
        background, "run_rules", lambda ctx: (os.getpid() == here and rules_here.append(1), run_rules(ctx))[1]
    )
    met = []
    problems = validate.validate_package(pkg, meanwhile=lambda tables: met.append(sorted(tables)))[0]
    assert [f"{p.path}:{p.line}:{p.field}: {p.message}" for p in Report(problems=problems).sorted_problems()] == serial
    assert met and checked_here == [] and rules_here == []
