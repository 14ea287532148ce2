"""A long-lived MkDocs of one locale for ``briefing serve``: rebuilds single pages on request.

    python -m generator.preview_worker CONFIG_FILE

It loads the locale's generated config once and runs what ``mkdocs build`` runs before it
reads any page (plugins' startup, config, pre_build, files and nav events, the theme's Jinja
environment), then prints ``ready``. Each line it then reads on stdin is a JSON command,
``{"pages": [{"path": "briefings/…md", "text": "…"}]}``: it writes each page's text into the
docs folder and builds just those pages into the site folder, as ``mkdocs build`` builds them
(Markdown, the hooks, the theme's template), then answers one JSON line on stdout:
``{"ok": true, "built": N, "seconds": S}`` or ``{"ok": false, "error": "…"}``.

The other pages are neither read nor written: links between pages still resolve (every file
is known) but anchors into other pages are not checked, and the search index is not written;
the full build that follows a preview does both.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page


class LocaleSite:
    """One locale's config, files, navigation and theme environment, made ready once."""

    def __init__(self, config_file: Path) -> None:
        config = load_config(str(config_file), strict=True)
        config.plugins.on_startup(command="build", dirty=True)
        self.config: MkDocsConfig = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        files = get_files(self.config)
        env = self.config.theme.get_env()
        files.add_files_from_theme(env, self.config)
        self.files: Files = self.config.plugins.on_files(files, config=self.config)
        set_exclusions(self.files, self.config)
        nav = get_navigation(self.files, self.config)
        self.nav: Navigation = self.config.plugins.on_nav(nav, config=self.config, files=self.files)
        self.env: jinja2.Environment = self.config.plugins.on_env(
            env, config=self.config, files=self.files
        )
        self.docs_dir = Path(self.config.docs_dir)

    def warm_up(self) -> None:
        """Convert one page and render the theme's template, written nowhere.

        The first page costs a second more than the next ones (Markdown extensions set up,
        Material's templates compiled): paid here, before any author waits for it.
        """
        doc_files = self.files.documentation_pages()
        if not doc_files:
            return
        file = doc_files[-1]
        page = file.page if file.page is not None else Page(None, file, self.config)
        mkdocs_build._populate_page(page, self.config, self.files)
        context = mkdocs_build.get_context(self.nav, doc_files, self.config, page)
        self.env.get_template(page.meta.get("template", "main.html")).render(context)

    def rebuild(self, pages: list[dict[str, str]]) -> int:
        """Write each page's text into the docs folder and build it into the site folder."""
        doc_files = self.files.documentation_pages()
        built = 0
        for item in pages:
            file = self.files.get_file_from_path(item["path"])
            if file is None:
                raise KeyError(f"{item['path']} is not a page of this site")
            Path(file.abs_src_path or self.docs_dir / item["path"]).write_text(
                item["text"], encoding="utf-8"
            )
            page = file.page if file.page is not None else Page(None, file, self.config)
            # A new file, not the published one rewritten: the last build may share its inode.
            Path(file.abs_dest_path).unlink(missing_ok=True)
            mkdocs_build._populate_page(page, self.config, self.files)
            mkdocs_build._build_page(page, self.config, doc_files, self.nav, self.env)
            built += 1
        return built


def answer(out: IO[str], reply: dict[str, Any]) -> None:
    """One JSON line to the parent."""
    out.write(json.dumps(reply) + "\n")
    out.flush()


def serve_commands(site: LocaleSite, commands: IO[str], out: IO[str]) -> None:
    """Answer each command line until stdin closes."""
    for line in commands:
        if not line.strip():
            continue
        started = time.perf_counter()
        try:
            built = site.rebuild(json.loads(line)["pages"])
        except Exception as exc:  # the parent shows it and falls back to a full build
            answer(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
            continue
        answer(out, {"ok": True, "built": built, "seconds": time.perf_counter() - started})


def main(config_file: Path) -> int:
    """Get ready, say so, then serve commands."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.ERROR)  # as --quiet does
    logger.propagate = False
    logger.addHandler(logging.StreamHandler(sys.stderr))
    site = LocaleSite(config_file)
    site.warm_up()
    answer(sys.stdout, {"ready": True})
    serve_commands(site, sys.stdin, sys.stdout)
    site.config.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(Path(sys.argv[1])))
