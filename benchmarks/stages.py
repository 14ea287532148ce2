"""Time each stage of one clean build of a project, from outside the generator.

    python benchmarks/stages.py PROJECT [--pages OUT.json] [--profile LOCALE OUT.prof]

Runs ``generator.pipeline.build`` as ``briefing build`` does, with the stage functions that the
pipeline module calls wrapped in timers (nothing in generator/ changes): ``load``, ``validate``,
``link``, ``index``, ``render`` (catalogs, then the wall time until the last locale's docs tree
is written: locales render in forked workers, and each locale's MkDocs starts with its render,
reading each page as it is written, so ``render`` overlaps ``mkdocs``), ``write`` (the build
stage less MkDocs: root page, feeds, sitemaps, open data, swap) and ``mkdocs`` — the wall time
from the first MkDocs process started to the last one ended, the locales running side by side.
``before_mkdocs`` is the time from the build's start to the first MkDocs process. Prints the
seconds as JSON.

``--pages`` saves the size of every rendered page per locale, read from the docs trees (for the
plain-Material twin); ``--profile`` runs the MkDocs build of one locale under cProfile instead.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import generator.build
import generator.pipeline
from generator.docs_pack import PackReader, pack_file
from generator.locale_docs import read_locale_docs
from generator.locales import load_config

#: Stage name → the functions of generator.pipeline whose time it is (summed).
STAGES = {
    "load": ("load_content",),
    "validate": ("validate",),
    "link": ("find_mentions",),
    "index": ("build_index",),
    "render": ("localisers", "write_every_locale"),
    "build": ("build_site",),
}


class Timers:
    """Seconds spent per stage, and the MkDocs processes' (start, end) times."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.mkdocs: list[tuple[float, float]] = []
        self.started = time.perf_counter()

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
            if isinstance(result, Iterator):
                return self._until_exhausted(stage, result, started)
            return result

        return timed

    def _until_exhausted(self, stage: str, items: Iterator[Any], started: float) -> Iterator[Any]:
        """The items, the stage's time running until the last is given (its call counted)."""
        self.seconds[stage] -= time.perf_counter() - started
        try:
            yield from items
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def wrap_mkdocs(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.mkdocs.append((started, time.perf_counter()))

        return timed

    def report(self) -> dict[str, float | None]:
        """Seconds per stage; None for a stage the pipeline no longer calls."""
        span = (
            max(e for _, e in self.mkdocs) - min(s for s, _ in self.mkdocs) if self.mkdocs else None
        )
        found: dict[str, float | None] = {
            stage: self.seconds.get(stage) for stage in STAGES if stage != "build"
        }
        build = self.seconds.get("build")
        found["write"] = build - span if build is not None and span is not None else None
        found["mkdocs"] = span
        first = min((s for s, _ in self.mkdocs), default=None)
        found["before_mkdocs"] = first - self.started if first is not None else None
        return found


def instrument(timers: Timers) -> None:
    """Wrap the pipeline's stage functions and the per-locale MkDocs run."""
    for stage, names in STAGES.items():
        for name in names:
            if hasattr(generator.pipeline, name):
                setattr(
                    generator.pipeline, name, timers.wrap(stage, getattr(generator.pipeline, name))
                )
            else:
                print(
                    f"stages: generator.pipeline has no {name}; '{stage}' not timed",
                    file=sys.stderr,
                )
    generator.build.run_mkdocs = timers.wrap_mkdocs(generator.build.run_mkdocs)


def profiled_mkdocs(locale: str, output: Path) -> None:
    """Make the MkDocs build of ``locale`` run under cProfile, writing its stats to ``output``."""
    plain = generator.build.run_mkdocs

    def run(config_file: Path, *args: Any, **kwargs: Any) -> None:
        if Path(config_file).name != f"mkdocs.{locale}.yml":
            plain(config_file, *args, **kwargs)
            return
        # The run the build makes (``generator.page_cache``): it reads the docs tree as its
        # render child writes it, where a plain ``mkdocs build`` would find it half written.
        profiler = [sys.executable, "-m", "cProfile", "-o", str(output)]
        result = subprocess.run(
            [*profiler, "-m", "generator.page_cache", str(config_file)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            raise generator.build.BuildError(f"profiled MkDocs failed:\n{result.stderr}")

    generator.build.run_mkdocs = run


#: Markup a reader does not see: HTML tags, and a Markdown link's target.
TAG = re.compile(r"<[^>]*>")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def visible_length(text: str) -> int:
    """The characters of a rendered page a reader sees: front matter and markup left out."""
    if text.startswith("---\n") and "\n---\n" in text:
        text = text.split("\n---\n", 1)[1]
    return len(html.unescape(TAG.sub("", LINK.sub(r"\1", text))))


def page_sizes(config: Any) -> dict[str, list[tuple[str, int]]]:
    """Each locale's rendered pages, from its pack: (docs path, characters a reader sees)."""
    sizes = {}
    for locale in config.locales:
        docs = read_locale_docs(config, locale)
        if docs is None:
            raise SystemExit(f"stages: no docs tree for {locale}; no page sizes")
        with PackReader(pack_file(docs.docs_dir)) as pack:
            sizes[locale] = [
                (path, visible_length(pack.read(path).decode("utf-8"))) for path in docs.paths
            ]
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--pages", type=Path, help="Write the rendered pages' sizes here.")
    parser.add_argument("--profile", nargs=2, metavar=("LOCALE", "OUT"))
    args = parser.parse_args()
    timers = Timers()
    timers.started = time.perf_counter()
    if args.profile:
        profiled_mkdocs(args.profile[0], Path(args.profile[1]).resolve())
    instrument(timers)
    config = load_config(args.project / "mkdocs.yml")
    started = timers.started = time.perf_counter()
    generator.pipeline.build(config)
    total = time.perf_counter() - started
    if args.pages:
        args.pages.write_text(json.dumps(page_sizes(config)), "utf-8")
    print(json.dumps({"total": total, "stages": timers.report()}))


if __name__ == "__main__":
    main()
