"""`new` adds a stub entity in place, keeping every other byte; `new-article` adds an article; both refuse to clobber."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE, ROOT, snapshot
from generator.build.pipeline import load_atlas
from generator.cli import cli
from generator.editor.scaffold import PLACEHOLDER


def _inserted(before: str, after: str) -> list[str]:
    """The lines added; fails if any line was changed or removed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(op[0] == "insert" for op in ops), ops
    return [line for op in ops for line in after.splitlines()[op[3]:op[4]]]


def test_new_company_lands_after_the_last_company_and_builds(project: Path) -> None:
    before = (project / "facts.yml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "company", "Beta Works", "--city", "river-city",
                                      "--source", "2023-river-city-report"])
    assert result.exit_code == 0, result.output
    after = (project / "facts.yml").read_text(encoding="utf-8")
    assert _inserted(before, after) == [
        "  - id: beta-works",
        "    type: company",
        "    name: Beta Works",
        f"    summary: '{PLACEHOLDER}'",
        "    relations:",
        "      - predicate: located_in",
        "        object: river-city",
        "        source: 2023-river-city-report",
        "",
    ]
    line = after.splitlines().index("  - id: beta-works") + 1
    assert result.output == (f"added 'beta-works' at facts.yml:{line}; replace its TODO summary, "
                             "then run: python -m generator check\n")
    # after the last company (evil-corp), before the next type's entry, blank-line spaced like its neighbours
    assert after.index("id: evil-corp") < after.index("id: beta-works") < after.index("id: river-fund")
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    page = (project / "docs" / "companies" / "beta-works.md").read_text(encoding="utf-8")
    assert "Beta Works" in page and "River City" in page


@pytest.mark.site
def test_new_on_the_real_fact_file_only_inserts_lines(tmp_path: Path) -> None:
    shutil.copy(ROOT / "facts.yml", tmp_path / "facts.yml")
    before = (tmp_path / "facts.yml").read_text(encoding="utf-8")
    for args in (["person", "Jo Bloggs"], ["company", "Acme Robotics", "--city", "songjiang",
                                              "--source", "2024-10-pujiang-forum-unicorns"]):
        result = CliRunner().invoke(cli, ["new", *args, "--facts", str(tmp_path / "facts.yml"),
                                          "--seeds", str(ROOT / "seeds")])
        assert result.exit_code == 0, result.output
    after = (tmp_path / "facts.yml").read_text(encoding="utf-8")
    added = _inserted(before, after)
    assert "  - id: jo-bloggs" in added and "  - id: acme-robotics" in added
    # the company stays inside the Companies section, above the next section's header
    assert after.index("id: acme-robotics") < after.index("# ---- Initiatives: parks")
    check = CliRunner().invoke(cli, ["check", "--facts", str(tmp_path / "facts.yml"), "--seeds", str(ROOT / "seeds")])
    assert check.exit_code == 0, check.output


LINES = {e.id: e.line for e in load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds").entities.values()}
"""Where each fixture entity starts in its fact file."""


@pytest.mark.parametrize(("args", "expected"), [
    (["company", "Acme Robotics"],
     f"error: facts.yml:{LINES['acme-robotics']}: id 'acme-robotics' is already taken by 'Acme Robotics'; if it is the same entity, "
     "edit that entry; otherwise pass --id with another id\n"),
    (["city", "rivertown"],
     f"error: facts.yml:{LINES['river-city']}: 'rivertown' is already the name or an alias of 'river-city'; "
     "edit that entry, or give the new entity a more specific name\n"),
    (["company", "Beta", "--city", "river-cty", "--source", "2023-river-city-report"],
     "error: --city: no entity has the id 'river-cty'; did you mean 'river-city'?\n"),
    (["company", "Beta", "--city", "river-city", "--source", "2023-river-report"],
     "error: --source: '2023-river-report' is not an article in seeds/; did you mean '2023-river-city-report'?\n"),
    (["company", "Beta", "--city", "river-city"],
     "error: --city needs --source: every relation names the article it comes from\n"),
])
def test_new_refuses_with_one_line_and_touches_nothing(project: Path, args: list[str], expected: str) -> None:
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["new", *args])
    assert result.exit_code == 1
    assert result.output == expected
    assert snapshot(project) == before


def test_new_article_writes_front_matter_and_never_overwrites(project: Path) -> None:
    args = ["new-article", "-", "--title", "Beta Works opens: a \"new\" plant", "--date", "2025-03-02",
            "--publisher", "Test Daily"]
    text = "Beta Works opened a plant in River City.\n\nIt employs 40 people.\n"
    result = CliRunner().invoke(cli, args, input=text)
    assert result.exit_code == 0, result.output
    path = project / "seeds" / "2025-03-beta-works-opens-a-new-plant.txt"
    assert result.output == "created seeds/2025-03-beta-works-opens-a-new-plant.txt; cite it as 'source: 2025-03-beta-works-opens-a-new-plant'\n"
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: \"Beta Works opens: a \\\"new\\\" plant\"\n"
        "date: \"2025-03-02\"\n"
        "publisher: \"Test Daily\"\n"
        "---\n" + text)
    assert CliRunner().invoke(cli, ["check"]).output.startswith("ok: ")
    before = snapshot(project)
    again = CliRunner().invoke(cli, args, input="Other text.")
    assert again.exit_code == 1
    assert again.output == ("error: seeds/2025-03-beta-works-opens-a-new-plant.txt already exists; "
                            "pass --id with another name\n")
    assert snapshot(project) == before


@pytest.mark.parametrize(("args", "stdin", "expected"), [
    (["--date", "2025-02-30"], "Text.", "error: --date: '2025-02-30' has no day 30 in February 2025; write YYYY, YYYY-MM or YYYY-MM-DD\n"),
    (["--date", "2025"], "\n\n", "error: the article has no text; pass a file holding it, or '-' and paste it on standard input\n"),
])
def test_new_article_refuses_bad_input(project: Path, args: list[str], stdin: str, expected: str) -> None:
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["new-article", "-", "--title", "T", *args], input=stdin)
    assert (result.exit_code, result.output) == (1, expected)
    assert snapshot(project) == before
