"""The fact file read entity by entity, each entity's reading remembered for the next run (`serve`).

Editors change one entity at a time; reading all 10,000 again costs a second. When the fact file has its
usual shape (top-level keys, `entities:` last, its items starting with '- ' at one indentation), the text
is cut before each item and every piece read on its own, with its lines; a piece read before, with the
same text at the same line, is not read again. Any other shape, and any piece that does not read as
exactly one item, falls back to reading the whole file, which reports problems exactly as before.
tests/test_load.py checks that both ways give the same data and lines.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from generator.build.yamlfast import LineDict, LineList
from generator.errors import InputError

_ENTITIES = re.compile(r"entities:[ \t]*(#.*)?")
_ITEM = re.compile(r"( *)- ")

Reader = Callable[[str, int], Any]
"""Reads a YAML text whose first line is line_offset + 1 of the file."""

_remembered: dict[tuple[str, int], Any] = {}


def read_in_pieces(text: str, read: Reader) -> LineDict | None:
    """The fact file's data from its pieces, or None when its shape is not the usual one or a piece has a
    problem (read it whole: the whole file's reading reports problems as it always has)."""
    try:
        return _read_in_pieces(text, read)
    except InputError:
        return None


def _read_in_pieces(text: str, read: Reader) -> LineDict | None:
    pieces = _pieces(text)
    if pieces is None:
        return None
    head_text, items = pieces
    head = read(head_text, 0)
    if not isinstance(head, LineDict) or head.get("entities", "") is not None or list(head)[-1] != "entities":
        return None
    global _remembered
    known, _remembered = _remembered, {}
    entities = LineList()
    entities.item_lines = []
    for piece, offset in items:
        key = (piece, offset)
        value = known[key] if key in known else read(piece, offset)
        if not (isinstance(value, LineList) and len(value) == 1):
            return None
        _remembered[key] = value
        entities.append(value[0])
        entities.item_lines.append(value.item_lines[0])
    if not entities:
        return None
    entities.line = entities.item_lines[0]
    head["entities"] = entities
    return head


def _pieces(text: str) -> tuple[str, list[tuple[str, int]]] | None:
    """(the text up to 'entities:', [(each item's text, its first line - 1)]), or None for another shape."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if _ENTITIES.fullmatch(line)), None)
    if start is None or "\t" in text:
        return None
    indent: int | None = None
    starts: list[int] = []
    for n in range(start + 1, len(lines)):
        line = lines[n]
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        item = _ITEM.match(line)
        if indent is None:
            if not item:
                return None
            indent = depth
        if item and depth == indent:
            starts.append(n)
        elif depth <= indent:
            return None  # another top-level key after the entities, or an item's line out of place
    if not starts:
        return None
    bounds = [*starts, len(lines)]
    items = [("\n".join(lines[a:b]) + "\n", a) for a, b in zip(bounds, bounds[1:])]
    return "\n".join(lines[:start + 1]) + "\n", items
