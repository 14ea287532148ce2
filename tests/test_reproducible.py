"""Two builds of the same content are byte-identical, whatever the machine's settings and clock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .treehash import differences, hash_tree

#: Two machines that differ in every setting a build could pick up: hash seed, time zone,
#: locale (installed or not, a locale's absence must change nothing either), clock.
MACHINES = {
    "first": {
        "PYTHONHASHSEED": "1",
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": "1475280000",  # 2016-10-01
    },
    "second": {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",  # UTC+14: a different calendar day for most of the world
        "LANG": "fr_FR.UTF-8",
        "LANGUAGE": "ar:fr",
        "LC_TIME": "ar_SY.UTF-8",
        "LC_NUMERIC": "fr_FR.UTF-8",
        "LC_COLLATE": "fr_FR.UTF-8",
        "SOURCE_DATE_EPOCH": "1893456000",  # 2030-01-01
    },
}
SETTINGS = {"PYTHONHASHSEED", "TZ", "LANG", "LANGUAGE", "SOURCE_DATE_EPOCH"}


def build_in(project: Path, machine: dict[str, str], *options: str) -> Path:
    """Build ``project`` with ``briefing build`` in a process with the machine's settings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in SETTINGS and not name.startswith("LC_")
    }
    result = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", "build", *options],
        cwd=project,
        env={**env, **machine},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo project built on each machine, from two different folders."""
    from .published import HOSTILE_FILES

    sites = {}
    for name, machine in MACHINES.items():
        project = tmp_path_factory.mktemp(f"reproducible-{name}")
        for folder in ("content", "site_templates"):
            shutil.copytree(ROOT / folder, project / folder)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        for relative, text in HOSTILE_FILES.items():
            (project / relative).write_text(text, encoding="utf-8")
        # One build runs its locales one at a time, the other all at once.
        sites[name] = build_in(project, machine, *(["--jobs", "1"] if name == "first" else []))
    return sites


def test_two_builds_are_byte_identical(two_builds: dict[str, Path]) -> None:
    first, second = (hash_tree(site) for site in two_builds.values())
    assert len(first) > 100
    assert differences(first, second) == []


def test_no_build_path_leaks_into_the_site(two_builds: dict[str, Path]) -> None:
    for site in two_builds.values():
        project = str(site.parent)
        for path in sorted(site.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                assert project.encode() not in data, path
                assert b"/.build-" not in data, path
                assert b"/tmp/" not in data, path
