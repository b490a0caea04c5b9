"""Reading a built site the way a browser would: every page's links, anchors and requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REQUEST_ATTRIBUTES = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
}
REQUEST_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "apple-touch-icon",
}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        for element, attribute in REQUEST_ATTRIBUTES:
            if tag == element and values.get(attribute):
                self.page.requests.append(values[attribute])
        if tag == "link" and set(values.get("rel", "").split()) & REQUEST_LINK_RELS:
            self.page.requests.append(values.get("href", ""))


def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def _target(site: Path, page_path: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor a relative link leads to, or None for external and special links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    page_url = "/" + page_path.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(page_url, parts.path)) if parts.path else urlsplit(page_url)
    target = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, skip_anchor: Callable[[str], bool] = lambda anchor: False) -> list[str]:
    """Every internal link whose file or anchor does not exist, as 'page -> href'; anchors for which
    skip_anchor is true are not checked (elements the page's script makes)."""
    pages = {path: parse(path) for path in site.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        if path.name == "404.html":
            continue  # served at any missing URL, so its links are absolute to site_url by design
        for href in page.links:
            target = _target(site, path, href)
            if target is None:
                continue
            file, anchor = target
            if not file.is_file():
                problems.append(f"{path.relative_to(site)} -> {href} (no file)")
            elif (
                anchor
                and file.suffix == ".html"
                and anchor not in pages.get(file, Page()).ids
                and not skip_anchor(anchor)
            ):
                problems.append(f"{path.relative_to(site)} -> {href} (no anchor)")
    return sorted(problems)


def external_requests(site: Path) -> list[str]:
    """Every resource a page would fetch from another host (scripts, styles, images, fonts)."""
    found = []
    for path in site.rglob("*.html"):
        for url in parse(path).requests:
            if urlsplit(url).scheme or url.startswith("//"):
                found.append(f"{path.relative_to(site)}: {url}")
    for path in site.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "url(http" in text or "@import url(http" in text or "fonts.googleapis" in text:
            found.append(f"{path.relative_to(site)}: remote url() in CSS")
    return sorted(found)
