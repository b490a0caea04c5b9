"""The one way the build runs its own work in parallel: forked processes, each sending back one
result through a pipe. External programs (MkDocs, Pagefind) are subprocesses; nothing else is.

Why fork: the children share the parent's memory (the tables read, the data shaped) instead of
receiving a pickled copy, and only their results come back. The rule for when to fork is
`can_fork()`, the same under `build` and `serve`: where the system can fork and has more than
one core. A fork copies only the calling thread; the children here only compute and send
their result, and never touch what other threads of the parent hold (the preview server's
socket, Pagefind's writer threads), so other threads do not stop a fork. Callers decide by
size whether work is worth a process (a few pages are not); that is a measure of cost, never
a fallback: a child that fails raises its error in the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work may go to forked processes here."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class ChildFailed(RuntimeError):
    """A forked child raised; its traceback is the message."""


def _run(fn: Callable[[], T], writer: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, fn())
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (False, ChildFailed(f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))
    try:
        writer.send(outcome)
    except Exception as error:  # the result could not be pickled
        writer.send((False, ChildFailed(f"the result could not be sent back: {error}")))
    writer.close()


class Running(Generic[T]):
    """`fn()` computed in a forked process; `result()` waits for it."""

    def __init__(self, fn: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        # Not a daemon: a daemonic process may not start children, and work forked here may fork in turn.
        self._process = context.Process(target=_run, args=(fn, writer), daemon=False)
        self._process.start()
        writer.close()

    def result(self) -> T:
        try:
            succeeded, value = self._reader.recv()
        except (EOFError, OSError):
            raise ChildFailed(f"a forked process stopped without a result (exit {self._process.exitcode})") from None
        finally:
            self._reader.close()
            self._process.join()
        if not succeeded:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the process; its result is not wanted."""
        self._reader.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def start(fn: Callable[[], T]) -> Running[T]:
    return Running(fn)


def fork_map(fn: Callable[[int], T], count: int, meanwhile: Callable[[], None] = lambda: None) -> list[T]:
    """fn(0) … fn(count - 1), each in a forked process, while `meanwhile` runs here; the results
    in order. With count 1 (or where forking is not possible) everything runs here."""
    if count <= 1 or not can_fork():
        meanwhile()
        return [fn(i) for i in range(count)]
    running = [start(lambda i=i: fn(i)) for i in range(count)]
    try:
        meanwhile()
    except BaseException:
        for child in running:
            child.cancel()
        raise
    return [child.result() for child in running]


def beside(fn: Callable[[], T], meanwhile: Callable[[], None]) -> tuple[T, BaseException | None]:
    """fn() in a forked process while `meanwhile` runs here: fn's result, and meanwhile's error
    if it raised (None if not; the caller decides what it means, as fn's result may explain it)."""
    if not can_fork():
        result = fn()
        try:
            meanwhile()
        except Exception as error:
            return result, error
        return result, None
    child = start(fn)
    failure: BaseException | None = None
    try:
        meanwhile()
    except Exception as error:
        failure = error
    return child.result(), failure
