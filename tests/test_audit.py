"""Warnings about valid content: unlisted mentions, unused registry entries, stale translations."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.audit import audit, last_commits
from generator.link import find_mentions
from generator.load import load_content
from generator.validate import validate
from tests.conftest import MakeProject
from tests.factories import SMALL_REGISTRY, briefing


def warnings_of(project: Path) -> list[str]:
    content, diagnostics = validate(load_content(project / "content"), ("fr", "en", "ar"))
    assert not diagnostics
    found = audit(find_mentions(content), project / "content", "fr")
    return sorted(str(d).replace(f"{project}/", "") for d in found)


REGISTRY = SMALL_REGISTRY


def test_unlisted_mentions_and_unused_entries(make_project: MakeProject) -> None:
    project = make_project(
        {
            **REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing(
                "Alep",
                "fr",
                "Selon l’OMS, Alep a souffert.\n\nL’OMS le répète : Alep et Handarat.\n",
                actors="[who]",
                places="[handarat]",
            ),
        }
    )
    assert warnings_of(project) == [
        "content/actors/msf.yml:1:1: warning[registry.unused]: actor 'msf' is neither mentioned nor listed by any briefing",
        # Syria is used: Aleppo lies within it.
        "content/briefings/2016-09-30-alep.fr.md:9:14: warning[mention.unlisted]: 'Alep' is place 'aleppo', which the front matter's places does not list; add it there",
    ]


def test_stale_by_updated(make_project: MakeProject) -> None:
    project = make_project(
        {
            **REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing(
                "Alep", "fr", "Texte.\n", updated="2016-10-02"
            ),
            "content/briefings/2016-09-30-alep.en.md": briefing(
                "Aleppo", "en", "Text.\n", updated="2016-10-01"
            ),
            "content/briefings/2016-09-30-msf.fr.md": briefing(
                "MSF", "fr", "Texte.\n", updated="2016-10-01"
            ),
            "content/briefings/2016-10-01-msf.en.md": briefing(
                "MSF", "en", "Text.\n", day="2016-10-01", updated="2016-10-03"
            ),
        }
    )
    stale = [w for w in warnings_of(project) if "translation.stale" in w]
    assert stale == [
        "content/briefings/2016-09-30-alep.en.md:1:1: warning[translation.stale]: the fr original (content/briefings/2016-09-30-alep.fr.md) was updated 2016-10-02; bring this translation up to date and set its 'updated'"
    ]


def test_stale_by_git_history(make_project: MakeProject) -> None:
    project = make_project(
        {
            **REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing("Alep", "fr", "Texte.\n"),
            "content/briefings/2016-09-30-alep.en.md": briefing("Aleppo", "en", "Text.\n"),
        }
    )

    def git(*args: str, when: str) -> None:
        stamp = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
        identity |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        env = {**os.environ, **stamp, **identity}
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    git("init", "-q", when="2016-10-01T10:00:00")
    git("add", ".", when="2016-10-01T10:00:00")
    git("commit", "-qm", "first", when="2016-10-01T10:00:00")
    assert not [w for w in warnings_of(project) if "translation.stale" in w]
    original = project / "content/briefings/2016-09-30-alep.fr.md"
    original.write_text(original.read_text(encoding="utf-8") + "Ajout.\n", encoding="utf-8")
    git("commit", "-qam", "edit the original", when="2016-10-02T10:00:00")
    times = last_commits(project / "content")
    folder = f"{project}/content/briefings"
    assert times[f"{folder}/2016-09-30-alep.fr.md"] > times[f"{folder}/2016-09-30-alep.en.md"]
    assert [w for w in warnings_of(project) if "translation.stale" in w] == [
        "content/briefings/2016-09-30-alep.en.md:1:1: warning[translation.stale]: the fr original (content/briefings/2016-09-30-alep.fr.md) was changed in a later commit; bring this translation up to date and set its 'updated'"
    ]


def test_outside_git_no_history(tmp_path: Path) -> None:
    (tmp_path / "briefings").mkdir()
    assert last_commits(tmp_path) == {}
