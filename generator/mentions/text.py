"""Fold text for matching (accents, apostrophes, hyphens, spaces, Arabic letter variants; case in
the words only), keeping a map from every folded character back to the original code points."""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
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

_LATIN = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i"}

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def is_arabic(char: str) -> bool:
    """True for a character of the Arabic script blocks."""
    cp = ord(char)
    return any(low <= cp <= high for low, high in _ARABIC_RANGES)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def fold_char(char: str) -> str:
    """The folded form of one code point, case kept: '' when it is dropped, several characters
    rarely."""
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
    if category in ("Cc", "Co", "Cn"):  # control, private and unassigned: no letters
        return "#"
    if category[0] in "PS" and not char.isascii():
        # Punctuation and symbols fold to ASCII: they separate words whatever they are, a
        # date needs to know only a few of them, and the text then often folds to ASCII.
        return _punctuation(char, category)
    if category == "Nd":  # every script's digits count as ASCII digits (Arabic-Indic, Persian…)
        return str(unicodedata.decimal(char))
    if char in "йЙ":  # a letter of its own in Russian, not и with a breve
        return char
    if char.lower() in _LATIN:  # letters with no decomposition, as they are spelled without
        spelled = _LATIN[char.lower()]
        return spelled.upper() if char.isupper() else spelled
    return "".join(c for c in unicodedata.normalize("NFD", char) if not _is_mark(c))


_PUNCTUATION = {"،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",", "٪": "%", "…": "."}
_BY_CATEGORY = {"Pd": "-", "Ps": "(", "Pe": ")", "Pi": '"', "Pf": '"'}


def _punctuation(char: str, category: str) -> str:
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    compatible = unicodedata.normalize("NFKC", char)  # fullwidth and small forms
    if len(compatible) == 1 and compatible.isascii():
        return compatible
    return _BY_CATEGORY.get(category, "#")


# Stands, in the first pass of folding, for a character that does not fold to exactly one.
_UNEVEN = "\x00"
# A blank line: a newline between spaces, kept in the words, which no name contains, so that no
# name is found across paragraphs (single newlines are spaces).
_PARAGRAPH = " \n "


@functools.cache
def _folding() -> list[str]:
    """The table for ``str.translate``, indexed by code point (a list is several times faster
    than a dict there), with every character that does not fold to exactly one character as
    ``_UNEVEN``."""
    table = [chr(cp) for cp in range(0x10000)]  # every entry filled: None would delete it
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        folded = fold_char(table[cp])
        if len(folded) != 1 or cp == ord(_UNEVEN):
            table[cp] = _UNEVEN
        else:
            table[cp] = folded
    return table


# Once folded, every character that is not a letter or digit is ASCII (but paragraph breaks).
_ASCII_BLANKS = [c for c in map(chr, range(128)) if not c.isalnum() and c not in " \n"]
_ASCII_WORDS = bytes.maketrans(
    bytes(range(128)),
    bytes(ord(c.lower()) if c.isalnum() or c == "\n" else 32 for c in map(chr, range(128))),
)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _specials(even: str) -> list[tuple[int, int]]:
    """Where the first pass left runs of spaces (every space is " " by then), uneven characters
    and characters beyond the tables (emoji, say), in order."""
    found: list[tuple[int, int]] = []
    if not even.isascii() and len(even.encode("utf-16-le", "surrogatepass")) > 2 * len(even):
        found.extend(m.span() for m in _ASTRAL.finditer(even))
    pos = even.find("  ")
    while pos >= 0:
        end = pos + 2
        while even.startswith(" ", end):
            end += 1
        found.append((pos, end))
        pos = even.find("  ", end)
    pos = even.find(_UNEVEN)
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
    character that folds to several); the last piece is the end. No pieces: the identity."""

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
        k = bisect_right(pieces, index) - 1
        return self.origins[k] + (index - pieces[k] if self.linear[k] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``; it ends where the next folded
        character starts, so that it keeps any combining mark of its last letter."""
        return self.offset(start), self.offset(end)

    @functools.cached_property
    def words(self) -> str:
        """The folded text in lower case, every character that is not a letter or digit made a
        space (but paragraph breaks): what names are matched against."""
        if self.text.isascii():  # bytes translate much faster
            return self.text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
        words = self.text.lower()  # as long as the text: folding took İ's dot away
        for blank in _ASCII_BLANKS:
            if blank in words:
                words = words.replace(blank, " ")
        return words


def fold(text: str) -> Folded:
    """Fold ``text`` for matching: NFC and NFD alike, accents off (case kept), apostrophes,
    hyphens and spaces unified, Arabic letter variants merged, invisible characters dropped."""
    even = text.translate(_folding())
    specials = _specials(even)
    if not specials:
        return Folded(text, even)
    parts: list[str] = []
    pieces: list[int] = []
    origins: list[int] = []
    linear: list[bool] = []
    length = 0  # of the folded text so far
    pos = 0
    for first, last in [*specials, (len(text), len(text))]:
        if first > pos:  # characters that fold one to one
            parts.append(even[pos:first])
            pieces.append(length)
            origins.append(pos)
            linear.append(True)
            length += first - pos
        if first == len(text):  # the end: a last piece, so that the end maps to the end
            pieces.append(length)
            origins.append(len(text))
            linear.append(False)
            break
        if last - first > 1:  # a run of spaces: one, or a paragraph break for a blank line
            part = _PARAGRAPH if text.count("\n", first, last) >= 2 else " "
        else:
            part = _fold_uneven(text[first])
        if part:
            parts.append(part)
            pieces.append(length)
            origins.append(first)
            linear.append(False)
            length += len(part)
        pos = last
    return Folded(text, "".join(parts), pieces, origins, linear)


_fold_uneven = functools.lru_cache(maxsize=4096)(fold_char)


def fold_words(text: str) -> str:
    """A name folded as words: letters and digits, single spaces between them, none at the ends."""
    return " ".join(fold(text).words.split())
