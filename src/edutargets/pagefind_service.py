"""Pagefind's indexing service, driven over its pipe: the one external program of the search index.

Pagefind's Python API (`pagefind.index.PagefindIndex`) reads one reply of its service every
0.1 s, i.e. ~45 minutes for 27,000 records. `Service` drives the same service binary with the
same messages (NewIndex, AddFile with an explicit URL, GetFiles), but writes them all at once and
reads the replies as they come. What must stay true: every failure of the service (not found, not
started, a refused page, an early end) is a `SearchIndexFailed` whose message names the request
(the page's URL where there is one).
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Iterable
from typing import Any

from pagefind.service import get_executable


class SearchIndexFailed(Exception):
    """Pagefind's service refused a record or stopped; the message says which and why."""


class Service:
    """Pagefind's indexing service: the binary `pagefind --service`, spoken to in its own protocol
    (each message base64-encoded JSON followed by a comma), with requests pipelined."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexFailed(
                "Pagefind: its binary was not found; install the project with `pip install -e .` (pagefind[bin])"
            )
        self._stderr = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
            )
        except OSError as error:
            self._stderr.close()
            raise SearchIndexFailed(f"Pagefind: {executable} could not be started: {error}") from error
        self._next_id = 0
        self._partial: list[bytes] = []  # the start of a message still being read
        self._messages: deque[bytes] = deque()  # messages read, not yet taken

    def _encode(self, payload: dict[str, Any]) -> bytes:
        self._next_id += 1
        return base64.b64encode(json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")) + b","

    def _failed(self, why: str) -> SearchIndexFailed:
        self._stderr.seek(0)
        detail = self._stderr.read().decode("utf-8", "replace").strip().splitlines()[-10:]
        return SearchIndexFailed("\n".join([f"Pagefind: {why}", *detail]))

    def _reply(self) -> dict[str, Any]:
        """The next reply. Each chunk read is split once: thousands of small replies, or one of
        several megabytes (GetFiles), cost no more than reading them."""
        assert self._process.stdout is not None
        while not self._messages:
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise self._failed(f"the service stopped (exit {self._process.poll()})")
            *complete, rest = chunk.split(b",")
            if complete:
                complete[0] = b"".join([*self._partial, complete[0]])
                self._partial = []
                self._messages.extend(complete)
            if rest:
                self._partial.append(rest)
        return json.loads(base64.b64decode(self._messages.popleft()))

    def requests(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every payload, then return the replies in the same order; an error names its request."""
        stdin = self._process.stdin
        assert stdin is not None
        first = self._next_id + 1
        messages = [self._encode(p) for p in payloads]

        def write() -> None:
            try:
                for message in messages:
                    stdin.write(message)
                stdin.flush()
            except BrokenPipeError:
                pass  # the reader reports the service's end

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        replies: dict[int, dict[str, Any]] = {}
        while len(replies) < len(payloads):
            reply = self._reply()
            answer = reply.get("payload", {})
            if reply.get("message_id") is None:  # a message the service could not read at all
                raise self._failed(str(answer.get("message", reply)))
            replies[reply["message_id"]] = answer
        writer.join()
        ordered = [replies.get(first + i, {}) for i in range(len(payloads))]
        for payload, reply in zip(payloads, ordered, strict=True):
            if reply.get("type") == "Error" or not reply:
                what = payload.get("url") or payload["type"]
                raise self._failed(f"{what}: {reply.get('message', 'no reply')}")
        return ordered

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._stderr.close()


def index_pages(pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
    """Pagefind's bundle for `pages` (url, html), all of one language, as file path -> bytes.

    The files come back in the reply (GetFiles) and Python writes them: the service's own
    WriteFiles can still be writing when it replies, and it stops with its input.
    """
    service = Service()
    try:
        index_id = service.requests([{"type": "NewIndex", "config": None}])[0]["index_id"]
        service.requests(
            [
                {"type": "AddFile", "index_id": index_id, "url": url, "file_path": None, "file_contents": html}
                for url, html in pages
            ]
        )
        files = service.requests([{"type": "GetFiles", "index_id": index_id}])[0]["files"]
    finally:
        service.close()
    return {file["path"]: base64.b64decode(file["content"]) for file in files}
