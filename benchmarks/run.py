"""Side-by-side benchmark: our build against plain Material and Hugo on the same corpus.

    python benchmarks/run.py --n 1000 [--repeat 3] [--json OUT.json] [--profile [LOCALE]]

In one run, on a synthetic corpus of N briefing files (``corpus.py``), each figure the median of
``--repeat`` runs taken in turn (ours, stages, plain, Hugo, then again), so that a change in the
machine's load touches them all alike:

- ``ours_s``: a clean ``briefing build`` (every locale), in a subprocess; ``pages``: HTML files
  it made; ``peak_mib``: the highest sum of the memory (PSS) of the build's whole process tree
  (the CLI, its forked render workers and the MkDocs processes running at once), sampled every
  100 ms with psutil during one more clean build, untimed;
- ``noop_rebuild_s``: ``briefing build`` again, nothing changed; ``edit_rebuild_s``: again after
  one briefing's body gained a sentence with no mention in it;
- ``stages_s``: load, validate, link, index, render, write, mkdocs and before_mkdocs
  (``stages.py``; render overlaps mkdocs);
- ``plain_material_s``: plain Material, one ``mkdocs build`` per locale side by side, on plain
  pages of the sizes and paths our render made (``twins.py``);
- ``hugo_s``: Hugo on the same stories with actors, places and dates taxonomies (null without
  ``hugo`` on PATH).

``--profile`` also profiles one locale's MkDocs build (cProfile) and prints the top functions.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # ships no type hints
from corpus import FILLER, write_project
from twins import build_hugo, build_plain, write_hugo, write_plain

from generator.locales import load_config
from generator.publish import staging_at_work
from generator.recycle import wait_for_kept_tree

HERE = Path(__file__).resolve().parent
#: The longest ``settle`` waits for a build's background processes, in seconds.
SETTLE_WAIT = 120.0
GENERATOR = HERE.parent / "generator"
LOCALES = ("fr", "en", "ar")
#: What the corpus project holds before any build; anything else (site, caches) is output.
INPUTS = {"content", "mkdocs.yml", "site_templates", "corpus.json"}


def briefing_command() -> list[str]:
    """The ``briefing`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("briefing")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from generator.cli import main; main()"]


def settle(project: Path) -> None:
    """Wait for the processes the last build left at work: the one removing the site it
    replaced (``publish.remove_later``) and, after a clean build, the one making the next
    build's tree inside the cache folder (``recycle.keep_later``). Their disk work would slow
    the next timed build, ours or a twin's, and ``clean`` would race them."""
    if not (project / "mkdocs.yml").is_file():
        return
    config = load_config(project / "mkdocs.yml")
    wait_for_kept_tree(config)
    deadline = time.monotonic() + SETTLE_WAIT
    while staging_at_work(config.output_dir.parent) and time.monotonic() < deadline:
        time.sleep(0.02)


def clean(project: Path) -> None:
    """Remove every output of earlier builds (site, staging folders, caches) from the project."""
    settle(project)
    for entry in project.iterdir():
        if entry.name not in INPUTS:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink(missing_ok=True)  # a folder its remover just took away


class PeakMemory:
    """Samples the memory of a process and all its descendants; keeps the highest sum.

    Each process counts its proportional set size (PSS: its own pages, plus its share of pages
    it shares), so that forked workers sharing the parent's pages are not counted twice, as a
    sum of resident sizes would; RSS is the fallback where PSS cannot be read. Reading PSS walks
    a process's page tables (about 10 ms for 300 MB), which slows the process read: the timed
    builds are not sampled, a build of its own is (``measure``).
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            total = 0
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for process in processes:
                try:
                    total += _proportional(process)
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._done.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._done.set()
        self._thread.join()
        return self.peak


def _proportional(process: Any) -> int:
    try:
        return int(process.memory_full_info().pss)
    except (AttributeError, psutil.AccessDenied):
        return int(process.memory_info().rss)


def run_build(project: Path, *, measure_memory: bool = False) -> tuple[float, int]:
    """``briefing build`` in the project: (wall seconds, peak bytes of the process tree or 0)."""
    command = [*briefing_command(), "build", "-f", str(project / "mkdocs.yml")]
    os.sync()  # untimed: the last build's files written out, not flushed during this one
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = PeakMemory(process.pid) if measure_memory else None
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    peak = sampler.stop() if sampler else 0
    if process.returncode != 0:
        raise SystemExit(f"briefing build failed ({process.returncode}):\n{out}\n{err}")
    return elapsed, peak


def run_stages(project: Path, *extra: str) -> dict[str, Any]:
    """One instrumented clean build (``stages.py``): its stage seconds."""
    clean(project)
    result = subprocess.run(
        [sys.executable, str(HERE / "stages.py"), str(project), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"stages.py failed:\n{result.stderr}")
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def edit_one_briefing(project: Path, round_number: int) -> None:
    """Add a sentence of filler words (no name, no date) to a French briefing's last paragraph."""
    files = sorted((project / "content/briefings").glob("*.fr.md"))
    target = files[len(files) // 2]
    words = random.Random(f"edit-{round_number}").choices(FILLER["fr"], k=12)
    text = target.read_text("utf-8").rstrip("\n")
    target.write_text(f"{text} {' '.join(words).capitalize()}.\n", "utf-8")


def html_files(folder: Path) -> int:
    """How many HTML pages a build made."""
    return sum(1 for _ in folder.rglob("*.html"))


def median_stages(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    """The median of each stage over runs (None where a stage was not timed)."""
    names = list(runs[0]["stages"])
    medians: dict[str, float | None] = {}
    for name in names:
        values = [run["stages"][name] for run in runs if run["stages"].get(name) is not None]
        medians[name] = round(statistics.median(values), 3) if values else None
    return medians


def measure(n: int, repeat: int, work: Path, profile: str | None) -> dict[str, Any]:
    """Every figure of the benchmark, at ``n`` briefing files."""
    ours = write_project(work / "ours", n)
    sizes_file = work / "pages.json"
    print(f"corpus: {n} briefing files in {ours}", file=sys.stderr)
    first = run_stages(ours, "--pages", str(sizes_file))
    sizes = json.loads(sizes_file.read_text("utf-8"))
    plain_configs = write_plain(work / "plain", sizes, ours / "mkdocs.yml")
    hugo = write_hugo(work / "hugo", ours, LOCALES) if shutil.which("hugo") else None
    original = {p: p.read_bytes() for p in (ours / "content/briefings").glob("*.fr.md")}
    clean_s, noop_s, edit_s, plain_s, hugo_s, peaks = [], [], [], [], [], []
    stage_runs = [first]
    pages = plain_pages = hugo_pages = 0
    for round_number in range(repeat):
        print(f"round {round_number + 1}/{repeat}", file=sys.stderr)
        clean(ours)
        clean_s.append(run_build(ours)[0])
        pages = html_files(ours / "site")
        noop_s.append(run_build(ours)[0])  # again at once, as an author would
        edit_one_briefing(ours, round_number)
        edit_s.append(run_build(ours)[0])
        # The twins right after (our three builds take seconds beyond the clean one): this
        # machine's speed drifts by a third within minutes (Hugo 4.4 then 10.3 s in one run),
        # and a ratio is only as good as the nearness of its two times. Every timed build
        # starts once the files of the one before are written out (``os.sync``): a build that
        # runs while the last one's files are flushed to disk was slowed by a tenth to a third.
        settle(ours)  # the edit build's remover ends before the twins start
        plain_s.append(build_plain(plain_configs))
        plain_pages = html_files(work / "plain/site")
        if hugo is not None:
            hugo_s.append(build_hugo(hugo))
            hugo_pages = html_files(hugo / "public")
        if round_number:  # the first stage run, for the page sizes, counts as round one's
            stage_runs.append(run_stages(ours))
        print(
            f"  clean {clean_s[-1]:.2f} s ({pages} pages), "
            f"no-op {noop_s[-1]:.2f} s, edit {edit_s[-1]:.2f} s, "
            f"stages {stage_runs[-1]['stages']}, plain {plain_s[-1]:.2f} s, "
            f"hugo {hugo_s[-1] if hugo_s else None}; load {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
        )
    for path, data in original.items():
        path.write_bytes(data)
    clean(ours)
    peaks.append(run_build(ours, measure_memory=True)[1])  # untimed: sampling slows the build
    if profile:
        show_profile(ours, profile, work)
    return {
        "figures": {
            "n": n,
            "ours_s": round(statistics.median(clean_s), 3),
            "stages_s": median_stages(stage_runs),
            "plain_material_s": round(statistics.median(plain_s), 3),
            "hugo_s": round(statistics.median(hugo_s), 3) if hugo_s else None,
            "noop_rebuild_s": round(statistics.median(noop_s), 3),
            "edit_rebuild_s": round(statistics.median(edit_s), 3),
            "pages": pages,
            "peak_mib": round(max(peaks) / 2**20, 1),
        },
        "plain_pages": plain_pages,
        "hugo_pages": hugo_pages,
        "docs_pages": {locale: len(found) for locale, found in sizes.items()},
    }


def show_profile(project: Path, locale: str, work: Path) -> None:
    """Profile one locale's MkDocs build inside a clean build of ours, and the plain twin's
    build of the same locale; print the top 25 functions of ours, and where ours costs more."""
    ours_file, plain_file = work / f"mkdocs-{locale}.prof", work / f"plain-{locale}.prof"
    run_stages(project, "--profile", locale, str(ours_file))
    plain_config = work / "plain" / f"mkdocs.{locale}.yml"
    shutil.rmtree(work / "plain" / "site", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(plain_file), "-m", "mkdocs", "build"]
        + ["--quiet", "--strict", "-f", str(plain_config)],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    ours, plain = pstats.Stats(str(ours_file)), pstats.Stats(str(plain_file))
    total = ours.total_tt  # type: ignore[attr-defined]  # set by pstats, not in its stubs
    plain_total = plain.total_tt  # type: ignore[attr-defined]
    print(
        f"\nMkDocs build of '{locale}' under cProfile: ours {total:.1f} s, "
        f"plain twin {plain_total:.1f} s (profiling slows both alike)"
    )
    header = f"{'calls':>12} {'own s':>8} {'cum s':>8}  function"
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own time")):
        print(f"\nours: top 25 by {title} (start-up frames left out)\n{header}")
        for calls, own, cumulative, name in top_functions(ours, key, 25):
            print(f"{calls:>12} {own:8.2f} {cumulative:8.2f}  {name}")
    print("\nwhere ours costs more than the plain twin: top 25 by extra cumulative time")
    print(f"{'ours calls':>12} {'plain calls':>12} {'ours cum':>9} {'plain cum':>9}  function")
    plain_rows = {row[3]: row for row in top_functions(plain, "cumulative", None)}
    extra = []
    for calls, _, cumulative, name in top_functions(ours, "cumulative", None):
        twin = plain_rows.get(name, ("0", 0.0, 0.0, name))
        extra.append((cumulative - twin[2], calls, twin[0], cumulative, twin[2], name))
    for _, calls, twin_calls, cumulative, twin_cumulative, name in sorted(extra)[::-1][:25]:
        print(f"{calls:>12} {twin_calls:>12} {cumulative:9.2f} {twin_cumulative:9.2f}  {name}")
    print(f"(stats: {ours_file} and {plain_file}, kept with --keep; python -m pstats reads them)")


#: Frames that only start MkDocs (the interpreter, runpy, click): they hide the build's own.
STARTUP = ("<frozen runpy>", "<string>", "click/core.py", "mkdocs/__main__.py", "builtins.exec")


def top_functions(
    stats: pstats.Stats, key: str, count: int | None
) -> list[tuple[str, float, float, str]]:
    """The ``count`` costliest functions (all: None) by ``key``: 'cumulative' or 'tottime'."""
    rows = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]  # pstats' own table
    for (file, line, function), (primitive, calls, own, cumulative, _) in raw.items():
        name = f"{_short(file)}:{line}({function})" if line else function
        if any(frame in name for frame in STARTUP):
            continue
        shown = str(calls) if calls == primitive else f"{calls}/{primitive}"
        rows.append((shown, own, cumulative, name))
    position = 2 if key == "cumulative" else 1
    return sorted(rows, key=lambda row: -float(row[position]))[:count]


def _short(file: str) -> str:
    """A path from its package on: site-packages/markdown/core.py → markdown/core.py."""
    if "site-packages/" in file:
        return file.split("site-packages/", 1)[1]
    if "site_templates/" in file:
        return "site_templates/" + file.split("site_templates/", 1)[1]
    return file


def table(result: dict[str, Any]) -> str:
    """The figures as a table, with pages per second and ratios."""
    f = result["figures"]
    rows = [("ours: clean briefing build", f["ours_s"], f["pages"])]
    rows.append(("plain Material, same page count", f["plain_material_s"], result["plain_pages"]))
    rows.append(("Hugo, same stories", f["hugo_s"], result["hugo_pages"]))
    rows.append(("ours: rebuild, nothing changed", f["noop_rebuild_s"], f["pages"]))
    rows.append(("ours: rebuild after one edit", f["edit_rebuild_s"], f["pages"]))
    lines = [f"N = {f['n']} briefing files; docs pages per locale: {result['docs_pages']}", ""]
    lines.append(f"{'':34} {'seconds':>9} {'pages':>7} {'pages/s':>9}")
    for name, seconds, count in rows:
        if seconds is None:
            lines.append(f"{name:34} {'-':>9} {'-':>7} {'-':>9}")
        else:
            lines.append(f"{name:34} {seconds:9.2f} {count:7d} {count / seconds:9.0f}")
    lines.append("")
    stages = f["stages_s"]
    before = stages.get("before_mkdocs")
    for name, seconds in stages.items():
        share = f"{100 * seconds / f['ours_s']:5.1f}%" if seconds is not None else "    -"
        shown = f"{seconds:9.2f}" if seconds is not None else f"{'-':>9}"
        lines.append(f"  stage {name:26} {shown} {share} of the clean build")
    if before is not None:
        lines.append(
            f"  our stages before MkDocs starts (load…index; each locale's MkDocs reads its "
            f"pages as they are rendered): {before:.2f} s = "
            f"{100 * before / f['ours_s']:.1f}% of the clean build (target ≤ 15%)"
        )
    lines.append("")
    lines.append(
        f"ours / plain Material: {f['ours_s'] / f['plain_material_s']:.2f} (target ≤ 1.25)"
    )
    if f["hugo_s"]:
        lines.append(f"ours / Hugo:           {f['ours_s'] / f['hugo_s']:.1f}")
    lines.append(f"no-op rebuild: {f['noop_rebuild_s']:.2f} s (target ≤ 2 s)")
    lines.append(f"edit rebuild / clean: {f['edit_rebuild_s'] / f['ours_s']:.2f} (target ≤ 0.33)")
    lines.append(
        f"peak memory of the clean build: {f['peak_mib']:.0f} MiB (target ≤ 1024 at 5,000)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="Briefing files in the corpus.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each measure (median).")
    parser.add_argument("--json", type=Path, help="Write the figures here as JSON.")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="fr",
        default=None,
        metavar="LOCALE",
        help="Also cProfile the MkDocs build of one locale (default fr).",
    )
    parser.add_argument("--workdir", type=Path, help="Where to build (default: a temp folder).")
    parser.add_argument("--keep", action="store_true", help="Keep the work folder.")
    args = parser.parse_args()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=args.workdir)).resolve()
    # The generator byte-compiled, as pip leaves an installed package (an editable install is
    # not, and with PYTHONDONTWRITEBYTECODE set every process would compile it again).
    compileall.compile_dir(GENERATOR, quiet=1)
    try:
        started = time.perf_counter()
        result = measure(args.n, max(1, args.repeat), work, args.profile)
        print(table(result))
        print(f"\n(benchmark took {time.perf_counter() - started:.0f} s; load {os.getloadavg()})")
        if args.json:
            args.json.write_text(json.dumps(result["figures"], indent=1) + "\n", "utf-8")
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            settle(work / "ours")
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
