"""The gettext catalog cycle through Babel: extract → update → compile."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from .diagnostics import Diagnostic, Location, warning
from .l10n import DOMAIN, catalog_path
from .load import display_path
from .locales import SiteConfig, babel_locale


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


def untranslated(config: SiteConfig) -> list[Diagnostic]:
    """A warning for each UI string a site locale's catalog lacks, leaves empty or marks fuzzy."""
    pot = pot_path(config)
    if not pot.is_file():
        return []
    with pot.open("rb") as handle:
        wanted = [m.id for m in read_po(handle) if m.id]
    problems: list[Diagnostic] = []
    for tag in config.locales:
        po = catalog_path(config.templates_dir, tag)
        shown = display_path(po)
        if not po.is_file():
            problems.append(
                warning(
                    "i18n.missing-catalog",
                    Location(shown),
                    f"no catalog for '{tag}': its {len(wanted)} UI strings show untranslated; "
                    "run `briefing i18n update` and translate the new .po",
                )
            )
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=babel_locale(tag))
        for msgid in wanted:
            message = catalog.get(msgid)
            found = None if message is None else message.string
            strings = tuple(found) if isinstance(found, (tuple, list)) else (found,)
            if message is None or message.fuzzy or not all(strings):
                line = (message.lineno or 0) if message is not None else 0
                text = msgid[0] if isinstance(msgid, tuple) else msgid
                state = "fuzzy" if message is not None and message.fuzzy else "untranslated"
                problems.append(
                    warning(
                        "i18n.untranslated",
                        Location(shown, line),
                        f"UI string '{text}' is {state} in '{tag}'",
                    )
                )
    return problems
