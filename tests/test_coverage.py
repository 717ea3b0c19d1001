"""`coverage` lists names and figures the fact file lacks, with article and line; the allow-list explains the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.cli import cli

ARTICLE = """---
title: "Beta Works arrives"
date: "2025-03-02"
---
Beta Works, a robot maker, opened in Old Town District with 40 engineers.

Its founder met the Party Secretary of River City and the "Lake Valley Forum" in March 2025.
Jane Doe said Acme Robotics now trains 300 engineers a year, up 12.5 percent.
"""


def _coverage(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["coverage", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.site
def test_the_real_atlas_is_covered_or_deliberately_left_out() -> None:
    code, output = _coverage("--facts", str(ROOT / "facts.yml"), "--seeds", str(ROOT / "seeds"),
                             "--allow", str(ROOT / "coverage-allow.yml"))
    articles = len(list((ROOT / "seeds").glob("*.txt")))
    assert code == 0, output
    assert re.fullmatch(rf"ok: every name and figure in {articles} articles is covered \((\d+) deliberately left "
                        r"out, listed in .*coverage-allow\.yml\)\n", output), output


def test_fixture_is_covered_without_an_allow_list(project: Path) -> None:
    assert _coverage() == (0, "ok: every name and figure in 2 articles is covered "
                              "(0 deliberately left out, listed in coverage-allow.yml)\n")


def test_new_article_lists_each_uncovered_name_and_figure_with_its_line(project: Path) -> None:
    (project / "seeds" / "2025-beta.txt").write_text(ARTICLE, encoding="utf-8")
    code, output = _coverage()
    fix_name = "add an entity or alias to facts.yml, or allow it in coverage-allow.yml with a reason"
    fix_figure = "add a statement quoting it to facts.yml, or allow it in coverage-allow.yml with a reason"
    assert code == 1
    assert output.splitlines() == [
        f"seeds/2025-beta.txt:5: figure \"40\" is quoted by no statement or relation; {fix_figure}",
        f"seeds/2025-beta.txt:5: name \"Beta Works\" is not the name or alias of any entity; {fix_name}",
        f"seeds/2025-beta.txt:7: figure \"March 2025\" is quoted by no statement or relation; {fix_figure}",
        f"seeds/2025-beta.txt:7: name \"Lake Valley Forum\" is not the name or alias of any entity; {fix_name}",
        # "300" is in a quote, but of another article: this one is not covered
        f"seeds/2025-beta.txt:8: figure \"12.5 percent\" is quoted by no statement or relation; {fix_figure}",
        f"seeds/2025-beta.txt:8: figure \"300\" is quoted by no statement or relation; {fix_figure}",
        "coverage: 6 to-dos; 0 more names and figures deliberately left out (coverage-allow.yml)",
    ]


def test_allow_list_explains_gaps_and_reports_its_stale_entries(project: Path) -> None:
    (project / "seeds" / "2025-beta.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "coverage-allow.yml").write_text(
        "names:\n"
        "  - {text: Beta Works, source: 2025-beta, reason: to be added}\n"
        "  - {text: Lake Valley Forum, reason: a one-off event}\n"
        "  - {text: Gone Name, reason: was in an article once}\n"
        "figures:\n"
        "  - {text: '40', reason: staff counts are out of scope}\n"
        "  - {text: March 2025, context: met the, reason: date of the meeting}\n"
        "  - {text: '300', source: 2023-river-city-report, reason: only in that article}\n"
        "  - {text: 12.5 percent, reason: growth rates are out of scope}\n", encoding="utf-8")
    code, output = _coverage()
    assert code == 1
    assert output.splitlines() == [
        "coverage-allow.yml:4: allowed name \"Gone Name\" no longer occurs in the articles; remove the entry",
        "coverage-allow.yml:8: allowed figure \"300\" no longer occurs in the articles; remove the entry",
        "seeds/2025-beta.txt:8: figure \"300\" is quoted by no statement or relation; add a statement quoting "
        "it to facts.yml, or allow it in coverage-allow.yml with a reason",
        "coverage: 3 to-dos; 5 more names and figures deliberately left out (coverage-allow.yml)",
    ]


def test_allow_list_entry_needs_a_reason(project: Path) -> None:
    (project / "coverage-allow.yml").write_text("names:\n  - {text: Party Secretary, reason: ' '}\n"
                                                "figures:\n  - {text: '40'}\n", encoding="utf-8")
    assert _coverage() == (1, (
        "coverage-allow.yml:2: name \"Party Secretary\" has an empty reason; say why it is left out\n"
        "coverage-allow.yml:4: figure entry has no 'reason'; add 'reason: ...' (why it is left out)\n"
        "check failed: 2 problems in coverage-allow.yml; nothing was written\n"))


def test_placeholder_summary_from_new_is_a_to_do(project: Path) -> None:
    assert CliRunner().invoke(cli, ["new", "institution", "Lake Valley Lab"]).exit_code == 0
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0  # previewable...
    code, output = _coverage()  # ...but not mergeable
    line = (project / "facts.yml").read_text(encoding="utf-8").splitlines().index("  - id: lake-valley-lab") + 4
    assert (code, output.splitlines()[0]) == (1, f"facts.yml:{line}: 'lake-valley-lab': summary is still the "
                                                 "placeholder; write one or two sentences in your own words")


def test_names_differing_only_in_case_or_by_a_possessive_are_covered(project: Path) -> None:
    (project / "seeds" / "2025-case.txt").write_text(
        "---\ntitle: t\ndate: \"2025\"\n---\nRIVER CITY and Acme’s Robotics unit met in river city.\n", encoding="utf-8")
    assert _coverage()[0] == 0


def test_an_allowed_occurrence_does_not_hide_another_one(project: Path) -> None:
    (project / "seeds" / "2025-twice.txt").write_text(
        "---\ntitle: t\ndate: \"2025\"\n---\nPage printed 2025.\n\nSales doubled in 2025.\n", encoding="utf-8")
    (project / "coverage-allow.yml").write_text(
        "figures:\n  - {text: '2025', context: Page printed, reason: page chrome}\n", encoding="utf-8")
    code, output = _coverage()
    assert (code, output.splitlines()[0]) == (1, "seeds/2025-twice.txt:7: figure \"2025\" is quoted by no statement "
                                                 "or relation; add a statement quoting it to facts.yml, or allow it "
                                                 "in coverage-allow.yml with a reason")


WORDS = """---
title: "Gamma Labs turns eight"
date: "2025-04-01"
byline: "Jo Roe / Ti Gong (photo credit)"
---
 date 2025-04-01 Gamma Labs Celebrates Its Anniversary

