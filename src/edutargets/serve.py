"""Preview with live reload: build, serve build/site on loopback, rebuild when the data or site_src change.

The preview is the real build (the same pages a reader gets). Invalid data is reported and the
last good site stays up. Pages reload themselves after a rebuild: the server adds
site_src/preview/livereload.js to the HTML it serves, and only in this preview (the script is
served from site_src, never published).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

from edutargets.build import BuildConfig, BuildFailed, build_site
from edutargets.validate.report import format_text

VERSION_PATH = "/__edutargets_version"
SCRIPT_PATH = "/__edutargets_livereload.js"
RELOAD_TAG = f'<script src="{SCRIPT_PATH}"></script></body>'.encode()


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    version: Callable[[], int]
    script: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            self._send(str(self.version()).encode(), "text/plain")
            return
        if self.path == SCRIPT_PATH:
            self._send(self.script.read_bytes(), "text/javascript; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(path.read_bytes().replace(b"</body>", RELOAD_TAG, 1), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def preview_server(
    site: Path, site_source: Path, host: str, port: int, version: Callable[[], int]
) -> http.server.ThreadingHTTPServer:
    """An HTTP server of the built site that adds the reload script to every page."""
    handler = type(
        "PreviewHandler",
        (_PreviewHandler,),
        {"version": staticmethod(version), "script": site_source / "preview" / "livereload.js"},
    )
    return http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def rebuild(config: BuildConfig, say: Callable[[str], None]) -> bool:
    """Build once; report invalid data or a failed step without stopping the preview."""
    try:
        result = build_site(config)
    except BuildFailed as error:
        say(f"build failed; the previous pages stay up.\n{error}")
        return False
    if not result.built:
        say(format_text(result.report) + "the data is invalid; the previous pages stay up.")
        return False
    say(f"rebuilt: {result.published.linked if result.published else 0} files changed")
    return True


def serve(config: BuildConfig, host: str, port: int, say: Callable[[str], None], poll_seconds: float = 1.0) -> int:
    """Run until interrupted."""
    if not rebuild(config, say):
        return 1
    version = [1]
    server = preview_server(config.out, config.site_source, host, port, lambda: version[0])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    watched = [config.package, config.site_source]
    before = _snapshot(watched)
    try:
        while True:
            time.sleep(poll_seconds)
            now = _snapshot(watched)
            if now != before:
                before = now
                if rebuild(config, say):
                    version[0] += 1
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
