"""Preview with live reload: MkDocs serves build/docs, and edits to the data or site_src regenerate it.

MkDocs' own server watches the generated Markdown; this loop watches what the Markdown is made
from. Search is not indexed in the preview (Pagefind runs on a finished build only).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from edutargets.build import BuildConfig, data_date, read_changelog
from edutargets.model import load_dataset
from edutargets.site.generate import SiteSource, generate_docs
from edutargets.validate import validate_paths
from edutargets.validate.report import format_text


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def regenerate(config: BuildConfig, say: Callable[[str], None]) -> bool:
    """Validate and regenerate the Markdown tree; on invalid data keep the last good pages."""
    report = validate_paths([config.package])
    if not report.valid:
        say(format_text(report) + "pages not regenerated: fix the data above.")
        return False
    dataset = load_dataset(config.package)
    result = generate_docs(dataset, config.docs, SiteSource(config.site_source), data_date(dataset), read_changelog(config.changelog))
    say(f"regenerated: {result.written} files changed")
    return True


def serve(config: BuildConfig, dev_addr: str, say: Callable[[str], None], poll_seconds: float = 1.0) -> int:
    """Run until interrupted; returns MkDocs' exit code."""
    if not regenerate(config, say):
        return 1
    generated = config.work / "mkdocs.serve.yml"
    generated.write_text(f"INHERIT: {config.mkdocs_config.resolve()}\ndocs_dir: {config.docs.resolve()}\nexclude_docs: ''\n", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", str(generated), "--dev-addr", dev_addr])
    watched = [config.package, config.site_source]
    before = _snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            now = _snapshot(watched)
            if now != before:
                before = now
                regenerate(config, say)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
