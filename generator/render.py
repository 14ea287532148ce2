"""Per locale: every page of the site, rendered in memory from ``site_templates/``.

Pages are HTML under a YAML front matter (``prerendered: true``): MkDocs does not convert them
again (``mkdocs_hooks``). Only a briefing's body is Markdown, between ``BODY_START`` and
``BODY_END``: MkDocs converts it, checking and rewriting its links.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from .index import Day, Key, Occurrence, SiteIndex
from .l10n import L10n
from .locales import direction
from .maps import place_map
from .model import Actor, Briefing, Event, Figure, Mention, Place
from .page_head import PageHead, yaml_string
from .paths import (
    actor_path,
    day_path,
    month_path,
    place_path,
    relative,
    timeline_path,
    url_of,
    url_relative,
    year_path,
)
from .periods import tally_days
from .timeline import Timeline

#: ATX and setext headings of a Markdown body.
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t].*$|^.+\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
T = TypeVar("T")

#: Where a page's Markdown body starts and ends among its HTML (see ``mkdocs_hooks``).
BODY_START = "<!--briefing:body-->"
BODY_END = "<!--/briefing:body-->"
#: A mention's link in a body, as characters Markdown leaves alone: OPEN href HREF_END text
#: CLOSE. Converting a body full of Markdown links costs MkDocs about twice as much as the bare
#: text; ``generator.prerendered`` makes these ``<a href>`` once the body is HTML.
LINK_OPEN, LINK_HREF_END, LINK_CLOSE = "\ue000", "\ue001", "\ue002"
#: Characters that keep a mention's text from a placeholder (a Markdown link is written instead).
_NOT_PLAIN = re.compile(r"[\[\]\n*_`<>&\\\ue000-\ue002]")
_PLACEHOLDER_CHARACTERS = re.compile("[\ue000-\ue002]")
#: A part of a page the search index does not read (``search_skips: true``; see mkdocs_hooks).
SEARCH_SKIP = "<!--briefing:search-skip-->"
SEARCH_RESUME = "<!--/briefing:search-skip-->"


@dataclass(frozen=True)
class Page:
    """A page of a locale's docs tree: front matter, then HTML (a briefing's body in Markdown)."""

    path: str
    text: str


def make_environment(templates_dir: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment for page templates: strict, escaping, with gettext. With
    ``compiled``, templates compiled by an earlier build are read from that folder."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "pages"),
        bytecode_cache=compiled_templates(compiled) if compiled is not None else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["apply"] = lambda items, function: [function(item) for item in items]
    env.globals["search_skip"] = Markup(SEARCH_SKIP)
    env.globals["search_resume"] = Markup(SEARCH_RESUME)
    # Page metadata reaches Material's templates, which print it unescaped: store it as HTML text.
    env.filters["yaml"] = lambda text: Markup(yaml_string(str(escape(text))))
    return env


def compiled_templates(folder: Path) -> jinja2.BytecodeCache:
    """Jinja's cache of compiled templates in ``folder``, shared by a build's processes (each
    file written whole, then renamed); a template whose source changed is compiled again."""
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


class Site:
    """What templates ask of the site, in one locale: version choice, names, links, formats."""

    def __init__(
        self,
        index: SiteIndex,
        l10n: L10n,
        default_locale: str,
        *,
        site_name: str = "",
        site_url: str = "",
    ) -> None:
        self.index = index
        self.l10n = l10n
        self.default_locale = default_locale
        self.here = "index.md"
        #: JSON-LD and Open Graph front matter of the page being rendered.
        self.head = PageHead(self, site_name, site_url)
        registry = index.linked.content.registry
        self.actors = registry.actors
        self.places = registry.places
        self._by_story: dict[tuple[str, str], dict[str, list[Occurrence]]] = {}
        #: Days by week, month and year, and the charts drawn from them.
        self.timeline = Timeline(index, l10n, tally_days(index))

    # Which version of a story a reader of this locale gets.
    def version(self, slug: str) -> Briefing:
        """The version in this locale, else in the default locale, else the first there is."""
        return self.index.version(slug, self.l10n.tag, self.default_locale)

    def briefing_page(self, slug: str) -> str:
        """The docs path of a story's page (dated by its first publication)."""
        return self.index.story_page(slug)

    # Links: URLs relative to the page being rendered.
    def href(self, target: str) -> str:
        """A relative link from the current page to a docs page, as a browser follows it."""
        return url_relative(target, self.here)

    def _link(self, label: str, target: str, lang: str | None = None) -> Markup:
        return Markup(f'<a href="{self.href(target)}"{self.lang_attrs(lang)}>{escape(label)}</a>')

    def lang_attrs(self, lang: str | None) -> Markup:
        """The ``lang`` (and ``dir``) attributes of text in another language than the page's."""
        if not lang or lang == self.l10n.tag:
            return Markup("")
        return Markup(self._lang_dir(lang))

    def _lang_dir(self, lang: str) -> str:
        if lang == self.l10n.tag:
            return ""
        if direction(lang) == self.l10n.dir:
            return f' lang="{lang}"'
        return f' lang="{lang}" dir="{direction(lang)}"'

    def foreign(self, text: str, lang: str) -> Markup:
        """Inline text isolated from the page's direction and marked with its language."""
        if lang == self.l10n.tag:
            return escape(text)
        return Markup(f"<bdi{self._lang_dir(lang)}>{escape(text)}</bdi>")

    def text_block(self, text: str, lang: str) -> Markup:
        """A sentence on a line of its own, marked with its language and direction.

        A whole French sentence inlined in an Arabic line (or the reverse) is reordered by the
        bidi algorithm at every line break; on a line of its own it reads in its own direction.
        """
        attributes = self._lang_dir(lang)
        return Markup(f'<span class="text-block"{attributes}>{escape(text)}</span>')

    def day_events(self, day: Day) -> list[tuple[Key, Event]]:
        """A day's events, from the version of each story shown here."""
        return self._shown_versions(day.events, lambda item: item[0])

    def day_mentions(self, day: Day) -> list[Occurrence]:
        """A day's mentions in running text, from the version of each story shown here."""
        return self._shown_versions(day.mentions, lambda occurrence: occurrence.briefing)

    def _shown_versions(self, items: Iterable[T], key_of: Callable[[T], Key]) -> list[T]:
        """The items of one version per story: the one shown here, else the first that has any.

        Translations repeat their story's events and dates: listing every version would say
        the same thing once per language.
        """
        listed = list(items)
        langs: dict[str, list[str]] = {}
        for item in listed:
            slug, lang = key_of(item)
            langs.setdefault(slug, []).append(lang)
        kept = {
            slug: shown if (shown := self.version(slug).lang) in found else found[0]
            for slug, found in langs.items()
        }
        return [item for item in listed if kept[key_of(item)[0]] == key_of(item)[1]]

    def actor(self, actor_id: str) -> Markup:
        """A link to an actor's page, named in this locale."""
        name, lang = self.l10n.name(self.actors[actor_id])
        return self._link(name, actor_path(actor_id), lang)

    def place(self, place_id: str) -> Markup:
        """A link to a place's page, named in this locale."""
        name, lang = self.l10n.name(self.places[place_id])
        return self._link(name, place_path(place_id), lang)

    def story(self, slug: str) -> Markup:
        """A link to a story's page, titled in the version this locale shows."""
        briefing = self.version(slug)
        return self._link(briefing.title, self.briefing_page(slug), briefing.lang)

    def day(self, day: dt.date, form: str = "full") -> Markup:
        """A link to a day's page, the date formatted in this locale."""
        return self._link(self.l10n.date(day, form), day_path(day))

    def month(self, year: int, month: int) -> Markup:
        """A link to a month's page, the month named in this locale."""
        return self._link(self.l10n.heading(self.l10n.month(year, month)), month_path(year, month))

    def year(self, year: int) -> Markup:
        """A link to a year's page."""
        return self._link(self.l10n.year(year), year_path(year))

    def linked_body(self, briefing: Briefing) -> Markup:
        """The body with its first mention of each entity, and every date, made a link."""
        mentions = self.index.linked.mentions.get(briefing.key, ())
        # A body that holds the placeholders' characters itself gets Markdown links.
        clear = _PLACEHOLDER_CHARACTERS.search(briefing.body) is None
        link = self._placeholder if clear else self._markdown_link
        body = link_mentions(briefing.body, mentions, link)
        return Markup(f"{BODY_START}\n\n{body}\n\n{BODY_END}")

    def _placeholder(self, mention: Mention, text: str) -> str:
        """The mention's link as placeholders, or a Markdown link when its text is not plain."""
        if _NOT_PLAIN.search(text):
            return self._markdown_link(mention, text)
        href = self.href(self._mention_target(mention))
        return f"{LINK_OPEN}{href}{LINK_HREF_END}{text}{LINK_CLOSE}"

    def _markdown_link(self, mention: Mention, text: str) -> str:
        """A Markdown link (to a ``.md`` page): MkDocs checks and rewrites it."""
        return f"[{text}]({relative(self._mention_target(mention), self.here)})"

    @staticmethod
    def _mention_target(mention: Mention) -> str:
        """The docs page a mention leads to."""
        if mention.kind == "date":
            assert mention.date is not None
            return day_path(mention.date)
        assert mention.id is not None
        return actor_path(mention.id) if mention.kind == "actor" else place_path(mention.id)

    def entities_of(self, briefing: Briefing) -> tuple[list[str], list[str], list[dt.date]]:
        """The actors, places and days a briefing names, in its front matter or its text."""
        return self.index.entities_of(briefing)

    def stories(self, slugs: Iterable[str]) -> list[Briefing]:
        """The version of each story this locale shows."""
        return [self.version(slug) for slug in slugs]

    def _stories_of(self, kind: str, entity_id: str) -> dict[str, list[Occurrence]]:
        """An entity's mentions grouped by story, computed once per entity and locale."""
        key = (kind, entity_id)
        if key not in self._by_story:
            grouped: dict[str, list[Occurrence]] = {}
            for occurrence in self.index.occurrences.get(key, ()):
                grouped.setdefault(occurrence.briefing[0], []).append(occurrence)
            self._by_story[key] = grouped
        return self._by_story[key]

    def breadcrumb(self, place_id: str) -> list[str]:
        """The places containing this one, outermost first."""
        return list(reversed(self.index.linked.content.registry.ancestors(place_id)))

    def aliases(self, entity: Actor | Place) -> list[Markup]:
        """Every other way the entity is written, this locale's first, marked with its language."""
        names = set(entity.name.values())
        ordered = [self.l10n.tag] + sorted(set(entity.aliases) - {self.l10n.tag})
        found: dict[str, str] = {}
        for lang in ordered:
            for alias in entity.aliases.get(lang, ()):
                if alias not in names:
                    found.setdefault(alias, lang)
        return [self.foreign(alias, lang) for alias, lang in found.items()]

    def wikidata(self, item: str) -> Markup:
        """The address of a Wikidata item."""
        return Markup(f"https://www.wikidata.org/wiki/{item}")

    def external(self, url: str) -> Markup:
        """An external http(s) address, safe inside an ``href`` attribute."""
        return escape(quote(url, safe=":/?#@!$&'*+,;=%~-._[]"))

    def in_locale(self, lang: str) -> str:
        """A link from the current page to the same page in another locale."""
        url = url_of(self.here)
        depth = url.count("/")
        return "../" * (depth + 1) + f"{lang}/{url}"

    def join(self, items: Iterable[Any]) -> Markup:
        """A list in this locale's words ('A, B et C'), each item escaped unless already markup."""
        return Markup(self.l10n.join(str(escape(item)) for item in items))

    def place_map(self, place_id: str) -> Markup:
        """The locator map of a place, as a figure (empty when it cannot be drawn)."""
        return place_map(self.index, self.l10n, place_id, self.here)

    def dir_of(self, lang: str) -> str:
        """'rtl' or 'ltr' for a language."""
        return direction(lang)

    def figures_reported(self, actor_id: str) -> list[tuple[str, Figure]]:
        """The actor's figures, once per story: from the version this locale shows, newest first.

        Translations repeat their story's figures; a version without them leaves the first
        version that has them to speak for the story.
        """
        by_version: dict[str, dict[str, list[Figure]]] = {}
        for (slug, lang), figure in self.index.figures_by_actor.get(actor_id, ()):
            by_version.setdefault(slug, {}).setdefault(lang, []).append(figure)
        found: list[tuple[str, Figure]] = []
        for slug in self.index.slugs:
            versions = by_version.get(slug)
            if versions:
                shown = versions.get(self.version(slug).lang) or next(iter(versions.values()))
                found.extend((slug, figure) for figure in shown)
        return found

    def snippet(self, kind: str, entity_id: str, slug: str) -> Markup | None:
        """The sentence of the shown version that mentions the entity, the mention marked."""
        shown = self.version(slug).key
        found = sorted(
            self._stories_of(kind, entity_id).get(slug, ()), key=lambda o: o.briefing != shown
        )
        if not found:
            return None
        occurrence = found[0]
        sentence, text = occurrence.sentence, occurrence.mention.text
        at = sentence.find(" ".join(text.split()))
        if at < 0:
            return escape(sentence)
        end = at + len(" ".join(text.split()))
        before, marked, after = (
            escape(sentence[:at]),
            escape(sentence[at:end]),
            escape(sentence[end:]),
        )
        return Markup(f"{before}<mark>{marked}</mark>{after}")


