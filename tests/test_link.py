"""The link stage: mentions of every briefing against the whole registry."""

from __future__ import annotations

import datetime as dt
import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.link
from generator.diagnostics import Location, Severity
from generator.link import annotation, find_mentions, link_briefing
from generator.load import load_content
from generator.model import Actor, Briefing, Content, Mention, Place, Registry
from generator.validate import validate

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
FRIDAY = dt.date(2016, 9, 30)

REGISTRY = Registry(
    actors={
        "who": Actor(
            "who",
            "organisation",
            {"fr": "Organisation mondiale de la santé", "ar": "منظمة الصحة العالمية"},
            {"fr": ("OMS",)},
        ),
        "msf": Actor("msf", "organisation", {"fr": "Médecins sans frontières"}, {"fr": ("MSF",)}),
        "al-nusra": Actor(
            "al-nusra",
            "armed-group",
            {"fr": "Front al-Nosra", "ar": "جبهة النصرة"},
            {"fr": ("Nosra",)},
        ),
        "sohr": Actor(
            "sohr",
            "organisation",
            {"ar": "المرصد السوري لحقوق الإنسان"},
            {"ar": ("المرصد السوري",)},
        ),
        "russian-government": Actor(
            "russian-government",
            "government",
            {"fr": "gouvernement russe"},
            {"fr": ("Moscou", "Kremlin"), "ar": ("موسكو",)},
        ),
    },
    places={
        "aleppo": Place("aleppo", "city", {"fr": "Alep", "ar": "حلب"}),
        "moscow": Place("moscow", "city", {"fr": "Moscou", "ar": "موسكو"}),
    },
)


def brief(body: str, lang: str = "fr", **fields: object) -> Briefing:
    return Briefing(
        "2016-09-30-test",
        lang,
        "Test",
        FRIDAY,
        "",
        body,
        f"content/briefings/2016-09-30-test.{lang}.md",
        **fields,
    )  # type: ignore[arg-type]


def test_find_mentions_links_every_briefing_with_one_matcher(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = []
    original = generator.link.EntityMatcher

    def counting(registry: Registry) -> object:
        built.append(registry)
        return original(registry)

    monkeypatch.setattr(generator.link, "EntityMatcher", counting)
    briefings = tuple(
        Briefing(f"s{i}", lang, "T", FRIDAY, "", body, f"s{i}.{lang}.md")
        for i, (lang, body) in enumerate(
            [("fr", "Alep, jeudi."), ("ar", "في حلب"), ("fr", "MSF à Alep")]
        )
    )
    linked = find_mentions(Content(REGISTRY, briefings, ("fr", "ar")))
    assert len(built) == 1
    assert [[(m.kind, m.id or m.date) for m in linked.mentions[b.key]] for b in briefings] == [
        [("place", "aleppo"), ("date", dt.date(2016, 9, 29))],
        [("place", "aleppo")],
        [("actor", "msf"), ("place", "aleppo")],
    ]


def test_mentions_are_sorted_without_overlap_and_the_longest_wins() -> None:
    body = "Le Front al-Nosra, Nosra, l’OMS et l’Organisation mondiale de la santé, jeudi 29 septembre."
    mentions, _ = link_briefing(brief(body), REGISTRY)
    assert [(m.text, m.kind) for m in mentions] == [
        ("Front al-Nosra", "actor"),
        ("Nosra", "actor"),
        ("OMS", "actor"),
        ("Organisation mondiale de la santé", "actor"),
        ("jeudi 29 septembre", "date"),
    ]


def test_ambiguous_alias_is_a_located_warning_once_per_briefing() -> None:
    body = "Premier paragraphe.\n\nLe Kremlin et Moscou.\nEncore Moscou."
    mentions, warnings = link_briefing(brief(body, body_line=9), REGISTRY)
    assert [m.text for m in mentions] == ["Kremlin"]
    assert len(warnings) == 1
    (warning,) = warnings
    assert warning.code == "mention.ambiguous"
    assert warning.severity is Severity.WARNING
    assert warning.location == Location("content/briefings/2016-09-30-test.fr.md", 11, 15)
    assert warning.message == (
        "alias 'Moscou' may mean actor 'russian-government' or place 'moscow'; "
        "list one in the front matter's actors/places"
    )
    assert str(warning).startswith(
        "content/briefings/2016-09-30-test.fr.md:11:15: warning[mention.ambiguous]"
    )


def test_front_matter_resolves_an_ambiguous_alias() -> None:
    body = "Moscou répond."
    as_actor, _ = link_briefing(brief(body, actors=("russian-government",)), REGISTRY)
    as_place, _ = link_briefing(brief(body, places=("moscow",)), REGISTRY)
    both, warnings = link_briefing(
        brief(body, actors=("russian-government",), places=("moscow",)), REGISTRY
    )
    assert [(m.kind, m.id) for m in as_actor] == [("actor", "russian-government")]
    assert [(m.kind, m.id) for m in as_place] == [("place", "moscow")]
    assert both == () and len(warnings) == 1


def test_annotation_is_the_json_of_briefing_annotate() -> None:
    briefing = brief("Alep, jeudi.")
    mentions, _ = link_briefing(briefing, REGISTRY)
    assert annotation(briefing, mentions) == {
        "file": "content/briefings/2016-09-30-test.fr.md",
        "lang": "fr",
        "date": "2016-09-30",
        "mentions": [
            {"kind": "place", "id": "aleppo", "text": "Alep", "start": 0, "end": 4},
            {"kind": "date", "date": "2016-09-29", "text": "jeudi", "start": 6, "end": 11},
        ],
    }
    assert list(annotation(briefing, mentions)["mentions"][1]) == [
        "kind",
        "date",
        "text",
        "start",
        "end",
    ]


# Property: mentions lie inside the body, do not overlap, and shift exactly when text with no
# letter or digit, or a sentence of unknown words, is inserted before them. (No character that
# makes Markdown at the start of a line: "!!! " is an admonition, "- " a list, "> " a quote.)

TOKENS = {
    "fr": [
        "Alep",
        "d’Alep",
        "l’OMS",
        "MSF",
        "Médecins\u00a0sans frontières",
        "Front al-Nosra",
        "Nosra",
        "Kremlin",
        "jeudi",
        "vendredi 30 septembre",
        "le 9 septembre",
        "30/09/2016",
        "le 1er octobre",
    ],
    "ar": [
        "حلب",
        "وحلب",
        "بحلب",
        "المرصد السوري",
        "للمرصد السوري",
        "جبهة النصرة",
        "الخميس",
        "٣٠ أيلول/سبتمبر ٢٠١٦",
        "يوم الجمعة",
        "منظمة الصحة العالمية",
    ],
}
FILLER = {
    "fr": ["zorbu", "plink", "quorp", "les", "une", "et", "trois"],
    "ar": ["كلمة", "زرقاء", "في", "قال"],
}
UNKNOWN = st.lists(
    st.sampled_from(["zorbu", "plink", "quorp", "blax"]), min_size=1, max_size=4
).map(lambda words: " ".join(words).capitalize() + ". ")
PUNCTUATION = st.text(alphabet=" \u00a0\u202f,;:()«»\"'…—", min_size=0, max_size=5).map(
    lambda s: s + " "
)


@st.composite
def bodies(draw: st.DrawFn, lang: str) -> tuple[str, list[int]]:
    """A body of sentences, and the offsets where sentences start."""
    sentences = draw(
        st.lists(
            st.lists(st.sampled_from(TOKENS[lang] + FILLER[lang]), min_size=1, max_size=8),
            min_size=1,
            max_size=6,
        )
    )
    body, starts = "", []
    for words in sentences:
        starts.append(len(body))
        body += " ".join(words) + ". "
    return body, starts


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["fr", "ar"]).flatmap(lambda lang: st.tuples(st.just(lang), bodies(lang))),
    st.data(),
)
def test_mentions_shift_with_text_inserted_before_them(
    case: tuple[str, tuple[str, list[int]]], data: st.DataObject
) -> None:
    lang, (body, starts) = case
    mentions, _ = link_briefing(brief(body, lang), REGISTRY)
    assert all(
        0 <= m.start < m.end <= len(body) and body[m.start : m.end] == m.text for m in mentions
    )
    assert all(a.end <= b.start for a, b in pairwise(mentions))

    at = data.draw(st.sampled_from(starts))
    inserted = data.draw(st.one_of(PUNCTUATION, UNKNOWN))
    shifted, _ = link_briefing(brief(body[:at] + inserted + body[at:], lang), REGISTRY)
    moved = len(inserted)
    assert shifted == tuple(
        Mention(m.kind, m.start + moved, m.end + moved, m.text, m.id, m.date)
        if m.start >= at
        else m
        for m in mentions
    )


