"""Actors and places found in text as real text writes them: one case per rule, in fr, en, ar.

Expected mentions are written inline: ``⟦Alep|place:aleppo⟧`` is a mention of place ``aleppo``
spanning exactly the text "Alep"; everything else must yield no mention.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from generator.link import Matchers, link_briefing
from generator.model import Actor, Briefing, Place, Registry

MARK = re.compile(r"⟦([^|⟧]*)\|([^⟧]*)⟧")


def actor(entity_id: str, name: dict[str, str], **aliases: list[str]) -> Actor:
    return Actor(entity_id, "organisation", name, {k: tuple(v) for k, v in aliases.items()})


def place(entity_id: str, name: dict[str, str], **aliases: list[str]) -> Place:
    return Place(entity_id, "city", name, {k: tuple(v) for k, v in aliases.items()})


REGISTRY = Registry(
    actors={
        a.id: a
        for a in [
            actor(
                "who",
                {
                    "fr": "Organisation mondiale de la santé",
                    "en": "World Health Organization",
                    "ar": "منظمة الصحة العالمية",
                },
                fr=["OMS"],
                en=["WHO"],
            ),
            actor(
                "msf",
                {"fr": "Médecins sans frontières", "en": "Doctors Without Borders"},
                fr=["MSF"],
                en=["MSF"],
            ),
            actor(
                "sohr",
                {
                    "fr": "Observatoire syrien des droits de l’homme",
                    "en": "Syrian Observatory for Human Rights",
                    "ar": "المرصد السوري لحقوق الإنسان",
                },
                fr=["OSDH"],
                en=["SOHR"],
                ar=["المرصد السوري"],
            ),
            actor(
                "islamic-state",
                {"fr": "État islamique", "en": "Islamic State", "ar": "الدولة الإسلامية"},
                fr=["EI", "Daech"],
                en=["IS"],
            ),
            actor(
                "al-nusra",
                {"fr": "Front al-Nosra", "en": "al-Nusra Front", "ar": "جبهة النصرة"},
                fr=["Nosra"],
                ar=["النصرة"],
            ),
            actor(
                "russian-government",
                {"fr": "gouvernement russe", "en": "Russian government"},
                fr=["Kremlin", "Moscou"],
                en=["Kremlin", "Moscow"],
                ar=["الكرملين", "موسكو"],
            ),
            actor(
                "syrian-government",
                {"fr": "régime syrien", "en": "Syrian regime"},
                fr=["Damas"],
                en=["Damascus"],
            ),
            actor(
                "kerry",
                {"fr": "John Kerry", "en": "John Kerry", "ar": "جون كيري"},
                fr=["Kerry"],
                en=["Kerry"],
                ar=["كيري"],
            ),
            actor(
                "us-government",
                {"fr": "gouvernement américain", "en": "US government"},
                fr=["Washington"],
                en=["Washington", "U.S. government", "Washington, D.C."],
            ),
        ]
    },
    places={
        p.id: p
        for p in [
            place("aleppo", {"fr": "Alep", "en": "Aleppo", "ar": "حلب"}),
            place("east-aleppo", {"fr": "Alep-Est", "en": "East Aleppo"}),
            place("damascus", {"fr": "Damas", "en": "Damascus", "ar": "دمشق"}),
            place("moscow", {"fr": "Moscou", "en": "Moscow", "ar": "موسكو"}),
            place("washington", {"fr": "Washington", "en": "Washington"}),
            place("syria", {"fr": "Syrie", "en": "Syria", "ar": "سوريا"}, ar=["سورية"]),
            place("iraq", {"fr": "Irak", "en": "Iraq", "ar": "العراق"}),
            place("hama", {"fr": "Hama", "en": "Hama", "ar": "حماة"}),
            place("nice", {"fr": "Nice", "en": "Nice"}),
            place("united-states", {"fr": "États-Unis", "en": "United States"}, en=["US", "U.S."]),
        ]
    },
)
MATCHERS = Matchers(REGISTRY)


def parse(marked: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """The body without its marks, and the mentions they stand for."""
    body, expected, pos = [], [], 0
    for match in MARK.finditer(marked):
        body.append(marked[pos : match.start()])
        start = sum(map(len, body))
        kind, _, value = match.group(2).partition(":")
        expected.append((kind, value, start, start + len(match.group(1))))
        body.append(match.group(1))
        pos = match.end()
    body.append(marked[pos:])
    return "".join(body), expected


def found(
    lang: str, marked: str, **front: tuple[str, ...]
) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, str, int, int]]]:
    body, expected = parse(marked)
    briefing = Briefing("s", lang, "t", dt.date(2016, 9, 30), "", body, f"s.{lang}.md", **front)
    mentions, _ = link_briefing(briefing, REGISTRY, matchers=MATCHERS)
    actual = [(m.kind, m.id or str(m.date), m.start, m.end) for m in mentions if m.kind != "date"]
    for m in mentions:
        assert body[m.start : m.end] == m.text
    return actual, expected


CASES = [
    # Names and aliases in the briefing's language; names in others as a fallback.
    ("fr", "Les bombes tombent sur ⟦Alep|place:aleppo⟧ et sur ⟦Aleppo|place:aleppo⟧."),
    ("en", "Bombs fall on ⟦Aleppo|place:aleppo⟧, which the French call ⟦Alep|place:aleppo⟧."),
    # Apostrophes, straight and typographic, elided articles: the mention is the name only.
    ("fr", "les quartiers d’⟦Alep|place:aleppo⟧, d'⟦Alep|place:aleppo⟧ et dʼ⟦Alep|place:aleppo⟧"),
    (
        "fr",
        "l’⟦OMS|actor:who⟧, L’⟦OSDH|actor:sohr⟧, qu’⟦Alep|place:aleppo⟧, jusqu’à ⟦Alep|place:aleppo⟧",
    ),
    ("fr", "selon l’⟦Observatoire syrien des droits de l'homme|actor:sohr⟧ (⟦OSDH|actor:sohr⟧)"),
    ("fr", "selon l'⟦Observatoire syrien des droits de l’Homme|actor:sohr⟧"),
    ("en", "⟦Aleppo|place:aleppo⟧’s hospitals and ⟦Syria|place:syria⟧'s war"),
    # Spaces: no-break, narrow no-break, runs, a single newline; never a blank line.
    (
        "fr",
        "⟦Médecins\u00a0sans\u202ffrontières|actor:msf⟧ et ⟦Médecins  sans\n  frontières|actor:msf⟧",
    ),
    ("fr", "Médecins sans\n\nfrontières"),
    # Case: multi-word names case-insensitively; the longest match wins.
    (
        "fr",
        "ni le ⟦front Al-Nosra|actor:al-nusra⟧, ni ⟦FRONT AL-NOSRA|actor:al-nusra⟧, ni ⟦Nosra|actor:al-nusra⟧",
    ),
    (
        "fr",
        "le ⟦Front al‑Nosra|actor:al-nusra⟧, le ⟦Front al‐Nosra|actor:al-nusra⟧, le ⟦Front al–Nosra|actor:al-nusra⟧, le ⟦Front al Nosra|actor:al-nusra⟧",
    ),
    ("fr", "les quartiers d’⟦Alep-Est|place:east-aleppo⟧ et ⟦Alep|place:aleppo⟧ ouest"),
    # Short all-caps acronyms: exactly in capitals, never inside a word.
    (
        "fr",
        "⟦MSF|actor:msf⟧ et ⟦EI|actor:islamic-state⟧, mais ni msf, ni Ei, ni ei, ni REIN ni DEI",
    ),
    (
        "en",
        "This is what ⟦IS|actor:islamic-state⟧ wants; it is not what ⟦WHO|actor:who⟧, who is neutral, wants",
    ),
    # ... but in a line all in capitals, an acronym the text also writes as a lowercase word is
    # that word; names, and acronyms that are no word of the text, are still found.
    ("en", "## WHO IS LEFT IN ⟦ALEPPO|place:aleppo⟧\n⟦WHO|actor:who⟧ said ⟦IS|actor:islamic-state⟧ is gone, who knows."),
    ("en", "## ⟦MSF|actor:msf⟧ CALLS FOR A TRUCE\n\n⟦MSF|actor:msf⟧ said the ⟦IS|actor:islamic-state⟧ siege goes on."),
    ("fr", "# ⟦SYRIE|place:syria⟧ : UN CESSEZ-LE-FEU, L’⟦EI|actor:islamic-state⟧ RECULE\n\n## ⟦MSF|actor:msf⟧\n\n⟦MSF|actor:msf⟧ et l’⟦EI|actor:islamic-state⟧, un jour. Ei."),
    ("en", "the ⟦US|place:united-states⟧ and the ⟦U.S.|place:united-states⟧ told us, u.s. or not"),
    # Punctuation inside a name as the text writes it; never across a paragraph.
    ("en", "the ⟦U.S. government|actor:us-government⟧ and ⟦Washington, D.C.|actor:us-government⟧"),
    ("en", "the ⟦U.S.|place:united-states⟧\n\ngovernment"),
    # A capitalised one-word name: not an all-lowercase word.
    ("en", "⟦Nice|place:nice⟧ is nice, and ⟦NICE|place:nice⟧ in capitals"),
    ("fr", "⟦Daech|actor:islamic-state⟧, ⟦DAECH|actor:islamic-state⟧, mais pas daech ni kremlin"),
    # Accents: on capitals and generally; NFC and NFD are the same name.
    (
        "fr",
        "l’⟦Etat islamique|actor:islamic-state⟧ et l’⟦État islamique|actor:islamic-state⟧ et l’⟦ETAT ISLAMIQUE|actor:islamic-state⟧",
    ),
    (
        "fr",
        unicodedata.normalize(
            "NFD", "l’⟦État islamique|actor:islamic-state⟧ et les ⟦États-Unis|place:united-states⟧"
        ),
    ),
    ("fr", "l’⟦Organisation Mondiale de la Sante|actor:who⟧"),
    # Word boundaries: no name inside a longer word.
    ("fr", "les Alépins, les Syriens, la Syrienne, les Kremlinologues, Alep2"),
    ("en", "the Syrians, the Aleppine, ⟦Aleppo|place:aleppo⟧-based ⟦SOHR|actor:sohr⟧"),
    # Arabic: proclitics و ف ب ل ك attach to a name; the mention is the name without them.
    (
        "ar",
        "في ⟦حلب|place:aleppo⟧ و⟦حلب|place:aleppo⟧ ب⟦حلب|place:aleppo⟧ ل⟦حلب|place:aleppo⟧ ف⟦حلب|place:aleppo⟧ وب⟦حلب|place:aleppo⟧ ك⟦حلب|place:aleppo⟧",
    ),
    (
        "ar",
        "قال ⟦المرصد السوري لحقوق الإنسان|actor:sohr⟧ و⟦المرصد السوري|actor:sohr⟧ ب⟦المرصد السوري|actor:sohr⟧",
    ),
    # ... after ل the article loses its alif: للمرصد = ل + لمرصد.
    ("ar", "وفقا ل⟦لمرصد السوري لحقوق الإنسان|actor:sohr⟧ وكذلك ول⟦لمرصد السوري|actor:sohr⟧"),
    ("ar", "في ⟦العراق|place:iraq⟧ وفي ب⟦العراق|place:iraq⟧ ول⟦لعراق|place:iraq⟧"),
    # ... but the article never joins a name that lacks it: السورية is "the Syrian".
    ("ar", "الأراضي السورية والحكومة السورية في ⟦سورية|place:syria⟧ و⟦سوريا|place:syria⟧"),
    ("ar", "الحلبي وحلبية ومحلب ولحلبه"),
    # ... and the letter variants: alif with hamza or madda, ة/ه, ى/ي, tatweel, harakat.
    (
        "ar",
        "⟦المرصد السوري لحقوق الانسان|actor:sohr⟧ و⟦منظمه الصحه العالميه|actor:who⟧ و⟦حـلـب|place:aleppo⟧ و⟦حَلَبَ|place:aleppo⟧ و⟦حماه|place:hama⟧",
    ),
    (
        "ar",
        "⟦الكرملين|actor:russian-government⟧ و⟦جبهة النصرة|actor:al-nusra⟧ و⟦النصرة|actor:al-nusra⟧ و⟦كيري|actor:kerry⟧",
    ),
    # Fallback names in an Arabic briefing.
    ("ar", "منظمة ⟦MSF|actor:msf⟧ في ⟦Aleppo|place:aleppo⟧"),
]


@pytest.mark.parametrize(("lang", "marked"), CASES)
def test_entities(lang: str, marked: str) -> None:
    actual, expected = found(lang, marked)
    assert actual == expected


@pytest.mark.parametrize(
    ("lang", "marked", "actors", "places"),
    [
        ("fr", "⟦Moscou|actor:russian-government⟧ répond.", ("russian-government",), ()),
        ("fr", "⟦Moscou|place:moscow⟧ est loin.", (), ("moscow",)),
        ("fr", "Moscou répond.", (), ()),
        ("fr", "Moscou répond.", ("russian-government",), ("moscow",)),
        ("en", "⟦Washington|actor:us-government⟧ warns.", ("us-government",), ()),
        ("ar", "قالت ⟦موسكو|actor:russian-government⟧", ("russian-government",), ()),
        ("ar", "في ⟦موسكو|place:moscow⟧", (), ("moscow",)),
    ],
)
def test_shared_alias_resolves_to_the_listed_entity(
    lang: str, marked: str, actors: tuple[str, ...], places: tuple[str, ...]
) -> None:
    actual, expected = found(lang, marked, actors=actors, places=places)
    assert actual == expected


def test_briefing_language_wins_over_fallback_names() -> None:
    registry = Registry(
        actors={"band": actor("band", {"en": "Damas"})},
        places={"damascus": place("damascus", {"fr": "Damas", "en": "Damascus"})},
    )
    for lang, expected in (("fr", "damascus"), ("en", "band")):
        briefing = Briefing("s", lang, "t", dt.date(2016, 9, 30), "", "Damas", f"s.{lang}.md")
        mentions, warnings = link_briefing(briefing, registry)
        assert [m.id for m in mentions] == [expected]
        assert warnings == ()
    briefing = Briefing("s", "ar", "t", dt.date(2016, 9, 30), "", "Damas", "s.ar.md")
    mentions, warnings = link_briefing(briefing, registry)
    assert mentions == ()  # only fallback names, two entities: ambiguous
    assert [w.code for w in warnings] == ["mention.ambiguous"]


def test_nothing_inside_markup() -> None:
    body = (
        "`Alep` [Alep](https://fr.wikipedia.org/wiki/Alep) <a href='x'>Alep</a> "
        "https://alep.example/Alep <!-- Alep --> {: #Alep } ⟦Alep|place:aleppo⟧\n\n"
        "    Alep en code\n\n```\nAlep\n```\n"
    )
    actual, expected = found("fr", body)
    assert actual == expected
