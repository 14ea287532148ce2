"""A deterministic synthetic newsroom: N briefings in fr and en, 300 actors and 200 places.

    python benchmarks/corpus.py --n 1000 /tmp/corpus-1000

Writes a whole project: ``content/`` (briefings of ~600 words, some translated — the same slug in
both languages — the registry in fr, en and ar with a ``within`` hierarchy, coordinates and
aliases), ``mkdocs.yml`` (the repository's, with a ``site_url``), ``site_templates`` (a link to the
repository's) and ``corpus.json``: what each briefing mentions, for the Hugo twin site.

Bodies mention the registry's names and dates as newsrooms write them ("jeudi", "9 septembre",
"1 octobre 2016", "on Thursday", "September 9", "October 1, 2016"), relative to publication dates
spread over two years. Each story draws from its own seeded generator, so story *i* is the same
whatever N is, and two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date, get_day_names, get_month_names

ROOT = Path(__file__).resolve().parent.parent
SEED = "briefing-corpus-1"
ACTORS = 300
PLACES = 200
LANGS = ("fr", "en")
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 731  # two years of publication dates
BODY_WORDS = 600
#: Share of stories written in both languages (the same slug twice).
TRANSLATED = 0.3

# Filler words: no month or day names (nor their abbreviations), no numbers, nothing that a
# registry name could be, so that the only mentions are the ones placed on purpose.
_FILLER_FR = (
    "les combats se poursuivent dans quartiers du nord selon des sources locales tandis que "
    "civils tentent de fuir vers zones tenues par forces et convois humanitaires restent "
    "bloqués aux points passage depuis plusieurs jours l’armée a repris position après une "
    "offensive menée contre rebelles bombardements ont visé hôpitaux écoles marchés "
    "organisations appellent à cessez-le-feu immédiat négociations reprendront sous égide "
    "diplomatique habitants manquent d’eau nourriture médicaments électricité coupée "
    "réfugiés affluent frontière camps débordent observateurs dénoncent violations graves "
    "droit international responsables démentent toute implication accusent adversaires "
    "frappes aériennes intensifiées nuit route principale coupée ravitaillement impossible "
    "bilan provisoire fait état victimes blessés disparus familles entières déplacées "
    "aide arrive lentement ville assiégée reste isolée monde extérieur trêve fragile "
    "accord signé reste lettre morte porte-parole a affirmé situation sous contrôle "
    "témoins décrivent scènes chaos équipes secours travaillent sans relâche décombres"
)
_FILLER_EN = (
    "fighting continues in northern districts according to local sources while civilians "
    "try flee toward areas held by government forces and humanitarian convoys remain "
    "blocked at crossing points for several days the army retook positions after an "
    "offensive against rebels airstrikes hit hospitals schools markets organisations call "
    "for immediate ceasefire talks will resume under diplomatic sponsorship residents lack "
    "water food medicine electricity cut refugees crowd border camps overflow observers "
    "denounce serious violations international law officials deny any involvement accuse "
    "opponents strikes intensified overnight main road cut supplies impossible provisional "
    "toll reports victims wounded missing whole families displaced aid arrives slowly "
    "besieged city remains isolated from outside world truce fragile agreement signed "
    "remains dead letter spokesman said situation under control witnesses describe scenes "
    "chaos rescue teams work without rest rubble"
)
FILLER = {"fr": _FILLER_FR.split(), "en": _FILLER_EN.split()}
TITLE_TAILS = {
    "fr": (
        "les combats s’intensifient",
        "l’aide humanitaire bloquée",
        "une trêve fragile",
        "l’offensive se poursuit",
        "les civils fuient",
        "les négociations reprennent",
    ),
    "en": (
        "fighting intensifies",
        "humanitarian aid blocked",
        "a fragile truce",
        "the offensive goes on",
        "civilians flee",
        "talks resume",
    ),
}
TAGS = (
    "siege",
    "airstrikes",
    "offensive",
    "humanitarian",
    "ceasefire",
    "diplomacy",
    "refugees",
    "health",
    "negotiations",
    "casualties",
    "evacuation",
    "sanctions",
)
FIGURE_LABELS = ("killed", "wounded", "displaced", "children-killed", "evacuated")
ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh"]
VOWELS = ["a", "e", "i", "o", "u", "a", "i"]  # a and i twice: the commonest
CODAS = ["", "", "", "n", "r", "l", "m"]
ARABIC = {
    "a": "ا",
    "b": "ب",
    "d": "د",
    "e": "ي",
    "f": "ف",
    "g": "غ",
    "i": "ي",
    "k": "ك",
    "h": "ه",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "o": "و",
    "r": "ر",
    "s": "س",
    "t": "ت",
    "u": "و",
    "v": "ف",
    "z": "ز",
}


@dataclass
class Entity:
    """An actor or a place, in the three registry languages."""

    id: str
    kind: str
    name: dict[str, str]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    within: str | None = None
    coordinates: tuple[float, float] | None = None
    wikidata: str | None = None


@dataclass
class Registry:
    """The synthetic registry, and the country each place and government belongs to."""

    actors: list[Entity]
    places: list[Entity]
    country_of: dict[str, str]


class Names:
    """Invented names, each written once across the whole registry (no ambiguous alias)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        reserved = {w.casefold() for words in FILLER.values() for w in words}
        for lang in LANGS:
            for width in ("wide", "abbreviated"):
                reserved |= {n.casefold() for n in get_day_names(width, locale=lang).values()}
                reserved |= {n.casefold() for n in get_month_names(width, locale=lang).values()}
        self.taken = reserved

    def root(self, syllables: tuple[int, int] = (2, 3)) -> str:
        """A fresh invented word, capitalised: 'Karvozin'."""
        while True:
            count = self.rng.randint(*syllables)
            word = "".join(
                self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)
                for _ in range(count)
            )
            if word not in self.taken and arabic(word) not in self.taken:
                self.taken |= {word, arabic(word)}
                return word.capitalize()

    def acronym(self) -> str:
        """Three or four consonants, never a word: 'KZV'."""
        while True:
            word = "".join(
                self.rng.choice("BCDFGHJKLMNPRSTVZ") for _ in range(self.rng.randint(3, 4))
            )
            if word.casefold() not in self.taken:
                self.taken.add(word.casefold())
                return word


