"""`new` and `new-article`: add a stub entity to the fact file or an article to seeds/, never overwriting.

The fact file is edited with ruamel.yaml in round-trip mode, which reproduces this file byte for
byte, so the only lines that change are the new entry's.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from generator.build.dates import FuzzyDate
from generator.errors import GeneratorError, InputError
from generator.build.load import FRONT_MATTER_BOUNDARY, display_path, parse_yaml, second_front_matter
from generator.build.model import TYPES
from generator.build.neardupes import fix_for, looks_like, similar_names
from generator.build.schema import slugify

PLACEHOLDER = "TODO: one or two sentences in your own words."
"""Summary of a new entity: `check` accepts it so the page can be previewed; `coverage` lists it."""


class ScaffoldError(GeneratorError):
    """The new entry or article was refused; nothing was written."""


@dataclass(frozen=True)
class NewEntity:
    """What `new` added."""

    id: str
    line: int
    """Line of the fact file where the entry starts."""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_for_edit(facts: Path, yaml: YAML) -> CommentedMap:
    """The fact file read for an edit that keeps its layout (comments, order, quotes); a located error when
    it cannot be read or has no list of entities."""
    shown = display_path(facts)
    try:
        data = yaml.load(facts.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ScaffoldError(f"{shown}: cannot read it ({err}); run this in the project folder or pass --facts") from None
    except YAMLError:
        raise ScaffoldError(f"{shown}: not valid YAML; run 'python -m generator check' and fix it first") from None
    if not isinstance(data, CommentedMap) or not isinstance(data.get("entities"), CommentedSeq):
        raise ScaffoldError(f"{shown}: has no 'entities:' list; run 'python -m generator check' first")
    return data


def add_entity(facts: Path, seeds: Path, type_id: str, name: str, *, city: str | None = None,
               source: str | None = None, entity_id: str | None = None, distinct_from: str | None = None,
               reason: str | None = None) -> NewEntity:
    """Add a stub entity after the last one of its type; refuse a taken id, name or alias, and a name that
    looks like another entity's unless distinct_from names that entity with a reason."""
    shown = display_path(facts)
    name = " ".join(name.split())
    if type_id not in TYPES:
        raise ScaffoldError(f"unknown type '{type_id}'; use one of: {', '.join(TYPES)}")
    if not name:
        raise ScaffoldError("the name is empty; give the entity's English name")
    new_id = entity_id or slugify(name)
    if slugify(new_id) != new_id:
        raise ScaffoldError(f"'{new_id}' is not a safe URL slug; use e.g. '{slugify(new_id)}'")
    if city and not source:
        raise ScaffoldError("--city needs --source: every relation names the article it comes from")
    if source and not city:
        raise ScaffoldError("--source is only used with --city; leave it out, or add --city")
    reason = " ".join((reason or "").split())
    if bool(distinct_from) != bool(reason):
        raise ScaffoldError("--distinct-from and --reason go together: name the entity whose name looks like "
                            "this one's, and say why the two are different")
    yaml = _yaml()
    data = load_for_edit(facts, yaml)
    entities = data["entities"]
    _refuse_taken(entities, shown, new_id, name)
    _refuse_near(entities, shown, new_id, name, distinct_from)
    if city:
        _check_refs(entities, seeds, city, source or "")
    entry = CommentedMap([("id", new_id), ("type", type_id), ("name", name), ("summary", PLACEHOLDER)])
    if distinct_from:
        entry["distinct_from"] = CommentedSeq([CommentedMap([("id", distinct_from), ("reason", reason)])])
    if city:
        relation = CommentedMap([("predicate", "located_in"), ("object", city), ("source", source)])
        entry["relations"] = CommentedSeq([relation])
    index = _insert(entities, type_id, entry)
    out = io.StringIO()
    yaml.dump(data, out)
    _replace(facts, out.getvalue())
    line = _yaml().load(out.getvalue())["entities"][index].lc.line + 1
    return NewEntity(id=new_id, line=line)


