"""Rebuilds reuse what did not change, and give the same site as a clean build."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from generator.cli import main
from generator.docs_pack import PackReader, pack_file
from generator.fingerprint import cache_dir
from generator.index import build_index
from generator.locale_docs import (
    COMPACT_AT,
    LocaleDocs,
    docs_root,
    record_file,
    write_every_locale,
)
from generator.locales import load_config
from generator.pipeline import briefing_alternates, check, localisers
from generator.progress import LogProgress, TerminalProgress, progress_for

from .conftest import MakeProject
from .factories import SMALL_SITE
from .treehash import differences, hash_tree

FRENCH = "content/briefings/2016-09-30-alep.fr.md"
#: A sentence that names no actor, place or date.
FILLER = "Le reste de la ville est resté calme toute la journée.\n"
INPUTS = ("content", "site_templates", "mkdocs.yml")


def build(project: Path, *options: str) -> Result:
    """``briefing build`` of the project, in this process; fails the test when it fails."""
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), *options])
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def clean_build_of(project: Path, where: Path) -> Path:
    """A clean build of a copy of the project's inputs; returns its site."""
    where.mkdir()
    for name in INPUTS:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, where / name)
        else:
            shutil.copy(source, where / name)
    build(where)
    return where / "site"


def file_identities(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, modification time): what a rewrite changes, even to the same bytes."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def rewritten(before: dict[str, tuple[int, int]], site: Path) -> set[str]:
    after = file_identities(site)
    return {path for path in after.keys() | before.keys() if before.get(path) != after.get(path)}


def manifests(project: Path) -> dict[str, bytes]:
    folder = cache_dir(load_config(project / "mkdocs.yml")) / "pages"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


@pytest.fixture
def built(make_project: MakeProject) -> Path:
    project = make_project(SMALL_SITE)
    build(project)
    return project


def add_filler(project: Path) -> None:
    path = project / FRENCH
    path.write_text(path.read_text(encoding="utf-8") + FILLER, encoding="utf-8")


def test_nothing_changed_prints_up_to_date_and_leaves_the_site_alone(built: Path) -> None:
    before = file_identities(built / "site")
    result = build(built)
    assert result.stdout.startswith("up to date: 64 HTML pages")
    assert "stage:" not in (result.stderr or "")
    assert rewritten(before, built / "site") == set()


def test_the_cache_is_kept_beside_the_site_not_in_it(built: Path) -> None:
    assert (built / ".briefing-cache/site/build.json").is_file()
    assert sorted(manifests(built)) == [
        "ar.json",
        "ar.stats.json",
        "en.json",
        "en.stats.json",
        "fr.json",
        "fr.stats.json",
    ]
    assert not [p for p in (built / "site").rglob("*") if "cache" in p.name]


def test_a_damaged_site_is_rebuilt(built: Path) -> None:
    page = built / "site/fr/index.html"
    page.write_text("damaged", encoding="utf-8")
    result = build(built)
    assert "up to date" not in result.stdout
    assert "damaged" not in page.read_text(encoding="utf-8")


def test_an_edited_body_rewrites_exactly_its_pages_and_search_indexes(built: Path) -> None:
    before = file_identities(built / "site")
    add_filler(built)
    result = build(built)
    assert "up to date" not in result.stdout
    # English has its own version of the story; Arabic shows the French one.
    assert rewritten(before, built / "site") == {
        "fr/briefings/2016/09/30/2016-09-30-alep/index.html",
        "ar/briefings/2016/09/30/2016-09-30-alep/index.html",
        "fr/search/search_index.json",
        "ar/search/search_index.json",
    }
    assert FILLER.strip() in (
        built / "site/fr/briefings/2016/09/30/2016-09-30-alep/index.html"
    ).read_text(encoding="utf-8")


def test_a_rebuild_from_the_cache_equals_a_clean_build(built: Path, tmp_path: Path) -> None:
    before = file_identities(built / "site")
    add_filler(built)
    build(built)
    assert len(rewritten(before, built / "site")) < 10  # the rest came from the cache
    clean = clean_build_of(built, tmp_path / "clean")
    assert differences(hash_tree(built / "site"), hash_tree(clean)) == []


