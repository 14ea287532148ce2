"""Site configuration and locales: which languages, in what order, and how Babel names them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale, UnknownLocaleError

from .diagnostics import ContentError, Location, error


@dataclass(frozen=True)
class SiteConfig:
    """What the generator reads from ``mkdocs.yml``: paths, languages, the site's name and URL."""

    root: Path
    mkdocs_yml: Path
    locales: tuple[str, ...]
    site_name: str
    #: The site's name per locale (``extra.site_name``); ``site_name`` where a locale has none.
    site_names: dict[str, str]
    site_url: str
    content_dir: Path
    templates_dir: Path
    output_dir: Path
    #: The site's description (``site_description``), and per locale (``extra.site_description``).
    site_description: str = ""
    site_descriptions: dict[str, str] = field(default_factory=dict)
    #: The project's own MkDocs hooks (``hooks:``), which every locale's build keeps.
    hooks: tuple[Path, ...] = ()

    def name_in(self, tag: str) -> str:
        """The site's name in a locale."""
        return self.site_names.get(tag, self.site_name)

    def description_in(self, tag: str) -> str:
        """The site's description in a locale: the meta description of pages that have none."""
        return self.site_descriptions.get(tag, self.site_description)

    @property
    def default_locale(self) -> str:
        """The first configured locale: the fallback for names and untranslated briefings."""
        return self.locales[0]


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name:``): each is None."""


_TolerantLoader.add_multi_constructor("", lambda *_: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


@functools.lru_cache(maxsize=256)
def babel_locale(tag: str) -> Locale:
    """The Babel locale for a BCP 47 tag (``pt-BR`` → ``pt_BR``); raises ValueError if unknown."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown locale '{tag}': {exc}") from None


@functools.lru_cache(maxsize=256)
def direction(tag: str) -> str:
    """'rtl' or 'ltr', from CLDR's character order for the locale."""
    return "rtl" if babel_locale(tag).character_order == "right-to-left" else "ltr"


def fallback_chain(tag: str, default: str) -> tuple[str, ...]:
    """Languages to try for a name in ``tag``: the tag, its base language, then the default."""
    chain = [tag]
    if "-" in tag:
        chain.append(tag.split("-")[0])
    chain.append(default)
    return tuple(dict.fromkeys(chain))


def load_config(mkdocs_yml: Path) -> SiteConfig:
    """Read the generator's settings from ``mkdocs.yml`` (``extra.locales`` and MkDocs' own)."""
    shown = str(mkdocs_yml)
    try:
        raw: Any = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ContentError(
            [error("config.missing", Location(shown), "mkdocs.yml not found")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or "bad syntax"
        raise ContentError([error("config.yaml", where, f"invalid YAML: {problem}")]) from None
    raw = raw if isinstance(raw, dict) else {}
    extra = raw.get("extra") or {}
    locales = extra.get("locales") or ["en"]
    problems = []
    if not isinstance(locales, list) or not all(isinstance(x, str) for x in locales):
        problems.append(
            error("config.locales", Location(shown), "extra.locales is a list of languages")
        )
        locales = ["en"]
    for tag in locales:
        try:
            babel_locale(tag)
        except ValueError as exc:
            problems.append(error("config.locales", Location(shown), str(exc)))
    if problems:
        raise ContentError(problems)
    names = extra.get("site_name")
    if names is not None and not (
        isinstance(names, dict) and all(isinstance(v, str) for v in names.values())
    ):
        raise ContentError(
            [error("config.site_name", Location(shown), "extra.site_name maps locales to names")]
        )
    descriptions = extra.get("site_description")
    if descriptions is not None and not (
        isinstance(descriptions, dict) and all(isinstance(v, str) for v in descriptions.values())
    ):
        raise ContentError(
            [
                error(
                    "config.site_description",
                    Location(shown),
                    "extra.site_description maps locales to descriptions",
                )
            ]
        )
    root = mkdocs_yml.parent
    site_url = site_address(str(raw.get("site_url") or ""), shown)
    output_dir = _output_folder(root, str(raw.get("site_dir") or "site"), shown)
    return SiteConfig(
        root=root,
        mkdocs_yml=mkdocs_yml,
        locales=tuple(locales),
        site_name=str(raw.get("site_name") or "Briefings"),
        site_names={str(k): v for k, v in (names or {}).items()},
        site_url=site_url,
        content_dir=root / "content",
        templates_dir=root / "site_templates",
        output_dir=output_dir,
        site_description=str(raw.get("site_description") or ""),
        site_descriptions={str(k): v for k, v in (descriptions or {}).items()},
        hooks=tuple(root / str(hook) for hook in raw.get("hooks") or () if hook),
    )


def site_address(url: str, where: str) -> str:
    """The site's public address, ending with "/": empty, or an http(s) address with a host."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ContentError(
            [
                error(
                    "config.site_url",
                    Location(where),
                    f"site_url must be an http(s) address such as https://example.org/briefings/,"
                    f" not '{url}'",
                )
            ]
        )
    return url if url.endswith("/") else url + "/"


def _output_folder(root: Path, site_dir: str, where: str) -> Path:
    """The folder the site is built into: replaced whole by each build, so it must be a folder
    of its own — not the project, a folder containing it, or one of its inputs."""
    output = (root / site_dir).resolve()
    project = root.resolve()
    inputs = [project / "content", project / "site_templates", project / "mkdocs.yml"]
    if (
        output == project
        or project.is_relative_to(output)
        or any(output.is_relative_to(path) for path in inputs)
    ):
        raise ContentError(
            [
                error(
                    "config.site_dir",
                    Location(where),
                    f"site_dir '{site_dir}' would replace the project or its inputs: each build "
                    "replaces it whole; use a folder of its own, such as 'site'",
                )
            ]
        )
    return root / site_dir
