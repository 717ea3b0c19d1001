"""Rendering only what an edit changes gives exactly the pages a full render gives, for any edit."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, examples
from generator.build.load import load_facts
from generator.build.model import TYPES, Atlas
from generator.build.pages.common import Options
from generator.build.pipeline import load_atlas
from generator.build.render import TEMPLATES, Rendering, render_changes
from generator.errors import InputError


def plain(value: Any) -> Any:
    """A loaded fact file as plain dicts and lists, for PyYAML to write."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


BASE = plain(load_facts(FIXTURE / "facts.yml"))
Edit = Callable[[dict[str, Any], st.DataObject], None]


def _entity(facts: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    return data.draw(st.sampled_from(facts["entities"]))  # type: ignore[no-any-return]


def rename(facts: dict[str, Any], data: st.DataObject) -> None:
    """A new name: plain, or one the articles use (mentions move), or another entity's."""
    words = ["River Fund", "Acme", "Hill City", "Lake Province", "Zed Holdings", "Jane"]
    _entity(facts, data)["name"] = data.draw(st.sampled_from(words))


def resummarise(facts: dict[str, Any], data: st.DataObject) -> None:
    _entity(facts, data)["summary"] = data.draw(st.sampled_from(["Edited.", "A *new* summary.", "Short"]))


def alias(facts: dict[str, Any], data: st.DataObject) -> None:
    entity = _entity(facts, data)
    entity["aliases"] = [*entity.get("aliases", []), data.draw(st.sampled_from(["Rivertown Two", "First"]))]


def retype(facts: dict[str, Any], data: st.DataObject) -> None:
    """Another type: the page moves to another folder; the old one must go."""
    entity = _entity(facts, data)
    entity["type"] = data.draw(st.sampled_from(sorted(set(TYPES) - {"city", entity["type"]})))


def relate(facts: dict[str, Any], data: st.DataObject) -> None:
    """A new relation between two entities, citing an article that already backs one."""
    subject, target = _entity(facts, data), _entity(facts, data)
    assume(subject is not target)
    subject["relations"] = [*subject.get("relations", []), {
        "predicate": "partner_of", "object": target["id"], "source": "2023-river-city-report"}]


def unrelate(facts: dict[str, Any], data: st.DataObject) -> None:
    entity = _entity(facts, data)
    assume(entity.get("relations"))
    entity["relations"].pop(data.draw(st.integers(0, len(entity["relations"]) - 1)))


def drop_statement(facts: dict[str, Any], data: st.DataObject) -> None:
    """One figure fewer: key figures, charts, disputes, figures pages and the timeline change."""
    entity = _entity(facts, data)
    assume(entity.get("statements"))
    entity["statements"].pop(data.draw(st.integers(0, len(entity["statements"]) - 1)))


def move_city(facts: dict[str, Any], data: st.DataObject) -> None:
    entity = _entity(facts, data)
    assume(entity.get("coordinates"))
    entity["coordinates"] = {"lat": 30.5, "lon": 120.5}


def sector(facts: dict[str, Any], data: st.DataObject) -> None:
    entity = _entity(facts, data)
    entity["sectors"] = data.draw(st.sampled_from([[], ["finance"], ["robotics", "finance"]]))


def add_entity(facts: dict[str, Any], data: st.DataObject) -> None:
    """A new company in a city: its page, the city's 'what links here', indexes and counts change."""
    facts["entities"].append({"id": "new-co", "type": "company", "name": data.draw(st.sampled_from(["New Co", "Acme"])),
                              "summary": "Added.", "relations": [{"predicate": "located_in", "object": "hill-city",
                                                                  "source": "2023-river-city-report"}]})


def remove_entity(facts: dict[str, Any], data: st.DataObject) -> None:
    """An entity gone, and every relation to it."""
    gone = _entity(facts, data)["id"]
    facts["entities"] = [e for e in facts["entities"] if e["id"] != gone]
    for entity in facts["entities"]:
        entity["relations"] = [r for r in entity.get("relations", []) if r["object"] != gone]


def shift_lines(facts: dict[str, Any], data: st.DataObject) -> None:
    """Blank lines above an entity: every profile below it moves down the file."""
    facts.setdefault("_blank_before", data.draw(st.integers(0, len(facts["entities"]) - 1)))


EDITS = [rename, resummarise, alias, retype, relate, unrelate, drop_statement, move_city, sector, add_entity,
         remove_entity, shift_lines]


def dump(facts: dict[str, Any]) -> str:
    """YAML for a fact file, with blank lines inserted where `shift_lines` asked."""
    facts = dict(facts)
    blank = facts.pop("_blank_before", None)
    text = yaml.safe_dump(facts, sort_keys=False, allow_unicode=True, width=1000)
    if blank is not None and facts["entities"]:
        # An entity removed after `shift_lines` chose one may leave the index past the end.
        blank = min(blank, len(facts["entities"]) - 1)
        marker = f"- id: {facts['entities'][blank]['id']}\n"
        text = text.replace(marker, "\n\n\n" + marker, 1)
    return text


def atlas_of(text: str, folder: Path) -> Atlas:
    """The atlas of a fact file's text, with the fixture's articles; examples that do not validate are skipped."""
    facts = folder / "facts.yml"
    facts.write_text(text, encoding="utf-8")
    try:
        return load_atlas(facts, FIXTURE / "seeds")
    except InputError:
        assume(False)
        raise


def combined(before: dict[str, str], rendering: Rendering, rendered: dict[str, str]) -> dict[str, str]:
    """The site after an incremental run: pages rendered again, and the rest kept from before."""
    return {path: rendered[path] if path in rendered else before[path] for path in sorted(rendering.paths)}


@pytest.mark.parametrize("edit_lines", [True, False])
@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_edit_renders_the_pages_a_full_render_gives(edit_lines: bool, data: st.DataObject, tmp_path: Path) -> None:
    options = Options(edit_lines=edit_lines)
    edited = copy.deepcopy(BASE)
    for edit in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3)):
        edit(edited, data)
    old, new = atlas_of(dump(BASE), tmp_path), atlas_of(dump(edited), tmp_path)
    before, first = render_changes(old, options)
    full, _ = render_changes(new, options)
    rendered, second = render_changes(new, options, previous=first)
    assert combined(before, second, rendered) == full
    assert set(rendered) <= set(full)


