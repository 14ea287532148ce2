"""Python's cycle collector held off while the stages build the site's model.

Loading, linking and indexing make millions of small objects — front-matter nodes and their
locations, mentions, occurrences — and next to no reference cycles. The collector does not
know that: every few thousand new objects it runs, and each of its full passes walks every
object made so far (N = 5,000 briefings: 10 full passes, ~2.5 s of a 10.7 s check, for 600
objects found to collect). Refcounting frees the rest as always; the few cycles made while it
is paused are collected once it runs again. Forked children run it on their own objects only
(``forked``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block; as it was before, after it (nested blocks too)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def collect_own_objects() -> None:
    """In a forked child: the collector on, for the objects this process makes from now on.
    What it inherited is frozen — never walked, so never written to: its pages stay shared with
    the parent instead of being copied by the collector's first full pass."""
    gc.freeze()
    gc.enable()
