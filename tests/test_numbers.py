"""Reading numbers and dates in English news text (numbers.py), and holding statements to them (provenance.py)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import FIXTURE, ROOT
from generator.build.dates import FuzzyDate
from generator.build.numbers import dates_in, quantities
from generator.build.pipeline import load_atlas
from generator.build.provenance import check_provenance, date_problem, report, shown, value_problem


@pytest.mark.parametrize(("text", "found"), [
    ("with 1,633 companies", [("1,633", 1633, "", "")]),
    ("reached 6.79 percent", [("6.79 percent", 6.79, "percent", "")]),
    ("it is estimated that 80% of", [("80%", 80, "percent", "")]),
    ("reached 1.06 trillion yuan (US$149.06 billion)", [("1.06 trillion yuan", 1.06e12, "CNY", ""),
                                                        ("US$149.06 billion", 149.06e9, "USD", "")]),
    ("a fund of 10 billion yuan", [("10 billion yuan", 1e10, "CNY", "")]),
    ("RMB 5 million", [("RMB 5 million", 5e6, "CNY", "")]),
    ("$3 million in seed money", [("$3 million", 3e6, "USD", "")]),
    ("4 thousand doctors", [("4 thousand", 4000, "", "")]),
    ("covering 76,200 square kilometers", [("76,200 square kilometers", 76200, "km2", "")]),
    ("a 50,000 square meter office", [("50,000 square meter", 50000, "m2", "")]),
    ("an area of 236 acres", [("236 acres", 236, "acres", "")]),
    ("after 12 years of research", [("12 years", 12, "years", "")]),
    ("nearly 3,000 enterprises", [("nearly 3,000", 3000, "", "nearly")]),
    ("more than 100 companies", [("more than 100", 100, "", "more_than")]),
    ("over 250 enterprises", [("over 250", 250, "", "more_than")]),
    ("about 700 patents", [("about 700", 700, "", "about")]),
    ("at least 5 sites", [("at least 5", 5, "", "at_least")]),
    ("up to 40 firms", [("up to 40", 40, "", "up_to")]),
    ("fewer than 9 cities", [("fewer than 9", 9, "", "less_than")]),
    ("one of the top 100 companies", [("top 100", 100, "", "up_to")]),
    ("connects nine cities", [("nine", 9, "", "")]),
    ("twenty-five members", [("twenty-five", 25, "", "")]),
    ("placed two satellites", [("two", 2, "", "")]),
    ("ranking second citywide", [("second", 2, "rank", "")]),
    ("the 3rd largest", [("3rd", 3, "rank", "")]),
    ("accounting for one-eighth of the total", [("one-eighth", 0.125, "fraction", "")]),
    ("approximately one-ninth", [("approximately one-ninth", 1 / 9, "fraction", "about")]),
    ("more than a quarter of the country", [("more than a quarter", 0.25, "fraction", "more_than")]),
    ("two-thirds of them", [("two-thirds", 2 / 3, "fraction", "")]),
    ("a change of -5 percent", [("-5 percent", -5, "percent", "")]),
    ("the 14th Five-Year Plan (2021-25)", [("14th", 14, "rank", ""), ("2021-25", 2021, "", "")]),
    ("a company and a year", []),
    ("one of them", []),
    ("G60 corridor and R&D", []),
])
def test_quantities_as_written(text: str, found: list[tuple[str, float, str, str]]) -> None:
    got = [(q.text, q.value, q.unit, q.qualifier) for q in quantities(text)]
    assert [(t, u, qual) for t, _, u, qual in got] == [(t, u, qual) for t, _, u, qual in found]
    assert all(g[1] == pytest.approx(f[1]) for g, f in zip(got, found))


def test_ranges_years_and_spans() -> None:
    (span,) = quantities("rose 5-10 percent")
    assert (span.value, span.high, span.unit) == (5, 10, "percent")
    (plan,) = quantities("(2021-25)")
    assert (plan.value, plan.high, plan.kind) == (2021, 2025, "year")
    text = "up 8.6 percent from a year earlier"
    (q,) = quantities(text)
    assert text[q.start:q.end] == q.text == "8.6 percent" and q.kind == "number"
    assert quantities("In 2022, the city")[0].kind == "year"
    assert quantities("2022 percent")[0].kind == "number"


@pytest.mark.parametrize(("text", "published", "dates"), [
    ("In July 2022, Hexagon", "2024-02-19", ["2022-07"]),
    ("opened on 15 March 2021", None, ["2021-03-15"]),
    ("opened on March 15, 2021", None, ["2021-03-15"]),
    ("the 2021-03-15 release", None, ["2021-03-15"]),
    ("founded in 2011", None, ["2011"]),
    ("the 2021-2025 plan", None, ["2021/2025"]),
    ("By the end of 2023, the park", None, ["2023-12-31"]),
    ("by the end of last year", "2024-02-19", ["2023-12-31"]),
    ("since its establishment seven years ago", "2023-11-05", ["2016"]),
    ("12 years ago", "2023", ["2011"]),
    ("was held last year", "2022-12-25", ["2021"]),
    ("this year", "2022-12-25", ["2022"]),
    ("next year", "2022-12-25", ["2023"]),
    ("last month", "2022-01-10", ["2021-12"]),
    ("launched last August", "2022-12-25", ["2021-08"]),
    ("opens next March", "2022-12-25", ["2023-03"]),
    ("launched last August", "2022-05-01", ["2021-08"]),
    ("in October", "2022-12-25", ["2022-10"]),
    ("in October", "2022-05-01", ["2021-10"]),
    ("On September 22, it opened", "2023-11-05", ["2023-09-22"]),
    ("on 22 September", "2023-05-01", ["2022-09-22"]),
    ("awarded on Tuesday", "2023-03-10", ["2023-03-07"]),
    ("awarded on Tuesday", "2023", ["2023"]),
    ("So far, the suburbs", "2022-12-25", ["2022-12-25"]),
    ("up 5 percent in 2022", None, ["2022"]),
    ("2022 percent", None, []),
    ("last August", None, []),
])
def test_dates_in_text(text: str, published: str | None, dates: list[str]) -> None:
    found = dates_in(text, FuzzyDate(published) if published else None)
    assert [d.date.text for d in found] == dates


@pytest.mark.parametrize(("value", "unit", "qualifier", "quote", "problem"), [
    (1.06e12, "CNY", "", "reached 1.06 trillion yuan", None),
    (1.06e11, "CNY", "", "reached 1.06 trillion yuan", 'value 1.06e11 but the quote says "1.06 trillion yuan" (1.06e12)'),
    (1634, "count", "", "with 1,633 companies", 'value 1634 but the quote says "1,633" (1633)'),
    (420, "count", "more_than", "more than 420 companies", None),
    (420, "count", "", "more than 420 companies", 'value 420 but the quote says "more than 420" (qualifier: more_than)'),
    (420, "count", "nearly", "more than 420 companies",
     'value 420 (nearly) but the quote says "more than 420" (qualifier: more_than)'),
    (12.5, "percent", "about", "approximately one-eighth", None),
    (11.1, "percent", "about", "one-ninth of the total", None),
    (11.1, "percent", "", "one-ninth of the total", None),
    (25, "percent", "more_than", "more than a quarter", None),
    (6.79, "percent", "", "6.79 percent", None),
    (6.79, "count", "", "6.79 percent", 'value 6.79 but the quote says "6.79 percent" (6.79, another unit)'),
    (149.06e9, "USD", "", "1.06 trillion yuan (US$149.06 billion)", None),
    (1.06e12, "USD", "", "1.06 trillion yuan (US$149.06 billion)",
     'value 1.06e12 but the quote says "US$149.06 billion" (1.4906e11)'),
    (2, "rank", "", "ranking second citywide", None),
    (100, "rank", "up_to", "one of the top 100", None),
    (9, "count", "", "connects nine cities", None),
    (76200, "km2", "", "76,200 square kilometers", None),
    (12, "years", "", "after 12 years of", None),
    (2, "satellites", "", "placed two satellites", None),
    (-5, "percent", "", "a change of -5 percent", None),
    (7, "count", "", "no number here", "value 7 but the quote holds no number"),
    (20, "percent", "", "from 10 to 20 percent", None),
])
def test_value_problem(value: float, unit: str, qualifier: str, quote: str, problem: str | None) -> None:
    assert value_problem(value, unit, qualifier, quote) == problem


def test_shown() -> None:
    assert [shown(v) for v in (5e8, 1.06e12, 420, 3.55, 149.06e9, 12345678, -5)] == [
        "5e8", "1.06e12", "420", "3.55", "1.4906e11", "12345678", "-5"]


def test_dates_follow_their_basis() -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    by_key = {(s.entity, s.metric, s.date.text): s for s in atlas.statements()}
    founded = by_key[("institute-of-testing", "founded", "2015")]
    assert founded.date_basis == "other" and date_problem(atlas, founded) is None
    assert date_problem(atlas, dataclasses.replace(founded, date_note="")) == (
        "date 2015 has basis 'other' but no date_note", "say in 'date_note:' where the date comes from")
    launched = by_key[("acme-robotics", "launched", "2024-03")]
    assert launched.when() == "by March 2024" and date_problem(atlas, launched) is None
    for date in ("2024", "2024-03-15"):
        assert date_problem(atlas, dataclasses.replace(launched, date=FuzzyDate(date))) is None
    assert date_problem(atlas, dataclasses.replace(launched, date=FuzzyDate("2024-04")))[0] == (
        "date 2024-04 with basis 'reported' is not the article's date (2024-03-15)")
    opened = by_key[("acme-robotics", "opened", "2021-03")]
    assert len(opened.sources) == 2 and date_problem(atlas, opened) is None
    assert date_problem(atlas, dataclasses.replace(opened, date=FuzzyDate("2021"))) is None, "less precise is fine"
    assert date_problem(atlas, dataclasses.replace(opened, date=FuzzyDate("2021-03-02")))[0].startswith(
        "date 2021-03-02 but the quote says \"March 2021\" (2021-03)")
    assert date_problem(atlas, dataclasses.replace(opened, date_basis="as_of"))[0].startswith(
        "date 2021-03 with basis 'as_of' is not the article's date (2023-06-01, 2024-03-15)")


@pytest.mark.site
def test_every_real_statement_fails_when_its_value_is_scaled_off_by_one_or_its_year_shifted() -> None:
    """The check holds each statement of the real fact file to its quotes: a ×10 value, a value one off,
    or a year one off is caught in every statement, at its line."""
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    checked = 0
    for entity in atlas.entities.values():
        for index, st in enumerate(entity.statements):
            variants = []
            if st.value is not None:
                variants += [dataclasses.replace(st, value=st.value * 10), dataclasses.replace(st, value=st.value + 1)]
            start, *rest = st.date.text.split("/")
            shifted = f"{int(start[:4]) + 1}{start[4:]}" + "".join(f"/{r}" for r in rest)
            if not FuzzyDate(shifted).problem():
                variants.append(dataclasses.replace(st, date=FuzzyDate(shifted)))
            for variant in variants:
                statements = entity.statements[:index] + (variant,) + entity.statements[index + 1:]
                wrong = dataclasses.replace(atlas, entities={**atlas.entities,
                                                              entity.id: dataclasses.replace(entity, statements=statements)})
                lines = {p.line for p in check_provenance(wrong)}
                assert lines & ({st.line} | {c.line for c in st.sources}), (entity.id, st.metric, variant)
                checked += 1
    assert checked > 200


@pytest.mark.site
def test_the_real_report_line_finds_every_value_and_dates_every_statement() -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    line = report(atlas)
    assert line.values_in_quote == line.figures and sum(line.bases.values()) == line.statements
    assert set(line.bases) <= {"quote", "as_of", "reported", "other"}
    assert check_provenance(atlas) == []


def test_disputed_means_disagreeing_articles_on_overlapping_dates() -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    disputed = {(s.entity, s.value, s.date.text) for s in atlas.disputed}
    assert disputed == {("river-city", 1200, "2022-12-31"), ("river-city", 1450, "2022")}, \
        "1,500 in 2024 continues the series; the two 2022 values, from two articles, disagree"
    one = next(s for s in atlas.statements() if s.value == 1450)
    same_article = dataclasses.replace(one, sources=(dataclasses.replace(one.sources[0],
                                                                          source="2023-river-city-report"),))
    other_year = dataclasses.replace(one, date=FuzzyDate("2021"))
    same_value = dataclasses.replace(one, value=1200)
    for variant in (same_article, other_year, same_value):
        river = atlas.entities["river-city"]
        statements = tuple(variant if s is one else s for s in river.statements)
        changed = dataclasses.replace(atlas, entities={**atlas.entities,
                                                       "river-city": dataclasses.replace(river, statements=statements)})
        assert changed.disputed == frozenset(), variant


def test_check_report_counts_how_values_and_dates_are_supported(project) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["check", "--report"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        "statements 13; value found in quote 8 of 8 figures (1 derived); date from quote 6 / as of article 5 / "
        "reported by 1 / other source 1; multi-source 1; disputed 2")


def test_rough_plural_scales_are_approximate_figures() -> None:
    from generator.build.numbers import quantities
    found = [(q.text, q.value, q.unit, q.qualifier) for q in quantities(
        "projects worth tens of billions of yuan each, for hundreds of millions of users")]
    assert found == [("tens of billions of yuan", 1e10, "CNY", "about"), ("hundreds of millions", 1e8, "", "about")]