def arabic(word: str) -> str:
    """A rough Arabic spelling of an invented Latin name."""
    spelled = word.lower().replace("sh", "ش").replace("kh", "خ")
    return "".join(ARABIC.get(char, char) for char in spelled)


def build_registry(rng: random.Random) -> Registry:
    """200 places in a country → region → city → district hierarchy, and 300 actors."""
    names = Names(rng)
    places: list[Entity] = []
    country_of: dict[str, str] = {}

    def place(kind: str, root: str, parent: Entity | None, spread: float) -> Entity:
        base = (
            parent.coordinates
            if parent and parent.coordinates
            else (
                rng.uniform(26, 40),
                rng.uniform(32, 52),
            )
        )
        coordinates = (
            round(base[0] + rng.uniform(-spread, spread), 4),
            round(base[1] + rng.uniform(-spread, spread), 4),
        )
        entity = Entity(
            f"{root.lower()}-{kind}" if kind in ("country", "region") else root.lower(),
            kind,
            {"fr": root, "en": root, "ar": arabic(root)},
            within=parent.id if parent else None,
            coordinates=coordinates,
            wikidata=f"Q{900000 + len(places)}" if rng.random() < 0.5 else None,
        )
        places.append(entity)
        country_of[entity.id] = country_of[parent.id] if parent else entity.id
        return entity

    countries = []
    for _ in range(8):
        root = names.root()
        country = place("country", root, None, 0)
        stem = root.rstrip("aeiou")
        country.name = {"fr": stem + "ie", "en": stem + "ia", "ar": arabic(stem) + "يا"}
        country.description = {
            "fr": "Pays de la région, au cœur du conflit.",
            "en": "A country of the region, at the heart of the conflict.",
        }
        countries.append(country)
    regions = []
    for country in countries:
        for _ in range(4):
            root = names.root()
            region = place("region", root, country, 2)
            region.aliases = {"fr": [f"province de {root}"], "en": [f"{root} Province"]}
            regions.append(region)
    cities = []
    for _ in range(100):
        city = place("city", names.root(), rng.choice(regions), 0.8)
        city.description = {
            "fr": "Ville disputée entre plusieurs forces depuis le début de la guerre.",
            "en": "A city contested by several forces since the war began.",
        }
        if rng.random() < 0.3:
            alias = names.root((2, 2))
            city.aliases = {"fr": [alias], "en": [alias]}
        cities.append(city)
    while len(places) < PLACES:
        root = names.root()
        site = place(rng.choice(("district", "site")), root, rng.choice(cities), 0.05)
        if site.kind == "site":
            site.aliases = {
                "fr": [f"camp de {root}"],
                "en": [f"{root} camp"],
                "ar": [f"مخيم {arabic(root)}"],
            }
    actors = _actors(names, rng, countries, country_of)
    return Registry(actors, places, country_of)


