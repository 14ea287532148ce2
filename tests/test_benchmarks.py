"""The benchmarks run (timings belong in benchmarks/RESULTS.md, never in tests)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_link_speed_benchmark_runs_at_a_tiny_size() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/link_speed.py"),
            "--entities",
            "40",
            "--briefings",
            "3",
            "--passes",
            "1",
            "--lang",
            "ar",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "briefings: 3 in 'ar'" in result.stdout
    assert "briefings/s" in result.stdout


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path; a symbolic link by its target."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[relative] = str(path.readlink()).encode()
        elif path.is_file() and not relative.startswith("site_templates/"):
            found[relative] = path.read_bytes()
    return found


def _corpus(target: Path, n: int) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/corpus.py"), "--n", str(n), str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_corpus_is_deterministic_and_passes_check(tmp_path: Path) -> None:
    _corpus(tmp_path / "one", 12)
    _corpus(tmp_path / "two", 12)
    one = _tree(tmp_path / "one")
    assert one == _tree(tmp_path / "two")
    briefings = [p for p in one if p.startswith("content/briefings/")]
    assert len(briefings) == 12
    assert sum(p.startswith("content/actors/") for p in one) == 300
    assert sum(p.startswith("content/places/") for p in one) == 200
    slugs = [p.rsplit("/", 1)[1].split(".")[0] for p in briefings]
    assert len(set(slugs)) < len(slugs), "some stories are translated (one slug, two files)"
    assert {p.split(".")[-2] for p in briefings} == {"fr", "en"}
    assert b"within: " in one["content/places/" + _first_city(one)]
    check = subprocess.run(
        [str(Path(sys.executable).with_name("briefing")), "check"],
        cwd=tmp_path / "one",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr
    assert "12 briefings, 300 actors, 200 places: 0 error(s)" in check.stderr


def test_corpus_briefings_mention_actors_places_and_dates(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus", 2)
    project = tmp_path / "corpus"
    briefing = sorted((project / "content/briefings").glob("*.fr.md"))[0]
    words = len(briefing.read_text("utf-8").split("\n---\n", 1)[1].split())
    assert 550 <= words <= 800
    result = subprocess.run(
        [str(Path(sys.executable).with_name("briefing")), "annotate", str(briefing)],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    kinds = [m["kind"] for m in json.loads(result.stdout)["mentions"]]
    assert kinds.count("actor") >= 5 and kinds.count("place") >= 5 and kinds.count("date") >= 1


def _first_city(tree: dict[str, bytes]) -> str:
    return next(
        p.rsplit("/", 1)[1]
        for p, text in tree.items()
        if p.startswith("content/places/") and text.startswith(b"kind: city")
    )


def test_side_by_side_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/run.py"),
            "--n",
            "4",
            "--repeat",
            "1",
            "--json",
            str(out),
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text("utf-8"))
    assert set(figures) == {
        "n",
        "ours_s",
        "stages_s",
        "plain_material_s",
        "hugo_s",
        "noop_rebuild_s",
        "edit_rebuild_s",
        "pages",
        "peak_mib",
    }
    assert figures["n"] == 4
    assert set(figures["stages_s"]) == {
        "load",
        "validate",
        "link",
        "index",
        "render",
        "write",
        "mkdocs",
        "before_mkdocs",
    }
    assert all(value is not None and value > 0 for value in figures["stages_s"].values())
    # 300 actors and 200 places, in three locales, are pages whatever N is.
    assert figures["pages"] > 3 * 500
    assert figures["peak_mib"] > 50
    assert (figures["hugo_s"] is None) == (shutil.which("hugo") is None)
    assert "ours / plain Material" in result.stdout
    assert "pages/s" in result.stdout
    assert list(tmp_path.glob("briefing-bench-*")) == [], "the work folder is removed"


def test_utilisation_timeline_runs_at_a_tiny_size(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/utilisation.py"), "--n", "2", "--project",
         str(tmp_path / "ours")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("clean build: ")
    assert any("cores" in line and "stage: check" in line for line in lines[1:])
    assert lines[-1].startswith("idle core-seconds: ")
    assert (tmp_path / "ours/site/fr/index.html").is_file()
