"""Briefing: a localised, cross-linked news briefing site generator."""

__version__ = "0.1.0"
