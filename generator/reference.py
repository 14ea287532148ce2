"""The files generated from the content schema — schemas/*.schema.json and the authors' guide —
written, or compared with what is committed."""

from __future__ import annotations

from pathlib import Path

from .authoring_guide import GUIDE_PATH, authoring_guide
from .json_schema import schema_text, schemas
from .locales import SiteConfig

SCHEMAS_DIR = "schemas"


def reference_files(config: SiteConfig) -> dict[Path, str]:
    """Each generated file's path (under the project root) and its current text."""
    from .cli import main  # the guide lists the commands; cli imports this module lazily

    files = {
        config.root / SCHEMAS_DIR / name: schema_text(schema)
        for name, schema in schemas(config.locales).items()
    }
    files[config.root / GUIDE_PATH] = authoring_guide(config.locales, main)
    return files


def stale_reference_files(config: SiteConfig) -> list[Path]:
    """The generated files that are missing or differ from what the declarations give."""
    return [
        path
        for path, text in reference_files(config).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write_reference_files(config: SiteConfig) -> list[Path]:
    """Write every generated file that changed; return those written."""
    written = []
    for path, text in reference_files(config).items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