def _actors(
    names: Names, rng: random.Random, countries: list[Entity], country_of: dict[str, str]
) -> list[Entity]:
    actors: list[Entity] = []
    for country in countries:
        government = Entity(
            f"{country.id.removesuffix('-country')}-government",
            "government",
            {
                "fr": f"gouvernement de {country.name['fr']}",
                "en": f"Government of {country.name['en']}",
                "ar": f"حكومة {country.name['ar']}",
            },
        )
        country_of[government.id] = country.id
        actors.append(government)
    patterns = (
        ("person", 110, None),
        ("armed-group", 50, ("Brigade {}", "{} Brigade", "كتيبة {}")),
        ("organisation", 70, ("Fondation {}", "{} Foundation", "مؤسسة {}")),
        ("institution", 20, ("Tribunal de {}", "{} Tribunal", "محكمة {}")),
        ("media", 30, ("Agence {}", "{} Press", "وكالة {}")),
        ("coalition", 12, ("Coalition {}", "{} Coalition", "تحالف {}")),
    )
    for kind, count, forms in patterns:
        for _ in range(count):
            if len(actors) >= ACTORS:
                break
            root = names.root()
            if forms is None:
                first = names.root((2, 2))
                name = {
                    "fr": f"{first} {root}",
                    "en": f"{first} {root}",
                    "ar": f"{arabic(first)} {arabic(root)}",
                }
                actor = Entity(f"{first}-{root}".lower(), kind, name)
                if rng.random() < 0.5:
                    actor.aliases = {"fr": [root], "en": [root]}
            else:
                fr, en, ar = forms
                name = {"fr": fr.format(root), "en": en.format(root), "ar": ar.format(arabic(root))}
                actor = Entity(f"{root.lower()}-{kind}", kind, name)
                if kind in ("organisation", "institution") and rng.random() < 0.6:
                    short = names.acronym()
                    actor.aliases = {"fr": [short], "en": [short]}
            actor.description = {
                "fr": "Acteur du conflit, cité par plusieurs sources.",
                "en": "An actor in the conflict, cited by several sources.",
            }
            if rng.random() < 0.4:
                actor.wikidata = f"Q{800000 + len(actors)}"
            country_of[actor.id] = rng.choice(countries).id
            actors.append(actor)
    return actors


def registry_yaml(entity: Entity) -> str:
    """An actor's or place's file, in the demo content's layout."""
    lines = [f"kind: {entity.kind}", "name:"]
    lines += [f"  {lang}: {_quoted(text)}" for lang, text in entity.name.items()]
    if entity.aliases:
        lines.append("aliases:")
        lines += [f"  {lang}: {_flow(words)}" for lang, words in entity.aliases.items()]
    if entity.description:
        lines.append("description:")
        lines += [f"  {lang}: {_quoted(text)}" for lang, text in entity.description.items()]
    if entity.within:
        lines.append(f"within: {entity.within}")
    if entity.coordinates:
        lines.append(f"coordinates: [{entity.coordinates[0]}, {entity.coordinates[1]}]")
    if entity.wikidata:
        lines.append(f"wikidata: {entity.wikidata}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(item) for item in items) + "]"


@dataclass
class Story:
    """What one story is about; each language version is written from it."""

    slug: str
    date: dt.date
    langs: tuple[str, ...]
    actors: list[Entity]
    places: list[Entity]
    index: int


