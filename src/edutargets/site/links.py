"""Page paths and relative links, so the site works under any base path."""

from __future__ import annotations

from dataclasses import dataclass


def page_path(route: str, lang: str) -> str:
    """The Markdown file for a route ('' is home, 'regions/330300/' a region) in a language."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return f"{prefix}{route}index.md"


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
        prefix = "" if self.lang == "zh" else f"{self.lang}/"
        return f"{self.root}{prefix}{route}" or "./"

    def source(self, source_id: str) -> str:
        """A source document's page in this page's language."""
        return self.page(f"sources/{source_id}/")

    def file(self, path: str) -> str:
        return f"{self.root}{path}" or "./"

    def other_language(self) -> str:
        """The same page in the other language."""
        target = "en/" + self.route if self.lang == "zh" else self.route
        return f"{self.root}{target}" or "./"
