"""Validation pass 1: each record against the JSON Schema, reported with lines and fixes."""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import fastjsonschema
import jsonschema

from generator.errors import Problem
from generator.build.load import LineDict, LineList, NonFinite

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "schema" / "facts.schema.json"


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


SLUG = re.compile(_schema()["$defs"]["slug"]["pattern"])
"""The slug pattern: every name that becomes part of a path or URL (ids, article file names, sector and metric keys)."""


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema())


def dotted(path: Iterable[Any]) -> str:
    """Render a JSON path like entities[3].statements[0].quote."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def line_of(root: Any, path: Iterable[Any]) -> int:
    """The line where the value at path starts (the nearest known line above it)."""
    node, line = root, getattr(root, "line", 1)
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(str(part), line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


@lru_cache(maxsize=1)
def _fast_parts() -> tuple[Any, Any]:
    """The schema compiled in two: the file without its entities' contents, and one entity."""
    schema = _schema()
    head = {**schema, "properties": {**schema["properties"], "entities": {"type": "array"}}}
    entity = {key: schema[key] for key in ("$schema", "$id", "$defs") if key in schema} | {"$ref": "#/$defs/entity"}
    return fastjsonschema.compile(head), fastjsonschema.compile(entity)


_valid_entities: dict[int, Any] = {}
"""The entities found valid by the last check, by id(), each kept so that its id cannot be reused: the
fact file's reader hands an unchanged entity over as the very same object (factchunks.py), and `serve`
does not check it again."""


def _valid(data: LineDict) -> bool:
    """Whether the fact file is valid, checking only the entities not found valid before."""
    global _valid_entities
    head, entity = _fast_parts()
    try:
        head(data)
    except fastjsonschema.JsonSchemaException:
        return False
    known, _valid_entities = _valid_entities, {}
    for item in data["entities"]:
        if id(item) not in known or known[id(item)] is not item:  # not .get(): a null entity is None too
            try:
                entity(item)
            except fastjsonschema.JsonSchemaException:
                return False
        _valid_entities[id(item)] = item
    return True


def check_schema(data: LineDict, shown_path: str) -> list[Problem]:
    """Every schema violation in the fact file, one located problem each."""
    if _valid(data):
        return []
    problems = []  # jsonschema finds every violation, with its path
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        problems.append(Problem(shown_path, line_of(data, path), f"{dotted(path)}: {_message(error)}", _fix(error)))
    return problems


def _message(error: jsonschema.ValidationError) -> str:
    kind, value = error.validator, error.instance
    if kind == "required":
        return error.message.replace(" is a required property", " is missing")
    if kind == "additionalProperties":
        return error.message.replace("Additional properties are not allowed ", "unknown key ")
    if kind == "pattern" and error.validator_value == _schema()["$defs"]["slug"]["pattern"]:
        return f"{_shown(value)} is not a safe URL slug"
    if kind == "pattern" and error.validator_value == _schema()["$defs"]["text"]["pattern"]:
        char = next(c for c in value if not re.fullmatch(error.validator_value, c))
        return f"holds an invisible control character U+{ord(char):04X}"
    if kind == "pattern":
        return f"{_shown(value)} is not a valid date"
    if kind == "type" and isinstance(value, NonFinite):
        return f"'{value}' is not a finite number"
    if kind == "type":
        return f"expected {_type_name(error.validator_value)}, got {_shown(value)}"
    if kind in ("minimum", "maximum"):
        return f"{_shown(value)} is out of range"
    if kind == "enum":
        return f"{_shown(value)} is not one of the allowed values"
    if kind == "const":
        return f"expected {error.validator_value!r}, got {_shown(value)}"
    if kind == "uniqueItems":
        return "lists the same item twice"
    return _short_text(error.message)


def _fix(error: jsonschema.ValidationError) -> str:
    kind, value = error.validator, error.instance
    if kind == "required":
        return "add it (see schema/facts.schema.json)"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        guess = difflib.get_close_matches(extra[0], allowed, n=1) if extra else []
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return f"{hint}allowed keys: {', '.join(allowed)}"
    if kind == "pattern" and error.validator_value == _schema()["$defs"]["slug"]["pattern"]:
        return f"use lowercase letters, digits and single hyphens, e.g. '{slugify(str(value))}'"
    if kind == "pattern" and error.validator_value == _schema()["$defs"]["text"]["pattern"]:
        return "delete it: it cannot be seen, quoted or shown (it came from an escape such as \\u202e)"
    if kind == "pattern":
        return "write YYYY, YYYY-MM or YYYY-MM-DD in quotes, or a period like \"2016/2023\""
    if kind == "type" and isinstance(value, NonFinite):
        return "write the figure the quote gives, in digits"
    if kind == "type" and error.validator_value == "string" and isinstance(value, (int, float)):
        return f"put it in quotes: \"{value}\""
    if kind == "type":
        return f"write {_type_name(error.validator_value)}"
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        guess = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return f"{hint}use one of: {', '.join(allowed)}"
    if kind == "uniqueItems":
        return "remove the repeated item"
    if kind in ("minimum", "maximum") and error.absolute_path and error.absolute_path[-1] == "value":
        return "a figure is at most a thousand trillion (1e15) either way; check the scale"
    if kind in ("minimum", "maximum"):
        return f"use degrees from {error.schema.get('minimum')} to {error.schema.get('maximum')}"
    if kind == "minLength":
        return "write some text or remove the key"
    return "see schema/facts.schema.json"


def _shown(value: Any, limit: int = 40) -> str:
    """A value as it appears in a message, cut short."""
    return _short_text(repr(value), limit)


def _short_text(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


TYPE_NAMES = {"string": "text", "number": "a number", "array": "a list", "object": "a mapping"}
"""The JSON types schema/facts.schema.json uses, as an editor reads them (a test keeps the two in step)."""


def _type_name(json_type: str) -> str:
    return TYPE_NAMES[json_type]


def slugify(text: str) -> str:
    """A safe URL slug made from text: 'Huihe Healthcare' -> 'huihe-healthcare'."""
    out, dash = [], False
    for char in text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "item"
