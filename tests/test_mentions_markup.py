"""Markup where no mention may be found: protected_spans."""

from __future__ import annotations

from itertools import pairwise

import pytest

from generator.mentions.markup import protected_spans


def protected(body: str) -> list[str]:
    return [body[start:end] for start, end in protected_spans(body)]


@pytest.mark.parametrize(
    ("body", "spans"),
    [
        ("Rien à protéger à Alep.", []),
        ("Voir `Alep` et ``a ` b``.", ["`Alep`", "``a ` b``"]),
        ("Un ` seul accent grave.", []),
        ("```python\nAlep = 1\n```\nAlep", ["```python\nAlep = 1\n```\n"]),
        ("~~~~\nAlep\n~~~\nencore\n~~~~\nfin", ["~~~~\nAlep\n~~~\nencore\n~~~~\n"]),
        ("```\nnever closed, Alep", ["```\nnever closed, Alep"]),
        ("Texte.\n\n    Alep = 1\n    Damas = 2\n\nFin", ["    Alep = 1\n    Damas = 2\n\n"]),
        ("- item\n\n    suite de l’item à Alep\n", []),  # a list's continuation is prose
        # An admonition's title is plain text; its body is prose.
        ('!!! note "Alep"\n\n    Contenu sur Alep.\n', ['!!! note "Alep"']),
        ('??? info "Alep"\n    Alep.\n=== "Damas"\n    Damas.', ['??? info "Alep"', '=== "Damas"']),
        (
            "Lien [Alep](https://fr.wikipedia.org/wiki/Alep_(ville)) ici",
            ["[Alep](https://fr.wikipedia.org/wiki/Alep_(ville))"],
        ),
        ('Image ![Alep](alep.png "Alep") ici', ['![Alep](alep.png "Alep")']),
        (
            "Réf [Alep][a] et [Damas][] et [Moscou].\n\n[a]: https://x.org\n[moscou]: /m",
            ["[Alep][a]", "[Damas][]", "[Moscou]", "[a]: https://x.org", "[moscou]: /m"],
        ),
        ("Pas un lien : [Alep] sans définition.", []),
        ("Voir https://fr.wikipedia.org/wiki/Alep.", ["https://fr.wikipedia.org/wiki/Alep"]),
        (
            "Voir <https://who.int/Alep> et www.alep.sy, ou contact@alep.sy.",
            ["<https://who.int/Alep>", "www.alep.sy", "contact@alep.sy"],
        ),
        ('<span class="x">Alep</span>', ['<span class="x">', "</span>"]),
        (
            '<a href="/alep">Alep</a> et <code>Damas</code>',
            ['<a href="/alep">Alep</a>', "<code>Damas</code>"],
        ),
        ("Avant <!-- Alep\nDamas --> après", ["<!-- Alep\nDamas -->"]),
        ("## Alep {: #alep .ville }\n\nTexte {#x}", ["{: #alep .ville }", "{#x}"]),
        ("Note[^1].\n\n[^1]: Selon l’OMS.", ["[^1]", "[^1]:"]),
        (
            "*[OMS]: Organisation mondiale de la santé",
            ["*[OMS]: Organisation mondiale de la santé"],
        ),
    ],
)
def test_protected_spans(body: str, spans: list[str]) -> None:
    assert protected(body) == spans


def test_spans_are_sorted_and_merged() -> None:
    body = "`a` <b>`c`</b> [d](e)"
    spans = protected_spans(body)
    assert spans == sorted(spans)
    assert all(end < start for (_, end), (start, _) in pairwise(spans))
