"""Jinja rendering of page templates, looked up from the most specific template to the generic one,
and the page paths and relative links they are rendered with (`Links`), so that the site works
under any base path.

site_src/templates/region.html.j2 draws every region page; a file region/330300.html.j2 or
region/province.html.j2 beside it, when present, draws that one region or that level instead
(kinds.PageKind.specific names what to look for).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from edutargets.site.text import BILINGUAL, Strings, language_folder


def page_path(route: str, lang: str) -> str:
    """The Markdown file for a route ('' is home, 'regions/330300/' a region) in a language."""
    return f"{language_folder(lang)}{route}index.md"


@dataclass(frozen=True)
class Links:
    """Relative links from the page at `route` in `lang` (Chinese at the root, English under en/)."""

    route: str
    lang: str

    @property
    def root(self) -> str:
        depth = self.route.count("/") + (0 if self.lang == "zh" else 1)
        return "../" * depth

    def page(self, route: str) -> str:
        return f"{self.root}{language_folder(self.lang)}{route}" or "./"

    def source(self, source_id: str) -> str:
        """A source document's page in this page's language."""
        return self.page(f"sources/{source_id}/")

    def file(self, path: str) -> str:
        return f"{self.root}{path}" or "./"

    def other_language(self) -> str:
        """The same page in the other language."""
        target = "en/" + self.route if self.lang == "zh" else self.route
        return f"{self.root}{target}" or "./"


class _Environment(jinja2.Environment):
    """Reads `row.name` in a template as the dict's key first: page contexts are plain dicts, and
    Jinja's default (the attribute first, then the key) costs a failed getattr on each of the
    hundreds of lookups a page makes, an eighth of a region page's render time."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(templates: Path) -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = _yaml_text
    env.filters["tojson"] = json_for_script
    return env


_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def json_for_script(value: Any) -> Markup:
    """JSON to put inside <script>: Chinese as UTF-8 (a third of \\u escapes' bytes), and the
    characters that could end the script or an attribute escaped, as Jinja's own tojson does."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for unsafe, escaped in _SCRIPT_UNSAFE:
        text = text.replace(unsafe, escaped)
    return Markup(text)


def _yaml_text(text: str) -> Markup:
    """Front-matter text (title, description) as a YAML double-quoted scalar of HTML-escaped text.

    MkDocs themes print page.meta values into <title> and <meta> without escaping them, so the
    escaping happens here: data text always reaches the reader as text.
    """
    escaped = html.escape(str(text).replace("\n", " "), quote=True)
    return Markup('"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"')


class Renderer:
    """Renders one kind of page in one language with the shared globals every template needs."""

    def __init__(self, templates: Path, strings: Strings) -> None:
        self.env = environment(templates)
        self.strings = strings

    def render(
        self, kind: str, context: dict[str, Any], lang: str, specific: tuple[str, ...] = (), ext: str = ".md.j2"
    ) -> str:
        """A page from the most specific template that exists: kind/<key>.md.j2, then kind.md.j2.

        ext is .md.j2 for pages MkDocs renders and .html.j2 for content filled into a shell page.
        """
        names = [f"{kind}/{key}{ext}" for key in specific] + [f"{kind}{ext}"]
        template = self.env.select_template(names)
        links = Links(context["route"], lang)
        return template.render(
            **context,
            lang=lang,
            links=links,
            t=lambda key, **params: self.strings.get(key, lang, **params),
            tb=lambda key, **params: self.strings.get(key, BILINGUAL, **params),
            tr=lambda key, in_lang, **params: self.strings.get(key, in_lang, **params),
        )
