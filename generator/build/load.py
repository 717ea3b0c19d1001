"""Stage 1: read seeds/ and the fact file into raw records that remember their lines.

Nothing an editor can put in a file reaches the later stages as anything but plain data: the YAML
is read by a safe loader that keeps dates as text, refuses keys that are not text, turns numbers
that are not finite into text the schema refuses, and is guarded against inputs that would crash
or stall a parser (files over MAX_BYTES, nesting deeper than MAX_DEPTH, aliases that expand
without bound, control characters).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from generator.build import yamlfast
from generator.build.factchunks import read_in_pieces
from generator.build.yamlfast import LineDict, LineList, NonFinite, kind_of
from generator.errors import InputError, Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 20_000_000
"""Largest fact file or article accepted (20 MB): ten times a 10,000-entity atlas."""
MAX_DEPTH = 100
"""Deepest nesting of YAML brackets accepted; the C parser overflows its stack on very deep nesting."""
MAX_EXPANSION = 1_000_000
"""Most values that aliases (*name) may add: a few aliases can otherwise stand for billions of values."""

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (tab, line feed and carriage return aside) and the invisible bidirectional
overrides that can make text display other than it reads."""
_BRACKET = re.compile(r"[\[\]{}]")


class _FactLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text and records where every node starts."""

    line_offset: int
    """Lines of the file above the YAML text (an article's front matter starts on line 2)."""
    bad_keys: list[tuple[str, int]]
    duplicate_keys: list[tuple[str, int]]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's, but a value its tag cannot be made from (`!!int abc`, `!!seq {a: 1}`) is a located error."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError):
            if not isinstance(node, yaml.Node):  # an item of a mapping taken for a list: its list is at fault
                raise
            what = repr(node.value) if isinstance(node, yaml.ScalarNode) else \
                "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            raise yaml.constructor.ConstructorError(
                None, None, f"{what} is not a valid {node.tag.replace('tag:yaml.org,2002:', '!!')}",
                node.start_mark) from None


# Dates stay strings: "2023-11" and "2023-11-05" are both valid dates here, and the
# model parses them itself. Removing the resolver on a subclass leaves PyYAML intact.
_FactLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 reads 1e12 as a number, YAML 1.1 (PyYAML) as text; editors mean the number.
_FactLoader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
                                  list("-+0123456789."))


def _line(loader: _FactLoader, node: yaml.Node) -> int:
    return node.start_mark.line + 1 + loader.line_offset


