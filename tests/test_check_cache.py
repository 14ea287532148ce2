"""The check stage takes the parses and links of unchanged briefing files from the last build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.check_cache as check_cache
import generator.link as link
from generator.check_cache import CheckCache, cache_file
from generator.index import build_index
from generator.locales import load_config
from generator.pipeline import Checked, check
from generator.render_cache import structure_digest

from .conftest import MakeProject
from .factories import SMALL_SITE
from .test_incremental import FRENCH, add_filler, build


@pytest.fixture
def built(make_project: MakeProject) -> Path:
    project = make_project(SMALL_SITE)
    build(project)
    return project


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[str]:
    """Count the calls of ``module.name`` (the first argument of each, as text)."""
    calls: list[str] = []
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(str(getattr(args[0], "path", args[0])))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def checked_with_cache(project: Path) -> Checked:
    """The check of a build, with the cache, which is saved for the next."""
    config = load_config(project / "mkdocs.yml")
    cache = CheckCache.open(config)
    checked = check(config, cache)
    cache.save()
    return checked


def same_check(first: Checked, second: Checked) -> bool:
    return (
        first.content == second.content
        and first.linked.mentions == second.linked.mentions
        and first.diagnostics == second.diagnostics
    )


def test_an_edit_parses_and_links_only_the_edited_file(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache_file(load_config(built / "mkdocs.yml")).is_file()
    add_filler(built)
    parsed = counting(monkeypatch, check_cache, "parse_briefing")
    entries = counting(monkeypatch, check_cache, "parse_registry")
    linked = counting(monkeypatch, link, "link_briefing")
    built_matchers = counting(monkeypatch, link, "EntityMatcher")
    built_matchers += counting(monkeypatch, link, "date_matcher")
    cached = checked_with_cache(built)
    assert [Path(p).name for p in parsed] == [Path(FRENCH).name]
    assert entries == []
    assert [Path(p).name for p in linked] == [Path(FRENCH).name]
    assert built_matchers == []  # the automaton and the French grammar kept by the build
    assert same_check(cached, check(load_config(built / "mkdocs.yml")))


def test_nothing_is_linked_again_and_no_matcher_built_when_nothing_changed(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linked = counting(monkeypatch, link, "link_briefing")
    matchers = counting(monkeypatch, link, "EntityMatcher")
    checked_with_cache(built)
    assert linked == [] and matchers == []


def test_a_registry_change_links_every_briefing_again_without_parsing_them(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = built / "content/actors/msf.yml"
    actor.write_text(actor.read_text("utf-8").replace("[MSF]}", "[MSF, Médecins]}"), "utf-8")
    parsed = counting(monkeypatch, check_cache, "parse_briefing")
    entries = counting(monkeypatch, check_cache, "parse_registry")
    linked = counting(monkeypatch, link, "link_briefing")
    automata = counting(monkeypatch, link, "EntityMatcher")
    cached = checked_with_cache(built)
    assert parsed == []
    assert [Path(p).name for p in entries] == ["msf.yml"]
    assert len(linked) == len(cached.content.briefings) == 3
    assert len(automata) == 1
    assert same_check(cached, check(load_config(built / "mkdocs.yml")))


def test_a_removed_file_leaves_the_cache(built: Path) -> None:
    (built / FRENCH).unlink()
    checked = checked_with_cache(built)
    assert len(checked.content.briefings) == 2
    config = load_config(built / "mkdocs.yml")
    assert same_check(check(config, CheckCache.open(config)), checked)


def test_a_build_saves_the_cache_in_a_child_done_when_the_build_is(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_filler(built)
    build(built)
    parsed = counting(monkeypatch, check_cache, "parse_briefing")
    checked_with_cache(built)
    assert parsed == []


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_is_read_as_empty(built: Path, damage: bytes) -> None:
    cache_file(load_config(built / "mkdocs.yml")).write_bytes(damage)
    add_filler(built)
    assert same_check(checked_with_cache(built), check(load_config(built / "mkdocs.yml")))
    build(built)


def test_a_file_that_cannot_be_read_is_reported_as_without_the_cache(built: Path) -> None:
    path = built / FRENCH
    path.write_bytes(b"---\ntitle: \xff\n---\n")
    with pytest.raises(Exception) as raised:
        checked_with_cache(built)
    assert "2016-09-30-alep.fr.md:2" in str(raised.value)
    assert "file.encoding" in str(raised.value)


def test_the_structure_digest_is_the_same_from_the_cache_as_parsed_anew(built: Path) -> None:
    # Parsed anew, two equal strings may be one object; taken from the cache, two. A digest
    # that followed which strings are shared would render every page after every edit.
    config = load_config(built / "mkdocs.yml")
    fresh = structure_digest(build_index(check(config).linked))
    cached = structure_digest(build_index(check(config, CheckCache.open(config)).linked))
    assert fresh == cached
