"""Feeds, sitemaps and open data: the same bytes on every build, and no half-written site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.locales import load_config

from .conftest import MakeProject
from .published import build_project


def published_files(site: Path) -> dict[str, bytes]:
    found = [*site.glob("*/feed.xml"), *site.glob("**/sitemap.xml*"), *site.glob("api/**/*")]
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(found) if p.is_file()}


def test_two_builds_write_identical_bytes(demo_site: Path, tmp_path: Path) -> None:
    again = build_project(tmp_path, site_url="https://example.org/")
    first, second = published_files(demo_site), published_files(again)
    assert len(first) == 3 + 1 + 3 * 2 + 7 + 6  # feeds, sitemaps (+ .gz), api, schemas
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_failing_output_leaves_the_published_site_untouched(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(demo=True)
    (project / "site").mkdir()
    (project / "site" / "published.txt").write_text("the site readers see", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise RuntimeError("open data failed")

    monkeypatch.setattr(pipeline, "write_open_data", fail)
    with pytest.raises(RuntimeError, match="open data failed"):
        pipeline.build(load_config(project / "mkdocs.yml"))
    assert sorted(p.name for p in (project / "site").iterdir()) == ["published.txt"]
    # No staging folder is left; the cache beside the site keeps the docs trees written.
    assert sorted(p.name for p in project.iterdir()) == [
        ".briefing-cache",
        "content",
        "mkdocs.yml",
        "site",
        "site_templates",
    ]