def _construct_mapping(loader: _FactLoader, node: yaml.MappingNode) -> LineDict:
    written = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)  # merge keys (<<: *defaults) come first; the keys written here override them
    merged = len(node.value) - written
    mapping = LineDict()
    mapping.line = _line(loader, node)
    mapping.key_lines = {}
    own: set[str] = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            loader.bad_keys.append((kind_of(key), _line(loader, key_node)))
            continue
        if index >= merged:
            if key in own:
                loader.duplicate_keys.append((key, _line(loader, key_node)))
            own.add(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = _line(loader, key_node)
    return mapping


def _construct_sequence(loader: _FactLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = _line(loader, node)
    items.item_lines = [_line(loader, child) for child in node.value]
    return items


def _construct_float(loader: _FactLoader, node: yaml.ScalarNode) -> float | NonFinite:
    value = loader.construct_yaml_float(node)
    return value if math.isfinite(value) else NonFinite(node.value)


_FactLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FactLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_FactLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def control_characters(text: str, shown: str, first_line: int = 1) -> list[Problem]:
    """Every control or invisible direction character in a text, located by line."""
    problems = []
    for match in CONTROL.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        problems.append(Problem(shown, line, f"invisible control character U+{ord(match.group()):04X}",
                                "delete it: it cannot be seen, quoted or shown"))
    return problems[:20]


def _too_deep(text: str, shown: str, line_offset: int) -> list[Problem]:
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = line_offset + text.count("\n", 0, match.start()) + 1
            return [Problem(shown, line, f"brackets nested more than {MAX_DEPTH} levels deep",
                            "write the values as plain YAML lists and mappings")]
    return []


def _excess(data: Any) -> int:
    """How many more values the data holds once every alias is spelled out than as written."""
    memo: dict[int, int] = {}
    written = 0

    def size(value: Any) -> int:
        nonlocal written
        if not isinstance(value, (list, dict)):
            return 1
        if id(value) not in memo:
            children = list(value.values()) if isinstance(value, dict) else value
            written += len(children)
            memo[id(value)] = 1 + sum(size(child) for child in children)
        return memo[id(value)]

    return size(data) - written - len(memo)


SYNTAX_FIX = "fix the indentation or quoting at this point (a value holding ': ' or '#' needs quotes)"
"""What a YAML syntax error in the fact file or front matter tells the editor to do."""


def _too_deep_to_read(shown: str, line_offset: int) -> Problem:
    """Values nested deeper than Python's recursion limit, at the text's first line."""
    return Problem(shown, line_offset + 1, "values nested too deeply to read",
                   "write the values as plain YAML lists and mappings")


def parse_yaml(text: str, shown: str, line_offset: int = 0, syntax_fix: str = SYNTAX_FIX) -> Any:
    """Parse YAML safely, keeping line numbers; every problem raises InputError with its line (and, for a
    syntax error, its column and `syntax_fix`)."""
    problems = control_characters(text, shown, line_offset + 1) or _too_deep(text, shown, line_offset)
    if problems:
        raise InputError(problems)
    try:
        data, bad_keys, duplicate_keys = yamlfast.read(text, _FactLoader.yaml_implicit_resolvers, line_offset)
    except yamlfast.Unsupported:  # anchors, tags, merge keys, errors: PyYAML reads it, exactly
        data, bad_keys, duplicate_keys = _read_with_pyyaml(text, shown, line_offset, syntax_fix)
    problems = [Problem(shown, line, f"a key must be text, not {kind}",
                        "write the key as a plain name (put numbers, dates and yes/no in quotes)")
                for kind, line in bad_keys]
    problems += [Problem(shown, line, f"key '{key}' appears twice in one mapping",
                         "keep one; the second would silently replace the first")
                 for key, line in duplicate_keys]
    try:
        if not problems and _excess(data) > MAX_EXPANSION:
            problems.append(Problem(shown, line_offset + 1, f"aliases (*name) repeat more than {MAX_EXPANSION:,} values",
                                    "write the values out, or use fewer aliases"))
    except RecursionError:  # block lists nested without brackets (`- - - x`): the fast reader reads any depth
        problems.append(_too_deep_to_read(shown, line_offset))
    if problems:
        raise InputError(problems)
    return data


def _read_with_pyyaml(text: str, shown: str, line_offset: int, syntax_fix: str = SYNTAX_FIX) -> tuple[Any, list, list]:
    """PyYAML's composer and constructors, with line marks: every YAML feature, and its exact errors."""
    loader = _FactLoader(text)
    loader.line_offset, loader.bad_keys, loader.duplicate_keys = line_offset, [], []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (line_offset + 1, 0)
        what = " ".join(str(err.problem or "syntax error").split())
        raise InputError([Problem(shown, line, f"YAML syntax error: {what}", syntax_fix, column)]) from None
    except yaml.YAMLError as err:  # the reader's errors carry a position, not a mark
        at = getattr(err, "position", 0)
        # libyaml (CSafeLoader) counts the position in the text's UTF-8 bytes, PyYAML's own reader in characters
        in_bytes = _BaseLoader is not yaml.SafeLoader
        before = text.encode("utf-8")[:at].decode("utf-8", "ignore") if in_bytes else text[:at]
        raise InputError([Problem(shown, line_offset + 1 + before.count("\n"), "not readable as YAML text",
                                  "save the file as plain UTF-8 text")]) from None
    except RecursionError:
        raise InputError([_too_deep_to_read(shown, line_offset)]) from None
    finally:
        loader.dispose()
    return data, loader.bad_keys, loader.duplicate_keys


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
        if path.is_symlink() or (path.exists() and not path.is_file() and not path.is_dir()):
            raise InputError([Problem(shown, 1, "is a link or a device, not a plain file",
                                      "commit the file itself: what a link points to would be published")])
        if path.stat().st_size > MAX_BYTES:
            raise InputError([Problem(shown, 1, f"larger than {MAX_BYTES // 1_000_000} MB",
                                      "keep the fact file and each article under that size")])
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


def load_facts(path: Path, text: str | None = None) -> LineDict:
    """Parse the fact file (or text meant for it), keeping line numbers; every problem names its line."""
    shown = display_path(path)
    if text is None:
        text = read_text(path)
    data = read_in_pieces(text, lambda piece, offset: parse_yaml(piece, shown, offset))
    if data is None:
        data = parse_yaml(text, shown)
    if not isinstance(data, LineDict):
        raise InputError([Problem(shown, 1, "the fact file is not a mapping",
                                  "start it with 'format: 2', 'sectors:', 'metrics:' and 'entities:'")])
    return data


def load_seeds(folder: Path) -> tuple[list[RawSource], list[Problem]]:
    """Read every article in the seeds folder, sorted by file name; unreadable ones become problems."""
    if not folder.is_dir():
        return [], [Problem(display_path(folder), 0, "seeds folder not found",
                            "pass --seeds with the folder that holds the articles")]
    sources: list[RawSource] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            if path.suffix.lower() == ".txt":
                problems.append(Problem(display_path(path), 1, "an article's file name must end in '.txt'",
                                        f"rename it to '{path.stem}.txt'"))
            continue
        try:
            sources.append(_load_seed(path))
        except InputError as err:
            problems.extend(err.problems)
    return sources, problems


_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
"""python-frontmatter's YAML delimiter line."""
FRONT_MATTER_BOUNDARY = _BOUNDARY


def second_front_matter(body: str) -> bool:
    """Whether an article's text starts with another '---' block of 'key: value' lines."""
    boundaries = list(_BOUNDARY.finditer(body))[:2]
    return (len(boundaries) == 2 and boundaries[0].start() == 0
            and bool(re.match(r"\s*[A-Za-z_][\w-]*\s*:", body[boundaries[0].end():boundaries[1].start()])))


def _load_seed(path: Path) -> RawSource:
    """An article: YAML front matter between '---' lines (read like the fact file), then its text."""
    raw = read_text(path)
    shown = display_path(path)
    problems = control_characters(raw, shown)
    if problems:
        raise InputError(problems)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    boundaries = list(_BOUNDARY.finditer(text))[:2]
    if not boundaries or boundaries[0].start() != 0:
        return RawSource(id=path.stem, path=shown, meta={}, text=text, first_line=raw[:lead].count("\n") + 1)
    if len(boundaries) < 2:
        raise InputError([Problem(shown, raw[:lead].count("\n") + 1, "the front matter has no closing '---' line",
                                  "end the front matter with a line '---' above the article's text")])
    opening, closing = boundaries
    meta = parse_yaml(text[opening.end():closing.start()], shown, raw[:lead + opening.end()].count("\n"))
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, LineDict):
        raise InputError([Problem(shown, 2, "the front matter is not a list of 'key: value' lines",
                                  "write 'title: ...' and 'date: \"YYYY-MM-DD\"' between the '---' lines")])
    rest = text[closing.end():]
    body = rest.strip()
    first_line = raw[:lead + closing.end() + len(rest) - len(rest.lstrip())].count("\n") + 1
    if second_front_matter(body):
        raise InputError([Problem(shown, first_line, "the text starts with a second front matter block",
                                  "move its keys into the first block between the '---' lines, then delete it")])
    return RawSource(id=path.stem, path=shown, meta=meta, text=body, first_line=first_line)


class _SiteUrlLoader(yaml.SafeLoader):
    """Reads one line of mkdocs.yml as MkDocs does, `!ENV [VARIABLE, default]` included."""


_SiteUrlLoader.add_constructor("!ENV", construct_env_tag)


def load_site_url(mkdocs_yml: Path) -> str:
    """The site_url of an mkdocs.yml ('' when absent), for absolute URLs in structured data; `!ENV [SITE_URL,
    default]` reads the environment like MkDocs and Zensical do."""
    try:
        text = mkdocs_yml.read_text(encoding="utf-8")
    except OSError:
        return ""
    for line in text.splitlines():  # that line alone: mkdocs.yml INHERITs a generated file, and may hold other tags
        if line.startswith("site_url:"):
            try:
                value = yaml.load(line, Loader=_SiteUrlLoader)["site_url"]
            except yaml.YAMLError:
                return ""
            return str(value) if value else ""
    return ""
