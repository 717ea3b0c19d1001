"""The fact file read from YAML's event stream: the common case, five times faster than PyYAML's composer.

libyaml parses a 10,000-entity fact file into events in about a second; composing them into nodes and
constructing values takes PyYAML five more. Plain mappings, sequences and scalars are built here straight
from the events, with the same line marks and the same checks as load.py's loader. Anything rarer (anchors
and aliases, merge keys, explicit tags, several documents, a syntax error) raises `Unsupported`, and
load.py reads the file with PyYAML, which gives the exact result or the exact error.
"""

from __future__ import annotations

import math
from typing import Any

import yaml


class LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):  # type: ignore[type-arg]
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class NonFinite(str):
    """A YAML number that is not finite (.nan, .inf, 1e999), kept as its text so the schema refuses it."""

_CParser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"


class Unsupported(Exception):
    """The text uses something this reader leaves to PyYAML."""


def read(text: str, resolvers: dict[Any, list[tuple[str, Any]]], line_offset: int = 0
         ) -> tuple[Any, list[tuple[str, int]], list[tuple[str, int]]]:
    """(data, keys that are not text (kind, line), keys written twice (key, line)) of a YAML text."""
    bad_keys: list[tuple[str, int]] = []
    duplicates: list[tuple[str, int]] = []
    stack: list[list[Any]] = []  # [container, key waiting for its value, that key's line, keys written]
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_CParser):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor or (event.tag not in (None, "!")):
                    raise Unsupported
                value: Any = _scalar(event, resolvers)
                line = event.start_mark.line + 1 + line_offset
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor or event.tag is not None:
                    raise Unsupported
                line = event.start_mark.line + 1 + line_offset
                if kind is yaml.MappingStartEvent:
                    container: Any = LineDict()
                    container.key_lines = {}
                else:
                    container = LineList()
                    container.item_lines = []
                container.line = line
                stack.append([container, _NOTHING, 0, set()])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value, line = stack.pop()[0], 0
                line = value.line
            elif kind is yaml.AliasEvent:
                raise Unsupported
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Unsupported
                continue
            else:  # stream start and end, document end
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            parent = frame[0]
            if type(parent) is LineList:
                parent.append(value)
                parent.item_lines.append(line)
            elif frame[1] is _NOTHING:  # a key
                if type(value) in (LineDict, LineList):
                    raise Unsupported  # a complex key: PyYAML reports it
                frame[1], frame[2] = value, line
            else:
                key, key_line = frame[1], frame[2]
                frame[1] = _NOTHING
                if not isinstance(key, str):
                    bad_keys.append((kind_of(key), key_line))
                    continue
                if key in frame[3]:
                    duplicates.append((key, key_line))
                frame[3].add(key)
                parent[key] = value
                parent.key_lines[key] = key_line
    except yaml.YAMLError:
        raise Unsupported from None
    return root, bad_keys, duplicates


class _Nothing:
    """No key is waiting for its value."""


_NOTHING = _Nothing()


def _scalar(event: yaml.ScalarEvent, resolvers: dict[Any, list[tuple[str, Any]]]) -> Any:
    value = event.value
    if not event.implicit[0]:
        return value  # quoted: text
    for tag, pattern in resolvers.get(value[0] if value else "", ()):
        if pattern.match(value):
            break
    else:
        return value
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _CONSTRUCTOR.bool_values[value.lower()]
    node = yaml.ScalarNode(tag, value)
    if tag == _INT:
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _FLOAT:
        number = _CONSTRUCTOR.construct_yaml_float(node)
        return number if math.isfinite(number) else NonFinite(value)
    raise Unsupported  # '<<' (a merge key), '=' and the rest: PyYAML's


def kind_of(value: object) -> str:
    """How a key that is not text reads in a message."""
    names = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "a mapping",
             LineList: "a list", LineDict: "a mapping", type(None): "empty"}
    return names.get(type(value), type(value).__name__)
