"""Pass 1: each record against the JSON Schema, each violation one located line with its fix (schema.py)."""

from __future__ import annotations

import pytest

from generator.build.load import parse_yaml
from generator.build.schema import check_schema, dotted, line_of, slugify

ENTITY = "  - id: x\n    type: company\n    name: X\n    summary: S.\n"
HEAD = "format: 2\nsectors: {a: A}\nmetrics:\n  m: {label: M, kind: quantity, unit: count}\n  e: {label: E, kind: event}\n"


def check(entities: str, head: str = HEAD) -> list[str]:
    data = parse_yaml(head + "entities:\n" + entities, "facts.yml")
    return [str(p) for p in check_schema(data, "facts.yml")]


def statement(**fields: str) -> str:
    values = {"metric": "m", "value": "1", "date": '"2023"', "sources": "[{source: s, quote: q}]", **fields}
    body = "".join(f"        {k}: {v}\n" for k, v in values.items() if v != "-")
    return ENTITY + "    statements:\n      -\n" + body


def test_a_valid_file_has_no_problem() -> None:
    assert check(ENTITY) == []
    assert check(statement()) == []
    assert check(statement(date_basis="as_of", derived="a half", sources="[{source: s, quote: q}, {source: t, quote: r}]")) == []
    assert check(ENTITY + "    coordinates: {lat: -90, lon: 180}\n") == []


@pytest.mark.parametrize(("entities", "expected"), [
    ("  - id: x\n    type: company\n    name: X\n",
     "facts.yml:7: entities[0]: 'summary' is missing; add it (see schema/facts.schema.json)"),
    (ENTITY + "    knid: fund\n",
     "facts.yml:7: entities[0]: unknown key ('knid' was unexpected); did you mean 'kind'? allowed keys: aliases, "
     "coordinates, distinct_from, former_ids, id, kind, name, note, relations, review, sectors, statements, summary, type, zh"),
    (ENTITY + "    qqq: 1\n",
     "facts.yml:7: entities[0]: unknown key ('qqq' was unexpected); allowed keys: aliases, coordinates, distinct_from, former_ids, "
     "id, kind, name, note, relations, review, sectors, statements, summary, type, zh"),
    ("  - id: Big Name\n    type: company\n    name: X\n    summary: S.\n",
     "facts.yml:7: entities[0].id: 'Big Name' is not a safe URL slug; use lowercase letters, digits and single "
     "hyphens, e.g. 'big-name'"),
    (ENTITY.replace("name: X", 'name: "X\\u0007"'),
     "facts.yml:9: entities[0].name: holds an invisible control character U+0007; delete it: it cannot be seen, "
     "quoted or shown (it came from an escape such as \\u202e)"),
    (statement(date='"March 2021"'),
     "facts.yml:15: entities[0].statements[0].date: 'March 2021' is not a valid date; write YYYY, YYYY-MM or "
     "YYYY-MM-DD in quotes, or a period like \"2016/2023\""),
    (statement(date="2021"),
     "facts.yml:15: entities[0].statements[0].date: expected text, got 2021; put it in quotes: \"2021\""),
    (statement(value="many"),
     "facts.yml:14: entities[0].statements[0].value: expected a number, got 'many'; write a number"),
    (statement(value=".nan"),
     "facts.yml:14: entities[0].statements[0].value: '.nan' is not a finite number; write the figure the quote "
     "gives, in digits"),
    (statement(value="1.0e16"),
     "facts.yml:14: entities[0].statements[0].value: 1e+16 is out of range; a figure is at most a thousand "
     "trillion (1e15) either way; check the scale"),
    (statement(value="-1.0e16"),
     "facts.yml:14: entities[0].statements[0].value: -1e+16 is out of range; a figure is at most a thousand "
     "trillion (1e15) either way; check the scale"),
    (ENTITY + "    coordinates: {lat: 91, lon: 0}\n",
     "facts.yml:11: entities[0].coordinates.lat: 91 is out of range; use degrees from -90 to 90"),
    (ENTITY + "    coordinates: {lat: 0, lon: -181}\n",
     "facts.yml:11: entities[0].coordinates.lon: -181 is out of range; use degrees from -180 to 180"),
    (ENTITY.replace("company", "compnay"),
     "facts.yml:8: entities[0].type: 'compnay' is not one of the allowed values; did you mean 'company'? use one "
     "of: city, district, region, company, initiative, institution, person"),
    (ENTITY.replace("company", "zzz"),
     "facts.yml:8: entities[0].type: 'zzz' is not one of the allowed values; use one of: city, district, region, "
     "company, initiative, institution, person"),
    (ENTITY + "    aliases: [A, A]\n",
     "facts.yml:11: entities[0].aliases: lists the same item twice; remove the repeated item"),
    (ENTITY + '    note: ""\n',
     "facts.yml:11: entities[0].note: '' should be non-empty; write some text or remove the key"),
    (ENTITY + "    aliases: A\n",
     "facts.yml:11: entities[0].aliases: expected a list, got 'A'; write a list"),
    (statement(sources="[]"),
     "facts.yml:16: entities[0].statements[0].sources: [] should be non-empty; see schema/facts.schema.json"),
    (statement(sources="[{source: s}]"),
     "facts.yml:16: entities[0].statements[0].sources[0]: 'quote' is missing; add it (see schema/facts.schema.json)"),
    (statement(date_basis="guess"),
     "facts.yml:17: entities[0].statements[0].date_basis: 'guess' is not one of the allowed values; use one of: "
     "quote, as_of, reported, other"),
    (ENTITY + "    relations: [{predicate: near, object: y, source: s}]\n",
     "facts.yml:11: entities[0].relations[0].predicate: 'near' is not one of the allowed values; use one of: "
     "located_in, part_of, member_of, organised_by, operated_by, funded_by, partner_of, supplier_of, works_for, "
     "founded_by, listed_in, headquartered_in"),
])
def test_each_kind_of_violation_has_its_message_and_fix(entities: str, expected: str) -> None:
    assert check(entities) == [expected]


