"""Front matter read line by line as JSON means what MkDocs' YAML reader makes of it."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta

from generator import page_meta
from generator.docs_pack import PackReader

from .conftest import MakeProject
from .factories import SMALL_SITE
from .test_incremental import build

SAMPLES = [
    # As the renderer writes it.
    '---\ntitle: "Alep : l\\u2019offensive"\nprerendered: true\nalternates: ["fr", "en"]\n'
    'og: [["og:type", "website"], ["og:locale", "fr_FR"]]\nsearch:\n  exclude: true\n---\n\n<h1>x</h1>\n',
    '---\ntitle: "x"\nweight: 3\nhide: null\n---\nbody\n',
    # What only YAML reads, or reads otherwise than JSON would: left to MkDocs' reader.
    "---\ntitle: plain words\n---\nbody\n",
    '---\nsize: 1e3\n---\nbody\n',
    '---\nscore: 1.5\n---\nbody\n',
    '---\nmap: {"a":1}\n---\nbody\n',
    '---\ntitle: "a"\ntitle: "b"\n---\nbody\n',
    '---\nsearch:\n---\nbody\n',
    '---\nsearch:\n  exclude: true\n    deeper: 1\n---\nbody\n',
    '---\n  exclude: true\n---\nbody\n',
    '---\n# a comment\ntitle: "x"\n---\nbody\n',
    '---\ntitle: "x" # note\n---\nbody\n',
    '---\ntitle: "\\ud800"\n---\nbody\n',
    '---\ntitle: "x"\n\nother: "y"\n---\nbody\n',
    '---\ntitle: [\n---\nbody\n',
    '---\n- a\n- b\n---\nbody\n',
    "no front matter\n",
    '---\ntitle: "x"\n...\nbody\n',
]


@pytest.mark.parametrize("doc", SAMPLES)
def test_front_matter_reads_as_mkdocs_reads_it(doc: str) -> None:
    assert page_meta.get_data(doc) == meta.get_data(doc)


def test_the_renderers_front_matter_is_read_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(doc: str) -> None:
        raise AssertionError("read with YAML")

    monkeypatch.setattr(page_meta, "_yaml_get_data", refuse)
    body, data = page_meta.get_data(SAMPLES[0])
    assert data["search"] == {"exclude": True} and body == "<h1>x</h1>\n"


def test_every_page_of_a_built_site_reads_as_with_yaml(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE, demo=True)
    build(project)
    pages = []
    for pack in (project / ".briefing-cache/site/docs").glob("*.pages"):
        with PackReader(pack) as reader:
            pages += [(f"{pack.stem}/{path}", data.decode()) for path, data in reader.contents()]
    assert len(pages) > 100
    for page, doc in pages:
        assert page_meta.get_data(doc) == meta.get_data(doc), page
        assert page_meta._json_lines(meta.YAML_RE.match(doc).group(1)) is not None, page
