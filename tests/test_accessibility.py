"""Accessibility in a real browser: axe-core (from the npm registry, pinned in tests/a11y/) run
on every kind of page in French and in Arabic, and a keyboard-only walk through a briefing.

Without Chromium or axe-core these tests skip, saying why — except under CI=true (``make test``
installs axe-core), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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
    "month": "dates/2016/09/",
    "year": "dates/2016/",
    "timeline": "timeline/",
    "not found": "404.html",
}
#: Pages outside the locales: the language choice at the site's root.
ROOT_PAGES = {"language choice": ""}
#: Pages checked again in the dark scheme (Material's slate), where contrast differs.
DARK_PAGES = ("briefing", "translated briefing", "place", "timeline", "home", "day")
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


def serious(page: Any, axe_source: str) -> list[str]:
    """The serious and critical violations on the page, one line each."""
    found = [v for v in violations(page, axe_source) if v["impact"] in ("serious", "critical")]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in found
    ]


def test_no_serious_violation_on_the_language_choice(
    page: Any, server: str, axe_source: str
) -> None:
    page.goto(server + ROOT_PAGES["language choice"], wait_until="networkidle")
    assert not (found := serious(page, axe_source)), "\n".join(found)


@pytest.fixture
def dark_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", DARK_PAGES)
def test_no_serious_violation_in_dark_mode(
    dark_page: Any, server: str, axe_source: str, lang: str, kind: str
) -> None:
    dark_page.goto(server + f"{lang}/" + PAGES[kind], wait_until="networkidle")
    scheme = dark_page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"  # Material followed the reader's preference
    assert not (found := serious(dark_page, axe_source)), "\n".join(found)


def tab_through(page: Any, wanted: set[str], presses: int = 400) -> set[str]:
    """Press Tab until every wanted address has had the focus; the addresses reached."""
    reached: set[str] = set()
    for _ in range(presses):
        page.keyboard.press("Tab")
        href = page.evaluate(
            """() => { const a = document.activeElement;
                       if (!a) return null;
                       const h = a.href; return h && h.baseVal !== undefined ? h.baseVal : h; }"""
        )
        if href:
            reached.add(page.evaluate("(h) => new URL(h, document.baseURI).href", href))
        if reached.issuperset(wanted):
            break
    return reached


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_keyboard_reaches_every_mark_of_the_timeline(page: Any, server: str, lang: str) -> None:
    page.goto(server + f"{lang}/" + PAGES["timeline"], wait_until="networkidle")
    marks = page.evaluate(
        """() => [...document.querySelectorAll("article svg a")]
            .map(a => new URL(a.getAttribute("href"), document.baseURI).href)"""
    )
    table_links = page.evaluate(
        """() => [...document.querySelectorAll("article table a[href]")].map(a => a.href)"""
    )
    assert len(marks) >= 4 and len(table_links) >= 4
    missing = sorted(set(marks + table_links) - tab_through(page, set(marks + table_links)))
    assert not missing, f"not reachable by keyboard: {missing}"
    # The focused mark is visibly marked: the accent stroke of briefing.css.
    page.evaluate("() => document.querySelector('article svg a').focus()")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    stroke = page.evaluate(
        """() => { const rect = document.activeElement.querySelector("rect");
                   return rect ? getComputedStyle(rect).strokeWidth : null; }"""
    )
    assert stroke == "3px"


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", ["timeline", "place", "home", "year", "actor"])
def test_every_drawing_has_a_text_alternative(page: Any, server: str, lang: str, kind: str) -> None:
    page.goto(server + f"{lang}/" + PAGES[kind], wait_until="networkidle")
    drawings = page.evaluate(
        """() => [...document.querySelectorAll("article svg")].map(svg => {
            const title = document.getElementById(svg.getAttribute("aria-labelledby") || "");
            return {
              name: title && title.parentNode === svg ? title.textContent.trim() : "",
              role: svg.getAttribute("role"),
              unnamed: [...svg.querySelectorAll("a")].filter(
                a => !(a.querySelector("title") || a.querySelector("text"))
                     || !a.textContent.trim()).length,
            };
        })"""
    )
    assert drawings, f"no drawing on the {kind} page"
    for drawing in drawings:
        assert drawing["name"] and drawing["role"] == "group", drawing
        assert drawing["unnamed"] == 0, drawing


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
