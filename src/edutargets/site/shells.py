"""Pages there is one of per region, indicator and source, filled into a page MkDocs rendered once.

MkDocs renders every page through Python-Markdown, which parses all raw HTML twice in pure
Python: tens of milliseconds a page, minutes for all 3,352 divisions. The theme's frame is the
same for every region page, so MkDocs renders one shell page per kind and language (at the same
depth, so relative links hold), and each entity's content, rendered by our own templates, is put
into that frame. Only MkDocs' output HTML is used, never its internals.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from edutargets.site.text import LANGUAGES, language_folder
from edutargets.store import write

SHELL = "_shell"
TITLE = "ET-SHELL-TITLE"
DESCRIPTION = "ET-SHELL-DESCRIPTION"
_INDENTATION = re.compile(r"[ \t\r]*\n\s*")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
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
    the frame's inline scripts read alike (the frame has no <pre> or <textarea>), and none is
    kept between two tags. The theme's configuration is JSON: written without \\u escapes of
    its Chinese, it is the same JSON in half the bytes."""
    if "<pre" in page or "<textarea" in page:
        return page
    page = _INDENTATION.sub("\n", page).replace(">\n<", "><")
    return _CONFIG.sub(_compact_config, page)


def _compact_config(match: re.Match[str]) -> str:
    try:
        config = json.loads(match.group(2))
    except ValueError:
        return match.group(0)
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return match.group(1) + text + match.group(3)


def shell_route(section: str) -> str:
    """The shell page MkDocs renders for the pages of a section (kinds.PageKind.section)."""
    return f"{section}/{SHELL}/"


def page_file(route: str, lang: str) -> str:
    """A page's file, relative to the site root."""
    return f"{language_folder(lang)}{route}index.html"


_THEME_SEARCH = (
    "assets/javascripts/lunr/",
    "assets/javascripts/workers/",
    "en/assets/javascripts/lunr/",
    "en/assets/javascripts/workers/",
)


def not_published(relative: str) -> bool:
    """Files of MkDocs' output the site does without: the shell pages, the theme's own search
    (lunr and its worker: the site searches with Pagefind, and the search plugin is off) and
    source maps (megabytes, for debugging the theme's minified code)."""
    return f"/{SHELL}/" in f"/{relative}" or relative.startswith(_THEME_SEARCH) or relative.endswith(".map")


def frame_digests(site: Path) -> dict[tuple[str, str], str]:
    """Each shell's bytes as a digest, by (section, language): a page's inputs include its frame."""
    from edutargets.site.kinds import SECTIONS  # the kinds' pages import this module

    found = {}
    for section in SECTIONS:
        for lang in LANGUAGES:
            page = site / page_file(shell_route(section), lang)
            found[(section, lang)] = hashlib.sha256(page.read_bytes()).hexdigest()[:16] if page.is_file() else ""
    return found


class ShellFiller:
    """Fills fragments into the shells MkDocs built under `shells`, writing pages under `out`."""

    def __init__(self, shells: Path, out: Path | None = None) -> None:
        self.shells = shells
        self.out = out if out is not None else shells
        self._shells: dict[tuple[str, str], str] = {}

    def _shell(self, kind: str, lang: str) -> str:
        key = (kind, lang)
        if key not in self._shells:
            page = self.shells / page_file(shell_route(kind), lang)
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
        write(self.out / page_file(fragment.route, fragment.lang), page.encode("utf-8"))

    def site_url(self) -> str:
        """The site's base URL, read from a shell's canonical link."""
        shell = self._shell("regions", "zh")
        marker = 'rel="canonical" href="'
        start = shell.find(marker)
        if start < 0:
            return "/"
        url = shell[start + len(marker) : shell.find('"', start + len(marker))]
        return url[: -len(shell_route("regions"))]


_URL_ATTRIBUTE = re.compile(r'((?:href|src)=")([^"#:]*)(")')


def relative_error_page(page: Path, site_url: str) -> None:
    """MkDocs writes the error page's links from the site URL's path (/edutargets/assets/…), which
    a copy of the site under another path does not have; they are made relative to the page's
    folder (the theme override's script resolves them from the site's path where it is served
    under it, main.html). What must stay true: no link of the page leaves the site."""
    if not page.is_file():
        return
    prefix = urlsplit(site_url).path
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        _URL_ATTRIBUTE.sub(
            lambda m: (
                m.group(1) + (m.group(2)[len(prefix) :] if m.group(2).startswith(prefix) else m.group(2)) + m.group(3)
            ),
            text,
        ),
        encoding="utf-8",
    )


def share_theme_assets(english: Path, chinese: Path) -> int:
    """One copy of the theme's assets for both languages, so that a reader downloads them once:
    every English page's link to a theme file under en/assets/ that is the same file as the
    Chinese site's goes up to that one, and the English copy is dropped. Returns the files shared.

    MkDocs builds each language into its own folder with its own assets; the theme's CSS and
    JavaScript do not depend on the language (its words are in each page's configuration)."""
    shared = {
        path.relative_to(english).as_posix()
        for path in (english / "assets").rglob("*")
        if path.is_file()
        and (chinese / path.relative_to(english)).is_file()
        and path.read_bytes() == (chinese / path.relative_to(english)).read_bytes()
    }
    if not shared:
        return 0
    for page in english.rglob("*.html"):
        folder = page.parent.relative_to(english).as_posix()

        def up(match: re.Match[str], folder: str = folder) -> str:
            link = match.group(2)
            if link.startswith("/") or not link:
                return match.group(0)
            if posixpath.normpath(posixpath.join(folder, link)) in shared:
                link = "../" + link
            return match.group(1) + link + match.group(3)

        text = page.read_text(encoding="utf-8")
        changed = _URL_ATTRIBUTE.sub(up, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    for relative in shared:
        (english / relative).unlink()
    return len(shared)


def _write_urlset(folder: Path, locations: list[str], lastmod: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{xml_escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>" for loc in locations]
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    write(folder / "sitemap.xml", data)
    write(folder / "sitemap.xml.gz", gzip.compress(data, mtime=0))


def _page_route(path: str) -> str | None:
    """A page's address from the site root ("." for home), or None for a file that is no page."""
    if path == "index.html":
        return "."
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path if path.startswith("documents/") and path.endswith(".html") else None


def write_sitemap(folder: Path, files: list[str], base_url: str, lastmod: str) -> int:
    """Sitemaps of every page (MkDocs' own list only the pages it rendered), written into `folder`
    from the site's file list: sitemap.xml lists all, the archived documents' pages
    (documents/<id>.html) among them, en/sitemap.xml the English ones (the theme's language
    switch reads it); returns the count."""
    routes = sorted(filter(None, map(_page_route, files)))
    locations = [base_url + ("" if route == "." else route) for route in routes]
    _write_urlset(folder, locations, lastmod)
    english = [loc for loc, route in zip(locations, routes, strict=True) if route.startswith("en/")]
    if english:
        _write_urlset(folder / "en", english, lastmod)
    return len(routes)
