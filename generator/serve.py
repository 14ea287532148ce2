"""``briefing serve``: build, serve on localhost, rebuild on change, reload the browser."""

from __future__ import annotations

import logging

import click
from mkdocs.livereload import LiveReloadServer

from .build import BuildError
from .diagnostics import ContentError
from .locales import SiteConfig


def rebuild(config: SiteConfig) -> None:
    """Build once; on a content error print it and keep serving the last good site."""
    from .pipeline import build

    try:
        report, checked = build(config)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(str(diagnostic), err=True)
        click.echo("build failed: still serving the last good site", err=True)
        return
    except BuildError as exc:
        click.echo(f"error: {exc}\nstill serving the last good site", err=True)
        return
    for diagnostic in checked.diagnostics:
        click.echo(str(diagnostic), err=True)
    click.echo(f"built {report.html_files} HTML pages", err=True)


def serve(config: SiteConfig, port: int, host: str = "127.0.0.1") -> None:
    """Serve ``site/`` on localhost; watch content/, site_templates/ and mkdocs.yml."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rebuild(config)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    server = LiveReloadServer(
        builder=lambda: rebuild(config), host=host, port=port, root=str(config.output_dir)
    )
    for path in (config.content_dir, config.templates_dir, config.mkdocs_yml):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.shutdown()
