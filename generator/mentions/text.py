"""Fold text for matching (case, accents, apostrophes, hyphens, spaces, Arabic letter variants),
keeping a map from every folded character back to the original code points."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

#: Written for the apostrophe in real text: typographic, modifier letter, left quote, acute, prime.
APOSTROPHES = "'\u2019\u02bc\u2018\u00b4\u2032"
#: Hyphens and the dashes that stand for them inside names (not the em dash, a sentence dash).
HYPHENS = "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"

# Arabic letters written interchangeably in names. Hamza and madda on alif (أ إ آ) need no entry:
# they decompose (NFD) into a bare alif and a combining mark, which folding drops.
_ARABIC = {
    "\u0671": "\u0627",  # alif wasla → alif
    "\u0649": "\u064a",  # alif maqsura ى → ya ي
    "\u06cc": "\u064a",  # Persian ya ی → ي
    "\u0629": "\u0647",  # ta marbuta ة → ha ه (at the end of a word)
    "\u06a9": "\u0643",  # Persian kaf ک → ك
    "\u0640": "",  # tatweel (kashida): stretches a word, no letter
}

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic(char: str) -> bool:
    """True for a character of the Arabic script blocks."""
    cp = ord(char)
    return any(low <= cp <= high for low, high in _ARABIC_RANGES)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def fold_char(char: str) -> str:
    """The folded form of one code point: '' when it is dropped, several characters rarely."""
    if char.isspace():
        return " "
    if char in APOSTROPHES:
        return "'"
    if char in HYPHENS:
        return "-"
    if char in _ARABIC:
        return _ARABIC[char]
    category = unicodedata.category(char)
    if category == "Cf":  # soft hyphen, zero-width joiners, direction marks: invisible
        return ""
    if category == "Nd":  # every script's digits count as ASCII digits (Arabic-Indic, Persian…)
        return str(unicodedata.decimal(char))
    if char in "йЙ":  # a letter of its own in Russian, not и with a breve
        return "й"
    decomposed = unicodedata.normalize("NFD", char)
    folded = "".join(c for c in decomposed if not _is_mark(c)).casefold()
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not _is_mark(c))


@functools.cache
def _tables() -> tuple[dict[int, str], re.Pattern[str], dict[int, str]]:
    """The translate table, the pattern of characters that do not fold one-to-one, and the table
    that blanks every character that is not a letter or a digit (for word matching)."""
    table: dict[int, str] = {}
    uneven: list[int] = []
    blank: dict[int, str] = {ord("_"): " "}
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        folded = fold_char(char)
        if folded != char:
            table[cp] = folded
        if len(folded) != 1:
            uneven.append(cp)
        if not char.isalnum():
            blank[cp] = " "
    ranges: list[str] = []
    start = prev = uneven[0]
    for cp in [*uneven[1:], -1]:
        if cp != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = cp
        prev = cp
    # A run of whitespace folds to one space; a blank line (a paragraph break) to two spaces,
    # which no name contains, so that no name is found across paragraphs.
    special = re.compile(r"\s{2,}|[" + "".join(ranges) + "]")
    return table, special, blank


@dataclass(frozen=True)
class Folded:
    """A folded text and the map back: folded character ``i`` comes from original
    ``starts[i]:ends[i]`` (identity when the maps are ``None``)."""

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end`` (``end > start``)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    @functools.cached_property
    def words(self) -> str:
        """The folded text with every character that is not a letter or digit made a space."""
        return self.text.translate(_tables()[2])


def fold(text: str) -> Folded:
    """Fold ``text`` for matching: NFC and NFD alike, case and accents off, apostrophes,
    hyphens and spaces unified, Arabic letter variants merged, invisible characters dropped."""
    table, special, _ = _tables()
    if special.search(text) is None:
        return Folded(text, text.translate(table))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in special.finditer(text):
        first, last = match.span()
        if first > pos:
            pieces.append(text[pos:first].translate(table))
            starts.extend(range(pos, first))
            ends.extend(range(pos + 1, first + 1))
        found = match.group()
        if last - first > 1:  # a whitespace run
            width = 2 if found.count("\n") >= 2 else 1
            pieces.append(" " * width)
            starts.extend([first] * width)
            ends.extend([last] * width)
        else:
            folded = table.get(ord(found), found)
            if folded:
                pieces.append(folded)
                starts.extend([first] * len(folded))
                ends.extend([last] * len(folded))
            elif _is_mark(found) and ends and ends[-1] == first:
                ends[-1] = last  # a combining mark belongs to the letter before it
        pos = last
    if pos < len(text):
        pieces.append(text[pos:].translate(table))
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return Folded(text, "".join(pieces), starts, ends)


def fold_words(text: str) -> str:
    """A name folded as words: letters and digits, single spaces between them, none at the ends."""
    return " ".join(fold(text).words.split())