def plan_stories(n: int, registry: Registry) -> list[Story]:
    """Stories until there are ``n`` briefing files; story *i* does not depend on ``n``."""
    stories: list[Story] = []
    files = 0
    # A few actors are in the news every day, most rarely: Zipf-like weights.
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(registry.actors))]
    while files < n:
        rng = random.Random(f"{SEED}-story-{len(stories)}")
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        if rng.random() < TRANSLATED and n - files >= 2:
            langs: tuple[str, ...] = LANGS
        else:
            langs = ("fr",) if rng.random() < 0.6 else ("en",)
        country = rng.choice([p for p in registry.places if p.kind == "country"])
        local = [p for p in registry.places if registry.country_of[p.id] == country.id]
        places = [country, *rng.sample(local[1:], k=min(3, len(local) - 1))]
        actors = [a for a in registry.actors if registry.country_of.get(a.id) == country.id][:1]
        for actor in rng.choices(registry.actors, weights=weights, k=6):
            if actor not in actors:
                actors.append(actor)
        word = places[1].name["en"].lower() if len(places) > 1 else country.id
        slug = f"{date.isoformat()}-{word}-{rng.choice(TAGS)}-{len(stories):05d}"
        stories.append(Story(slug, date, langs, actors, places, len(stories)))
        files += len(langs)
    return stories


class Writer:
    """Writes one language version of a story: front matter, then a body of ~600 words."""

    def __init__(self, story: Story, lang: str, actors_by_id: dict[str, Entity]) -> None:
        self.story = story
        self.lang = lang
        self.rng = random.Random(f"{SEED}-{story.index}-{lang}")
        self.words = FILLER[lang]
        self.actors_by_id = actors_by_id
        self.mentioned: dict[str, list[str]] = {"actors": [], "places": [], "dates": []}

    def sentence(self, size: int, *, names: bool = True) -> str:
        words = self.rng.choices(self.words, k=size)
        if names and self.rng.random() < 0.8:
            words.insert(self.rng.randrange(len(words) + 1), self.entity())
        if names and self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words) + 1), self.date_phrase())
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def entity(self) -> str:
        pool = self.story.actors if self.rng.random() < 0.6 else self.story.places
        entity = self.rng.choice(pool)
        kind = "actors" if pool is self.story.actors else "places"
        if entity.id not in self.mentioned[kind]:
            self.mentioned[kind].append(entity.id)
        names = [entity.name[self.lang], *entity.aliases.get(self.lang, [])]
        return self.rng.choice(names)

    def date_phrase(self) -> str:
        published = self.story.date
        form = self.rng.choice(("weekday", "day-month", "full"))
        if form == "weekday":
            day = published - dt.timedelta(days=self.rng.randrange(7))
            text = format_date(day, "EEEE", locale=self.lang)
            text = text if self.lang == "fr" else f"on {text}"
        elif form == "day-month":
            day = published - dt.timedelta(days=self.rng.randrange(1, 60))
            if day.year != published.year:
                day = published
            text = format_date(day, "d MMMM" if self.lang == "fr" else "MMMM d", locale=self.lang)
            text = f"le {text}" if self.lang == "fr" else f"on {text}"
        else:
            day = published - dt.timedelta(days=self.rng.randrange(1, 400))
            text = format_date(day, "long", locale=self.lang)
            text = f"le {text}" if self.lang == "fr" else f"on {text}"
        if day.isoformat() not in self.mentioned["dates"]:
            self.mentioned["dates"].append(day.isoformat())
        return text

    def body(self) -> str:
        paragraphs: list[str] = []
        count = 0
        while count < BODY_WORDS:
            if paragraphs and self.rng.random() < 0.2:
                heading = self.sentence(self.rng.randint(3, 6), names=False).rstrip(".")
                paragraphs.append(f"## {heading}")
            sentences = [
                self.sentence(self.rng.randint(10, 22)) for _ in range(self.rng.randint(3, 6))
            ]
            paragraph = " ".join(sentences)
            count += len(paragraph.split())
            paragraphs.append(paragraph)
        return "\n\n".join(paragraphs) + "\n"

    def front_matter(self, body: str) -> str:
        story, rng = self.story, self.rng
        place = story.places[-1].name[self.lang]
        separator = " : " if self.lang == "fr" else ": "
        title = f"{place}{separator}{rng.choice(TITLE_TAILS[self.lang])}"
        summary = body.split(". ")[0].lstrip("# ") + "."
        # The author lists what the story is about, and everyone the text names.
        actors = [a.id for a in story.actors[: rng.randint(1, 3)]]
        actors = list(dict.fromkeys([*actors, *self.mentioned["actors"]]))
        places = [p.id for p in story.places[: rng.randint(1, 3)]]
        places = list(dict.fromkeys([*places, *self.mentioned["places"]]))
        lines = [
            "---",
            f"title: {_quoted(title)}",
            f"date: {story.date.isoformat()}",
            f"lang: {self.lang}",
            f"summary: {_quoted(summary)}",
            f"actors: [{', '.join(actors)}]",
            f"places: [{', '.join(places)}]",
            f"tags: [{', '.join(rng.sample(TAGS, k=rng.randint(1, 4)))}]",
        ]
        if rng.random() < 0.6:
            lines.append("figures:")
            for _ in range(rng.randint(1, 2)):
                start = story.date - dt.timedelta(days=rng.randint(1, 14))
                lines.append(
                    f"  - {{label: {rng.choice(FIGURE_LABELS)}, value: {rng.randint(2, 4000)}, "
                    f"source: {rng.choice(story.actors).id}, from: {start}, to: {story.date}}}"
                )
        if rng.random() < 0.5:
            lines.append("events:")
            for _ in range(rng.randint(1, 2)):
                day = story.date - dt.timedelta(days=rng.randint(0, 6))
                text = self.sentence(rng.randint(8, 14), names=False)
                if day.isoformat() not in self.mentioned["dates"]:
                    self.mentioned["dates"].append(day.isoformat())
                lines.append(
                    f"  - {{date: {day}, text: {_quoted(text)}, "
                    f"places: [{rng.choice(story.places).id}], "
                    f"actors: [{rng.choice(story.actors).id}]}}"
                )
        lines.append("sources:")
        media = [a for a in self.actors_by_id.values() if a.kind == "media"]
        for _ in range(rng.randint(1, 3)):
            publisher = rng.choice(media)
            host = publisher.id.removesuffix("-media")
            lines.append(
                f"  - {{publisher: {_quoted(publisher.name[self.lang])}, "
                f'url: "https://{host}.example.org/{story.slug}", date: {story.date}}}'
            )
        lines.append("---")
        self.mentioned["actors"], self.mentioned["places"] = actors, places
        return "\n".join(lines) + "\n"

    def document(self) -> str:
        body = self.body()
        return self.front_matter(body) + body


