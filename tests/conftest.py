"""Fixtures that build real projects and sites in temporary directories."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: Test briefings
site_url: https://example.org/
theme:
  name: material
  custom_dir: site_templates/overrides
  font: false
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
extra:
  locales: [fr, en, ar]
extra_css: [assets/briefing.css]
"""

MakeProject = Callable[..., Path]

#: Chromium, and the demo site over HTTP, for the browser and accessibility tests.
pytest_plugins = ["tests.browsing"]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write a project — mkdocs.yml, the real site_templates/, and ``files`` — into a temp dir.

    ``files`` maps paths under the project to their text (dedented); ``demo=True`` copies the
    project's own content/ first.
    """

    def make(
        files: dict[str, str] | None = None, *, demo: bool = False, mkdocs_yml: str = MKDOCS_YML
    ) -> Path:
        project = tmp_path / "project"
        project.mkdir(exist_ok=True)
        (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        shutil.copytree(ROOT / "site_templates", project / "site_templates", dirs_exist_ok=True)
        if demo:
            shutil.copytree(ROOT / "content", project / "content", dirs_exist_ok=True)
        for relative, text in (files or {}).items():
            path = project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return project

    return make


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own demo content, built once per test session; returns its site/."""
    from generator.locales import load_config
    from generator.pipeline import build

    project = tmp_path_factory.mktemp("demo")
    for name in ("content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content plus hostile texts, published under https://example.org/briefings/."""
    from .published import SUBPATH_URL, build_project

    return build_project(tmp_path_factory.mktemp("subpath"), site_url=SUBPATH_URL, hostile=True)


@pytest.fixture(scope="session")
def addressless_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built without a site_url: every link must then be relative."""
    from .published import build_project

    return build_project(tmp_path_factory.mktemp("addressless"), site_url="''")
