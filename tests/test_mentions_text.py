"""Folding text for matching, and the map back to the original code points."""

from __future__ import annotations

import unicodedata

import pytest

from generator.mentions.text import fold, fold_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("État islamique", "Etat islamique"),
        (unicodedata.normalize("NFD", "État islamique"), "Etat islamique"),
        ("d’Alep dʼAlep d'Alep", "d'Alep d'Alep d'Alep"),
        ("30\u00a0septembre\u202f2016", "30 septembre 2016"),
        ("al‐Nosra al‑Nosra al–Nosra", "al-Nosra al-Nosra al-Nosra"),
        ("Médecins  sans\n  frontières", "Medecins sans frontieres"),
        ("Alep\n\nDamas", "Alep \n Damas"),  # a paragraph break stays one
        ("cœur Łódź Œuvre", "coeur Lodz OEuvre"),
        ("« Alep » — Damas…", '" Alep " - Damas.'),
        ("٣٠ ۳۰ 30", "30 30 30"),
        ("أحمد إلياس آب ٱلله", "احمد الياس اب الله"),
        ("حَلَبُ حـلـب", "حلب حلب"),
        ("مدينة مدينه مستشفى مستشفي", "مدينه مدينه مستشفي مستشفي"),
        ("Йошкар-Ола ёж", "Йошкар-Ола еж"),
        ("a\u200bb\u00adc", "abc"),
        ("😀Alep😀 𝐀", "#Alep# 𝐀"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text).text == folded


def test_span_maps_back_to_the_original_code_points() -> None:
    text = unicodedata.normalize("NFD", "L’État  islamique\u00a0: حَلَبُ")
    folded = fold(text)
    start = folded.text.index("Etat islamique")
    first, last = folded.span(start, start + len("Etat islamique"))
    assert text[first:last] == unicodedata.normalize("NFD", "État  islamique")
    start = folded.text.index("حلب")
    first, last = folded.span(start, start + 3)
    assert text[first:last] == "حَلَبُ"  # with the marks of its last letter
    end = fold("Straße").span(0, 6)
    assert end == (0, 6)


def test_identity_when_nothing_changes_length() -> None:
    folded = fold("Alep, Damas et Moscou")
    assert folded.span(0, 4) == (0, 4)
    assert folded.span(17, 21) == (17, 21)


def test_words_are_lowercase_letters_and_digits() -> None:
    assert fold("d’Alep (OMS), 30/09").words == "d alep  oms   30 09"
    assert fold("Straße ΟΔΥΣΣΕΥΣ").words == "straße οδυσσευς"
    assert fold("a\x07b\ue000c").words == "a b c"
    assert fold("بحلب، ٣٠").words == "بحلب  30"
    assert fold("Alep.\n\n  Damas").words == "alep  \n damas"
    assert fold_words(" Front  al-Nosra ") == "front al nosra"
    assert fold_words("U.S.") == "u s"
