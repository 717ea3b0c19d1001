"""Near-duplicate names: `check` refuses them unless `distinct_from` says why they differ; `new` refuses them
unless given --distinct-from and --reason."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import snapshot
from generator.cli import cli

OVERRIDE = ("    distinct_from:\n      - id: institute-of-testing\n"
            "        reason: A cookery school that trains tasters, not the institute that trains engineers.\n")


def test_the_fixture_override_is_what_lets_it_pass(project: Path) -> None:
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0
    facts = project / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(OVERRIDE, ""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "'institute-of-tasting': name 'Institute of Tasting' looks like 'Institute of Testing'" in result.output


def test_new_refuses_a_near_duplicate_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["new", "city", "River Citty"])
    assert result.exit_code == 1
    assert result.output.startswith("error: facts.yml:46: 'river-citty': name 'River Citty' looks like 'River City' "
                                    "of 'river-city' (a letter or two apart: a misspelling?); ")
    assert "--distinct-from river-city --reason" in result.output and "Traceback" not in result.output
    assert snapshot(project) == before


def test_new_with_distinct_from_writes_the_override_and_checks(project: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "city", "River Citty", "--distinct-from", "river-city",
                                      "--reason", "Another city, spelt so by its own council."])
    assert result.exit_code == 0, result.output
    text = (project / "facts.yml").read_text(encoding="utf-8")
    assert ("    distinct_from:\n      - id: river-city\n        reason: Another city, spelt so by its own council.\n"
            in text)
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_new_distinct_from_needs_a_reason_and_a_real_id(project: Path) -> None:
    before = snapshot(project)
    alone = CliRunner().invoke(cli, ["new", "city", "River Citty", "--distinct-from", "river-city"])
    assert alone.exit_code == 1 and "--distinct-from and --reason go together" in alone.output
    wrong = CliRunner().invoke(cli, ["new", "city", "River Citty", "--distinct-from", "river-cty", "--reason", "R."])
    assert wrong.exit_code == 1 and "did you mean 'river-city'?" in wrong.output
    assert snapshot(project) == before


def test_a_check_after_an_edit_finds_what_a_fresh_check_finds(project: Path) -> None:
    """The look-alikes are kept between runs (serve re-checks only the entities whose names changed): after
    each edit, the kept answer equals one computed from nothing."""
    from generator.build import neardupes
    from generator.build.load import parse_yaml
    from generator.build.pipeline import load_unchecked

    def problems(text: str) -> tuple[list[str], list[str]]:
        (project / "facts.yml").write_text(text, encoding="utf-8")
        atlas, _ = load_unchecked(project / "facts.yml", project / "seeds")
        facts = parse_yaml(text, "facts.yml")
        kept = [str(p) for p in neardupes.check_near_duplicates(atlas, facts)]
        neardupes._PAIRS.__init__()
        fresh = [str(p) for p in neardupes.check_near_duplicates(atlas, facts)]
        return kept, fresh

    original = (project / "facts.yml").read_text(encoding="utf-8")
    for text in (original, original.replace("name: Jane Doe", "name: River Citty"),
                 original.replace("name: Jane Doe", "name: Jane Roe"), original):
        kept, fresh = problems(text)
        assert kept == fresh
    kept, _ = problems(original.replace("name: Jane Doe", "name: River Citty"))
    assert any("looks like 'River City'" in p for p in kept)
