"""How soon ``briefing serve`` shows an edited briefing: to the HTML file, and to the reload.

    python benchmarks/serve_reload.py --n 1000 [--rounds 3] [--project DIR] [--json OUT]

Runs ``briefing serve`` on a corpus of N briefing files (``corpus.py``; ``--project`` reuses a
corpus folder, built or not), waits for its first build and its preview workers, then, each
round, appends a sentence of filler words to a French briefing's body and measures, from the
write:

- ``html_s``: until that briefing's French HTML page holds the sentence;
- ``reload_s``: until the browsers' long poll (``/livereload/<epoch>/<id>``) returns, which is
  when a browser reloads;
- ``full_reload_s``: until the second reload, after the full build that follows the preview.

It prints the figures (and their medians) as JSON; timings go in RESULTS.md, not in tests.
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from corpus import FILLER, write_project

HERE = Path(__file__).resolve().parent
#: The first build of a clean corpus of 1,000 files takes minutes on two cores.
FIRST_BUILD_TIMEOUT = 1800.0


def free_port() -> int:
    """A TCP port nobody listens on, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Serve:
    """``briefing serve`` in a subprocess, its terminal lines gathered as they come."""

    def __init__(self, project: Path, port: int) -> None:
        script = Path(sys.executable).with_name("briefing")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]
        self.port = port
        self.process = subprocess.Popen(
            [*command, "serve", "-f", "mkdocs.yml", "--port", str(port)],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> str:
        """The next terminal line holding ``text``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"serve never printed {text!r}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if text in line:
                return line

    def epoch(self) -> int:
        """The site's current live-reload epoch (a poll with epoch 0 answers at once)."""
        with urllib.request.urlopen(self._poll_url(0, 0), timeout=10) as answer:
            return int(answer.read())

    def _poll_url(self, epoch: int, request_id: int) -> str:
        return f"http://127.0.0.1:{self.port}/livereload/{epoch}/{request_id}"

    def next_reload(
        self, epoch: int, request_id: int, found: queue.Queue[tuple[float, int]]
    ) -> None:
        """In a thread: the browser's long poll; puts (time, new epoch) when it returns."""

        def poll() -> None:
            while True:
                with urllib.request.urlopen(self._poll_url(epoch, request_id), timeout=120) as a:
                    answer = int(a.read())
                if answer > epoch:
                    found.put((time.perf_counter(), answer))
                    return

        threading.Thread(target=poll, daemon=True).start()

    def stop(self) -> None:
        """Ctrl-C, as an author would; killed if it does not stop."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def edit(target: Path, round_number: int) -> str:
    """Append a sentence of filler words (no name, no date) to the body; the sentence.

    The words are drawn afresh each run: a sentence an earlier run added is already on the page.
    """
    words = random.Random(f"serve-{time.time_ns()}-{round_number}").choices(FILLER["fr"], k=12)
    sentence = " ".join(words).capitalize() + "."
    text = target.read_text("utf-8").rstrip("\n")
    target.write_text(f"{text} {sentence}\n", "utf-8")
    return sentence


def story_html(project: Path, slug: str) -> Path:
    """The French HTML page of a story."""
    found = sorted((project / "site/fr").rglob(f"{slug}/index.html"))
    if not found:
        raise FileNotFoundError(f"no French page for {slug}")
    return found[0]


def wait_for_text(path: Path, text: str, timeout: float = 60.0) -> float:
    """When ``path`` first holds ``text`` (polled every 5 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if text in path.read_text("utf-8"):
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.005)
    raise TimeoutError(f"{path} never showed the edit")


def measure(project: Path, rounds: int) -> dict[str, Any]:
    """Every figure, over ``rounds`` edits of one French briefing."""
    files = sorted((project / "content/briefings").glob("*.fr.md"))
    target = files[len(files) // 2]
    slug = target.name.removesuffix(".fr.md")
    serve = Serve(project, free_port())
    figures: dict[str, list[float]] = {"html_s": [], "reload_s": [], "full_reload_s": []}
    lines = []
    try:
        serve.wait_for("preview ready", FIRST_BUILD_TIMEOUT)
        page = story_html(project, slug)
        for number in range(rounds):
            epoch = serve.epoch()
            reloads: queue.Queue[tuple[float, int]] = queue.Queue()
            serve.next_reload(epoch, 2 * number + 1, reloads)
            time.sleep(0.2)  # the poll is waiting
            started = time.perf_counter()
            sentence = edit(target, number)
            html = wait_for_text(page, sentence)
            reloaded, epoch = reloads.get(timeout=120)
            lines.append(serve.wait_for("preview:", 60))
            serve.next_reload(epoch, 2 * number + 2, reloads)
            full, _ = reloads.get(timeout=FIRST_BUILD_TIMEOUT)
            figures["html_s"].append(round(html - started, 3))
            figures["reload_s"].append(round(reloaded - started, 3))
            figures["full_reload_s"].append(round(full - started, 3))
            serve.wait_for("full rebuild done", 60)
    finally:
        serve.stop()
    medians = {f"median_{k}": statistics.median(v) for k, v in figures.items()}
    return {**figures, **medians, "terminal": lines}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="Briefing files of the corpus.")
    parser.add_argument("--rounds", type=int, default=3, help="Edits measured.")
    parser.add_argument("--project", type=Path, help="A corpus folder to reuse (else a new one).")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-reload-") as work:
        project = args.project
        if project is None:
            project = Path(work) / "project"
            write_project(project, args.n)
        result = {"n": args.n, **measure(project.resolve(), args.rounds)}
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
