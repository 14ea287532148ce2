"""The site's description is written in each locale: the meta description of index pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import ContentError
from generator.locales import load_config

from .conftest import ROOT


def meta_description(page: Path) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', page.read_text("utf-8"))
    assert found, page
    return found[1]


def test_index_pages_describe_the_site_in_their_locale(demo_site: Path) -> None:
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    descriptions = extra["site_description"]
    assert set(descriptions) == set(extra["locales"])
    assert len(set(descriptions.values())) == len(descriptions)  # each in its own words
    for tag, text in descriptions.items():
        for page in ("actors/index.html", "timeline/index.html"):
            assert meta_description(demo_site / tag / page) == text


def test_a_locale_without_a_description_falls_back_to_site_description(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_description: Everywhere\nextra:\n  locales: [fr, en]\n"
        "  site_description: {fr: Partout}\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "mkdocs.yml")
    assert config.description_in("fr") == "Partout"
    assert config.description_in("en") == "Everywhere"


def test_a_description_that_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "extra:\n  locales: [fr]\n  site_description: [Partout]\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as failure:
        load_config(tmp_path / "mkdocs.yml")
    assert "config.site_description" in str(failure.value.diagnostics[0])
