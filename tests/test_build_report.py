"""The build says what it made, locale by locale, and fails when MkDocs left a page out."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.build_report import html_file, page_kind
from generator.cli import main

from .conftest import MKDOCS_YML, MakeProject
from .factories import SMALL_SITE
from .treehash import hash_tree


def build(project: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    return result.exit_code, result.stdout, result.stderr


def test_page_kinds_and_files() -> None:
    assert page_kind("briefings/2016/09/30/2016-09-30-alep.md") == "briefings"
    assert page_kind("briefings/index.md") == "other pages"
    assert page_kind("actors/who.md") == "actors"
    assert page_kind("actors/index.md") == "other pages"
    assert page_kind("places/aleppo.md") == "places"
    assert page_kind("dates/2016/09/30.md") == "date pages"
    assert page_kind("dates/2016/09/index.md") == "date pages"
    assert page_kind("dates/index.md") == "other pages"
    assert page_kind("timeline/index.md") == "other pages"
    assert html_file("index.md") == "index.html"
    assert html_file("actors/who.md") == "actors/who/index.html"
    assert html_file("dates/2016/index.md") == "dates/2016/index.html"


def test_build_prints_a_line_per_locale(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, out, err = build(project)
    assert code == 0, err
    lines = out.splitlines()
    # 2 stories; who and msf; aleppo, syria, handarat; 3 days (09-29, 09-30, 10-01 or 10-02…).
    for locale in ("fr", "en", "ar"):
        [line] = [line for line in lines if line.startswith(f"{locale}: ")]
        found = re.fullmatch(
            rf"{locale}: 2 briefings, 2 actors, 3 places, (\d+) date pages, 6 other pages"
            r" → (\d+) HTML files, 1 feed",
            line,
        )
        assert found, line
        days = len(list((project / "site" / locale / "dates").glob("*/*/*/index.html")))
        months = len(list((project / "site" / locale / "dates").glob("*/*/index.html")))
        years = len(list((project / "site" / locale / "dates").glob("*/index.html")))
        assert int(found[1]) == days + months + years > 0
        html = len(list((project / "site" / locale).rglob("*.html")))
        assert int(found[2]) == html == 2 + 2 + 3 + int(found[1]) + 6 + 1  # and 404.html
    api = sum(1 for p in (project / "site/api").rglob("*") if p.is_file())
    assert f"api: {api} open data files" in lines


def test_a_page_mkdocs_leaves_out_fails_the_build(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    assert build(project)[0] == 0
    before = hash_tree(project / "site")
    # A page MkDocs excludes is not written; links to it are only logged, so MkDocs succeeds.
    (project / "mkdocs.yml").write_text(MKDOCS_YML + "exclude_docs: actors/msf.md\n", "utf-8")
    code, out, err = build(project)
    assert code == 1
    assert "MkDocs did not write 3 page(s)" in err
    for locale in ("fr", "en", "ar"):
        assert f"{locale}/actors/msf.md → {locale}/actors/msf/index.html is missing" in err
    assert hash_tree(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith((".build-", "site."))]
