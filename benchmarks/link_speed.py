"""Link-stage speed: briefings of ~600 words per second on one core, against a large registry.

    python benchmarks/link_speed.py [--entities 10000] [--briefings 2000] [--lang fr]

Deterministic synthetic input: a registry of actors and places with names in fr, en and ar
(half actors, half places, some acronyms), and briefings made of the seed article's words with
entity names and date expressions mixed in. Prints the one-off build time of the matchers and
the throughput of ``link_briefing``, the median of several passes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from generator.link import Matchers, link_briefing
from generator.model import Actor, Briefing, Place, Registry

SEED = Path(__file__).resolve().parent.parent.parent / "shared/sources/seed-article-fr.txt"
#: Text to draw words from when the seed article is not beside the project.
FILLER = (
    "Les combats se poursuivent dans les quartiers du nord selon des sources locales tandis "
    "que les civils tentent de fuir vers les zones tenues par le gouvernement et que les "
    "convois humanitaires restent bloqués aux points de passage depuis plusieurs jours"
)
DATES = {
    "fr": ["jeudi", "vendredi 30 septembre", "le 9 septembre", "le 1er octobre 2016"],
    "en": ["on Thursday", "September 30", "Sept. 9", "October 1, 2016"],
    "ar": ["الخميس", "30 أيلول/سبتمبر", "٩ سبتمبر"],
}


def word(rng: random.Random, size: int | None = None) -> str:
    return "".join(rng.choice("abcdefghijlmnoprstuvé") for _ in range(size or rng.randint(4, 10)))


def registry(count: int, rng: random.Random) -> Registry:
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    for i in range(count // 2):
        name = " ".join(word(rng).capitalize() for _ in range(rng.randint(1, 3)))
        acronym = word(rng, 3).upper()
        actors[f"a{i}"] = Actor(
            f"a{i}",
            "organisation",
            {"fr": name, "en": name + " Group", "ar": "منظمة " + word(rng)},
            {"fr": (acronym,), "en": (acronym,)},
        )
    for i in range(count - count // 2):
        name = word(rng).capitalize()
        places[f"p{i}"] = Place(
            f"p{i}", "city", {"fr": name, "en": name, "ar": "مدينة " + word(rng)}
        )
    return Registry(actors, places)


def briefings(count: int, lang: str, reg: Registry, rng: random.Random) -> list[Briefing]:
    words = SEED.read_text(encoding="utf-8").split() if SEED.is_file() else FILLER.split()
    names = [a.name[lang] for a in list(reg.actors.values())[:300]]
    names += [p.name[lang] for p in list(reg.places.values())[:300]]
    made = []
    for i in range(count):
        body: list[str] = []
        while len(body) < 600:
            roll = rng.random()
            if roll < 0.05:
                body.append(rng.choice(names))
            elif roll < 0.07:
                body.append(rng.choice(DATES[lang]))
            else:
                body.append(rng.choice(words))
        text = "\n\n".join(" ".join(body[j : j + 80]) for j in range(0, 600, 80))
        made.append(Briefing(f"s{i}", lang, "t", dt.date(2016, 9, 30), "", text, f"s{i}.{lang}.md"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--briefings", type=int, default=2_000)
    parser.add_argument("--lang", choices=sorted(DATES), default="fr")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20160930)
    reg = registry(args.entities, rng)
    docs = briefings(args.briefings, args.lang, reg, rng)
    started = time.process_time()
    matchers = Matchers(reg)
    matchers.dates(args.lang)
    built = time.process_time() - started
    rates, mentions = [], 0
    for _ in range(args.passes):
        started = time.process_time()
        mentions = sum(len(link_briefing(b, reg, matchers=matchers)[0]) for b in docs)
        rates.append(len(docs) / (time.process_time() - started))
    words = statistics.mean(len(b.body.split()) for b in docs)
    print(f"registry: {args.entities} entities; matchers built in {built:.2f} s (CPU)")
    print(
        f"briefings: {len(docs)} in '{args.lang}', {words:.0f} words and "
        f"{mentions / len(docs):.1f} mentions each"
    )
    print(
        f"link stage: {statistics.median(rates):.0f} briefings/s "
        f"(median of {args.passes} passes, one core)"
    )


if __name__ == "__main__":
    main()
