"""The Dutch the pipeline writes itself: dates, ordinal words, generated sentences."""

import datetime as dt

import pytest
from copreport import dutch

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("number", "word"),
    [
        (1, "eerste"),
        (2, "tweede"),
        (3, "derde"),
        (4, "vierde"),
        (8, "achtste"),
        (11, "elfde"),
        (12, "twaalfde"),
        (19, "negentiende"),
        (20, "twintigste"),
        (21, "eenentwintigste"),
        (22, "tweeëntwintigste"),
        (23, "drieëntwintigste"),
        (30, "dertigste"),
        (48, "achtenveertigste"),
        (100, "honderdste"),
        (101, "honderdeerste"),
        (112, "honderdtwaalfde"),
        (121, "honderdeenentwintigste"),
        (200, "tweehonderdste"),
        (1000, "duizendste"),
    ],
)
def test_session_numbers_are_written_as_dutch_ordinal_words(number, word):
    assert dutch.ordinal(number) == word


def test_dates_are_long_dutch_dates_that_do_not_break_over_lines():
    assert dutch.long_date(dt.date(2024, 2, 1)) == f"1{NBSP}februari{NBSP}2024"
    assert dutch.long_date(dt.date(2025, 12, 31)) == f"31{NBSP}december{NBSP}2025"


def test_opening_sentence_reads_like_the_networks_own_reports():
    sentence = dutch.opening_sentence(
        dt.date(2024, 2, 1), "Den Haag", "PBL", 4, "Gebiedsgericht werken"
    )
    assert sentence.replace(NBSP, " ") == (
        "Op 1 februari 2024 vond in Den Haag (PBL) de vierde Community of Practice "
        "plaats voor het thema ‘Gebiedsgericht werken’."
    )


def test_opening_sentence_without_host_names_only_the_place():
    sentence = dutch.opening_sentence(dt.date(2025, 3, 12), "Utrecht", None, 21, "Zorg")
    assert "in Utrecht de eenentwintigste Community" in sentence


def test_lines_of_a_series_are_enumerated_in_dutch():
    assert dutch.lines_sentence(["keuzes", "draagvlak", "samenwerking"]).startswith(
        "Langs drie lijnen (keuzes, draagvlak en samenwerking)"
    )
    assert dutch.lines_sentence(["keuzes"]).startswith("Langs één lijn (keuzes)")
    assert dutch.lines_sentence([]) is None
