"""The domain rules in a forked process, while this one runs the Table Schema checks.

The two are independent and read the same tables. On ``.bench/syn3352`` the rules take
~1.8 s and the schema checks ~3 s, single-threaded Python both; on two cores running them
side by side saves the shorter. The fork shares the tables without copying them; only the
rules' problems come back, pickled. A small package is not worth a process (~50 ms), and a
process with other threads is not forked (a fork copies only the calling thread), so those
run the rules here, afterwards. If the child fails for any reason, the rules run here too:
the report never depends on the fork.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Callable

from edutargets.validate.errors import Problem
from edutargets.validate.rules import RuleContext, run_rules

FORK_MIN_ROWS = 200_000


def _child(check: Callable[[], list[Problem]], writer: Connection) -> None:
    """Send what `check` finds to the parent, or None if it failed: the parent then runs it again
    itself and reports what happens there."""
    try:
        problems: list[Problem] | None = check()
    except BaseException:
        problems = None
    writer.send(problems)
    writer.close()


def _fork(check: Callable[[], list[Problem]], daemon: bool) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    """A forked process running `check`, and the end of the pipe its problems come back on."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(check, writer), daemon=daemon)
    process.start()
    writer.close()
    return process, reader


def _receive(reader: Connection) -> list[Problem] | None:
    """The child's problems, or None if it sent none (it failed or died)."""
    try:
        return reader.recv()
    except (EOFError, OSError):
        return None


def _single_threaded() -> bool:
    return threading.active_count() == 1


def _can_fork(rows: int) -> bool:
    return rows >= FORK_MIN_ROWS and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and _single_threaded()


class BackgroundRules:
    """``with BackgroundRules(ctx, rows) as rules: ...; problems = rules.result()``."""

    def __init__(self, ctx: RuleContext, rows: int) -> None:
        self._ctx = ctx
        self._rows = rows
        self._process: multiprocessing.process.BaseProcess | None = None
        self._reader: Connection | None = None

    def __enter__(self) -> BackgroundRules:
        if _can_fork(self._rows):
            self._process, self._reader = _fork(lambda: run_rules(self._ctx), daemon=True)
        return self

    def result(self) -> list[Problem]:
        """The rules' problems: the child's if it delivered them, else computed here."""
        problems = None
        if self._reader is not None and self._process is not None:
            problems = _receive(self._reader)
            self._close(wait=True)
        return problems if problems is not None else run_rules(self._ctx)

    def _close(self, wait: bool = False) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._process is not None:
            self._process.join(timeout=10 if wait else 0)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
            self._process = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._close(wait=False)


def run_beside(check: Callable[[], list[Problem]], work: Callable[[], None], rows: int) -> tuple[list[Problem], BaseException | None]:
    """The problems `check` finds, and `work`'s error if it raised (None if it did not).

    For a large package `check` runs in a forked process (which may fork the rules in turn)
    while `work` runs here; otherwise `check` runs first and `work` only if it found nothing.
    """
    if not _can_fork(rows):
        problems = check()
        if problems:
            return problems, None
        try:
            work()
        except Exception as error:
            return problems, error
        return problems, None
    # Not a daemon: a daemonic process may not start children, and `check` forks the rules.
    process, reader = _fork(check, daemon=False)
    failure: BaseException | None = None
    try:
        work()
    except Exception as error:  # on invalid data the work may fail; the problems say why
        failure = error
    found = _receive(reader)
    reader.close()
    process.join()
    return (found if found is not None else check()), failure
