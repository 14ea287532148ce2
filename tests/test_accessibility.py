"""Accessibility in a real browser: axe-core (from the npm registry, pinned in tests/a11y/) run
on every kind of page in French and in Arabic, and a keyboard-only walk through a briefing.

Without Chromium or axe-core these tests skip, saying why — except under CI=true (``make test``
installs axe-core), where that is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).parent / "a11y/node_modules/axe-core/axe.min.js"
#: One page of every kind the site has.
PAGES = {
    "home": "",
    "briefings": "briefings/",
    "briefing": "briefings/2016/09/30/2016-09-30-alep-offensive/",
    "translated briefing": "briefings/2016/09/30/2016-09-30-bilan-humanitaire/",
    "actors": "actors/",
    "actor": "actors/sohr/",
    "places": "places/",
    "place": "places/aleppo/",
    "dates": "dates/",
    "day": "dates/2016/09/29/",
}
#: WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe tags them.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        reason = "axe-core is not installed: npm ci --prefix tests/a11y (make test does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_AA,
    )
    return list(result["violations"])


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_violation(page: Any, server: str, axe_source: str, lang: str, kind: str) -> None:
    page.goto(server + f"{lang}/" + PAGES[kind], wait_until="networkidle")
    found = [v for v in violations(page, axe_source) if v["impact"] in ("serious", "critical")]
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in found
    ]
    assert not described, "\n".join(described)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_keyboard_reaches_every_link_of_a_briefing(page: Any, server: str, lang: str) -> None:
    page.goto(server + f"{lang}/" + PAGES["briefing"], wait_until="networkidle")
    links = page.evaluate(
        """() => [...document.querySelectorAll("article a[href]")]
            .filter(a => a.offsetParent !== null).map(a => a.href)"""
    )
    assert len(links) > 10  # the briefing's mentions, its panel, its sources
    reached: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement && document.activeElement.href")
        if href:
            reached.add(href)
        if reached.issuperset(links):
            break
    missing = sorted(set(links) - reached)
    assert not missing, f"not reachable by keyboard: {missing}"
    # The focused element is visibly marked.
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== "none" || s.boxShadow !== "none"; }"""
    )
    assert outline
