"""Fold text for matching (accents, apostrophes, hyphens, spaces, Arabic letter variants; case in
the words only), keeping a map from every folded character back to the original code points."""

from __future__ import annotations

import functools
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


@functools.cache
def _tables() -> tuple[list[str], list[str]]:
    """Two tables for ``str.translate``, indexed by code point (a list is several times faster
    than a dict there): folding, with every character that does not fold to exactly one
    character as ``_UNEVEN``; and for words, lowercasing letters and blanking every character
    that is not a letter or a digit."""
    # Every entry is filled: None would delete the character.
    identity = [chr(cp) for cp in range(0x10000)]
    folding = identity.copy()
    blanking = identity.copy()
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = identity[cp]
        folded = fold_char(char)
        if len(folded) != 1 or char == _UNEVEN:
            folding[cp] = _UNEVEN
        elif folded != char:
            folding[cp] = folded
        lower = char.lower()
        if not char.isalnum():
            blanking[cp] = " "
        elif len(lower) == 1 and lower != char:
            blanking[cp] = lower
    blanking[ord("_")] = " "
    blanking[ord("ς")] = "σ"  # Greek final sigma is the same letter
    return folding, blanking


_ASCII_WORDS = bytes.maketrans(
    bytes(range(128)), bytes(ord(chr(c).lower()) if chr(c).isalnum() else 32 for c in range(128))
)


def _specials(even: str) -> list[tuple[int, int]]:
    """Where the first pass left runs of spaces (every space is " " by then) and uneven
    characters, in order."""
    found = []
    pos = even.find("  ")
    while pos >= 0:
        end = pos + 2
        while even.startswith(" ", end):
            end += 1
        found.append((pos, end))
        pos = even.find("  ", end)
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
        space: what names are matched against."""
        if self.text.isascii():  # bytes translate much faster
            return self.text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
        return self.text.translate(_tables()[1])


def fold(text: str) -> Folded:
    """Fold ``text`` for matching: NFC and NFD alike, accents off (case kept), apostrophes,
    hyphens and spaces unified, Arabic letter variants merged, invisible characters dropped."""
    even = text.translate(_tables()[0])
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
        if last - first > 1:  # a run of spaces: one, or two for a blank line (a paragraph break)
            part = "  " if text.count("\n", first, last) >= 2 else " "
        else:
            char = text[first]
            part = _fold_uneven(char) if char != _UNEVEN else char
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
