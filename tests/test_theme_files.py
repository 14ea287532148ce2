"""The theme's files a MkDocs run adds to the site: the same as MkDocs' own listing gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files

from generator import theme_files

ROOT = Path(__file__).resolve().parents[1]


def theme_listing(tmp_path: Path) -> list[tuple[str, str]]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        f"site_name: T\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'site_templates' / 'overrides'}\n",
        encoding="utf-8",
    )
    config = load_config(str(config_file))
    files: Files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(file.src_uri, file.abs_src_path or "") for file in files]


def test_the_theme_files_are_those_mkdocs_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)
    plain = theme_listing(tmp_path)
    theme_files.install()
    walked: list[str] = []
    real_walk = theme_files.os.walk

    def counting_walk(top: str, *args: object, **kwargs: object) -> object:
        for folder, folders, names in real_walk(top):
            walked.extend(names)
            yield folder, folders, names

    monkeypatch.setattr(theme_files.os, "walk", counting_walk)
    assert theme_listing(tmp_path) == plain
    assert any(src.endswith(".js") for src, _ in plain)  # the theme's own files are there
    assert len(walked) < 1000  # Material's 14,000 icons are not walked
