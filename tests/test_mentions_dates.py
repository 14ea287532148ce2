"""Dates written in the briefing's language, resolved against the publication date.

``⟦jeudi|2016-09-29⟧`` marks a date mention spanning exactly "jeudi" that names 29 September
2016; any other text must yield no date. Unless a case says otherwise the briefing was published
on Friday 30 September 2016.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.link import link_briefing
from generator.mentions.dates import DateMatcher, date_matcher
from generator.model import Briefing, Registry

MARK = re.compile(r"⟦([^|⟧]*)\|([^⟧]*)⟧")
FRIDAY = dt.date(2016, 9, 30)
EMPTY = Registry({}, {})


def dates(
    lang: str, marked: str, published: dt.date = FRIDAY
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    parts, expected, pos = [], [], 0
    for match in MARK.finditer(marked):
        parts.append(marked[pos : match.start()])
        start = sum(map(len, parts))
        expected.append((match.group(2), start, start + len(match.group(1))))
        parts.append(match.group(1))
        pos = match.end()
    parts.append(marked[pos:])
    body = "".join(parts)
    briefing = Briefing("s", lang, "t", published, "", body, f"s.{lang}.md")
    mentions, _ = link_briefing(briefing, EMPTY)
    actual = [(m.date.isoformat(), m.start, m.end) for m in mentions if m.date is not None]
    return actual, expected


CASES = [
    # Full dates, with and without the weekday; numeric dates in the locale's order; ISO.
    ("fr", "⟦vendredi 30 septembre 2016|2016-09-30⟧ et ⟦Vendredi 30\u00a0septembre|2016-09-30⟧"),
    ("fr", "le ⟦30/09/2016|2016-09-30⟧, le ⟦9/10/2016|2016-10-09⟧, le ⟦2016-09-30|2016-09-30⟧"),
    (
        "en",
        "⟦September 30, 2016|2016-09-30⟧, ⟦30 September 2016|2016-09-30⟧, ⟦Friday, September 30, 2016|2016-09-30⟧",
    ),
    ("en", "on ⟦9/10/2016|2016-09-10⟧ and ⟦30/09/2016|2016-09-30⟧ and ⟦2016-09-30|2016-09-30⟧"),
    ("ar", "⟦30/9/2016|2016-09-30⟧ و⟦٩/١٠/٢٠١٦|2016-10-09⟧"),
    # Day and month: the year that puts it nearest to the publication date.
    (
        "fr",
        "l’accord du ⟦9 septembre|2016-09-09⟧, le ⟦1er octobre|2016-10-01⟧, le ⟦15 octobre|2016-10-15⟧",
    ),
    (
        "fr",
        "le ⟦9 sept.|2016-09-09⟧ et le ⟦9 sept|2016-09-09⟧, fin de phrase le ⟦9 septembre|2016-09-09⟧.",
    ),
    (
        "en",
        "on ⟦Sept. 9|2016-09-09⟧, ⟦Sep 9|2016-09-09⟧, ⟦9th September|2016-09-09⟧, ⟦September 9th|2016-09-09⟧, ⟦October 1st|2016-10-01⟧, ⟦2nd October|2016-10-02⟧",
    ),
    ("en", "⟦May 9|2016-05-09⟧, but they may 9 times"),
    # Weekdays alone: the most recent such day on or before the publication date.
    ("fr", "⟦jeudi|2016-09-29⟧, ⟦vendredi|2016-09-30⟧, ⟦Lundi|2016-09-26⟧, ⟦samedi|2016-09-24⟧"),
    ("en", "on ⟦Thursday|2016-09-29⟧ and on ⟦Friday|2016-09-30⟧ morning"),
    ("ar", "⟦الخميس|2016-09-29⟧ ويوم ⟦الجمعة|2016-09-30⟧ و⟦الأحد|2016-09-25⟧"),
    ("ar", "و⟦الخميس|2016-09-29⟧ ثم ⟦الاثنين|2016-09-26⟧"),
    # ... next and last week's.
    ("fr", "⟦jeudi prochain|2016-10-06⟧ et ⟦vendredi dernier|2016-09-23⟧"),
    ("en", "⟦next Friday|2016-10-07⟧ and ⟦last Thursday|2016-09-29⟧"),
    ("ar", "⟦الخميس القادم|2016-10-06⟧ و⟦الجمعة الماضي|2016-09-23⟧"),
    ("ar", "⟦الجمعة الماضية|2016-09-23⟧ و⟦الخميس المقبل|2016-10-06⟧"),
    # Weekday and day number.
    ("fr", "⟦jeudi 29|2016-09-29⟧ et ⟦mercredi 5|2016-10-05⟧"),
    ("en", "on ⟦Thursday 29th|2016-09-29⟧, on the ⟦30th of September|2016-09-30⟧"),
    ("ar", "في ⟦30 من أيلول|2016-09-30⟧"),
    # Arabic month names: CLDR's Egyptian and Levantine ones, alone or together; any digits.
    (
        "ar",
        "في ⟦٣٠ أيلول/سبتمبر ٢٠١٥|2015-09-30⟧ و⟦30 سبتمبر/أيلول|2016-09-30⟧ و⟦9 أيلول|2016-09-09⟧",
    ),
    (
        "ar",
        "⟦الجمعة 30 أيلول (سبتمبر) 2016|2016-09-30⟧ و⟦۳۰ سبتمبر|2016-09-30⟧ و⟦1 تشرين الأول|2016-10-01⟧",
    ),
    ("ar", "⟦15 آذار 2011م|2011-03-15⟧ ويوم ⟦الجمعة ٣٠ أيلول/سبتمبر|2016-09-30⟧."),
    # Periods and ranges are not days; neither is a month, a year or an invalid date.
    ("fr", "du 23 au 30 septembre, du 23-30 septembre, depuis mars 2011"),
    ("fr", "de lundi à jeudi, en une semaine, le 31 septembre, le 30 février"),
    ("fr", "entre le 23 et le 30 septembre, entre 1 et 3 octobre"),
    ("en", "between 1 and 3 October, September 23-30, September 23 to 30, in March 2011"),
    ("ar", "من 23 إلى 30 أيلول، بين 1 و3 تشرين الأول"),
    # Days listed with one month, joined as CLDR's list patterns join items: each is a day.
    ("fr", "les ⟦29|2016-09-29⟧ et ⟦30 septembre|2016-09-30⟧"),
    ("fr", "⟦lundi|2016-09-26⟧ et ⟦mardi|2016-09-27⟧, le ⟦23|2016-09-23⟧ et le ⟦30 septembre|2016-09-30⟧"),
    ("fr", "les ⟦1er|2016-10-01⟧, ⟦2|2016-10-02⟧ et ⟦3 octobre|2016-10-03⟧"),
    ("en", "on ⟦September 23|2016-09-23⟧ and ⟦24|2016-09-24⟧, and ⟦Sept. 9|2015-09-09⟧, ⟦10|2015-09-10⟧ and ⟦11|2015-09-11⟧, 2015"),
    ("en", "on the ⟦23rd|2016-09-23⟧ and ⟦24th of September|2016-09-24⟧"),
    ("en", "on ⟦September 23|2016-09-23⟧, 24 people died"),
    ("ar", "يومي ⟦23|2016-09-23⟧ و⟦24 أيلول|2016-09-24⟧ ، و⟦29|2016-09-29⟧ و⟦30 سبتمبر|2016-09-30⟧"),
    # Days named relative to the publication.
    # "Today" is as often "nowadays": left out.
    ("fr", "⟦hier|2016-09-29⟧, aujourd’hui, ⟦Avant-hier|2016-09-28⟧ et ⟦demain|2016-10-01⟧"),
    ("en", "⟦Yesterday|2016-09-29⟧, today, ⟦the day before yesterday|2016-09-28⟧, ⟦tomorrow|2016-10-01⟧"),
    ("ar", "قال ⟦أمس|2016-09-29⟧ إن ⟦البارحة|2016-09-29⟧ و⟦غداً|2016-10-01⟧"),
    # "Between" makes two full dates a range too.
    ("en", "Between June 1 and June 10, between Oct. 20 and 25, on ⟦June 1|2016-06-01⟧ and ⟦June 10|2016-06-10⟧"),
    ("ar", "بين ٦ حزيران/يونيو و١٧ تشرين الأول/أكتوبر، بين ١ و٥ آب"),
    # Words after a day and month that set its year.
    ("en", "on ⟦Oct. 17|2015-10-17⟧ last year and ⟦March 3|2017-03-03⟧ next year"),
    ("fr", "le ⟦17 octobre|2015-10-17⟧ de l’année dernière, le ⟦3 mars|2017-03-03⟧ de l'an prochain"),
    ("ar", "في ⟦17 تشرين الأول|2015-10-17⟧ من العام الماضي"),
    # Arabic days written as ordinal words.
    ("ar", "في ⟦العاشر من تموز/يوليو|2016-07-10⟧ و⟦الحادي والعشرين من أيلول|2016-09-21⟧ و⟦الأول من تشرين الأول|2016-10-01⟧"),
    ("ar", "⟦الثاني عشر من آب|2016-08-12⟧، ⟦الثلاثين من أيلول|2016-09-30⟧، الحادي والثلاثين من أيلول"),
    # A weekday and the day before a month: one mention; a number that is no day: none.
    ("fr", "⟦jeudi 29 septembre|2016-09-29⟧, vendredi 10h, 3 800 civils, 20 000 blessés en 2016"),
]


@pytest.mark.parametrize(("lang", "marked"), CASES)
def test_dates(lang: str, marked: str) -> None:
    actual, expected = dates(lang, marked)
    assert actual == expected


@pytest.mark.parametrize(
    ("lang", "published", "marked"),
    [
        ("fr", dt.date(2016, 12, 28), "le ⟦2 janvier|2017-01-02⟧ et le ⟦20 décembre|2016-12-20⟧"),
        (
            "fr",
            dt.date(2017, 1, 3),
            "le ⟦28 décembre|2016-12-28⟧, ⟦mardi|2017-01-03⟧, ⟦dimanche|2017-01-01⟧",
        ),
        ("en", dt.date(2016, 3, 1), "on ⟦February 29|2016-02-29⟧"),
        ("fr", dt.date(2016, 10, 2), "⟦vendredi 30 septembre|2016-09-30⟧, ⟦jeudi 29|2016-09-29⟧"),
    ],
)
def test_dates_relative_to_other_publication_days(
    lang: str, published: dt.date, marked: str
) -> None:
    actual, expected = dates(lang, marked, published)
    assert actual == expected


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("de", "am 30. September 2016", "2016-09-30"),
        ("ru", "30 сентября 2016 г.", "2016-09-30"),
        ("es", "el 30 de septiembre de 2016", "2016-09-30"),
        ("pt-BR", "30 de setembro de 2016", "2016-09-30"),
    ],
)
def test_any_cldr_locale_needs_no_code(lang: str, text: str, day: str) -> None:
    briefing = Briefing("s", lang, "t", FRIDAY, "", text, f"s.{lang}.md")
    mentions, _ = link_briefing(briefing, EMPTY)
    assert [(m.date.isoformat() if m.date else None) for m in mentions] == [day]
    assert mentions[0].text == text.removeprefix("am ").removeprefix("el ")


def test_month_names_come_from_every_territory_of_the_language() -> None:
    arabic = date_matcher("ar").months.number
    assert arabic["ايلول"] == arabic["سبتمبر"] == 9  # ar_SY and ar
    assert arabic["كانون الثاني"] == 1
    english = date_matcher("en").months
    assert english["sept"] == english["sep"] == 9  # en_GB and en


def test_unknown_language_has_no_dates() -> None:
    assert DateMatcher("xx-unknown").empty
    briefing = Briefing("s", "xx", "t", FRIDAY, "", "30/09/2016, jeudi", "s.xx.md")
    assert link_briefing(briefing, EMPTY) == ((), ())


def test_a_full_stop_after_a_day_ends_the_sentence() -> None:
    actual, expected = dates(
        "en",
        "The assault began on ⟦October 17|2016-10-17⟧. It went on ⟦Thursday 29|2016-09-29⟧.",
    )
    assert actual == expected
