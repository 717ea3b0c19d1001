"""Dates as precise as their source: parsing, validation, ordering and display (generator/build/dates.py)."""

from __future__ import annotations

import pytest

from generator.build.dates import FuzzyDate


@pytest.mark.parametrize(("text", "parts"), [
    ("2023", [(2023, 0, 0)]),
    ("2023-11", [(2023, 11, 0)]),
    ("2023-11-05", [(2023, 11, 5)]),
    ("2016/2023", [(2016, 0, 0), (2023, 0, 0)]),
    ("2021-03/2022-12-31", [(2021, 3, 0), (2022, 12, 31)]),
    ("", []), ("23", []), ("2023-1", []), ("2023-11-5", []), ("2023/x", []), ("March 2021", []), ("20233", []),
])
def test_parts(text: str, parts: list[tuple[int, int, int]]) -> None:
    assert FuzzyDate(text).parts == tuple(parts)


@pytest.mark.parametrize(("text", "problem"), [
    ("2023", None), ("2023-12", None), ("2023-01-31", None), ("2024-02-29", None), ("2016/2023", None),
    ("2023/2023", None), ("2023-05/2023-06", None), ("2023-05-31/2023-06-01", None), ("2023-06/2023", None),
    ("2023-02-29", "'2023-02-29' has no day 29 in February 2023"),
    ("2024-02-30", "'2024-02-30' has no day 30 in February 2024"),
    ("2023-04-31", "'2023-04-31' has no day 31 in April 2023"),
    ("2023-13", "'2023-13' has month 13"),
    ("2023-13-01", "'2023-13-01' has month 13"),
    ("2023-00", "'2023-00' has a month or day 00"),
    ("2023-05-00", "'2023-05-00' has a month or day 00"),
    ("2023/2016", "'2023/2016' ends before it starts"),
    ("2023-06/2023-05", "'2023-06/2023-05' ends before it starts"),
    ("2023-06-02/2023-06-01", "'2023-06-02/2023-06-01' ends before it starts"),
    ("2023-06/2023-06-01", None),
    ("soon", "'soon' is not a date"),
    ("", "'' is not a date"),
    ("2016/2020/2023", "'2016/2020/2023' is not a date"),
])
def test_problem(text: str, problem: str | None) -> None:
    assert FuzzyDate(text).problem() == problem


@pytest.mark.parametrize(("text", "year"), [("2016/2023", 2023), ("2023-11-05", 2023), ("1999", 1999), ("x", 0)])
def test_year_is_where_the_date_ends(text: str, year: int) -> None:
    assert FuzzyDate(text).year == year


@pytest.mark.parametrize(("text", "key"), [
    ("2023", (2023, 12, 31)), ("2023-02", (2023, 2, 28)), ("2024-02", (2024, 2, 29)), ("2023-11-05", (2023, 11, 5)),
    ("2016/2023-06", (2023, 6, 30)), ("nonsense", (0, 0, 0)), ("2023-13", (2023, 13, 31)),
])
def test_sort_key_is_the_last_day_the_date_covers(text: str, key: tuple[int, int, int]) -> None:
    assert FuzzyDate(text).sort_key == key


def test_a_bare_year_sorts_after_every_day_of_it_and_before_the_next() -> None:
    ordered = ["2022-12-31", "2023-01", "2023-11-05", "2023-11", "2023-12-31", "2023", "2016/2023", "2024-01-01"]
    shuffled = [ordered[i] for i in (5, 0, 7, 2, 6, 1, 4, 3)]
    assert sorted(shuffled, key=lambda t: (FuzzyDate(t).sort_key, t)) == [
        "2022-12-31", "2023-01", "2023-11-05", "2023-11", "2016/2023", "2023", "2023-12-31", "2024-01-01"]


@pytest.mark.parametrize(("text", "shown"), [
    ("2023", "2023"), ("2023-01", "January 2023"), ("2023-12", "December 2023"), ("2023-11-05", "5 November 2023"),
    ("2016/2023", "2016–2023"), ("2021-03/2022-12-31", "March 2021–31 December 2022"), ("soon", "soon"),
    ("2023-13", "2023"),
])
def test_display(text: str, shown: str) -> None:
    assert FuzzyDate(text).display() == shown
    assert str(FuzzyDate(text)) == text


@pytest.mark.parametrize(("text", "short"), [("2023-11-05", "Nov 2023"), ("2023-11", "Nov 2023"), ("2023", "2023"),
                                            ("2016/2023", "2016"), ("2022-12/2023-01", "Dec 2022")])
def test_a_citation_names_the_month_and_year(text: str, short: str) -> None:
    assert FuzzyDate(text).short() == short