def link_mentions(
    body: str, mentions: Iterable[Mention], link: Callable[[Mention, str], str]
) -> str:
    """Make mentions links (``link(mention, text)`` writes one): each entity's first mention,
    and every date.

    Mentions in headings stay plain text (a heading made of links reads badly); the entity's
    next mention in running text takes the link.
    """
    seen: set[tuple[str, str]] = set()
    parts: list[str] = []
    cursor = 0
    headings = [(m.start(), m.end()) for m in HEADING.finditer(body)]
    for mention in sorted(mentions, key=lambda m: m.start):
        if any(start <= mention.start < end for start, end in headings):
            continue
        if mention.kind != "date":
            key = (mention.kind, mention.id or "")
            if key in seen:
                continue
            seen.add(key)
        text = body[mention.start : mention.end]
        if mention.start < cursor or any(c in text for c in "[]\n"):
            continue
        parts.append(body[cursor : mention.start])
        parts.append(link(mention, text))
        cursor = mention.end
    parts.append(body[cursor:])
    return "".join(parts)


def _labels(env: jinja2.Environment, site: Site, l10n: L10n) -> Any:
    """``_labels.html.j2`` (label tables and macros), run once per locale for every page."""
    return env.get_template("_labels.html.j2").make_module({"site": site, "l10n": l10n})