# Gold: every demo briefing annotated by hand in tests/gold/<file stem>.json.


def _demo() -> Content:
    loaded = load_content(ROOT / "content")
    langs = tuple(
        sorted(
            {
                path.suffixes[-2].lstrip(".")
                for path in (ROOT / "content" / "briefings").glob("*.md")
            }
        )
    )
    content, _ = validate(loaded, langs)
    return content


def test_gold_recall_and_precision() -> None:
    content = _demo()
    assert content.briefings, "no demo briefings"
    linked = find_mentions(content)
    gold: set[tuple[str, ...]] = set()
    found: set[tuple[str, ...]] = set()
    for briefing in content.briefings:
        name = Path(briefing.path).name
        path = GOLD / (name.removesuffix(".md") + ".json")
        assert path.exists(), f"no gold annotation for {name}: write {path.name}"
        expected = json.loads(path.read_text(encoding="utf-8"))
        for item in expected["mentions"]:
            assert briefing.body[item["start"] : item["end"]] == item["text"], (
                f"{name} changed: update {path.name}"
            )
            gold.add(
                (
                    name,
                    item["kind"],
                    item.get("id") or item["date"],
                    str(item["start"]),
                    str(item["end"]),
                )
            )
        for m in linked.mentions[briefing.key]:
            value = m.date.isoformat() if m.date else str(m.id)
            found.add((name, m.kind, value, str(m.start), str(m.end)))
    hits = len(gold & found)
    recall, precision = hits / len(gold), hits / len(found)
    missed, spurious = sorted(gold - found), sorted(found - gold)
    assert recall >= 0.95, f"recall {recall:.3f}; missed {missed}"
    assert precision >= 0.95, f"precision {precision:.3f}; spurious {spurious}"


def test_linking_in_two_processes_finds_what_one_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    content = _demo()
    monkeypatch.setattr(generator.link, "PARALLEL_FROM", 10**9)
    alone = find_mentions(content)
    children: list[int] = []
    started = generator.link.started_forked

    def counted(*args: object) -> object:
        children.append(1)
        return started(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.link, "started_forked", counted)
    monkeypatch.setattr(generator.link, "PARALLEL_FROM", 2)
    shared = find_mentions(content)
    assert children == [1]  # the second half did go to a child
    assert shared.mentions == alone.mentions
    assert [d.message for d in shared.diagnostics] == [d.message for d in alone.diagnostics]
    assert list(shared.mentions) == [b.key for b in content.briefings]