def _refuse_taken(entities: CommentedSeq, shown: str, new_id: str, name: str) -> None:
    for raw in entities:
        if not isinstance(raw, CommentedMap):
            continue
        line = raw.lc.line + 1
        if new_id == raw.get("id") or new_id in (raw.get("former_ids") or []):
            raise ScaffoldError(f"{shown}:{line}: id '{new_id}' is already taken by '{raw.get('name')}'; "
                                "if it is the same entity, edit that entry; otherwise pass --id with another id")
        names = [raw.get("name", ""), *(raw.get("aliases") or [])]
        if any(str(n).casefold() == name.casefold() for n in names):
            raise ScaffoldError(f"{shown}:{line}: '{name}' is already the name or an alias of '{raw.get('id')}'; "
                                "edit that entry, or give the new entity a more specific name")


def _refuse_near(entities: CommentedSeq, shown: str, new_id: str, name: str, distinct_from: str | None) -> None:
    """Refuse a name that looks like another entity's, with check's message, unless --distinct-from names it."""
    lines = {str(raw.get("id")): raw.lc.line + 1 for raw in entities if isinstance(raw, CommentedMap)}
    if distinct_from and distinct_from not in lines:
        raise ScaffoldError(f"--distinct-from: no entity has the id '{distinct_from}'; "
                            + _guess(distinct_from, list(lines), "see the ids in facts.yml"))
    for found in similar_names(entities).similar(name):
        if found.owner != distinct_from and found.name.casefold() != name.casefold():
            raise ScaffoldError(f"{shown}:{lines.get(found.owner, 0)}: {looks_like(new_id, 'name', name, found)}; "
                                + fix_for(found.owner).replace(
                                    "say so with 'distinct_from: [{id: %s, reason: ...}]'" % found.owner,
                                    f"pass --distinct-from {found.owner} --reason \"why they differ\""))


def _check_refs(entities: CommentedSeq, seeds: Path, city: str, source: str) -> None:
    ids = [str(raw.get("id")) for raw in entities if isinstance(raw, CommentedMap)]
    if city not in ids:
        raise ScaffoldError(f"--city: no entity has the id '{city}'; {_guess(city, ids, 'see the ids in facts.yml')}")
    if not (seeds / f"{source}.txt").is_file():
        articles = sorted(p.stem for p in seeds.glob("*.txt"))
        raise ScaffoldError(f"--source: '{source}' is not an article in {display_path(seeds)}/; "
                            + _guess(source, articles, "add it first with 'python -m generator new-article'"))


def _guess(wrong: str, known: list[str], otherwise: str) -> str:
    found = difflib.get_close_matches(wrong, known, n=1, cutoff=0.6)
    return f"did you mean '{found[0]}'?" if found else otherwise


def _insert(entities: CommentedSeq, type_id: str, entry: CommentedMap) -> int:
    """Put entry after the last entity of its type (or at the end); return its index."""
    same = [i for i, raw in enumerate(entities) if isinstance(raw, CommentedMap) and raw.get("type") == type_id]
    after = same[-1] if same else len(entities) - 1
    if after < 0:
        entities.append(entry)
        return 0
    # The comments after an entry (blank lines, the next section's header) hang on its last
    # scalar; move them below the new entry so it stays inside its section.
    node, key, slot = _tail(entities[after])
    trailing = node.ca.items.get(key, [None] * 4)[slot] if node is not None else None
    spaced = _blank_line_between(entities, after)
    entities.insert(after + 1, entry)
    if trailing is not None:
        node.ca.items[key][slot] = CommentToken("\n\n", CommentMark(0)) if spaced else None
        new_node, new_key, new_slot = _tail(entry)
        new_node.ca.items.setdefault(new_key, [None] * 4)[new_slot] = trailing
    elif spaced and node is not None:
        node.ca.items.setdefault(key, [None] * 4)[slot] = CommentToken("\n\n", CommentMark(0))
    return after + 1


def _tail(node: Any) -> tuple[Any, Any, int]:
    """The innermost last (container, key, comment slot) of a node: where trailing comments hang."""
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        child = node[key]
        if isinstance(child, (CommentedMap, CommentedSeq)) and len(child):
            node = child
            continue
        return node, key, 2 if isinstance(node, CommentedMap) else 0
    return None, None, 0


