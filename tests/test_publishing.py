"""Publishing: the site under a sub-path, the GitHub Pages workflow, the pre-commit hooks."""

from __future__ import annotations

import importlib
import re
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import click
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.locales import load_config
from generator.pipeline import build

from .conftest import ROOT, MakeProject
from .factories import SMALL_SITE
from .sitecheck import html_files, links_of

BASE = "https://example.org/briefings/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built for https://example.org/briefings/, set in mkdocs.yml."""
    project = tmp_path_factory.mktemp("subpath")
    for name in ("content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {BASE}", text)
    assert count == 1
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


def address_of(site: Path, page: Path) -> str:
    """The page's address once the site is served at BASE."""
    relative = page.relative_to(site).as_posix()
    return BASE + relative.removesuffix("index.html")


def file_at(site: Path, url: str) -> Path | None:
    """The file served at ``url``, when it lies under BASE; None elsewhere."""
    url = urldefrag(url).url.split("?")[0]
    if not url.startswith(BASE):
        return None
    target = site / url.removeprefix(BASE)
    return target / "index.html" if url.endswith("/") or target.is_dir() else target


def test_every_internal_link_resolves_under_the_sub_path(subpath_site: Path) -> None:
    broken, checked = [], 0
    for page in html_files(subpath_site):
        here = address_of(subpath_site, page)
        for _tag, _attr, link in links_of(page.read_text(encoding="utf-8")):
            url = urljoin(here, link)
            if urlsplit(url).netloc != "example.org":
                continue  # another site: the sources, Material's credit
            target = file_at(subpath_site, url)
            checked += 1
            if target is None or not target.resolve().is_file():
                broken.append(f"{page.relative_to(subpath_site)} -> {link}")
    assert checked > 5000
    assert broken == []


def test_no_link_assumes_the_site_is_at_the_root(subpath_site: Path) -> None:
    rooted = sorted(
        f"{page.relative_to(subpath_site)} -> {link}"
        for page in html_files(subpath_site)
        for _tag, _attr, link in links_of(page.read_text(encoding="utf-8"))
        if link.startswith("/") and not link.startswith(("//", "/briefings/"))
    )
    assert rooted == []


class _HeadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            self.links.append({k: v or "" for k, v in attrs})


def head_links(page: Path, rel: str) -> list[dict[str, str]]:
    parser = _HeadLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if link.get("rel") == rel]


def test_canonical_and_hreflang_addresses_carry_the_sub_path(subpath_site: Path) -> None:
    pages = [
        p for p in html_files(subpath_site) if p.name != "404.html" and p.parent != subpath_site
    ]
    assert len(pages) > 100
    for page in pages:
        [canonical] = head_links(page, "canonical")
        assert canonical["href"] == address_of(subpath_site, page), page
        alternates = [link for link in head_links(page, "alternate") if "hreflang" in link]
        assert alternates, page
        for link in alternates:
            target = file_at(subpath_site, link["href"])
            assert target is not None and target.is_file(), (page, link)
    briefing = subpath_site / "fr/briefings/2016/09/30/2016-09-30-alep-offensive/index.html"
    hreflangs = {
        link["hreflang"]: link["href"]
        for link in head_links(briefing, "alternate")
        if "hreflang" in link
    }
    assert hreflangs["en"] == BASE + "en/briefings/2016/09/30/2016-09-30-alep-offensive/"


def test_build_site_url_option_overrides_mkdocs_yml(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    result = CliRunner().invoke(
        main,
        ["build", "--site-url", "https://example.net/news", "-f", str(project / "mkdocs.yml")],
    )
    assert result.exit_code == 0, result.stderr
    page = project / "site/en/actors/who/index.html"
    [canonical] = head_links(page, "canonical")
    assert canonical["href"] == "https://example.net/news/en/actors/who/"


def _script(name: str) -> click.Group:
    """The callable a console script of pyproject.toml names."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, attribute = scripts[name].partition(":")
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Group)
    return command


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^([\w-]+):", text))


def test_the_pre_commit_hook_names_a_real_command() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "briefing-check"
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    program, subcommand = hook["entry"].split()
    assert subcommand in _script(program).commands
    files = re.compile(hook["files"])
    for path in ("content/briefings/a.fr.md", "content/places/homs.yml", "mkdocs.yml"):
        assert files.search(path), path
    assert files.search("site_templates/pages/briefing.html.j2")
    for path in ("generator/cli.py", "README.md", "docs/mkdocs.yml"):
        assert not files.search(path), path


def test_the_projects_pre_commit_config_uses_the_hook_through_make() -> None:
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert hooks["briefing-check"]["files"] == offered["files"]
    targets = _make_targets()
    for hook in hooks.values():
        assert hook["language"] == "unsupported" and hook["pass_filenames"] is False
        words = hook["entry"].split()
        assert words[0] == "make" and words[-1] in targets, hook["entry"]


def test_the_pages_workflow_builds_with_make_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in ("actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"):
        assert action in uses
    [run] = [step["run"] for step in steps if "run" in step]
    assert run.startswith("make site SITE_URL=")
    assert "site" in _make_targets()
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_readme_explains_publishing_and_links_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\n## Publishing\n" in readme
    assert "](docs/authoring.md)" in readme
    assert ".github/workflows/pages.yml" in readme
