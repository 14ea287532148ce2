"""The cycle collector paused while the stages build the model; forked children run it on their
own objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import generator.pipeline
from generator.collector import collector_paused
from generator.forked import started_forked
from generator.locales import load_config
from generator.pipeline import check

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector running at the start of the test, and again after it."""
    gc.enable()
    yield
    gc.enable()


def test_paused_for_the_block_then_as_it_was(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not start it again
    assert gc.isenabled()
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()  # off before, off after


def test_paused_again_when_the_block_raises(collector_on: None) -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("stop")
    assert gc.isenabled()


def collector_in_child(_: None) -> tuple[bool, int, int]:
    cycle: list[Any] = []
    cycle.append(cycle)
    del cycle
    return gc.isenabled(), gc.get_freeze_count(), gc.collect()


def test_a_forked_child_collects_its_own_objects_only(collector_on: None) -> None:
    inherited = [[number] for number in range(20_000)]
    with collector_paused(), started_forked(collector_in_child, None) as collect:
        running, frozen, collected = collect()
    assert running  # on again in the child, though paused here
    assert frozen >= len(inherited)  # what the child inherited is never walked
    assert collected >= 1  # the cycle the child made
    assert gc.get_freeze_count() == 0  # frozen in the child only


def test_the_check_stages_run_with_the_collector_paused(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    find_mentions = generator.pipeline.find_mentions

    def spy(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return find_mentions(*args)

    monkeypatch.setattr(generator.pipeline, "find_mentions", spy)
    checked = check(load_config(ROOT / "mkdocs.yml"))
    assert checked.content.briefings
    assert seen == [False]
    assert gc.isenabled()