def _blank_line_between(entities: CommentedSeq, index: int) -> bool:
    """Whether the file leaves a blank line between this entry and the one before it."""
    if index == 0:
        return False
    node, key, slot = _tail(entities[index - 1])
    token = node.ca.items.get(key, [None] * 4)[slot] if node is not None else None
    return bool(token is not None and token.value.startswith("\n\n"))


def add_article(seeds: Path, body: str, *, title: str, date: str, publisher: str = "", byline: str = "",
                summary: str = "", article_id: str | None = None, shown: str = "-") -> Path:
    """Write a new article with its front matter into seeds/; refuse to overwrite one.

    When the text already starts with front matter (`shown` names where it comes from), the two are
    merged into one block: the options given win, the text's other keys (url, short_title...) are kept."""
    kept, body = _front_matter(body, shown)
    title, text = " ".join(title.split()), body.strip("\n")
    if not title:
        raise ScaffoldError("--title is empty; give the article's headline")
    if why := FuzzyDate(date).problem():
        raise ScaffoldError(f"--date: {why}; write YYYY, YYYY-MM or YYYY-MM-DD")
    if not text.strip():
        raise ScaffoldError("the article has no text; pass a file holding it, or '-' and paste it on standard input")
    article_id = article_id or _article_id(date, title)
    if slugify(article_id) != article_id:
        raise ScaffoldError(f"'{article_id}' is not a safe file name; use e.g. '{slugify(article_id)}'")
    if not seeds.is_dir():
        raise ScaffoldError(f"{display_path(seeds)}: no such folder; run this in the project folder or pass --seeds")
    given = {"title": title, "date": date, "publisher": publisher, "byline": byline, "summary": summary}
    meta: dict[str, Any] = {**kept, **{key: value for key, value in given.items() if value.strip()}}
    front = "".join(f"{key}: {_yaml_value(value)}\n" for key, value in meta.items())
    path = seeds / f"{article_id}.txt"
    try:
        with path.open("x", encoding="utf-8") as handle:  # 'x': fails if the file exists
            handle.write(f"---\n{front}---\n{text}\n")
    except FileExistsError:
        raise ScaffoldError(f"{display_path(path)} already exists; pass --id with another name") from None
    return path


def _front_matter(body: str, shown: str) -> tuple[dict[str, Any], str]:
    """The front matter a text already starts with (read like an article's) and the text after it."""
    start = len(body) - len(body.lstrip())
    boundaries = list(FRONT_MATTER_BOUNDARY.finditer(body, start))[:2]
    if len(boundaries) < 2 or boundaries[0].start() != start:
        return {}, body
    opening, closing = boundaries
    try:
        meta = parse_yaml(body[opening.end():closing.start()], shown, body[:opening.end()].count("\n"))
    except InputError as err:
        raise ScaffoldError(str(err.problems[0])) from None
    if not isinstance(meta, dict):
        raise ScaffoldError(f"{shown}:{body[:opening.end()].count(chr(10)) + 1}: the text starts with a '---' block "
                            "that is not front matter ('key: value' lines); remove it, or pass only the article's text")
    rest = body[closing.end():]
    if second_front_matter(rest.strip()):
        line = body[:closing.end() + len(rest) - len(rest.lstrip())].count("\n") + 1
        raise ScaffoldError(f"{shown}:{line}: the text starts with a second front matter block; "
                            "keep one block of 'key: value' lines, then the article's text")
    return {key: value for key, value in meta.items() if value not in (None, "")}, rest


def _yaml_value(value: Any) -> str:
    """A front-matter value as one line of YAML: text in double quotes, other values as JSON."""
    if isinstance(value, str):
        value = " ".join(value.split())
    return json.dumps(value, ensure_ascii=False)


def _article_id(date: str, title: str, words: int = 6) -> str:
    """'2025-03' + the title's first words: '2025-03-acme-robotics-opens-a-factory'."""
    kept = slugify(title).split("-")[:words]
    while len(kept) > 1 and kept[-1] in _DANGLING:
        kept.pop()
    return f"{date[:7]}-{'-'.join(kept)}"


_DANGLING = frozenset("a an the and or of to in on at for with from by its their".split())


def _replace(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
