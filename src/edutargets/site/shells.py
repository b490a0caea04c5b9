"""Pages there is one of per region, indicator and source, filled into a page MkDocs rendered once.

MkDocs renders every page through Python-Markdown, which parses all raw HTML twice in pure
Python: tens of milliseconds a page, minutes for all 3,352 divisions. The theme's frame is the
same for every region page, so MkDocs renders one shell page per kind and language (at the same
depth, so relative links hold), and each entity's content, rendered by our own templates, is put
into that frame. Only MkDocs' output HTML is used, never its internals.
"""

from __future__ import annotations

import gzip
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

KINDS = ("regions", "indicators", "sources")
SHELL = "_shell"
TITLE = "ET-SHELL-TITLE"
DESCRIPTION = "ET-SHELL-DESCRIPTION"
_INDENTATION = re.compile(r"[ \t\r]*\n\s*")
CONTENT = '<div class="et-shell"><h1>ET-SHELL-CONTENT</h1></div>'


@dataclass(frozen=True)
class Fragment:
    """One entity page's content and what its frame needs: route, language, title, description."""

    route: str
    lang: str
    title: str
    description: str
    html: str


def collapse_indentation(page: str) -> str:
    """The theme's frame without its indentation: a third of a small page's bytes, repeated on
    every page. Each run of blank space holding a newline becomes one newline, which HTML and
    the frame's inline scripts read alike (the frame has no <pre> or <textarea>)."""
    if "<pre" in page or "<textarea" in page:
        return page
    return _INDENTATION.sub("\n", page)


def shell_route(kind: str) -> str:
    return f"{kind}/{SHELL}/"


def _prefix(lang: str) -> str:
    return "" if lang == "zh" else f"{lang}/"


class ShellFiller:
    """Fills fragments into the shells of one built site, then removes the shells."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._shells: dict[tuple[str, str], str] = {}

    def _shell(self, kind: str, lang: str) -> str:
        key = (kind, lang)
        if key not in self._shells:
            page = self.site / _prefix(lang) / shell_route(kind) / "index.html"
            shell = page.read_text(encoding="utf-8")
            if CONTENT not in shell or TITLE not in shell:
                raise ValueError(f"{page} is not a shell page: its markers are missing")
            self._shells[key] = collapse_indentation(shell)
        return self._shells[key]

    def fill(self, fragment: Fragment) -> None:
        kind = fragment.route.split("/", 1)[0]
        page = self._shell(kind, fragment.lang)
        page = page.replace(f"/{shell_route(kind)}", f"/{fragment.route}")
        page = page.replace(TITLE, html.escape(fragment.title, quote=True))
        page = page.replace(DESCRIPTION, html.escape(fragment.description, quote=True))
        page = page.replace(CONTENT, fragment.html)
        target = self.site / _prefix(fragment.lang) / fragment.route / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")

    def remove_shells(self) -> None:
        for kind, lang in {(k, l) for k in KINDS for l in ("zh", "en")}:
            shutil.rmtree(self.site / _prefix(lang) / shell_route(kind), ignore_errors=True)

    def site_url(self) -> str:
        """The site's base URL, read from a shell's canonical link."""
        shell = self._shell("regions", "zh")
        marker = 'rel="canonical" href="'
        start = shell.find(marker)
        if start < 0:
            return "/"
        url = shell[start + len(marker) : shell.find('"', start + len(marker))]
        return url[: -len(shell_route("regions"))]


def _write_urlset(folder: Path, locations: list[str], lastmod: str) -> None:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{xml_escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>" for loc in locations]
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (folder / "sitemap.xml").write_bytes(data)
    (folder / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def write_sitemap(site: Path, base_url: str, lastmod: str) -> int:
    """Sitemaps of every page (MkDocs' own list only the pages it rendered): sitemap.xml lists all,
    en/sitemap.xml the English ones (the theme's language switch reads it); returns the count."""
    routes = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    locations = [base_url + ("" if route == "." else route + "/") for route in routes]
    _write_urlset(site, locations, lastmod)
    if (site / "en").is_dir():
        _write_urlset(site / "en", [loc for loc, route in zip(locations, routes) if route == "en" or route.startswith("en/")], lastmod)
    return len(routes)
