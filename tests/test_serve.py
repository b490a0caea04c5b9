"""`edutargets serve`: the built site, with a reload script added to its pages in the preview only."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from edutargets.build import build_site
from edutargets.serve import SCRIPT_PATH, VERSION_PATH, preview_server
from tests.conftest import ROOT, make_package
from tests.site.conftest import site_config


def test_preview_adds_the_reload_script_that_the_site_does_not_publish(tmp_path: Path) -> None:
    config = site_config(tmp_path, make_package(tmp_path / "pkg"))
    assert build_site(config).built
    assert not [p for p in config.out.rglob("*") if "livereload" in p.name]
    server = preview_server(config.out, ROOT / "site_src", "127.0.0.1", 0, lambda: 7)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = urllib.request.urlopen(f"{base}/").read()
        script = urllib.request.urlopen(f"{base}{SCRIPT_PATH}").read()
        version = urllib.request.urlopen(f"{base}{VERSION_PATH}").read()
    finally:
        server.shutdown()
        server.server_close()
    assert f'<script src="{SCRIPT_PATH}"></script></body>'.encode() in page
    assert (
        page.replace(f'<script src="{SCRIPT_PATH}"></script>'.encode(), b"") == (config.out / "index.html").read_bytes()
    )
    assert b"location.reload()" in script and VERSION_PATH.encode() in script
    assert version == b"7"
