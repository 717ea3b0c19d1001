"""Edges of text formatting: the escaping of what would start a Markdown block (a heading, a bullet, a
numbered item), ordinals past the first hundred and numbers whose decimals round away
(generator/build/text.py); how a citation names a date (generator/build/dates.py).

md() remembers the text it has escaped (a cache per process); the escaping tests empty it first, so that
they check the escaping itself and not an answer an earlier test left there (a mutation run forks every
try from a process that has already run the whole suite).
"""

from __future__ import annotations

import pytest

from generator.build import text
from generator.build.dates import FuzzyDate
from generator.build.text import md, number, ordinal


@pytest.fixture
def fresh_md() -> None:
    text._inert.cache_clear()


@pytest.mark.parametrize(("value", "escaped"), [
    ("# Hash Holdings", "\\# Hash Holdings"),
    ("- Dash Ventures", "\\- Dash Ventures"),
    ("+ Plus Partners", "\\+ Plus Partners"),
    ("* Star Fund", "\\* Star Fund"),
    ("1. First Fund", "1\\. First Fund"),
    ("12. Twelfth Fund", "12\\. Twelfth Fund"),
    ("2024. A year", "2024\\. A year"),
    ("#1 maker", "\\#1 maker"),
    ("-", "\\-"),
])
def test_text_that_would_start_a_heading_or_list_is_escaped_at_its_first_character(
        fresh_md: None, value: str, escaped: str) -> None:
    assert md(value) == escaped


@pytest.mark.parametrize(("value", "shown"), [(121, "121st"), (122, "122nd"), (123, "123rd"), (1011, "1011th"),
                                              (1021, "1021st"), (212, "212th")])
def test_ordinals_past_the_first_hundred_follow_the_last_two_digits(value: int, shown: str) -> None:
    assert ordinal(value) == shown


@pytest.mark.parametrize(("date", "short"), [("2023-01-05", "Jan 2023"), ("2023-01", "Jan 2023"),
                                             ("2023-01/2023-12", "Jan 2023"), ("2023-12-31", "Dec 2023"),
                                             ("2023-13", "2023"), ("2023-00", "2023")])
def test_a_citation_names_january_and_only_the_year_of_an_impossible_month(date: str, short: str) -> None:
    assert FuzzyDate(date).short() == short


@pytest.mark.parametrize(("value", "shown"), [(2.00001, "2"), (1633.00004, "1,633"), (0.00002, "0"), (2.50001, "2.5")])
def test_decimals_that_round_away_leave_no_decimal_point(value: float, shown: str) -> None:
    assert number(value) == shown
