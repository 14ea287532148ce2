"""What a build made, locale by locale, and the check that MkDocs wrote every page we rendered."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .feeds import FEED_FILE
from .locale_docs import LocaleDocs
from .paths import url_of

#: Kinds of page, by where they live in a locale's docs tree, in the order a report lists them.
PAGE_KINDS = (
    ("briefings", re.compile(r"briefings/\d{4}/")),
    ("actors", re.compile(r"actors/(?!index\.md)[^/]+\.md\Z")),
    ("places", re.compile(r"places/(?!index\.md)[^/]+\.md\Z")),
    ("date pages", re.compile(r"dates/\d{4}/")),
)
OTHER = "other pages"


def page_kind(path: str) -> str:
    """The kind of a docs page: briefings, actors, places, date pages or other pages."""
    return next((kind for kind, pattern in PAGE_KINDS if pattern.match(path)), OTHER)


def html_file(path: str) -> str:
    """The file MkDocs writes for a docs page: ``a/b.md`` → ``a/b/index.html``."""
    return url_of(path) + "index.html"


def missing_pages(docs: LocaleDocs, site_dir: Path) -> list[str]:
    """The pages of a locale's docs tree that MkDocs did not write into ``site_dir``."""
    return [path for path in docs.paths if not (site_dir / html_file(path)).is_file()]


@dataclass(frozen=True)
class LocaleReport:
    """What one locale's build made."""

    locale: str
    #: Rendered pages by kind, in PAGE_KINDS order then other pages.
    pages: tuple[tuple[str, int], ...]
    html_files: int
    feeds: int

    def __str__(self) -> str:
        counts = ", ".join(f"{count} {kind}" for kind, count in self.pages)
        feeds = f", {self.feeds} feed" + ("s" if self.feeds != 1 else "")
        return f"{self.locale}: {counts} → {self.html_files} HTML files{feeds}"


def locale_report(docs: LocaleDocs, files: Iterable[str]) -> LocaleReport:
    """Count a locale's pages by kind, and the HTML files and feeds in its output (``files``:
    the site's files, by path)."""
    counts = Counter(page_kind(path) for path in docs.paths)
    kinds = [kind for kind, _ in PAGE_KINDS] + [OTHER]
    prefix = f"{docs.locale}/"
    mine = [path for path in files if path.startswith(prefix)]
    return LocaleReport(
        docs.locale,
        tuple((kind, counts[kind]) for kind in kinds),
        sum(1 for path in mine if path.endswith(".html")),
        int(prefix + FEED_FILE in mine),
    )
