"""Small registry entries and briefings for tests that build their own content."""

from __future__ import annotations

import textwrap

ALEPPO = """\
kind: city
name: {fr: Alep, en: Aleppo, ar: حلب}
aliases: {en: [Halab]}
within: syria
coordinates: [36.2021, 37.1343]
"""
SYRIA = """\
kind: country
name: {fr: Syrie, en: Syria, ar: سوريا}
"""
HANDARAT = """\
kind: site
name: {fr: Handarat, en: Handarat, ar: حندرات}
within: aleppo
"""
WHO = """\
kind: organisation
name: {fr: Organisation mondiale de la santé, en: World Health Organization, ar: منظمة الصحة العالمية}
aliases: {fr: [OMS], en: [WHO]}
wikidata: Q7817
"""
MSF = """\
kind: organisation
name: {fr: Médecins sans frontières, en: Doctors Without Borders, ar: أطباء بلا حدود}
aliases: {fr: [MSF], en: [MSF]}
"""


def briefing(title: str, lang: str, body: str, day: str = "2016-09-30", **fields: str) -> str:
    """A briefing file's text."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return (
        f'---\ntitle: "{title}"\ndate: {day}\nlang: {lang}\nsummary: "Summary of {title}."\n'
        f"{extra}---\n{textwrap.dedent(body)}"
    )


#: Three places (Syria › Aleppo › Handarat) and two actors.
SMALL_REGISTRY = {
    "content/places/aleppo.yml": ALEPPO,
    "content/places/syria.yml": SYRIA,
    "content/places/handarat.yml": HANDARAT,
    "content/actors/who.yml": WHO,
    "content/actors/msf.yml": MSF,
}

SMALL_SITE = {
    **SMALL_REGISTRY,
    "content/briefings/2016-09-30-alep.fr.md": briefing(
        "Alep sous les bombes",
        "fr",
        "Selon l’OMS, les combats d’Alep ont fait 338 morts. Jeudi, Handarat est tombé.\n",
        actors="[who]",
        figures="[{label: killed, value: 3800, source: who, from: 2016-09-23, to: 2016-09-30}]",
    ),
    "content/briefings/2016-09-30-alep.en.md": briefing(
        "Aleppo under bombs",
        "en",
        "According to the WHO, fighting in Aleppo killed 338. On Thursday, Handarat fell.\n",
        actors="[who]",
    ),
    "content/briefings/2016-10-02-msf.en.md": briefing(
        "MSF calls for a truce",
        "en",
        "MSF asked for a truce in Syria on October 1.\n",
        day="2016-10-02",
    ),
}
