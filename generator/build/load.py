"""Stage 1: read seeds/ and the fact file into raw records that remember their lines."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator.errors import InputError, Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):  # type: ignore[type-arg]
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _FactLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text and records where every node starts."""

    duplicate_keys: list[tuple[str, int]]


# Dates stay strings: "2023-11" and "2023-11-05" are both valid dates here, and the
# model parses them itself. Removing the resolver on a subclass leaves PyYAML intact.
_FactLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _FactLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            loader.duplicate_keys.append((str(key), key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _FactLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_FactLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FactLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class RawSource:
    """One article file: its front matter, its body and where the body starts."""

    id: str
    path: str
    meta: dict[str, Any]
    text: str
    first_line: int
    """Line of the file on which the body's first line stands."""


def display_path(path: Path) -> str:
    """The path as the editor knows it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """The file's text, or an InputError that names the file and the fix."""
    shown = display_path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, "file not found", "create it or pass the right path")]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, 0, "is a folder, not a file", "pass the path of the file")]) from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise InputError([Problem(shown, line, "not valid UTF-8 text", "save the file as UTF-8")]) from None
    except OSError as err:
        raise InputError([Problem(shown, 0, f"cannot read: {err.strerror}", "check its permissions")]) from None


def load_facts(path: Path) -> LineDict:
    """Parse the fact file, keeping line numbers; syntax errors name line and column."""
    text = read_text(path)
    shown = display_path(path)
    loader = _FactLoader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = err.problem or "syntax error"
        raise InputError([Problem(shown, line, f"YAML syntax error: {what}",
                                  "fix the indentation or quoting at this point (a value holding ': ' or '#' needs quotes)",
                                  column)]) from None
    finally:
        loader.dispose()
    problems = [Problem(shown, line, f"key '{key}' appears twice in one mapping",
                        "keep one; the second would silently replace the first")
                for key, line in loader.duplicate_keys]
    if not isinstance(data, LineDict):
        problems.append(Problem(shown, 1, "the fact file is not a mapping",
                                "start it with 'format: 1', 'sectors:', 'metrics:' and 'entities:'"))
    if problems:
        raise InputError(problems)
    return data


def load_seeds(folder: Path) -> tuple[list[RawSource], list[Problem]]:
    """Read every article in the seeds folder, sorted by file name; unreadable ones become problems."""
    if not folder.is_dir():
        return [], [Problem(display_path(folder), 0, "seeds folder not found",
                            "pass --seeds with the folder that holds the articles")]
    sources: list[RawSource] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            sources.append(_load_seed(path))
        except InputError as err:
            problems.extend(err.problems)
    return sources, problems


def _load_seed(path: Path) -> RawSource:
    raw = read_text(path)
    shown = display_path(path)
    try:
        meta, body = frontmatter.parse(raw)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        raise InputError([Problem(shown, line, f"front matter YAML error: {err.problem}",
                                  "fix the front matter between the '---' lines")]) from None
    first_line = raw[: raw.find(body)].count("\n") + 1 if body else 1
    return RawSource(id=path.stem, path=shown, meta=dict(meta), text=body, first_line=first_line)


def load_site_url(mkdocs_yml: Path) -> str:
    """The site_url of an mkdocs.yml ('' when absent), for absolute URLs in structured data."""
    try:
        text = mkdocs_yml.read_text(encoding="utf-8")
    except OSError:
        return ""
    for line in text.splitlines():  # read as text: mkdocs.yml may hold tags a safe loader refuses
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return ""
