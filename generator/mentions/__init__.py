"""Finding mentions in a briefing's body: actors and places by name (``entities``), days by the
date expressions of the briefing's language (``dates``, from CLDR via ``cldr``), never inside
markup (``markup``), all on text folded for matching with a map back to the original (``text``).

``generator.link`` runs them for every briefing.
"""

from .dates import DateMatcher, date_matcher
from .entities import EntityMatcher
from .markup import protected_spans
from .text import Folded, fold

__all__ = ["DateMatcher", "EntityMatcher", "Folded", "date_matcher", "fold", "protected_spans"]