def locale_pages(
    index: SiteIndex,
    l10n: L10n,
    env: jinja2.Environment,
    site_name: str,
    default_locale: str,
    site_url: str = "",
) -> tuple[tuple[str, ...], Iterator[Page]]:
    """Every page of one locale: their docs paths, in the order MkDocs builds them
    (``mkdocs_order``), and the pages in that order, each rendered when the caller asks for it.

    The environment speaks the locale's language from the first page on: render one locale at
    a time with it.
    """
    site = Site(index, l10n, default_locale, site_name=site_name, site_url=site_url)
    env.install_gettext_translations(l10n.translations, newstyle=True)  # type: ignore[attr-defined]
    specs = sorted(_page_specs(index, site), key=lambda spec: mkdocs_order(spec[1]))

    def pages() -> Iterator[Page]:
        labels = _labels(env, site, l10n)
        for template, path, context in specs:
            yield _page(env, template, path, site, labels, context)

    return tuple(path for _, path, _ in specs), pages()


def _page_specs(index: SiteIndex, site: Site) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every page of a locale: (template, docs path, context)."""
    registry = index.linked.content.registry
    yield "home.html.j2", "index.md", {"slugs": index.slugs[:20]}
    yield "briefings.html.j2", "briefings/index.md", {"slugs": index.slugs}
    yield "actors.html.j2", "actors/index.md", {}
    yield "places.html.j2", "places/index.md", {}
    yield "dates.html.j2", "dates/index.md", {"days": sorted(index.days, reverse=True)}
    for slug in index.slugs:
        page = site.briefing_page(slug)
        yield "briefing.html.j2", page, {"slug": slug, "briefing": site.version(slug)}
    for actor_id, actor in registry.actors.items():
        yield "actor.html.j2", actor_path(actor_id), {"actor": actor}
    for place_id, place in registry.places.items():
        yield "place.html.j2", place_path(place_id), {"place": place}
    for day in index.days.values():
        yield "day.html.j2", day_path(day.date), {"day": day}
    for (year, month), days in site.timeline.months.items():
        yield "month.html.j2", month_path(year, month), {"year": year, "month": month, "days": days}
    for year, months in site.timeline.years.items():
        yield "year.html.j2", year_path(year), {"year": year, "months": months}
    yield "timeline.html.j2", timeline_path(), {}


def mkdocs_order(path: str) -> tuple[tuple[int, Any], ...]:
    """Sort key of a docs path in the order MkDocs builds pages: its walk of the docs folder,
    top down, a folder's files (``index.md`` first, then by name) before its subfolders (by
    name). Pages are rendered in that order, so that MkDocs finds each written in its turn."""
    *folders, name = path.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, folder) for folder in folders), (0, (stem not in ("index", "README"), name)))


def locale_nav(l10n: L10n) -> tuple[tuple[str, str], ...]:
    """A locale's navigation: the title and docs path of each section's index page."""
    gettext = l10n.gettext
    return (
        (gettext("Home"), "index.md"),
        (gettext("Briefings"), "briefings/index.md"),
        (gettext("Actors"), "actors/index.md"),
        (gettext("Places"), "places/index.md"),
        (gettext("Dates"), "dates/index.md"),
        (gettext("Timeline"), timeline_path()),
    )


def theme_labels(l10n: L10n) -> tuple[tuple[str, str], ...]:
    """The theme's own English labels (palette toggle, footer) and their translations."""
    gettext = l10n.gettext
    return (
        ("Dark mode", gettext("Dark mode")),
        ("Light mode", gettext("Light mode")),
        ("Made with", gettext("Made with")),
    )