def site_config(url: str = "https://bench.example.org/") -> str:
    """The repository's mkdocs.yml with the corpus's ``site_url``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = f"site_url: {url}"
    if re.search(r"(?m)^site_url:.*$", text):
        return re.sub(r"(?m)^site_url:.*$", line, text)
    return text.replace("\n", f"\n{line}\n", 1)


def write_project(project: Path, n: int, templates: Path = ROOT / "site_templates") -> Path:
    """Write the corpus project of ``n`` briefing files into ``project`` (absent or empty)."""
    if project.exists() and any(project.iterdir()):
        raise SystemExit(f"{project} is not empty")
    content = project / "content"
    registry = build_registry(random.Random(f"{SEED}-registry"))
    for folder, entities in (("actors", registry.actors), ("places", registry.places)):
        (content / folder).mkdir(parents=True)
        for entity in entities:
            (content / folder / f"{entity.id}.yml").write_text(registry_yaml(entity), "utf-8")
    (content / "briefings").mkdir()
    actors_by_id = {a.id: a for a in registry.actors}
    manifest = []
    for story in plan_stories(n, registry):
        for lang in story.langs:
            writer = Writer(story, lang, actors_by_id)
            name = f"{story.slug}.{lang}.md"
            (content / "briefings" / name).write_text(writer.document(), "utf-8")
            manifest.append({"file": name, "slug": story.slug, "lang": lang, **writer.mentioned})
    (project / "mkdocs.yml").write_text(site_config(), "utf-8")
    (project / "site_templates").symlink_to(templates.resolve(), target_is_directory=True)
    (project / "corpus.json").write_text(
        json.dumps({"n": n, "briefings": manifest}, ensure_ascii=False, indent=0) + "\n", "utf-8"
    )
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="Briefing files to write.")
    parser.add_argument("project", type=Path, help="Folder to write the project into.")
    args = parser.parse_args()
    write_project(args.project, args.n)
    print(f"wrote {args.n} briefings into {args.project}")


if __name__ == "__main__":
    main()