def test_the_top_level_and_format() -> None:
    assert check(ENTITY, HEAD.replace("format: 2", "format: 1")) == [
        "facts.yml:1: format: expected 2, got 1; see schema/facts.schema.json"]
    data = parse_yaml("format: 2\nsectors: {}\nmetrics: {}\n", "facts.yml")
    assert [str(p) for p in check_schema(data, "facts.yml")] == [
        "facts.yml:1: (top level): 'entities' is missing; add it (see schema/facts.schema.json)"]


def test_every_violation_is_reported_at_once() -> None:
    found = check(statement(value="many", date="2021") + "  - id: Y\n    type: company\n    name: Y\n    summary: S.\n")
    assert len(found) == 3 and [line.split(":")[1] for line in found] == ["14", "15", "17"]


def test_dotted_paths() -> None:
    assert dotted(["entities", 3, "statements", 0, "quote"]) == "entities[3].statements[0].quote"
    assert dotted([]) == "(top level)"
    assert dotted([2]) == "[2]"


def test_line_of_finds_the_nearest_known_line() -> None:
    data = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n", "f.yml")
    assert line_of(data, ["a", "b", 1, "y"]) == 4
    assert line_of(data, ["a", "b", 0]) == 3
    assert line_of(data, ["a", "b", 5]) == 2
    assert line_of(data, ["a", "zz"]) == 1
    assert line_of(data, []) == 1


@pytest.mark.parametrize(("text", "slug"), [("Huihe Healthcare", "huihe-healthcare"), ("  A -- B  ", "a-b"),
                                            ("R&D 6.79%", "r-d-6-79"), ("Ünïcode Name", "n-code-name"),
                                            ("松江", "item"), ("x\"><img>", "x-img"), ("ABC", "abc")])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
