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


SAVED = ("---\ntitle: \"Old headline\"\nurl: \"https://example.org/beta\"\nshort_title: \"Beta opens\"\n---\n"
         "Beta Works opened a plant in River City.\n")


def test_new_article_merges_the_front_matter_the_text_has(project: Path) -> None:
    (project / "saved.txt").write_text(SAVED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["new-article", "saved.txt", "--title", "Beta Works opens", "--date", "2025-03-02",
                                      "--id", "2025-03-beta"])
    assert result.exit_code == 0, result.output
    assert (project / "seeds" / "2025-03-beta.txt").read_text(encoding="utf-8") == (
        "---\n"
        "title: \"Beta Works opens\"\n"  # the options win
        "url: \"https://example.org/beta\"\n"  # the text's other keys are kept, in one block
        "short_title: \"Beta opens\"\n"
        "date: \"2025-03-02\"\n"
        "---\n"
        "Beta Works opened a plant in River City.\n")
    assert CliRunner().invoke(cli, ["check"]).output.startswith("ok: ")


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ntitle: A: b\n---\nText.\n",
     "error: saved.txt:2:9: YAML syntax error: mapping values are not allowed in this context; fix the indentation or quoting "
     "at this point (a value holding ': ' or '#' needs quotes)\n"),
    ("---\ntitle: \"A\"\n---\n---\nurl: \"u\"\n---\nText.\n",
     "error: saved.txt:4: the text starts with a second front matter block; keep one block of 'key: value' lines, "
     "then the article's text\n"),
])
def test_new_article_refuses_broken_or_doubled_front_matter(project: Path, text: str, expected: str) -> None:
    (project / "saved.txt").write_text(text, encoding="utf-8")
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["new-article", "saved.txt", "--title", "T", "--date", "2025"])
    assert (result.exit_code, result.output) == (1, expected)
    assert snapshot(project) == before


def test_check_refuses_an_article_with_a_second_front_matter_block(project: Path) -> None:
    (project / "seeds" / "2025-twice.txt").write_text(
        "---\ntitle: \"T\"\ndate: \"2025\"\n---\n\n---\nurl: \"https://example.org\"\n---\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert (result.exit_code, result.output) == (1, (
        "seeds/2025-twice.txt:6: the text starts with a second front matter block; move its keys into the first "
        "block between the '---' lines, then delete it\n"
        "check failed: 1 problem in seeds/2025-twice.txt; nothing was written\n"))


def test_new_help_lists_the_types() -> None:
    assert ("TYPE is one of city, district, region, company, initiative, institution, person."
            in " ".join(CliRunner().invoke(cli, ["new", "--help"]).output.split()))
