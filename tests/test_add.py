"""`add metric|statement|relation|source` insert one item in its place, keep every other byte, and write
nothing when the result would fail `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.build.pipeline import load_atlas
from generator.cli import cli
from test_scaffold import _inserted  # for the real file, where lines are unique


def _add(*args: str, opened: int = 0) -> tuple[int, str, list[str], int]:
    """Run `add ...`; exit code, output, the lines inserted, and the line the output names (0 if none).

    The inserted lines start at that line (`opened` lines above it when the command made the list's key);
    the file minus them must be the file before, byte for byte."""
    before = Path("facts.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    result = CliRunner().invoke(cli, ["add", *args])
    after = Path("facts.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    line = int(result.output.rsplit(":", 1)[1]) if result.exit_code == 0 else 0
    first, count = line - 1 - opened, len(after) - len(before)
    assert after[:first] + after[first + count:] == before if line else after == before
    return result.exit_code, result.output, [text.rstrip("\n") for text in after[first:first + count]], line


def _lines() -> list[str]:
    return Path("facts.yml").read_text(encoding="utf-8").splitlines()


def test_metric_goes_after_the_last_of_its_kind(project: Path) -> None:
    code, out, inserted, line = _add("metric", "closed", "--label", "Closed", "--kind", "event")
    assert code == 0, out
    assert inserted == ["  closed:", "    label: Closed", "    kind: event"]
    assert out == f"added metric 'closed' at facts.yml:{line}\n"
    assert _lines()[line - 2:line + 3] == ["    kind: event", "  closed:", "    label: Closed", "    kind: event",
                                           "  province-share:"]
    code, out, inserted, line = _add("metric", "jobs", "--label", "Jobs created", "--kind", "quantity",
                                     "--unit", "count", "--description", "New jobs: a count.")
    assert code == 0, out
    assert inserted == ["  jobs:", "    label: Jobs created", "    kind: quantity", "    unit: count",
                        "    description: 'New jobs: a count.'"]
    assert _lines()[line - 1] == "  jobs:" and _lines()[line + 4:line + 6] == ["", "# The figures a profile's "
                                                                                "At a glance box shows first, per type."]
    load_atlas(Path("facts.yml"), Path("seeds"))


def test_statement_goes_at_the_end_of_the_entity_or_makes_its_list(project: Path) -> None:
    code, out, inserted, line = _add("statement", "old-town", "--metric", "high-tech-enterprises", "--value", "1200",
                                     "--date", "2022-12-31", "--source", "2023-river-city-report",
                                     "--quote", "counted 1,200 high-tech enterprises at the end of 2022",
                                     "--note", "Said of River City.", opened=1)
    assert code == 0, out
    assert inserted == ["    statements:", "      - metric: high-tech-enterprises", "        value: 1200",
                        '        date: "2022-12-31"', "        sources:",
                        "          - source: 2023-river-city-report",
                        "            quote: counted 1,200 high-tech enterprises at the end of 2022",
                        "        note: Said of River City."]
    assert _lines()[line - 1] == "      - metric: high-tech-enterprises" and _lines()[line + 6] == ""
    code, out, inserted, line = _add("statement", "hill-city", "--metric", "high-tech-enterprises", "--value", "950",
                                     "--qualifier", "more_than", "--date", "2024-03-15", "--date-basis", "as_of",
                                     "--source", "2024-river-city-update",
                                     "--quote", "now has more than 950 high-tech enterprises")
    assert code == 0, out
    assert inserted[:5] == ["      - metric: high-tech-enterprises", "        value: 950", "        qualifier: more_than",
                            '        date: "2024-03-15"', "        date_basis: as_of"]
    following = _lines()[line - 1 + len(inserted):]
    assert following[:2] == ["", "  - id: old-town"]  # last of hill-city's statements, before the next entity
    load_atlas(Path("facts.yml"), Path("seeds"))


def test_relation_goes_at_the_end_of_relations(project: Path) -> None:
    code, out, inserted, line = _add("relation", "lake-province", "partner_of", "river-city",
                                     "--source", "2023-river-city-report", "--quote", "River City, in Lake Province",
                                     opened=1)
    assert code == 0, out
    assert inserted == ["    relations:", "      - predicate: partner_of", "        object: river-city",
                        "        source: 2023-river-city-report", "        quote: River City, in Lake Province"]
    assert out == f"added relation partner_of 'river-city' to 'lake-province' at facts.yml:{line}\n"
    code, out, inserted, line = _add("relation", "jane-doe", "works_for", "river-fund",
                                     "--source", "2023-river-city-report", "--role", "adviser")
    assert code == 0, out
    assert inserted == ["      - predicate: works_for", "        object: river-fund", "        role: adviser",
                        "        source: 2023-river-city-report"]
    assert _lines()[line - 1] == "      - predicate: works_for"
    load_atlas(Path("facts.yml"), Path("seeds"))


def test_source_goes_under_the_statement_of_that_metric_and_date(project: Path) -> None:
    code, out, inserted, line = _add("source", "acme-robotics", "--metric", "launched", "--date", "2024-03",
                                     "--source", "2023-river-city-report", "--quote", "Acme Robotics")
    assert code == 0, out
    assert inserted == ["          - source: 2023-river-city-report", "            quote: Acme Robotics"]
    assert _lines()[line - 3:line - 1] == ["          - source: 2024-river-city-update",
                                           "            quote: Acme Robotics has launched a robot academy."]
    load_atlas(Path("facts.yml"), Path("seeds"))


def test_source_names_the_candidates_when_none_or_several_match(project: Path) -> None:
    code, out, inserted, _ = _add("source", "acme-robotics", "--metric", "launched", "--date", "2024",
                                  "--source", "2023-river-city-report", "--quote", "Acme Robotics")
    assert code == 1 and inserted == []
    line = _lines().index("  - id: acme-robotics") + 1
    statement = _lines().index("      - metric: launched") + 1
    assert out == (f"error: facts.yml:{line}: 'acme-robotics' has no statement 'launched' dated 2024; "
                   f"its 'launched' statements are dated: 2024-03 (line {statement})\n")
    text = Path("facts.yml").read_text(encoding="utf-8")
    twice = text.replace("      - metric: launched\n", "      - metric: launched\n        date: \"2024-03\"\n"
                         "        date_basis: reported\n        sources:\n          - source: 2024-river-city-update\n"
                         "            quote: Acme Robotics has launched a robot academy.\n      - metric: launched\n", 1)
    Path("facts.yml").write_text(twice, encoding="utf-8")
    code, out, inserted, _ = _add("source", "acme-robotics", "--metric", "launched", "--date", "2024-03",
                                  "--source", "2023-river-city-report", "--quote", "Acme Robotics")
    assert code == 1 and inserted == []
    assert "has 2 statements 'launched' dated 2024-03 (lines " in out


@pytest.mark.parametrize("args, message", [
    (["statement", "old-town", "--metric", "high-tech-enterprises", "--value", "120", "--date", "2022-12-31",
      "--source", "2023-river-city-report", "--quote", "counted 1,200 high-tech enterprises at the end of 2022"],
     "'old-town': value 120 but the quote says \"1,200\" (1200)"),
    (["statement", "old-town", "--metric", "high-tech-enterprises", "--value", "1200", "--date", "2022-12-31",
      "--source", "2023-river-city-report", "--quote", "counted 1200 high-tech enterprises at the end of 2022"],
     "'old-town': quote not found verbatim in seeds/2023-river-city-report.txt"),
    (["source", "acme-robotics", "--metric", "opened", "--date", "2021-03", "--source", "2024-river-city-update",
      "--quote", "Acme Robotics has launchd"], "did you mean \"Acme Robotics has launched\"?"),
    (["relation", "jane-doe", "works_for", "river-fund", "--source", "2023-river-report"],
     "source '2023-river-report' is not an article in seeds/; did you mean '2023-river-city-report'?"),
])
def test_an_edit_that_fails_check_writes_nothing_and_says_where(project: Path, args: list[str], message: str) -> None:
    before = (project / "facts.yml").read_bytes()
    code, out, _, _ = _add(*args)
    assert code == 1
    first, summary = out.splitlines()
    assert first.startswith("facts.yml:") and first.split(":")[1].isdigit() and message in first
    assert summary == "check failed: 1 problem in facts.yml; nothing was written"
    assert (project / "facts.yml").read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["statement", "old-twn", "--metric", "opened", "--date", "2021", "--source", "s", "--quote", "q"],
     "error: ENTITY: no entity has the id 'old-twn'; did you mean 'old-town'?"),
    (["statement", "old-town", "--metric", "high-tech-enterprise", "--date", "2021", "--source", "s", "--quote", "q"],
     "error: --metric: no metric 'high-tech-enterprise' under 'metrics:'; did you mean 'high-tech-enterprises'?"),
    (["relation", "jane-doe", "works_for", "acme-robotic", "--source", "2023-river-city-report"],
     "error: OBJECT: no entity has the id 'acme-robotic'; did you mean 'acme-robotics'?"),
    (["source", "acme-robots", "--metric", "opened", "--date", "2021-03", "--source", "s", "--quote", "q"],
     "error: ENTITY: no entity has the id 'acme-robots'; did you mean 'acme-robotics'?"),
    (["metric", "opened", "--label", "Opened", "--kind", "event"],
     "error: facts.yml:21: metric 'opened' is already defined; use it, or give the new metric another id"),
    (["statement", "old-town", "--metric", "opened", "--value", "about 5", "--date", "2021", "--source", "s",
      "--quote", "q"], "error: --value: 'about 5' is not a number;"),
])
def test_unknown_names_get_a_did_you_mean(project: Path, args: list[str], message: str) -> None:
    before = (project / "facts.yml").read_bytes()
    code, out, _, _ = _add(*args)
    assert code == 1 and out.startswith(message), out
    assert (project / "facts.yml").read_bytes() == before


def test_help_lists_the_allowed_values(project: Path) -> None:
    helps = {name: CliRunner().invoke(cli, ["add", name, "--help"]).output
             for name in ("metric", "statement", "relation", "source")}
    assert "[event|quantity]" in helps["metric"]
    assert "more_than" in helps["statement"] and "as_of" in helps["statement"] and "reported" in helps["statement"]
    assert "headquartered_in" in helps["relation"] and "works_for" in helps["relation"]
    assert "--metric" in helps["source"] and "--date" in helps["source"]


@pytest.mark.site  # reads the real fact file (a second or so): not in the quick set
def test_event_metric_stays_above_the_real_files_next_section(tmp_path: Path) -> None:
    shutil.copy(ROOT / "facts.yml", tmp_path / "facts.yml")
    before = (tmp_path / "facts.yml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", "metric", "closed", "--label", "Closed", "--kind", "event",
                                      "--facts", str(tmp_path / "facts.yml"), "--seeds", str(ROOT / "seeds")])
    assert result.exit_code == 0, result.output
    after = (tmp_path / "facts.yml").read_text(encoding="utf-8")
    assert _inserted(before, after) == ["  closed:", "    label: Closed", "    kind: event"]
    lines = after.splitlines()
    at = lines.index("  closed:")
    assert lines[at + 3] == "  # ---- Geography and scale ----"
