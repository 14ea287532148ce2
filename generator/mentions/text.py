"""Fold text for matching (case, accents, apostrophes, hyphens, spaces, Arabic letter variants),
keeping a map from every folded character back to the original code points."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field

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


# Stands, in the first pass of folding, for a character that does not fold to exactly one.
_UNEVEN = "\x00"


@functools.cache
def _tables() -> tuple[list[str | None], list[str | None]]:
    """Two tables for ``str.translate``, indexed by code point (a list is several times faster
    than a dict there): folding, with every character that does not fold to exactly one
    character as ``_UNEVEN``; and blanking every character that is not a letter or a digit."""
    # Every entry is filled: None would delete the character.
    identity = [chr(cp) for cp in range(0x10000)]
    folding: list[str | None] = identity.copy()
    blanking: list[str | None] = identity.copy()
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = identity[cp]
        folded = fold_char(char)
        if len(folded) != 1 or char == _UNEVEN:
            folding[cp] = _UNEVEN
        elif folded != char:
            folding[cp] = folded
        if not char.isalnum():
            blanking[cp] = " "
    blanking[ord("_")] = " "
    return folding, blanking


# After the first pass every space is " ": a run of them folds to one space, except a blank
# line (a paragraph break), which folds to two so that no name is found across paragraphs.
_RUN = re.compile("  +")


def _specials(even: str) -> list[tuple[int, int]]:
    """Where the first pass left runs of spaces and uneven characters, in order."""
    found = [m.span() for m in _RUN.finditer(even)] if "  " in even else []
    pos = even.find(_UNEVEN)
    if pos >= 0:
        while pos >= 0:
            found.append((pos, pos + 1))
            pos = even.find(_UNEVEN, pos + 1)
        found.sort()
    return found


@dataclass(frozen=True)
class Folded:
    """A folded text and the map back to the original, piece by piece: folded piece ``k``
    starts at ``pieces[k]`` and comes from original offset ``origins[k]``, one character for
    one (``linear[k]``) or all of it from that one offset (a collapsed run of spaces, or a
    character that folds to several). No pieces: the identity."""

    original: str
    text: str
    pieces: list[int] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)

    def offset(self, index: int) -> int:
        """The original offset of folded character ``index`` (or of the end, at the end)."""
        pieces = self.pieces
        if not pieces:
            return index
        if index >= len(self.text):
            return len(self.original)
        k = bisect.bisect_right(pieces, index) - 1
        return self.origins[k] + (index - pieces[k] if self.linear[k] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``; it ends where the next folded
        character starts, so that it keeps any combining mark of its last letter."""
        return self.offset(start), self.offset(end)

    @functools.cached_property
    def words(self) -> str:
        """The folded text with every character that is not a letter or digit made a space."""
        return self.text.translate(_tables()[1])


def fold(text: str) -> Folded:
    """Fold ``text`` for matching: NFC and NFD alike, case and accents off, apostrophes,
    hyphens and spaces unified, Arabic letter variants merged, invisible characters dropped."""
    even = text.translate(_tables()[0])
    specials = _specials(even)
    if not specials:
        return Folded(text, even)
    parts: list[str] = []
    folded = Folded(text, "")
    length = 0  # of the folded text so far

    def piece(part: str, origin: int, linear: bool) -> None:
        nonlocal length
        parts.append(part)
        folded.pieces.append(length)
        folded.origins.append(origin)
        folded.linear.append(linear)
        length += len(part)

    pos = 0
    for first, last in specials:
        if first > pos:
            piece(even[pos:first], pos, True)
        if last - first > 1:  # a run of spaces
            piece("  " if text.count("\n", first, last) >= 2 else " ", first, False)
        else:
            char = text[first]
            part = fold_char(char) if char != _UNEVEN else char
            if part:
                piece(part, first, False)
        pos = last
    if pos < len(text):
        piece(even[pos:], pos, True)
    return Folded(text, "".join(parts), folded.pieces, folded.origins, folded.linear)


def fold_words(text: str) -> str:
    """A name folded as words: letters and digits, single spaces between them, none at the ends."""
    return " ".join(fold(text).words.split())
