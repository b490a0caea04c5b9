"""The domain rules beside the Table Schema checks, and the checks beside the build.

The rules and the schema checks are independent and read the same tables; on two cores
running them side by side saves the shorter. During a build, the checks of a changed package
run beside the loading and shaping of the same tables. Both go through parallel.py, the
build's one way of running work in parallel: forked processes share the tables without
copying them, and only problems come back. A package of fewer than FORK_MIN_ROWS rows is not
worth a process; a child that fails raises its error here (the report never silently comes
from a second run).
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from edutargets import parallel
from edutargets.validate.errors import Problem
from edutargets.validate.rules import RuleContext, run_rules

FORK_MIN_ROWS = 200_000


def _worth_a_process(rows: int) -> bool:
    return rows >= FORK_MIN_ROWS and parallel.can_fork()


class BackgroundRules:
    """``with BackgroundRules(ctx, rows) as rules: ...; problems = rules.result()``."""

    def __init__(self, ctx: RuleContext, rows: int) -> None:
        self._ctx = ctx
        self._rows = rows
        self._running: parallel.Running[list[Problem]] | None = None

    def __enter__(self) -> BackgroundRules:
        if _worth_a_process(self._rows):
            self._running = parallel.start(lambda: run_rules(self._ctx))
        return self

    def result(self) -> list[Problem]:
        """The rules' problems, from the child where there is one."""
        if self._running is None:
            return run_rules(self._ctx)
        running, self._running = self._running, None
        return running.result()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._running is not None:
            self._running.cancel()
            self._running = None


def run_beside(
    check: Callable[[], list[Problem]], work: Callable[[], None], rows: int
) -> tuple[list[Problem], BaseException | None]:
    """The problems `check` finds, and `work`'s error if it raised (None if it did not).

    For a large package `check` runs in a forked process (which forks the rules in turn) while
    `work` runs here; otherwise `check` runs first and `work` only if it found nothing.
    """
    if _worth_a_process(rows):
        return parallel.beside(check, work)
    problems = check()
    if problems:
        return problems, None
    try:
        work()
    except Exception as error:
        return problems, error
    return problems, None
