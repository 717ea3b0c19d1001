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


def _draft_text(project: Path, body: str):  # type: ignore[no-untyped-def]
    (project / "seeds" / "2025-03-beta-works.txt").write_text(
        '---\ntitle: "A test article"\ndate: "2025-03-04"\n---\n' + body, encoding="utf-8")
    return _draft(project)


def _figure(result, value):  # type: ignore[no-untyped-def]
    found = [d for d in result.statements if d.value == value]
    assert len(found) == 1, result.statements
    return found[0]


def test_the_subject_not_the_setting_or_the_speaker_has_the_figure(project: Path) -> None:
    _, result = _draft_text(project, "In Test Corridor, River City counts 900 high-tech enterprises.\n\n"
                                     "Hill City, said River City, trains 40 engineers a year.\n")
    assert _figure(result, 900).entity == "river-city"
    assert _figure(result, 40).entity == "hill-city"


def test_a_participle_clause_belongs_to_the_sentence_subject(project: Path) -> None:
    _, result = _draft_text(project, "Hill City joined the corridor along with River City, "
                                     "investing 5 billion yuan in robots.\n")
    item = _figure(result, 5e9)
    assert (item.entity, item.metric) == ("hill-city", "investment")


def test_it_and_they_mean_the_previous_sentence_subject(project: Path) -> None:
    _, result = _draft_text(project, "Hill City grew fast.\n\nIt counts 700 high-tech enterprises.\n")
    assert _figure(result, 700).entity == "hill-city"


def test_the_corridor_is_the_last_entity_of_that_kind(project: Path) -> None:
    _, result = _draft_text(project, "River City joined Test Corridor last year. "
                                     "The corridor counts 5,000 high-tech enterprises.\n")
    assert _figure(result, 5000).entity == "g60-corridor"


def test_the_metric_is_the_counted_noun_of_a_compatible_unit(project: Path) -> None:
    _, result = _draft_text(project, "River City trains 600 engineers a year and has 300 high-tech enterprises, "
                                     "with 15 percent of the province's enterprises.\n")
    assert _figure(result, 600).metric == "engineers-trained"
    assert _figure(result, 300).metric == "high-tech-enterprises"
    assert _figure(result, 15).metric == "province-share"  # a percentage only ever goes to a percent metric


def test_a_new_metric_only_when_none_shares_a_word(project: Path) -> None:
    _, result = _draft_text(project, "River City has 12 harbours.\n")
    item = _figure(result, 12)
    assert item.metric == "harbours" and "harbours" in result.metrics


def test_a_mentioned_number_again_is_no_new_figure(project: Path) -> None:
    _, result = _draft_text(project, "River City links nine harbours. Three months later, the nine harbours "
                                     "opened a joint office.\n")
    assert [d.value for d in result.statements if d.value is not None] == [9]


def test_events_take_what_was_made(project: Path) -> None:
    _, result = _draft_text(project, "River City opened Test Corridor in May 2024.\n\n"
                                     "Hill City founded a fund.\n")
    events = [(d.entity, d.metric, d.date) for d in result.statements if d.value is None]
    assert events == [("g60-corridor", "opened", "2024-05")]


def _events(result):  # type: ignore[no-untyped-def]
    return [(d.entity, d.metric, d.date, d.date_basis) for d in result.statements if d.value is None]


def test_an_undated_event_is_reported_by_the_article(project: Path) -> None:
    _, result = _draft_text(project, "Acme Robotics has launched a new robot arm for car plants.\n")
    assert _events(result) == [("acme-robotics", "launched", "2025-03-04", "reported")]
    item = next(d for d in result.statements if d.value is None)
    assert "Acme Robotics" in item.quote and "launched" in item.quote


def test_a_future_or_planned_event_is_not_drafted(project: Path) -> None:
    _, result = _draft_text(project, "The Institute of Testing will be opened in 2026.\n\n"
                                     "River Fund is expected to be launched next year.\n\n"
                                     "Acme Robotics plans to open the Institute of Testing.\n\n"
                                     "The fund is launched every spring by Acme Robotics.\n")
    assert _events(result) == []


def test_a_nominalisation_is_an_event_of_what_follows(project: Path) -> None:
    _, result = _draft_text(project, "Hill City celebrated the opening of the Institute of Testing, "
                                     "a lab for robot arms.\n")
    assert _events(result) == [("institute-of-testing", "opened", "2025-03-04", "reported")]


def test_an_undated_event_needs_a_named_entity(project: Path) -> None:
    _, result = _draft_text(project, "A new lab was opened for robot arms.\n\n"
                                     "Hill City established a testing library.\n")
    assert _events(result) == []


def test_an_event_adds_a_source_only_when_the_dates_agree(project: Path) -> None:
    _, result = _draft_text(project, "Hill City founded its technology zone in 2021.\n\n"
                                     "Hill City founded a second zone in 2024.\n")
    founded = [d for d in result.statements if d.metric == "founded"]
    assert [(d.date, d.adds_to is not None) for d in founded] == [("2021", True), ("2024", False)]


def test_a_new_name_is_typed_by_what_the_text_says_it_is(project: Path) -> None:
    """A name with no telling last word is a company when the text calls it 'a maker of ...' or 'the
    company'; its events take the date of their own clause; how long a plan runs is no figure."""
    _, result = _draft_text(project, "Zentro Photonics, a maker of laser chips founded in 2019, opened its new "
                                     "headquarters in River City on March 3.\n\n"
                                     "The company will invest 500 million yuan over the next three years.\n")
    assert [(n.name, n.type) for n in result.entities if n.name == "Zentro Photonics"] == \
        [("Zentro Photonics", "company")]
    dates = {d.metric: d.date for d in result.statements if d.entity == "zentro-photonics"}
    assert dates.get("founded") == "2019" and dates.get("opened") == "2025-03-03"
    assert _figure(result, 5e8).entity == "zentro-photonics"
    assert [d for d in result.statements if d.value == 3] == []
    _, result = _draft_text(project, "Qorvath Labs opened a plant in River City in 2024. The company "
                                     "employs 300 people.\n")
    assert [(n.name, n.type) for n in result.entities if n.name == "Qorvath Labs"] in (
        [("Qorvath Labs", "company")], [("Qorvath Labs", "institution")])


def test_a_hostile_article_drafts_inert_text_and_no_impossible_figure(project: Path) -> None:
    """Markup, template syntax and absurd numbers in an article come out as quoted text, never as a value
    beyond what the fact file accepts; an unreadable article is named, without a traceback."""
    from click.testing import CliRunner

    from generator.cli import cli

    _, result = _draft_text(project, '<img src=x onerror=alert(1)> Corp, a maker of {{ evil }} founded in 2019, '
                                     'said "[^1]" it has 99999999999999999999 companies.\n')
    assert all(abs(d.value or 0) <= 1e15 for d in result.statements)
    (project / "seeds" / "2025-broken.txt").write_text('---\ntitle: "x"\ndate: "2025-01-01"\n---\nA \u202e b.\n',
                                                      encoding="utf-8")
    run = CliRunner().invoke(cli, ["draft", "2025-broken"])
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert "seeds/2025-broken.txt could not be read as an article; run python -m generator check" in run.output
