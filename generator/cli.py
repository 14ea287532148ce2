"""The ``briefing`` command: a thin layer over the pipeline.

Exit codes: 0 success, 1 content errors (or warnings under --strict), 2 usage errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import click

from .diagnostics import ContentError, Diagnostic, has_errors
from .locales import SiteConfig, load_config, site_address

config_option = click.option(
    "-f",
    "--config-file",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's mkdocs.yml; content/ and site_templates/ sit beside it.",
)


def _config(config_file: Path) -> SiteConfig:
    try:
        return load_config(config_file)
    except ContentError as exc:
        _report(exc.diagnostics)
        sys.exit(2)


def _report(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


@click.group()
@click.version_option(package_name="briefing")
def main() -> None:
    """Build a localised, cross-linked news briefing site from content/."""


@main.command()
@config_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Locales built at once.")
@click.option(
    "--site-url",
    default=None,
    help="The address the site is published at, instead of mkdocs.yml's site_url.",
)
def build(config_file: Path, strict: bool, jobs: int | None, site_url: str | None) -> None:
    """Validate, link and build the site into site/ (replaced only when the build succeeds).

    Nothing is rebuilt when no input changed since the last build (see generator/fingerprint.py),
    and unchanged pages are reused from it.

    Example: briefing build --strict --site-url https://example.org/briefings/
    """
    from .fingerprint import Stamp, input_fingerprint, up_to_date, write_stamp

    config = _config(config_file)
    if site_url is not None:
        try:
            address = site_address(site_url, "--site-url")
        except ContentError as exc:
            _report(exc.diagnostics)
            sys.exit(2)
        config = dataclasses.replace(config, site_url=address)
    started = time.perf_counter()
    fingerprint = input_fingerprint(config)
    stamp = up_to_date(config, fingerprint)
    if stamp is not None:
        for line in stamp.diagnostics:
            click.echo(line, err=True)
        if strict and stamp.diagnostics:
            click.echo("warnings are errors under --strict", err=True)
            sys.exit(1)
        click.echo(f"up to date: {stamp.summary} (nothing changed since the last build)")
        return

    from .build import BuildError
    from .locale_docs import DocsError
    from .pipeline import build as run_build
    from .progress import progress_for
    from .render import RenderError

    progress = progress_for()
    try:
        report, checked = run_build(config, jobs=jobs, progress=progress)
    except ContentError as exc:
        _report(exc.diagnostics)
        click.echo(
            f"build failed: {_count(exc.diagnostics)}; {config.output_dir} left as it was", err=True
        )
        sys.exit(1)
    except (BuildError, RenderError, DocsError) as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo(f"build failed; {config.output_dir} left as it was", err=True)
        sys.exit(1)
    finally:
        progress.close()
    summary = (
        f"{report.html_files} HTML pages ({report.pages} generated pages in "
        f"{len(report.locales)} locales: {', '.join(report.locales)}) in {config.output_dir}"
    )
    diagnostics = tuple(str(diagnostic) for diagnostic in checked.diagnostics)
    write_stamp(config, Stamp(fingerprint, report.files, diagnostics, summary))
    _report(checked.diagnostics)
    if strict and checked.diagnostics:
        click.echo("warnings are errors under --strict", err=True)
        sys.exit(1)
    elapsed = time.perf_counter() - started
    for made in report.by_locale:
        click.echo(str(made))
    click.echo(f"api: {report.api_files} open data files")
    click.echo(
        f"built {report.html_files} HTML pages ({report.pages} generated pages in "
        f"{len(report.locales)} locales: {', '.join(report.locales)}) into {config.output_dir} "
        f"in {elapsed:.1f} s"
    )


@main.command()
@config_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(config_file: Path, strict: bool) -> None:
    """Validate and link every file; print every problem as path:line:col: severity[code]: message.

    Example: briefing check --strict
    """
    from .pipeline import check as run_check

    config = _config(config_file)
    try:
        checked = run_check(config)
    except ContentError as exc:
        _report(exc.diagnostics)
        click.echo(_count(exc.diagnostics), err=True)
        sys.exit(1)
    _report(checked.diagnostics)
    click.echo(
        f"{len(checked.content.briefings)} briefings, {len(checked.content.registry.actors)} "
        f"actors, {len(checked.content.registry.places)} places: {_count(checked.diagnostics)}",
        err=True,
    )
    if has_errors(checked.diagnostics, strict=strict):
        sys.exit(1)


def _count(diagnostics: Iterable[Diagnostic]) -> str:
    items = list(diagnostics)
    errors = sum(1 for d in items if d.severity.value == "error")
    return f"{errors} error(s), {len(items) - errors} warning(s)"


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content root whose actors/ and places/ are used (default: the project's content/).",
)
@click.option("--format", "output_format", type=click.Choice(["json"]), default="json")
@config_option
def annotate(file: Path, content_dir: Path | None, output_format: str, config_file: Path) -> None:
    """Print the actors, places and dates found in one briefing, as JSON.

    Example: briefing annotate content/briefings/2016-09-30-alep-offensive.fr.md
    """
    from .annotate import annotate_file

    config = _config(config_file) if config_file.exists() else None
    root = content_dir or (config.content_dir if config else Path("content"))
    locales = config.locales if config else None
    try:
        result = annotate_file(file, root, locales)
    except ContentError as exc:
        _report(exc.diagnostics)
        sys.exit(1)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))


@main.command()
@config_option
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
def serve(config_file: Path, port: int) -> None:
    """Build, serve on localhost, rebuild when content/, site_templates/ or mkdocs.yml change.

    Example: briefing serve --port 8000
    """
    from .serve import serve as run_serve

    run_serve(_config(config_file), port)


@main.command()
@click.argument("what")
@click.argument("identifier", required=False)
@click.option(
    "--lang", default=None, help="Language of a new briefing (default: the site's first)."
)
@click.option(
    "--translation-of", "translation_of", default=None, help="Slug this briefing translates."
)
@click.option(
    "--slug", default=None, help="The new briefing's slug, for a title without Latin letters."
)
@config_option
def new(
    what: str,
    identifier: str | None,
    lang: str | None,
    translation_of: str | None,
    slug: str | None,
    config_file: Path,
) -> None:
    """Scaffold a briefing (dated today), an actor or a place that passes briefing check.

    \b
    Examples:
      briefing new "Alep : la trêve rompue" --lang fr
      briefing new "Aleppo: the truce breaks" --lang en --translation-of 2016-09-30-alep-offensive
      briefing new actor unicef
      briefing new place homs
      briefing new "حلب: انهيار الهدنة" --lang ar --slug 2016-09-30-aleppo-truce
    """
    from .scaffold import ScaffoldError, scaffold

    config = _config(config_file)
    try:
        created = scaffold(
            config, what, identifier, lang, translation_of, today=dt.date.today(), slug=slug
        )
    except ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for path in created:
        click.echo(f"created {path}")


@main.command()
@click.option("--write", is_flag=True, help="Write the files that are out of date.")
@config_option
def schema(write: bool, config_file: Path) -> None:
    """Check that schemas/*.schema.json and docs/authoring.md match the content schema.

    Both are generated from generator/schema.py and the site's languages; --write regenerates
    them. Exit 1 when one is out of date and --write was not given.

    Example: briefing schema --write
    """
    from .reference import stale_reference_files, write_reference_files

    config = _config(config_file)
    if write:
        for path in write_reference_files(config):
            click.echo(f"wrote {path}")
        return
    stale = stale_reference_files(config)
    for path in stale:
        click.echo(f"{path} is out of date: run `briefing schema --write`", err=True)
    if stale:
        sys.exit(1)
    click.echo("schemas and the authors' guide are up to date", err=True)


@main.command()
@click.argument("step", type=click.Choice(["extract", "update", "compile", "all"]))
@config_option
def i18n(step: str, config_file: Path) -> None:
    """Run the gettext catalog cycle: extract the .pot, update each .po, compile the .mo files.

    Example: briefing i18n all
    """
    from . import i18n as cycle

    config = _config(config_file)
    if step in ("extract", "all"):
        click.echo(f"extracted {cycle.extract(config)}")
    if step in ("update", "all"):
        for path in cycle.update(config):
            click.echo(f"updated {path}")
    if step in ("compile", "all"):
        for path in cycle.compile_catalogs(config):
            click.echo(f"compiled {path}")
