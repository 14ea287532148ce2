"""Material's frame rendered once per place and reused: the same pages as rendering it every time."""

from __future__ import annotations

import shutil
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import DictLoader, Environment

from generator import theme_frame
from generator.locales import load_config
from generator.pipeline import build
from generator.recycle import wait_for_kept_tree

from .conftest import MKDOCS_YML, MakeProject
from .published import HOSTILE_FILES
from .treehash import differences, hash_tree

#: Material's features that change what its frame prints: previous/next links, sections'
#: index pages, tabs inside the header, the table of contents inside the navigation, breadcrumbs.
FEATURES = {
    "footer": "[navigation.tabs, navigation.footer, navigation.indexes, navigation.top]",
    "integrated": "[navigation.tabs, navigation.tabs.sticky, toc.integrate, navigation.path]",
}


@pytest.mark.parametrize("features", [None, *FEATURES])
def test_reused_frames_give_the_pages_rendered_in_full(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, features: str | None
) -> None:
    mkdocs_yml = MKDOCS_YML
    if features is not None:
        line = f"  font: false\n  features: {FEATURES[features]}\n"
        mkdocs_yml = MKDOCS_YML.replace("  font: false\n", line)
    project = make_project(HOSTILE_FILES, demo=True, mkdocs_yml=mkdocs_yml)
    config = load_config(project / "mkdocs.yml")
    build(config)
    framed = hash_tree(project / "site")
    monkeypatch.setenv(theme_frame.NO_CACHE, "1")
    wait_for_kept_tree(config)  # made after a first build, inside the cache folder
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".briefing-cache")
    build(config)  # afresh: no page of the first build reused
    assert differences(framed, hash_tree(project / "site")) == []
    assert sum(path.endswith(".html") for path in framed) > 100


class Page(SimpleNamespace):
    """What Material's frame reads of a page."""


def _page(url: str, title: str) -> Page:
    return Page(url=url, title=title, meta={"title": title}, previous_page=None, next_page=None)


def _render(template: str, page: Page, nav: Any, calls: list[str]) -> str:
    env = Environment()
    env.globals["briefing_frame"] = theme_frame.frame
    env.globals["count"] = lambda: calls.append(page.url) or ""
    source = "{% macro block() %}{{ count() }}" + template + "{% endmacro %}"
    source += '{{ briefing_frame("header", block) }}'
    return env.from_string(source).render(page=page, nav=nav, base_url="../..")


def test_a_frame_is_rendered_once_per_place_with_each_page_s_title() -> None:
    home = _page("", "Home")
    nav = SimpleNamespace(pages=[home], items=[], homepage=home)
    calls: list[str] = []
    template = "<h1>{{ page.meta.title }}</h1>"
    first = _render(template, _page("actors/a/", "A & <b>"), nav, calls)
    second = _render(template, _page("actors/b/", "B"), nav, calls)
    deeper = _render(template, _page("actors/b/c/", "C"), nav, calls)
    assert (first, second, deeper) == ("<h1>A & <b></h1>", "<h1>B</h1>", "<h1>C</h1>")
    assert calls == ["actors/a/", "actors/b/c/"]  # b reused a's frame; c is deeper
    _render(template, home, nav, calls)
    _render(template, home, nav, calls)
    assert calls[2:] == ["", ""]  # a page of the navigation is rendered every time
    assert home.meta == {"title": "Home"}


def test_the_labels_module_is_made_once_per_config() -> None:
    labels = "{% macro t(key) %}{{ config.lang }}:{{ key }}{% endmacro %}"
    page = '{% import "partials/language.html" as lang with context %}{{ lang.t(page) }}'
    env = Environment(loader=DictLoader({theme_frame.LANGUAGE_MODULE: labels, "page.html": page}))
    template = env.get_template(theme_frame.LANGUAGE_MODULE)
    made: list[str] = []
    make_module = template.make_module

    def counted(vars: Any = None, shared: bool = False, locals: Any = None) -> Any:
        made.append(vars["config"].lang)
        return make_module(vars, shared, locals)

    template.make_module = counted  # type: ignore[method-assign]
    theme_frame.reuse_language_module(env)
    render = env.get_template("page.html").render
    fr, ar = SimpleNamespace(lang="fr"), SimpleNamespace(lang="ar")
    assert [render(config=fr, page=name) for name in ("a", "b")] == ["fr:a", "fr:b"]
    assert render(config=ar, page="c") == "ar:c"  # another build's config
    assert made == ["fr", "ar"]
