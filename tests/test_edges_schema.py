"""Edges of the schema check's messages (generator/build/schema.py): where a value shown in a message is cut
short (40 characters for a value, 120 for a whole message, each ending in '…'), and the wording for a value
that should be a mapping."""

from __future__ import annotations

import json

from conftest import ROOT
from generator.build.load import parse_yaml
from generator.build.schema import TYPE_NAMES, check_schema

HEAD = "format: 2\nsectors: {a: A}\nmetrics: {}\n"


def check(entity_id: str, head: str = HEAD) -> list[str]:
    text = head + f"entities:\n  - id: {entity_id}\n    type: company\n    name: X\n    summary: S.\n"
    return [str(p) for p in check_schema(parse_yaml(text, "facts.yml"), "facts.yml")]


def test_a_value_in_a_message_is_cut_after_39_characters_and_an_ellipsis() -> None:
    # 'A' + 38 letters is 41 characters with its quotes: one too many for a message.
    assert check("A" + "b" * 38) == [
        "facts.yml:5: entities[0].id: 'A" + "b" * 37 + "… is not a safe URL slug; use lowercase letters, digits "
        "and single hyphens, e.g. 'a" + "b" * 38 + "'"]
    assert check("A" + "b" * 37) == [
        "facts.yml:5: entities[0].id: 'A" + "b" * 37 + "' is not a safe URL slug; use lowercase letters, digits "
        "and single hyphens, e.g. 'a" + "b" * 37 + "'"]


def test_a_message_of_more_than_120_characters_is_cut_to_119_and_an_ellipsis() -> None:
    # jsonschema's own message "'aaa…' is too long" is 14 characters longer than the id.
    assert check("a" * 106) == ["facts.yml:5: entities[0].id: '" + "a" * 106 + "' is too long; see schema/facts.schema.json"]
    assert check("a" * 107) == ["facts.yml:5: entities[0].id: '" + "a" * 107 + "' is too lo…; see schema/facts.schema.json"]


def test_a_value_that_should_be_a_mapping_says_so() -> None:
    assert check("x", HEAD.replace("{a: A}", "5")) == ["facts.yml:2: sectors: expected a mapping, got 5; write a mapping"]


def test_a_problem_with_the_whole_file_is_at_its_first_line_of_yaml() -> None:
    # Comment and blank lines above the first key: the top level starts on line 3, not line 1.
    data = parse_yaml("# The atlas's facts.\n\nformat: 2\nsectors: {}\nmetrics: {}\n", "facts.yml")
    assert [str(p) for p in check_schema(data, "facts.yml")] == [
        "facts.yml:3: (top level): 'entities' is missing; add it (see schema/facts.schema.json)"]


def json_types(node: object) -> list[object]:
    """Every JSON type a schema names, wherever it sits (a property called 'type' has a mapping, not a type)."""
    if isinstance(node, list):
        return [found for item in node for found in json_types(item)]
    if not isinstance(node, dict):
        return []
    own = [node["type"]] if "type" in node and not isinstance(node["type"], dict) else []
    return own + [found for value in node.values() for found in json_types(value)]


def test_every_type_the_fact_schema_asks_for_has_a_name_an_editor_reads() -> None:
    used = json_types(json.loads((ROOT / "schema" / "facts.schema.json").read_text(encoding="utf-8")))
    assert used and set(map(str, used)) == set(TYPE_NAMES)
    assert all(isinstance(json_type, str) for json_type in used)
