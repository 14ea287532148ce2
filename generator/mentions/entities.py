"""Names and aliases of actors and places → spans of a folded text, with one Aho–Corasick
automaton for the whole registry."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import chain

import ahocorasick  # type: ignore[import-not-found]  # ships no type hints

from ..model import Entity, EntityKind, Registry
from .text import Folded, fold, is_arabic


class Case(Enum):
    """How the case of an occurrence must agree with the name as the registry writes it."""

    ANY = "any"  # multi-word names, names written in lower case, uncased scripts
    CAPITALISED = "capitalised"  # one word with a capital: an all-lowercase word is not it
    ACRONYM = "acronym"  # one word of at most 5 letters, all capitals: exactly in capitals

    def allows(self, written: str) -> bool:
        """Whether ``written`` (the occurrence, as in the text) may be this name."""
        if self is Case.ACRONYM:
            return written.isupper()
        if self is Case.CAPITALISED:
            return not written.islower()
        return True


class Attach(Enum):
    """Which Arabic proclitics may join the start of a name (none join a Latin or Cyrillic one)."""

    PLAIN = "plain"  # و ف, then ب ك ل: وحلب, بحلب, والمرصد, بالمرصد
    LAM = "lam"  # a name with the article, its alif dropped after ل: للمرصد = ل + لمرصد


# The article itself never joins a name that lacks it: ال + سورية is السورية, "the Syrian"
# (an adjective), not Syria. ل before a name with the article is written لل (LAM); a plain ل
# stays allowed for names that merely begin with the letters ال (لإلياس).
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_PROCLITICS = {
    Attach.PLAIN: frozenset(c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS),
    Attach.LAM: frozenset(c + "ل" for c in _CONJUNCTIONS),
}
_ARTICLE = "ال"


@dataclass(frozen=True)
class Entry:
    """One way of writing one entity: what a key of the automaton stands for."""

    kind: EntityKind
    id: str
    lang: str
    case: Case
    attach: Attach = Attach.PLAIN


def _keys(words: str) -> list[tuple[str, Attach]]:
    """The automaton's keys for a name's words. A Latin or Cyrillic name is a whole word,
    between spaces. An Arabic one is matched at the end of a word, its start then checked against
    the proclitics that may join it; a name with the article also as written after ل."""
    if not is_arabic(words[0]):
        return [(" " + words + " ", Attach.PLAIN)]
    if words.startswith(_ARTICLE) and len(words) > len(_ARTICLE):
        return [(words + " ", Attach.PLAIN), (words[1:] + " ", Attach.LAM)]
    return [(words + " ", Attach.PLAIN)]


#: A span of the original text (start, end) that names one entity, or several (ambiguous).
EntityMatch = tuple[int, int, tuple[tuple[EntityKind, str], ...]]


def base_language(tag: str) -> str:
    """``fr`` for ``fr``, ``fr-CA`` and ``fr_CA``."""
    return tag.replace("_", "-").split("-")[0].lower()


def case_of(name: str, folded: Folded | None = None) -> Case:
    """The case rule of a name as the registry writes it. Words are separated by spaces and
    hyphens ("al-Nosra" is two words), not by dots ("U.S." is one)."""
    if len((folded or fold(name)).text.replace("-", " ").split()) > 1:
        return Case.ANY
    letters = [char for char in name if char.isalpha()]
    if 0 < len(letters) <= 5 and all(char.isupper() for char in letters):
        return Case.ACRONYM
    if any(char.isupper() for char in letters):
        return Case.CAPITALISED
    return Case.ANY


def _names(entity: Entity) -> Iterator[tuple[str, str]]:
    yield from entity.name.items()
    for lang, aliases in entity.aliases.items():
        for alias in aliases:
            yield lang, alias


class EntityMatcher:
    """Every name and alias of a registry, in every language, in one automaton."""

    def __init__(self, registry: Registry) -> None:
        keys: dict[str, list[Entry]] = {}
        trailing_dot: set[str] = set()
        lower_initial: set[str] = set()  # keys that some name writes with a lowercase initial
        entities: Iterable[Entity] = chain(registry.actors.values(), registry.places.values())
        for entity in entities:
            for lang, name in _names(entity):
                folded = fold(name)
                spaced = folded.words.strip(" ")
                words = " ".join(spaced.split())
                if not words:
                    continue
                case = case_of(name, folded)
                language = base_language(lang)
                initial = next((c for c in name if c.isalpha()), "")
                # The words as the name spells them, and with the blanks its punctuation leaves
                # ("U.S. government": "u s  government"), as the text has them.
                for spelled in dict.fromkeys((words, spaced)):
                    for key, attach in _keys(spelled):
                        entry = Entry(entity.entity_kind, entity.id, language, case, attach)
                        self._add(keys, key, entry)
                        if name.rstrip().endswith("."):
                            trailing_dot.add(key)
                        if case is Case.ANY or not initial.isupper():
                            lower_initial.add(key)
        self._automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            # When every name of a key is capitalised, a lowercase initial rejects it at once.
            upper = key[0] == " " and key not in lower_initial
            ids = tuple(sorted({(e.kind, e.id) for e in entries}))
            # Most keys have one rule for all their entries: checked once, then all ids at once.
            rules = {(e.case, None if key[0] == " " else _PROCLITICS[e.attach]) for e in entries}
            uniform = next(iter(rules)) if len(ids) == 1 and len(rules) == 1 else None
            back = len(key) - 1 if key[0] == " " else len(key)  # from the key's end to its start
            value = (
                back,
                key[0] == " ",
                key in trailing_dot,
                upper,
                uniform,
                ids,
                tuple(entries),
            )
            self._automaton.add_word(key, value)
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    @staticmethod
    def _add(keys: dict[str, list[Entry]], key: str, entry: Entry) -> None:
        entries = keys.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def find(self, folded: Folded, lang: str) -> list[EntityMatch]:
        """Every span of the original text that names an entity, possibly overlapping; the
        names in ``lang`` win over the names in other languages."""
        if self._empty:
            return []
        lang = base_language(lang)
        hay = " " + folded.words + " "
        found: list[EntityMatch] = []
        text = folded.text  # accents off, case kept: the case rules are checked on it
        pieces, origins, linear = (
            folded.pieces or [0],
            folded.origins or [0],
            folded.linear or [True],
        )
        capitals = _Capitals(folded)
        for last, value in self._automaton.iter(hay):
            back, left, dot, upper, uniform, ids, entries = value
            # The key's words end before hay[last]; hay has one more space at the start.
            start, end = last - back, last - 1
            if upper and text[start].islower():
                continue
            if dot and text.startswith(".", end):
                end += 1
            prefix = "" if left else hay[hay.rfind(" ", 0, start + 1) + 1 : start + 1]
            if uniform is not None:
                case, proclitics = uniform
                if proclitics is not None and prefix not in proclitics:
                    continue
                if case is not Case.ANY and not case.allows(text[start:end]):
                    continue
                if case is Case.ACRONYM and capitals.hide(start, end):
                    continue
                chosen = ids
            else:
                written = text[start:end]
                accepted = [
                    e
                    for e in entries
                    if (left or prefix in _PROCLITICS[e.attach]) and e.case.allows(written)
                ]
                if any(e.case is Case.ACRONYM for e in accepted) and capitals.hide(start, end):
                    accepted = [e for e in accepted if e.case is not Case.ACRONYM]
                if any(e.lang == lang for e in accepted):
                    accepted = [e for e in accepted if e.lang == lang]
                if not accepted:
                    continue
                chosen = tuple(sorted({(e.kind, e.id) for e in accepted}))
            # Folded.offset, inline: this is the hottest loop of the link stage.
            k = bisect_right(pieces, start) - 1
            first = origins[k] + (start - pieces[k]) * linear[k]
            k = bisect_right(pieces, end) - 1
            found.append((first, origins[k] + (end - pieces[k]) * linear[k], chosen))
        return found


#: Words in a line: a line of at least this many words, all in capitals, is a shouted headline.
_SHOUTING_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


class _Capitals:
    """Acronyms in a line written all in capitals ("## WHO IS LEFT", "YÉMEN : UN CESSEZ-LE-FEU")
    that the same text also writes as a lowercase word ("is", "un"): there they cannot be told
    from the word, and are no mention. ("## UN ENVOY IN SANAA" keeps its UN: "un" is no English
    word.)"""

    def __init__(self, folded: Folded) -> None:
        self._folded = folded
        self._lowercase: set[str] | None = None

    def hide(self, start: int, end: int) -> bool:
        """Whether the acronym at folded ``start:end`` is to be read as a word."""
        text = self._folded.original
        start, end = self._folded.span(start, end)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not line.isupper() or len(_WORD.findall(line)) < _SHOUTING_WORDS:
            return False
        if self._lowercase is None:
            self._lowercase = {w for w in _WORD.findall(text) if w.islower()}
        return text[start:end].lower() in self._lowercase
