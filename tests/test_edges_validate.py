"""Edges of the cross-record checks (generator/build/validate.py) as an editor reads them in `check`'s output.

What a misquote's message shows: the quote cut at 90 characters (no sooner, no later), and the passage of
the article nearest to it, found among every run of as many words as the quote has (the last run of the
article, a one-word run, the whole of an article shorter than the quote), compared character by
character with no character ignored as too common (a long quote copied in lower case), and offered only
when at least half of it matches. An unknown name with nothing close to it gets the plain fix, no guess.
A former id may not be the entity's own id, another entity's id, or a page another entity already claimed
(the first to claim it is named); a statement may not cite one source twice with one quote. An event may
have neither a value nor a derivation; a figure's unit may be its own when its metric has none. Every
'review: draft' mark is reported at its line, on an entity, a relation, a statement or a metric. A name or
alias another entity already has is reported, case aside, at the later entity's name or aliases line.

One broken copy of the fixture project is checked once; each test reads its own lines of the output.
Dates: a period whose start is a bare year may end in that year's first month or day.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, shared
from generator.build.dates import FuzzyDate
from generator.cli import cli

# A short article, shorter than some quotes that cite it.
SHORT_NOTE = """---
title: "Short note"
date: "2024-05-01"
---
Riverside works begin.
"""

QUOTE_90 = "Jane Doe, chief executive of Acme Robotics, said the River Fund invested 6 billion yuan in"
QUOTE_91 = "Founded eight years before this report, the Institute of Testing counts alumni in each town"
# The article's words 4 to 37, retyped in lower case: over 200 characters, where difflib would by default
# ignore the commonest characters (spaces, e, t...) and so find neither the passage nor the likeness.
LOWER_CASE = ("lake province, counted 1,200 high-tech enterprises at the end of 2022. old town district, part of river "
              "city, hosts acme robotics, which opened its factory in march 2021. jane doe, chief executive of acme")

EDITS = [
    ("sectors: [robotics]", "sectors: [zzqx]"),
    ("quote: River City, in Lake Province", f"quote: {QUOTE_90}"),
    ("quote: Old Town District, part of River City, hosts Acme Robotics", f"quote: {QUOTE_91}"),
    ("object: river-city\n        source: 2023-river-city-report\n    statements:",
     "object: river-city\n        source: 2023-river-city-report\n        quote: Testng\n    statements:"),
    ("quote: Jane Doe, chief executive of Acme Robotics\n", "quote: alumni in every districts\n"),
    ("quote: Old Town District, part of River City\n", "quote: district. Zzz\n"),
    ("quote: trains 300 engineers a year", f"quote: {LOWER_CASE}"),
    ("object: g60-corridor\n        source: 2024-river-city-update",
     "object: g60-corridor\n        source: 2024-short-note\n        quote: Rivulet"),
    ("former_ids: [acme-robots]", "former_ids: [acme-robots, acme-robotics, jane-doe]"),
    ("  - id: evil-corp\n    type: company\n", "  - id: evil-corp\n    type: company\n    former_ids: [acme-robots]\n"),
    ("  - id: hash-holdings\n    type: company\n", "  - id: hash-holdings\n    type: company\n    former_ids: [acme-robots]\n"),
    ("  - id: dash-ventures\n    type: company\n", "  - id: dash-ventures\n    type: company\n    former_ids: [dash-holdings]\n"),
    ("  - id: first-fund\n    type: initiative\n", "  - id: first-fund\n    type: initiative\n    former_ids: [acme-robots]\n"),
    ("            quote: the River Fund invested 5 billion yuan\n",
     "            quote: the River Fund invested 5 billion yuan\n"
     "          - source: 2023-river-city-report\n            quote: the River Fund invested 5 billion yuan\n"),
    ("      - metric: opened\n        date: \"2021-03\"\n", "      - metric: openned\n        date: \"2021-03\"\n"),
    ("      - metric: launched\n", "      - metric: launched\n        derived: counted from the article\n"),
    ("    kind: quantity\n    unit: count\n  opened:", "    kind: quantity\n  opened:"),
    ("        value: 300\n", "        value: 300\n        unit: count\n"),
    ("  - id: lake-province\n    type: region\n", "  - id: lake-province\n    type: region\n    review: draft\n"),
    ("      - predicate: part_of\n", "      - predicate: part_of\n        review: draft\n"),
    ('aliases: ["[click](javascript:alert(1))"]', 'aliases: ["[click](javascript:alert(1))", old town]'),
    ('name: "# Hash Holdings"', "name: Rivertown"),
    ("object: g60-corridor\n        source: 2023-river-city-report",
     "object: g60-corridor\n        source: 2024-short-note\n        quote: works begin soon"),
]


@pytest.fixture(scope=shared)
def report(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """`check`'s output on the broken copy, line by line."""
    folder = tmp_path_factory.mktemp("broken")
    text = (FIXTURE / "facts.yml").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, f"the edit does not fit the fixture: {old!r}"
        text = text.replace(old, new)
    (folder / "facts.yml").write_text(text, encoding="utf-8")
    shutil.copytree(FIXTURE / "seeds", folder / "seeds")
    (folder / "seeds" / "2024-short-note.txt").write_text(SHORT_NOTE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "check failed: 20 problems in facts.yml; nothing was written", result.output
    return lines


def about(report: list[str], subject: str) -> str:
    """The one problem line about a quote or a name."""
    found = [line for line in report if f"\"{subject}\"" in line or f"'{subject}'" in line]
    assert len(found) == 1, found
    return found[0]


SUFFIX = "? copy it exactly, curly quotes and typos included"


def test_an_unknown_sector_with_no_near_name_gets_the_plain_fix(report: list[str]) -> None:
    assert about(report, "zzqx") == "facts.yml:149: 'acme-robotics': unknown sector 'zzqx'; add it under 'sectors:'"


def test_a_former_id_is_neither_the_entity_s_own_id_nor_another_s_nor_a_page_already_claimed(
        report: list[str]) -> None:
    """Three companies claim companies/acme-robots.md: the later two are told the first's id. The initiative
    with the same former id claims initiatives/acme-robots.md, another page, and is fine; so is a company's
    own former id (dash-holdings)."""
    assert [line for line in report if "former id" in line] == [
        "facts.yml:147: 'acme-robotics' lists its own id among its former ids; remove it from former_ids",
        "facts.yml:147: former id 'jane-doe' of 'acme-robotics' is the id of another entity; "
        "remove it from former_ids or rename the other entity",
        "facts.yml:173: former id 'acme-robots' of 'evil-corp' is also a former id of 'acme-robotics'; "
        "keep it on the entity its old page should lead to",
        "facts.yml:185: former id 'acme-robots' of 'hash-holdings' is also a former id of 'acme-robotics'; "
        "keep it on the entity its old page should lead to",
    ]


def test_a_source_cited_twice_with_the_same_quote_is_one_problem_on_the_statement(report: list[str]) -> None:
    assert [line for line in report if "listed twice" in line] == [
        "facts.yml:214: 'river-fund': a source is listed twice with one quote; keep one of them"]


def test_an_event_with_a_derivation_is_an_event_with_a_value(report: list[str]) -> None:
    """Reported even though an earlier statement names an unknown metric: the check goes on past it."""
    assert about(report, "openned") == (
        "facts.yml:156: 'acme-robotics': unknown metric 'openned'; did you mean 'opened'? otherwise define it "
        "under 'metrics:'")
    assert about(report, "launched") == ("facts.yml:163: 'acme-robotics': 'launched' is an event and takes no value; "
                                         "remove 'value:' (the date is the fact) or use a quantity metric")


def test_a_figure_whose_metric_has_no_unit_may_give_its_own(report: list[str]) -> None:
    assert not [line for line in report if "has no unit" in line or "engineers-trained" in line]


def test_every_draft_mark_is_reported_where_it_stands_entity_and_relation_included(report: list[str]) -> None:
    assert [line for line in report if "drafted by" in line] == [
        "facts.yml:131: 'old-town': relation drafted by 'draft' is not reviewed yet; "
        "check it against the article and delete 'review: draft'",
        "facts.yml:138: 'lake-province': entity drafted by 'draft' is not reviewed yet; "
        "check it against the article and delete 'review: draft'",
    ]


def test_a_name_or_alias_another_entity_has_is_reported_on_the_later_entity_s_line(report: list[str]) -> None:
    """Names are compared without case; a name's own line is given for a name, the aliases' for an alias."""
    assert [line for line in report if "is also claimed by" in line] == [
        "facts.yml:175: 'evil-corp': name or alias 'old town' is also claimed by 'old-town'; "
        "keep it on one entity only, or make it more specific",
        "facts.yml:186: 'hash-holdings': name or alias 'Rivertown' is also claimed by 'river-city'; "
        "keep it on one entity only, or make it more specific",
    ]


def test_a_quote_of_90_characters_and_its_passage_are_shown_whole(report: list[str]) -> None:
    assert len(QUOTE_90) == 90
    assert about(report, QUOTE_90) == (
        "facts.yml:57: 'river-city': quote not found verbatim in seeds/2023-river-city-report.txt: "
        f"\"{QUOTE_90}\"; did you mean \"Jane Doe, chief executive of Acme Robotics, said the River Fund invested "
        f"5 billion yuan in\"{SUFFIX}")


def test_a_quote_of_91_characters_and_its_passage_are_cut_to_89_and_an_ellipsis(report: list[str]) -> None:
    assert len(QUOTE_91) == 91
    shown = "Founded eight years before this report, the Institute of Testing counts alumni in each to…"
    assert about(report, shown) == (
        "facts.yml:151: 'acme-robotics': quote not found verbatim in seeds/2023-river-city-report.txt: "
        f"\"{shown}\"; did you mean \"Founded eight years before this report, the Institute of Testing counts "
        f"its alumni in eve…\"{SUFFIX}")


def test_a_one_word_misquote_is_matched_to_one_word(report: list[str]) -> None:
    assert about(report, "Testng") == ("facts.yml:230: 'institute-of-testing': quote not found verbatim in "
                                f"seeds/2023-river-city-report.txt: \"Testng\"; did you mean \"Testing\"{SUFFIX}")


def test_a_misquote_of_the_article_s_last_words_finds_them(report: list[str]) -> None:
    assert about(report, "alumni in every districts") == (
        "facts.yml:256: 'jane-doe': quote not found verbatim in seeds/2023-river-city-report.txt: "
        f"\"alumni in every districts\"; did you mean \"alumni in every district.\"{SUFFIX}")


def test_the_passage_offered_has_as_many_words_as_the_quote_even_at_the_article_s_end(report: list[str]) -> None:
    """'district.' alone, the article's last word, would match better, but a passage is a full run of words."""
    assert about(report, "district. Zzz") == (
        "facts.yml:130: 'old-town': quote not found verbatim in seeds/2023-river-city-report.txt: "
        f"\"district. Zzz\"; did you mean \"district. The\"{SUFFIX}")


def test_a_quote_longer_than_its_article_is_compared_with_the_whole_article(report: list[str]) -> None:
    assert about(report, "works begin soon") == (
        "facts.yml:53: 'river-city': quote not found verbatim in seeds/2024-short-note.txt: \"works begin soon\"; "
        f"did you mean \"Riverside works begin.\"{SUFFIX}")


def test_a_passage_half_like_the_quote_is_still_offered(report: list[str]) -> None:
    """'Rivulet' and 'Riverside' share 4 of their 16 characters ('Riv', 'e'): a ratio of exactly 0.5."""
    assert about(report, "Rivulet") == ("facts.yml:91: 'hill-city': quote not found verbatim in seeds/2024-short-note.txt: "
                                 f"\"Rivulet\"; did you mean \"Riverside\"{SUFFIX}")


def test_a_long_quote_copied_in_lower_case_still_finds_its_passage(report: list[str]) -> None:
    shown = "lake province, counted 1,200 high-tech enterprises at the end of 2022. old town district,…"
    assert about(report, shown) == (
        "facts.yml:241: 'institute-of-testing': quote not found verbatim in seeds/2023-river-city-report.txt: "
        f"\"{shown}\"; did you mean \"Lake Province, counted 1,200 high-tech enterprises at the end of 2022. "
        f"Old Town District,…\"{SUFFIX}")


@pytest.mark.parametrize("text", ["2023/2023-01", "2023/2023-01-01", "2023-01/2023-01-01", "2022-12-31/2023"])
def test_a_period_may_end_in_the_first_month_or_day_its_start_covers(text: str) -> None:
    assert FuzzyDate(text).problem() is None


@pytest.mark.parametrize(("text", "first"), [("2023", (2023, 1, 1)), ("2023-11", (2023, 11, 1)),
                                             ("2023-11-05", (2023, 11, 5)), ("2016/2023-06", (2016, 1, 1))])
def test_a_date_covers_from_its_first_day(text: str, first: tuple[int, int, int]) -> None:
    assert FuzzyDate(text).first_day == first