Page B5, April 1, 2025

Jo Roe / Ti Gong

Photo by Kim Lee

Jo Roe

Gamma Labs Marks Eighth Anniversary

Gamma Labs marked its eighth anniversary with three enterprises, ranking second in the city.

It plans 2 million square meters of labs and projects worth tens of billions of yuan.

Professor Sun Yuhan met River City Austar Pharmaceutical and Old Town officials.

Copyright © 1999 Test Daily. Best viewed with Internet Explorer 8.
"""


def test_number_words_units_names_and_chrome(project: Path) -> None:
    (project / "seeds" / "2025-gamma.txt").write_text(WORDS, encoding="utf-8")
    code, output = _coverage()
    listed = [re.sub(r" is (quoted by no|not the name).*", "", line) for line in output.splitlines()[:-1]]
    assert code == 1
    assert listed == [  # the date line, page line, credits, byline, heading names and footer are chrome
        "seeds/2025-gamma.txt:16: figure \"Eighth\"",  # a heading's figures are listed, its names are not
        "seeds/2025-gamma.txt:18: figure \"eighth\"",
        "seeds/2025-gamma.txt:18: figure \"second\"",
        "seeds/2025-gamma.txt:18: figure \"three\"",
        "seeds/2025-gamma.txt:18: name \"Gamma Labs\"",
        "seeds/2025-gamma.txt:20: figure \"2 million square meters\"",
        "seeds/2025-gamma.txt:20: figure \"tens of billions of yuan\"",
        "seeds/2025-gamma.txt:22: name \"River City Austar Pharmaceutical\"",  # the place before it is kept
        "seeds/2025-gamma.txt:22: name \"Sun Yuhan\"",  # the title is not
    ]


def test_a_figure_a_statement_gives_for_an_entity_named_on_its_line_is_covered(project: Path) -> None:
    # 300 (engineers a year) is the Institute of Testing's statement from the fixture's report
    report = project / "seeds" / "2023-river-city-report.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\nAgain, the Institute of Testing trains 300 a year."
                      "\n\nAnd River City trains 300 too.\n", encoding="utf-8")
    code, output = _coverage()
    assert output.splitlines()[0].startswith("seeds/2023-river-city-report.txt:23: figure \"300\" is quoted by no")
    assert len(output.splitlines()) == 2, output


@pytest.mark.parametrize(("line", "chrome", "heading"), [
    ("date 2024-02-19", True, False),
    ("Page B5, November 5, 2023", True, False),
    ("November 5, 2023", True, False),
    ("Jiang Huihui / Ti Gong", True, False),
    ("A worker at the plant / SHINE", True, False),
    ("Photo by Dong Jun", True, False),
    ("Home » Business » Biz Special", True, False),
    ("Copyright © 1999- Shanghai Daily. All rights reserved.", True, False),
    ("Related News", False, True),
    ("G60 corridor Fosters Thriving Innovation Environment", False, True),
    ("By the end of 2023, the park had welcomed 6,164 companies.", False, False),
    ("March 3, 2025 was the day the plant opened.", False, False),
])
def test_page_chrome_and_headings_are_recognised(line: str, chrome: bool, heading: bool) -> None:
    from generator.editor.chrome import is_chrome, is_heading
    assert is_chrome(line) == chrome
    assert chrome or is_heading(line) == heading  # a heading's names are skipped, its figures listed


@pytest.mark.parametrize(("allow", "expected"), [
    ("names:\n  - {text: Foo, Bar, reason: a slogan}\n",
     "coverage-allow.yml:2: name entry has an extra key 'Bar' with no value; "
     "put text holding ', ' or ': ' in quotes: text: \"Foo, Bar\""),
    ("names:\n  - {text: Foo: Bar, reason: a slogan}\n",
     "coverage-allow.yml:2:15: YAML syntax error: did not find expected ',' or '}'; "
     "put text holding ', ' or ': ' in quotes: text: \"Made in: Songjiang, China\""),
    ("figures:\n  - {text: '40', reason: staff, sources: 2025-beta}\n",
     "coverage-allow.yml:2: figure entry has an unknown key 'sources'; use 'text', 'reason', 'source', 'context'"),
    ("figures:\n  - reason: staff\n",
     "coverage-allow.yml:2: figure entry has no 'text'; add 'text: ...' (what coverage printed)"),
    ("figures:\n  - '40'\n", "coverage-allow.yml:2: figure entry is not a mapping; write e.g. '- {text: ..., reason: ...}'"),
    ("names: Foo\n", "coverage-allow.yml:1: 'names:' is not a list; write each entry on its own line: "
                     "'  - {text: ..., reason: ...}'"),
    ("name:\n  - {text: Foo, reason: x}\n",
     "coverage-allow.yml:1: unknown key 'name'; keep only the lists 'names:' and 'figures:'"),
])
def test_allow_list_errors_are_located_and_explained(project: Path, allow: str, expected: str) -> None:
    (project / "coverage-allow.yml").write_text(allow, encoding="utf-8")
    assert _coverage() == (1, f"{expected}\ncheck failed: 1 problem in coverage-allow.yml; nothing was written\n")
