"""A fourth locale in minutes: one line of configuration, and the site builds in it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import MKDOCS_YML, MakeProject
from .factories import SMALL_SITE
from .sitecheck import broken_links

WITH_RUSSIAN = MKDOCS_YML.replace("locales: [fr, en, ar]", "locales: [fr, en, ar, ru]")


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    return result.exit_code, result.stdout, result.stderr


def test_adding_russian_is_one_line_and_builds(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE, mkdocs_yml=WITH_RUSSIAN)
    code, out, err = run(project, "build")
    assert code == 0, err
    assert "4 locales: fr, en, ar, ru" in out
    home = (project / "site/ru/index.html").read_text(encoding="utf-8")
    assert '<html lang="ru"' in home
    briefing = project / "site/ru/briefings/2016/09/30/2016-09-30-alep/index.html"
    text = briefing.read_text(encoding="utf-8")
    assert "30 сентября 2016" in text  # the date, formatted by CLDR for Russian
    assert "Русский" in (project / "site/index.html").read_text(encoding="utf-8")
    assert broken_links(project / "site") == []


def test_untranslated_ui_strings_are_warnings_and_errors_under_strict(
    make_project: MakeProject,
) -> None:
    project = make_project(SMALL_SITE, mkdocs_yml=WITH_RUSSIAN)
    code, _out, err = run(project, "check")
    assert code == 0, err
    assert (
        "site_templates/locales/ru/LC_MESSAGES/messages.po: warning[i18n.missing-catalog]: no catalog for 'ru'"
        in err
    )
    code, _out, err = run(project, "check", "--strict")
    assert code == 1


def test_a_half_translated_catalog_names_each_missing_string(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE, mkdocs_yml=WITH_RUSSIAN)
    code, out, err = run(project, "i18n", "update")
    assert code == 0, err
    po = project / "site_templates/locales/ru/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Actors"\nmsgstr ""', 'msgid "Actors"\nmsgstr "Акторы"'))
    code, _out, err = run(project, "check")
    assert code == 0
    assert "warning[i18n.untranslated]: UI string 'Places' is untranslated in 'ru'" in err
    assert "UI string 'Actors'" not in err


def test_an_unknown_locale_is_a_configuration_error(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE, mkdocs_yml=MKDOCS_YML.replace("[fr, en, ar]", "[fr, xx]"))
    code, _out, err = run(project, "check")
    assert code == 2
    assert "error[config.locales]: unknown locale 'xx'" in err
    assert "Traceback" not in err
