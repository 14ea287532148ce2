"""The gettext catalog cycle through Babel: extract → update → compile."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from .l10n import DOMAIN, catalog_path
from .locales import SiteConfig


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def pot_path(config: SiteConfig) -> Path:
    """The template catalog, ``site_templates/locales/messages.pot``."""
    return config.templates_dir / "locales" / f"{DOMAIN}.pot"


def extract(config: SiteConfig) -> Path:
    """Collect every translatable string of the templates and the generator into the .pot."""
    pot = pot_path(config)
    pot.parent.mkdir(parents=True, exist_ok=True)
    _pybabel(
        "extract",
        "-F",
        str(config.root / "babel.cfg"),
        "-o",
        str(pot),
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-k",
        "N_",
        str(config.root / "site_templates"),
        str(config.root / "generator"),
    )
    return pot


def update(config: SiteConfig) -> list[Path]:
    """Merge the .pot into each locale's .po, creating missing catalogs."""
    pot = pot_path(config)
    paths = []
    for tag in config.locales:
        po = catalog_path(config.templates_dir, tag)
        locale = tag.replace("-", "_")
        if po.exists():
            _pybabel(
                "update",
                "-i",
                str(pot),
                "-o",
                str(po),
                "-l",
                locale,
                "--no-fuzzy-matching",
                "--omit-header",
                "--ignore-obsolete",
            )
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            _pybabel("init", "-i", str(pot), "-o", str(po), "-l", locale)
        paths.append(po)
    return paths


def compile_catalogs(config: SiteConfig) -> list[Path]:
    """Write each .po's .mo beside it (ignored by git; the build compiles in memory anyway)."""
    paths = []
    for tag in config.locales:
        po = catalog_path(config.templates_dir, tag)
        if po.exists():
            mo = po.with_suffix(".mo")
            _pybabel("compile", "-i", str(po), "-o", str(mo), "-l", tag.replace("-", "_"))
            paths.append(mo)
    return paths