def test_an_edit_to_one_summary_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    edited = copy.deepcopy(BASE)
    hash_holdings = next(e for e in edited["entities"] if e["id"] == "hash-holdings")
    hash_holdings["summary"] = "Edited."
    old, new = atlas_of(dump(BASE), tmp_path), atlas_of(dump(edited), tmp_path)
    _, first = render_changes(old, Options())
    rendered, _ = render_changes(new, Options(), previous=first)
    profiles = {path for path in rendered if path.split("/")[0] in {t.folder for t in TYPES.values()}
                and "/by-letter/" not in path and not path.endswith("index.md")}
    assert profiles == {"companies/hash-holdings.md"}
    assert "sources/2023-river-city-report.md" not in rendered


def test_lines_moved_rewrite_no_profile_in_the_preview_and_every_moved_one_in_the_build(tmp_path: Path) -> None:
    shifted = copy.deepcopy(BASE)
    shifted["_blank_before"] = 1
    old, new = atlas_of(dump(BASE), tmp_path), atlas_of(dump(shifted), tmp_path)
    for edit_lines, expected in ((False, set()), (True, {e.url for e in new.entities.values() if e.id != "g60-corridor"})):
        _, first = render_changes(old, Options(edit_lines=edit_lines))
        rendered, _ = render_changes(new, Options(edit_lines=edit_lines), previous=first)
        assert set(rendered) == expected, edit_lines


def test_two_processes_render_what_one_does(tmp_path: Path) -> None:
    """The cold build forks a second process for two units in three (render.py); same pages, same reads."""
    import multiprocessing

    atlas = atlas_of(dump(BASE), tmp_path)
    one, first = render_changes(atlas, Options(), processes=1)
    two, second = render_changes(atlas, Options(), processes=2)
    assert two == one and second.units == first.units
    assert multiprocessing.active_children() == []


def test_a_failed_check_stops_the_render_and_its_second_process(tmp_path: Path) -> None:
    import multiprocessing

    def check() -> None:
        raise InputError([])

    with pytest.raises(InputError):
        render_changes(atlas_of(dump(BASE), tmp_path), Options(), processes=2, meanwhile=check)
    assert multiprocessing.active_children() == []


def test_an_edited_template_renders_every_page_again_and_an_untouched_one_none(tmp_path: Path) -> None:
    """The templates are part of what a run compares with the last (serve reloads on a template's edit)."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    pages, first = render_changes(atlas, Options(), folder=templates)
    again, second = render_changes(atlas, Options(), folder=templates, previous=first)
    assert again == {} and second.paths == first.paths
    timeline = templates / "timeline.md.j2"
    timeline.write_text(timeline.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    edited, _ = render_changes(atlas, Options(), folder=templates, previous=second)
    assert set(edited) == set(pages)
    assert [path for path in edited if edited[path] != pages[path]] == ["timeline.md"]