def test_a_template_change_rebuilds_every_page(built: Path, tmp_path: Path) -> None:
    before = file_identities(built / "site")
    main_html = built / "site_templates/overrides/main.html"
    marker = "<!-- template changed -->"
    text = main_html.read_text(encoding="utf-8")
    main_html.write_text(
        text.replace("{% block htmltitle %}", "{% block htmltitle %}" + marker), encoding="utf-8"
    )
    build(built)
    pages = sorted((built / "site").glob("*/**/index.html"))
    assert len(pages) == 60  # 20 pages in each of the 3 locales
    assert all(marker in p.read_text(encoding="utf-8") for p in pages)
    assert {p.relative_to(built / "site").as_posix() for p in pages} <= rewritten(
        before, built / "site"
    )
    clean = clean_build_of(built, tmp_path / "clean")
    assert differences(hash_tree(built / "site"), hash_tree(clean)) == []


def test_compiled_templates_are_kept_and_an_edited_template_compiled_again(built: Path) -> None:
    compiled = built / ".briefing-cache/site/templates"
    # Ours (13 page templates) and the theme's (Material's, the overrides).
    assert len(list(compiled.glob("*.cache"))) > 20
    day = built / "site_templates/pages/day.html.j2"
    day.write_text(day.read_text(encoding="utf-8") + "<p>day template changed</p>\n", "utf-8")
    partial = built / "site_templates/overrides/partials/copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- partial changed -->", "utf-8")
    build(built)
    day_page = built / "site/en/dates/2016/09/30/index.html"
    assert "day template changed" in day_page.read_text(encoding="utf-8")
    assert "<!-- partial changed -->" in day_page.read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_cache_as_it_was(built: Path, tmp_path: Path) -> None:
    cached = manifests(built)
    stamp = (built / ".briefing-cache/site/build.json").read_bytes()
    add_filler(built)
    main_html = built / "site_templates/overrides/main.html"
    good = main_html.read_text(encoding="utf-8")
    broken = '{% block htmltitle %}{% if config.theme.language == "ar" %}{{ no_such_function() }}'
    main_html.write_text(
        good.replace("{% block htmltitle %}", broken + "{% endif %}"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", "-f", str(built / "mkdocs.yml")])
    assert result.exit_code == 1
    assert manifests(built) == cached
    assert (built / ".briefing-cache/site/build.json").read_bytes() == stamp
    main_html.write_text(good, encoding="utf-8")
    build(built)
    clean = clean_build_of(built, tmp_path / "clean")
    assert differences(hash_tree(built / "site"), hash_tree(clean)) == []


def test_strict_fails_again_on_an_up_to_date_site_with_warnings(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)  # its front matter leaves out places its text mentions
    first = CliRunner().invoke(main, ["build", "--strict", "-f", str(project / "mkdocs.yml")])
    second = CliRunner().invoke(main, ["build", "--strict", "-f", str(project / "mkdocs.yml")])
    assert first.exit_code == 1
    assert second.exit_code == 1
    assert "up to date" not in second.stdout
    warnings = [line for line in (first.stderr or "").splitlines() if "warning[" in line]
    assert warnings
    assert [line for line in (second.stderr or "").splitlines() if "warning[" in line] == warnings


def test_progress_outside_a_terminal_is_plain_lines(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    result = build(project)
    lines = (result.stderr or "").splitlines()
    assert "stage: render and MkDocs, per locale" in lines
    for locale in ("fr", "en", "ar"):
        assert f"{locale}: 20 pages rendered" in lines
        assert any(line.startswith(f"{locale}: building ") for line in lines)
        assert any(line.startswith(f"{locale}: done, ") for line in lines)


def test_progress_on_a_terminal_draws_a_bar_per_stage_and_locale() -> None:
    screen = io.StringIO()
    progress = TerminalProgress(Console(file=screen, force_terminal=True, width=100))
    progress.stage("render")
    progress.locale("fr", "total 40")
    progress.locale("fr", "pages 25")
    progress.locale("fr", "reused 30")
    progress.close()
    shown = screen.getvalue()
    assert "render" in shown
    assert "fr (30 reused)" in shown
    assert "40/40" in shown


def test_progress_is_chosen_by_whether_the_stream_is_a_terminal() -> None:
    assert isinstance(progress_for(io.StringIO()), LogProgress)


def test_an_edited_sentence_that_names_an_actor_updates_the_pages_quoting_it(
    built: Path, tmp_path: Path
) -> None:
    path = built / FRENCH
    path.write_text(
        path.read_text(encoding="utf-8").replace("338 morts", "340 morts"), encoding="utf-8"
    )
    before = file_identities(built / "site")
    build(built)
    actor_page = "fr/actors/who/index.html"
    assert actor_page in rewritten(before, built / "site")
    assert "340 morts" in (built / "site" / actor_page).read_text(encoding="utf-8")
    clean = clean_build_of(built, tmp_path / "clean")
    assert differences(hash_tree(built / "site"), hash_tree(clean)) == []


def write_docs_again(project: Path) -> dict[str, LocaleDocs]:
    """Bring every locale's docs tree up to date, as a build does first; each locale's summary."""
    config = load_config(project / "mkdocs.yml")
    index = build_index(check(config).linked)
    l10ns = localisers(config)
    return {
        docs.locale: docs
        for docs in write_every_locale(config, index, l10ns, briefing_alternates(index), 1)
    }


def docs_texts(project: Path) -> dict[str, str]:
    """Every page of every locale's pack, by locale and docs path."""
    root = docs_root(load_config(project / "mkdocs.yml"))
    texts = {}
    for pack in sorted(root.glob("*.pages")):
        with PackReader(pack) as reader:
            for path, data in reader.contents():
                texts[f"{pack.stem}/{path}"] = data.decode("utf-8")
    return texts


def test_an_edited_body_renders_only_its_story_pages_again(
    built: Path, make_project: MakeProject, tmp_path: Path
) -> None:
    add_filler(built)
    docs = write_docs_again(built)
    # One story page per locale, the rest of each tree kept as it was.
    assert {tag: found.rendered for tag, found in docs.items()} == {"fr": 1, "en": 1, "ar": 1}
    story = "fr/briefings/2016/09/30/2016-09-30-alep.md"
    assert FILLER.strip() in docs_texts(built)[story]
    # The trees are what rendering everything gives.
    fresh = tmp_path / "fresh"
    clean_build_of(built, fresh)
    assert docs_texts(built) == docs_texts(fresh.parent / "fresh")


def test_a_sentence_added_before_the_mentions_renders_only_its_story_pages_again(
    built: Path, tmp_path: Path
) -> None:
    # Every mention of the body moves; no other page shows where a mention is in its body.
    path = built / FRENCH
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Selon l’OMS", FILLER + "\nSelon l’OMS", 1), "utf-8")
    docs = write_docs_again(built)
    assert {tag: found.rendered for tag, found in docs.items()} == {"fr": 1, "en": 1, "ar": 1}
    fresh = tmp_path / "fresh"
    clean_build_of(built, fresh)
    assert docs_texts(built) == docs_texts(fresh)


def test_a_locale_whose_pages_did_not_change_is_published_as_it_was(
    built: Path, tmp_path: Path
) -> None:
    # The French version changed: the French page, and the Arabic one that shows it for want
    # of an Arabic version. English shows its own version: no page of it changed.
    before = file_identities(built / "site")
    add_filler(built)
    result = build(built)
    lines = (result.stderr or "").splitlines()
    assert "en: unchanged, its 20 pages published as they were" in lines
    assert not any(line.startswith("en: building") for line in lines)
    assert any(line.startswith("fr: building") for line in lines)
    changed = rewritten(before, built / "site")
    assert not [path for path in changed if path.startswith("en/")]
    assert "fr/briefings/2016/09/30/2016-09-30-alep/index.html" in changed
    fresh = tmp_path / "fresh"
    assert differences(hash_tree(built / "site"), hash_tree(clean_build_of(built, fresh))) == []


def test_a_tree_missing_a_page_is_rendered_anew(built: Path) -> None:
    config = load_config(built / "mkdocs.yml")
    pack = pack_file(docs_root(config) / "en")
    # The pack cut short in its last page (a disk full, say).
    pack.write_bytes(pack.read_bytes()[:-100])
    with PackReader(pack) as reader:
        assert len(reader.written) == len(reader.pages) - 1
    add_filler(built)
    docs = write_docs_again(built)
    assert docs["en"].rendered == len(docs["en"].paths)
    with PackReader(pack) as reader:
        assert list(reader.written) == list(docs["en"].paths)


def test_a_tree_without_its_pack_is_rendered_anew(built: Path) -> None:
    config = load_config(built / "mkdocs.yml")
    pack_file(docs_root(config) / "fr").unlink()
    add_filler(built)
    docs = write_docs_again(built)
    assert docs["fr"].rendered == len(docs["fr"].paths)
    build(built)
    page = built / "site/fr/briefings/2016/09/30/2016-09-30-alep/index.html"
    assert FILLER.strip() in page.read_text(encoding="utf-8")


def test_edits_append_to_the_pack_until_it_is_written_anew(built: Path, tmp_path: Path) -> None:
    config = load_config(built / "mkdocs.yml")
    pack = pack_file(docs_root(config) / "fr")
    sizes = [pack.stat().st_size]
    story = built / FRENCH
    for round_number in range(12):
        story.write_text(story.read_text("utf-8") + f"Encore {round_number}.\n", "utf-8")
        write_docs_again(built)
        sizes.append(pack.stat().st_size)
    assert sizes[1] > sizes[0]  # the edited page appended
    assert any(after < before for before, after in zip(sizes, sizes[1:], strict=False))
    assert max(sizes) <= COMPACT_AT * sizes[0] * 1.1
    fresh = tmp_path / "fresh"
    clean_build_of(built, fresh)
    assert docs_texts(built) == docs_texts(fresh)


def test_docs_written_by_a_build_that_never_published_are_built_next_time(built: Path) -> None:
    # A build killed after writing the docs trees, before publishing: the trees are ahead of
    # the site. The next build finds no document to change, yet must not keep the old site.
    add_filler(built)
    write_docs_again(built)
    result = build(built)
    assert "fr: unchanged" not in (result.stderr or "")
    page = built / "site/fr/briefings/2016/09/30/2016-09-30-alep/index.html"
    assert FILLER.strip() in page.read_text(encoding="utf-8")


def test_a_changed_mention_renders_every_page_again(built: Path) -> None:
    path = built / FRENCH
    path.write_text(path.read_text(encoding="utf-8") + "MSF demande une trêve.\n", encoding="utf-8")
    docs = write_docs_again(built)
    assert all(found.rendered == len(found.paths) for found in docs.values())


def test_a_tree_without_its_record_is_rendered_anew(built: Path) -> None:
    config = load_config(built / "mkdocs.yml")
    record_file(config, "en").unlink()
    docs = write_docs_again(built)
    assert docs["en"].rendered == len(docs["en"].paths)
    assert docs["fr"].rendered == 0


def test_the_config_path_spelled_another_way_is_still_up_to_date(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(built)
    result = CliRunner().invoke(main, ["build", "-f", "mkdocs.yml"])
    assert result.exit_code == 0
    assert result.stdout.startswith("up to date: ")


def test_the_structure_digest_is_the_same_in_any_process(built: Path) -> None:
    # Each process hashes strings with its own seed: a digest that followed the order of a set
    # would never match the last build's, and every edit would render every page again.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.index import build_index\n"
        "from generator.locales import load_config\n"
        "from generator.pipeline import check\n"
        "from generator.render_cache import structure_digest\n"
        "print(structure_digest(build_index(check(load_config(Path(sys.argv[1]))).linked)))\n"
    )
    digests = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(built / "mkdocs.yml")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1
    # And it follows the content: an edit to a front matter changes it.
    path = built / FRENCH
    path.write_text(path.read_text(encoding="utf-8").replace('title: "', 'title: "X ', 1), "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", script, str(built / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() not in digests


def test_a_run_that_reuses_most_pages_takes_no_slot_and_no_helper(tmp_path: Path) -> None:
    from generator.build import light_run

    def docs(changed: int, pending: Path | None = None) -> LocaleDocs:
        paths = tuple(f"p{i}.md" for i in range(0 if pending else 1000))
        return LocaleDocs("fr", "S", (), paths, (), tmp_path, changed, changed, "g", pending)

    assert light_run(docs(1)) and light_run(docs(20))  # an edit: a story's pages
    assert not light_run(docs(21))  # more than 2% of the pages built anew
    assert not light_run(docs(0, pending=tmp_path / "fr.pages"))  # written anew


@pytest.fixture
def other_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on another file system than the project's (a RAM disk), removed after."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to put the cache on (/dev/shm)")
    folder = Path(tempfile.mkdtemp(dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_cache_on_another_disk_is_kept_and_used(
    make_project: MakeProject, other_disk: Path
) -> None:
    project = make_project(SMALL_SITE)
    (project / ".briefing-cache").symlink_to(other_disk)
    build(project)
    assert "fr.json" in manifests(project)  # moved there from the staging folder
    before = file_identities(project / "site")
    add_filler(project)
    result = build(project)
    assert "up to date" not in result.stdout
    assert rewritten(before, project / "site") == {  # the cache was used: only the edit's pages
        "fr/briefings/2016/09/30/2016-09-30-alep/index.html",
        "ar/briefings/2016/09/30/2016-09-30-alep/index.html",
        "fr/search/search_index.json",
        "ar/search/search_index.json",
    }
