"""How busy a clean build keeps this machine's cores, second by second.

    python benchmarks/utilisation.py --n 1000 [--project DIR]

Builds a corpus of N briefing files (``corpus.py``; ``--project`` reuses a corpus folder), then
runs one clean ``briefing build`` while reading the machine's CPU counters (``/proc/stat``, so
Linux only) every 0.1 s. Prints, for each second of the build, how many cores were busy (of
``os.cpu_count()``) beside the build's progress lines of that second, then the idle
core-seconds in all: where the build leaves a core waiting. Other processes count as busy too:
run it on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

from corpus import write_project
from run import briefing_command, clean

#: Seconds between two readings of the CPU counters.
INTERVAL = 0.1


def cpu_counters() -> tuple[int, int]:
    """The machine's CPU time so far, in clock ticks: (all, idle and waiting for I/O)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]


def timeline(project: Path) -> tuple[float, dict[int, float], list[tuple[float, str]]]:
    """One clean build of ``project``: (wall seconds, busy cores by second, progress lines)."""
    clean(project)
    os.sync()
    readings: list[tuple[float, int, int]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            readings.append((time.perf_counter(), *cpu_counters()))
            time.sleep(INTERVAL)

    reader = threading.Thread(target=read)
    reader.start()
    started = time.perf_counter()
    command = [*briefing_command(), "build", "-f", str(project / "mkdocs.yml")]
    lines: list[tuple[float, str]] = []
    with subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as build:
        assert build.stderr is not None
        for line in build.stderr:
            if "warning[" not in line:
                lines.append((time.perf_counter() - started, line.strip()))
    wall = time.perf_counter() - started
    done.set()
    reader.join()
    if build.returncode != 0:
        raise SystemExit(f"briefing build failed ({build.returncode})")
    cores = os.cpu_count() or 1
    ticks: dict[int, list[int]] = {}
    for (at, total, idle), (_, next_total, next_idle) in pairwise(readings):
        second = int(at - started)
        if 0 <= second <= wall:
            spent = ticks.setdefault(second, [0, 0])
            spent[0] += next_total - total
            spent[1] += next_idle - idle
    busy = {
        second: cores * (1 - idle / total) if total else 0.0
        for second, (total, idle) in ticks.items()
    }
    return wall, busy, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="briefing files in the corpus")
    parser.add_argument("--project", type=Path, help="a corpus folder to reuse (made if missing)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-utilisation-") as scratch:
        project = args.project or Path(scratch) / "ours"
        if not (project / "mkdocs.yml").is_file():
            write_project(project, args.n)
        wall, busy, lines = timeline(project)
    cores = os.cpu_count() or 1
    print(f"clean build: {wall:.1f} s on {cores} cores")
    for second in sorted(busy):
        said = "; ".join(text for at, text in lines if second <= at < second + 1)
        bar = "#" * round(busy[second] * 10)
        print(f"{second:4d} s {busy[second]:4.2f} cores {bar:<{cores * 10}} {said}"[:160])
    whole = [second for second in busy if second + 1 <= wall]
    idle = sum(cores - busy[second] for second in whole)
    print(f"idle core-seconds: {idle:.1f} (in the {len(whole)} whole seconds of the build)")


if __name__ == "__main__":
    main()