def render_story_pages(
    index: SiteIndex,
    l10n: L10n,
    env: jinja2.Environment,
    site_name: str,
    default_locale: str,
    site_url: str,
    slugs: Iterable[str],
) -> list[Page]:
    """Some stories' pages of a locale, as ``locale_pages`` renders them."""
    site = Site(index, l10n, default_locale, site_name=site_name, site_url=site_url)
    env.install_gettext_translations(l10n.translations, newstyle=True)  # type: ignore[attr-defined]
    labels = _labels(env, site, l10n)
    return [
        _page(
            env,
            "briefing.html.j2",
            site.briefing_page(slug),
            site,
            labels,
            {"slug": slug, "briefing": site.version(slug)},
        )
        for slug in slugs
    ]


class RenderError(Exception):
    """A page template failed: the message names the template, its line and the page."""


def _page(
    env: jinja2.Environment,
    template: str,
    path: str,
    site: Site,
    labels: Any,
    context: dict[str, Any],
) -> Page:
    """One page rendered; a template's failure as a RenderError naming where it is."""
    site.here = path
    try:
        text = env.get_template(template).render(
            site=site, l10n=site.l10n, labels=labels, **context
        )
    except Exception as error:  # the template's fault, or a helper it called wrongly
        raise RenderError(_where(error, template, path, site.l10n.tag)) from None
    return Page(path, text)


def _where(error: Exception, template: str, path: str, locale: str) -> str:
    """'site_templates/pages/day.html.j2, line 42: …' from the error's innermost template frame."""
    file, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    trace = error.__traceback__
    while trace is not None:  # the innermost frame Jinja mapped back to a template's line
        name = trace.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html")):
            file, line = name, trace.tb_lineno
        trace = trace.tb_next
    where = f"{file or template}, line {line}" if line else str(file or template)
    return (
        f"{where}: {type(error).__name__}: {error} (rendering the page {path} in '{locale}'); "
        "the names a page template can use are those of generator/render.py's Site, the "
        "l10n helpers and the page's own context"
    )
