"""Mention finding on text written apart from the demo: three newsrooms' worth of wire copy (the
battle of Mosul, the war in Yemen, Libya) in fr, en and ar, each with a registry written before
its articles, and gold annotations made by hand (tests/eval/<project>/gold/).

Scored like the judges score: actors and places on exact spans and ids, dates on the day and an
overlapping span. Gold marked ``debatable`` (two defensible readings) is left out, with any
mention overlapping it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.annotate import annotate_file

EVAL = Path(__file__).parent / "eval"


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _same(found: dict[str, Any], gold: dict[str, Any]) -> bool:
    if found["kind"] != gold["kind"] or found.get("id") != gold.get("id"):
        return False
    if gold["kind"] == "date":
        return bool(found["date"] == gold["date"] and _overlaps(found, gold))
    return bool((found["start"], found["end"]) == (gold["start"], gold["end"]))


def score() -> dict[str, dict[str, int]]:
    """True positives, gold and found counts, for entities and for dates."""
    counts = {kind: {"tp": 0, "gold": 0, "found": 0} for kind in ("entities", "dates")}
    for gold_file in sorted(EVAL.glob("*/gold/*.gold.json")):
        project = gold_file.parent.parent
        briefing = project / "briefings" / gold_file.name.removesuffix(".gold.json")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["mentions"]
        found = annotate_file(briefing, project, None)["mentions"]
        debatable = [g for g in gold if g.get("debatable")]
        gold = [g for g in gold if not g.get("debatable")]
        found = [f for f in found if not any(_overlaps(f, d) for d in debatable)]
        unmatched = list(found)
        for g in gold:
            kind = "dates" if g["kind"] == "date" else "entities"
            counts[kind]["gold"] += 1
            match = next((f for f in unmatched if _same(f, g)), None)
            if match is not None:
                unmatched.remove(match)
                counts[kind]["tp"] += 1
        for f in found:
            counts["dates" if f["kind"] == "date" else "entities"]["found"] += 1
    return counts


def test_unseen_wire_copy_is_annotated_as_by_hand() -> None:
    counts = score()
    entities, dates = counts["entities"], counts["dates"]
    assert entities["gold"] > 400 and dates["gold"] > 80  # the evaluation set is all there
    assert entities["tp"] / entities["found"] >= 0.95, counts  # precision
    assert entities["tp"] / entities["gold"] >= 0.95, counts  # recall
    assert dates["tp"] / dates["gold"] >= 0.95, counts  # days named, resolved right
    assert dates["tp"] / dates["found"] >= 0.90, counts
