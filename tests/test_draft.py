"""`draft` proposes what an article says that the fact file lacks, each item marked 'review: draft'."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner
from ruamel.yaml import YAML

from generator.build.numbers import quantities
from generator.build.pipeline import load_unchecked
from generator.build.provenance import value_problem
from generator.build.schema import check_schema
from generator.build.load import load_facts
from generator.cli import cli
from generator.editor.draft import draft, find_source

ARTICLE = """---
title: "Beta Works comes to River City"
date: "2025-03-04"
---
Beta Works Technology, a maker of robot arms, opened a plant in River City in January 2025.

River City now counts 1,500 high-tech enterprises.

The Instiute of Testing trains three hundred engineers and hosts three enterprises, said Professor Wang Lei.

The city has more than 2,000 robotics engineers.
"""


def _add_article(project: Path) -> None:
    (project / "seeds" / "2025-03-beta-works.txt").write_text(ARTICLE, encoding="utf-8")


def _draft(project: Path):  # type: ignore[no-untyped-def]
    atlas, _ = load_unchecked(project / "facts.yml", project / "seeds")
    return atlas, draft(atlas, find_source(atlas, "seeds/2025-03-beta-works.txt"))


def _inserted(before: str, after: str) -> list[str]:
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(op[0] == "insert" for op in ops), ops
    return [line for op in ops for line in after.splitlines()[op[3]:op[4]]]


def test_drafted_quotes_are_verbatim_and_hold_their_values(project: Path) -> None:
    _add_article(project)
    atlas, result = _draft(project)
    figures = [d for d in result.statements if d.value is not None]
    assert figures
    for item in figures:
        assert item.quote in ARTICLE
        unit = item.unit or (atlas.metrics.get(item.metric) or result.metrics[item.metric]).unit
        assert value_problem(item.value, unit, item.qualifier, item.quote) is None, item


def test_number_words_are_drafted(project: Path) -> None:
    _add_article(project)
    _, result = _draft(project)
    values = {d.value for d in result.statements}
    assert {300, 3, 2000} <= values
    assert any(d.value == 2000 and d.qualifier == "more_than" and d.entity == "river-city" for d in result.statements)
    assert all(q.value != 300 or q.kind == "word" for q in quantities(ARTICLE) if q.value == 300)


def test_a_known_figure_gets_a_source_not_a_duplicate(project: Path) -> None:
    _add_article(project)
    _, result = _draft(project)
    same = [d for d in result.statements if d.value == 1500]
    assert len(same) == 1 and same[0].adds_to is not None and same[0].adds_to.value == 1500


def test_new_names_and_near_duplicates(project: Path) -> None:
    _add_article(project)
    _, result = _draft(project)
    assert {(n.name, n.type) for n in result.entities} >= {("Beta Works Technology", "company"),
                                                           ("Wang Lei", "person")}
    assert [(n.name, n.alias_of) for n in result.aliases] == [("Instiute of Testing", "institute-of-testing")]
    assert "misspelling" in result.aliases[0].reason


def test_printed_draft_passes_the_schema(project: Path) -> None:
    _add_article(project)
    out = CliRunner().invoke(cli, ["draft", "2025-03-beta-works"])
    assert out.exit_code == 0, out.output
    data = YAML(typ="safe").load(out.output)
    assert data["statements"]["river-city"] and data["entities"]
    facts = YAML(typ="safe").load((project / "facts.yml").read_text(encoding="utf-8"))
    facts["metrics"].update(data.get("metrics", {}))
    facts["entities"] += data["entities"]
    for eid, items in data["statements"].items():
        entity = next(e for e in facts["entities"] if e["id"] == eid)
        entity.setdefault("statements", []).extend(items)
    path = project / "merged.yml"
    YAML(typ="safe").dump(facts, path)
    assert check_schema(load_facts(path), "merged.yml") == []


def test_apply_inserts_marks_that_check_refuses_and_keeps_every_other_byte(project: Path) -> None:
    _add_article(project)
    facts = project / "facts.yml"
    before = facts.read_text(encoding="utf-8")
    out = CliRunner().invoke(cli, ["draft", "seeds/2025-03-beta-works.txt", "--apply"])
    assert out.exit_code == 0, out.output
    after = facts.read_text(encoding="utf-8")
    added = _inserted(before, after)
    assert any("review: draft" in line for line in added)
    checked = CliRunner().invoke(cli, ["check"])
    assert checked.exit_code == 1
    marks = [line for line in checked.output.splitlines() if "drafted by 'draft'" in line]
    assert len(marks) == after.count("review: draft")
    lines = after.splitlines()
    for line in marks:
        number = int(line.split(":")[1])
        assert lines[number - 1].strip() == "review: draft", line
        assert line.endswith("is not reviewed yet; check it against the article and delete 'review: draft'")


def test_check_passes_once_the_marks_are_deleted(project: Path) -> None:
    facts = project / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    marked = text.replace("        value: 1200\n", "        value: 1200\n        review: draft\n", 1)
    facts.write_text(marked, encoding="utf-8")
    failed = CliRunner().invoke(cli, ["check"])
    assert failed.exit_code == 1
    assert "'river-city': statement drafted by 'draft' is not reviewed yet" in failed.output
    facts.write_text(marked.replace("        review: draft\n", ""), encoding="utf-8")
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_unknown_article_is_refused(project: Path) -> None:
    out = CliRunner().invoke(cli, ["draft", "no-such-article"])
    assert out.exit_code == 1 and out.output.startswith("error: 'no-such-article' is not an article")
