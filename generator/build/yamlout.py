"""Front matter written as block YAML without PyYAML's Python representer.

PyYAML's representer walks every value in Python and was a third of an entity page's cost (2.8 s of 9.8 s
at 10,000 entities). Front matter holds only strings, numbers, booleans, lists and mappings, so it is
written here directly: keys sorted, block style, a string plain when it can only be read back as that
string, in single quotes when no character needs an escape, and otherwise in JSON's double quotes (a
YAML double-quoted scalar, with the characters YAML would read as line breaks or refuse escaped).
tests/test_yamlout.py checks that PyYAML reads back exactly what was written, for any value.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from frontmatter.default_handlers import YAMLHandler

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,._/()'-]*[A-Za-z0-9.)]|[A-Za-z]")
"""Strings safe unquoted in YAML 1.1 and 1.2 alike (no ': ', no ' #', no indicator first)."""
_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}
"""Plain words YAML 1.1 reads as booleans or null."""
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters JSON leaves raw that YAML reads as a line break, a byte-order mark, or refuses."""
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def scalar(value: Any) -> str:
    """One value on one line, as YAML reads it back."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"front matter cannot hold {value}")
        text = repr(value)
        return text if "." in text else text.replace("e", ".0e")  # YAML 1.1 wants a dot in a float
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value.lower() not in _WORDS and ":" not in value:
            return value
        return _quoted(value)
    raise TypeError(f"front matter cannot hold a {type(value).__name__}")


def _quoted(text: str) -> str:
    """A single-quoted scalar when nothing in the text needs an escape (JSON-LD reads better so); else
    a double-quoted one: JSON's string, with what YAML would read otherwise escaped too."""
    if not _NEEDS_ESCAPE.search(text):
        return "'" + text.replace("'", "''") + "'"
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"front matter keys are strings, not {type(key).__name__}")
    return key if _KEY.fullmatch(key) and key.lower() not in _WORDS else _quoted(key)


def dump(data: dict[str, Any]) -> str:
    """A mapping as block YAML, keys sorted, ending in a newline."""
    lines: list[str] = []
    _mapping(data, "", lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: str, lines: list[str]) -> None:
    if not data:
        raise ValueError("an empty mapping is written inline by its parent")
    for key in sorted(data):
        _entry(f"{indent}{_key(key)}:", data[key], indent, lines)


def _entry(head: str, value: Any, indent: str, lines: list[str]) -> None:
    """`head` (a key and colon, or a dash) followed by its value, inline or as a nested block."""
    if isinstance(value, dict) and value:
        lines.append(head)
        _mapping(value, indent + "  ", lines)
    elif isinstance(value, list) and value:
        lines.append(head)
        for item in value:
            _item(item, indent, lines)
    elif isinstance(value, dict):
        lines.append(head + " {}")
    elif isinstance(value, list):
        lines.append(head + " []")
    else:
        lines.append(f"{head} {scalar(value)}")


def _item(item: Any, indent: str, lines: list[str]) -> None:
    """One list item: '- value', or a mapping whose first key shares the dash's line."""
    if isinstance(item, dict) and item:
        nested: list[str] = []
        _mapping(item, indent + "  ", nested)
        lines.append(indent + "- " + nested[0][len(indent) + 2:])
        lines.extend(nested[1:])
    else:
        _entry(indent + "-", item, indent + "  ", lines)


class FrontMatter(YAMLHandler):  # type: ignore[misc]
    """python-frontmatter's YAML handler, exporting through `dump`."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return dump(metadata).rstrip("\n")
