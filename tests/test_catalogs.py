"""The gettext catalogs: in step with the templates, complete and not fuzzy in every locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import i18n
from generator.l10n import catalog_path
from generator.locales import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "mkdocs.yml")


def msgids(path: Path) -> set[str | tuple[str, ...]]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_pot_is_up_to_date_with_the_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = msgids(i18n.pot_path(CONFIG))
    monkeypatch.setattr(i18n, "pot_path", lambda config: tmp_path / "messages.pot")
    fresh = msgids(i18n.extract(CONFIG))
    assert fresh == committed, "run `briefing i18n all` and commit the catalogs"


@pytest.mark.parametrize("tag", CONFIG.locales)
def test_every_message_is_translated(tag: str) -> None:
    with catalog_path(CONFIG.templates_dir, tag).open("rb") as handle:
        catalog = read_po(handle, locale=tag)
    assert msgids(i18n.pot_path(CONFIG)) <= {m.id for m in catalog if m.id}
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{tag}: untranslated {message.id!r}"
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, message.id
    if tag == "ar":
        assert catalog.num_plurals == 6
