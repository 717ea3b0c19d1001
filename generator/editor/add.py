"""`add metric|statement|relation|source`: insert one item into the fact file in its place.

Each edit is made with ruamel.yaml in round trip (every other byte of the file stays as it was), then
checked as `check` checks the file; only an edit that passes is written."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.build.load import display_path
from generator.build.model import DATE_BASES, PREDICATES, QUALIFIERS
from generator.build.pipeline import load_atlas
from generator.build.schema import slugify
from generator.editor.draftout import _add_key, _append, _put_tail, _take_tail
from generator.editor.scaffold import ScaffoldError, _guess, _replace, _yaml, load_for_edit

KINDS = ("event", "quantity")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")

Where = tuple[Any, ...]
"""Where the added item is in the file: keys and indexes from the top."""


@dataclass(frozen=True)
class Added:
    """What an `add` command inserted, and the line of the fact file it starts on."""

    what: str
    line: int


def add_metric(facts: Path, seeds: Path, metric_id: str, *, label: str, kind: str, unit: str | None = None,
               description: str | None = None) -> Added:
    """Define a metric after the last one of its kind (events and quantities are grouped)."""
    if kind not in KINDS:
        raise ScaffoldError(f"--kind: '{kind}' is not a kind; use one of: {', '.join(KINDS)}")
    if slugify(metric_id) != metric_id:
        raise ScaffoldError(f"'{metric_id}' is not a safe URL slug; use e.g. '{slugify(metric_id)}'")
    if unit and kind == "event":
        raise ScaffoldError("--unit is for quantities: an event has no value to measure; leave it out")

    def change(data: CommentedMap) -> Where:
        metrics = data.get("metrics")
        if not isinstance(metrics, CommentedMap):
            raise ScaffoldError(f"{display_path(facts)}: has no 'metrics:' block; run 'python -m generator check' first")
        if metric_id in metrics:
            line = metrics.lc.key(metric_id)[0] + 1
            raise ScaffoldError(f"{display_path(facts)}:{line}: metric '{metric_id}' is already defined; "
                                "use it, or give the new metric another id")
        entry = CommentedMap([("label", _text(label)), ("kind", kind)])
        if unit:
            entry["unit"] = _text(unit)
        if description:
            entry["description"] = _text(description)
        same = [key for key, raw in metrics.items() if isinstance(raw, CommentedMap) and raw.get("kind") == kind]
        if not same:
            _add_key(metrics, metric_id, entry)
        else:
            trailing = _take_tail(metrics[same[-1]])
            metrics.insert(list(metrics).index(same[-1]) + 1, metric_id, entry)
            _put_tail(entry, trailing)
        return ("metrics", metric_id)
    return _edit(facts, seeds, f"metric '{metric_id}'", change)


def add_statement(facts: Path, seeds: Path, entity: str, *, metric: str, date: str, source: str, quote: str,
                  value: str | None = None, qualifier: str | None = None, date_basis: str | None = None,
                  date_note: str | None = None, note: str | None = None) -> Added:
    """Append a statement to the end of an entity's `statements:` (made if absent)."""
    if qualifier and qualifier not in QUALIFIERS:
        raise ScaffoldError(f"--qualifier: '{qualifier}' is not a qualifier; use one of: {', '.join(QUALIFIERS)}")
    if date_basis and date_basis not in DATE_BASES:
        raise ScaffoldError(f"--date-basis: '{date_basis}' is not a date basis; use one of: {', '.join(DATE_BASES)}")
    number = _number(value) if value is not None else None

    def change(data: CommentedMap) -> Where:
        index, raw = _entity(data, facts, entity)
        _metric(data, metric)
        entry = CommentedMap([("metric", metric)])
        if number is not None:
            entry["value"] = number
        if qualifier:
            entry["qualifier"] = qualifier
        entry["date"] = DoubleQuotedScalarString(date)
        if date_basis:
            entry["date_basis"] = date_basis
        if date_note:
            entry["date_note"] = _text(date_note)
        entry["sources"] = CommentedSeq([_citation(source, quote)])
        if note:
            entry["note"] = _text(note)
        return ("entities", index, "statements", _append_to(raw, "statements", entry))
    return _edit(facts, seeds, f"statement '{metric}' to '{entity}'", change)


def add_relation(facts: Path, seeds: Path, entity: str, predicate: str, obj: str, *, source: str,
                 quote: str | None = None, role: str | None = None) -> Added:
    """Append a relation to the end of an entity's `relations:` (made if absent)."""
    if predicate not in PREDICATES:
        raise ScaffoldError(f"'{predicate}' is not a predicate; "
                            + _guess(predicate, list(PREDICATES), f"use one of: {', '.join(PREDICATES)}"))

    def change(data: CommentedMap) -> Where:
        index, raw = _entity(data, facts, entity)
        _entity(data, facts, obj, "OBJECT")
        entry = CommentedMap([("predicate", predicate), ("object", obj)])
        if role:
            entry["role"] = _text(role)
        entry["source"] = source
        if quote:
            entry["quote"] = _text(quote)
        return ("entities", index, "relations", _append_to(raw, "relations", entry))
    return _edit(facts, seeds, f"relation {predicate} '{obj}' to '{entity}'", change)


def add_source(facts: Path, seeds: Path, entity: str, *, metric: str, date: str, source: str, quote: str) -> Added:
    """Cite one more article for an entity's existing statement of that metric and date."""
    def change(data: CommentedMap) -> Where:
        index, raw = _entity(data, facts, entity)
        _metric(data, metric)
        statements = raw.get("statements") or []
        same = [i for i, s in enumerate(statements) if isinstance(s, CommentedMap) and s.get("metric") == metric]
        found = [i for i in same if str(statements[i].get("date")) == date]
        shown = display_path(facts)
        if len(found) != 1:
            where = f"{shown}:{raw.lc.line + 1}"
            if not found:
                dates = ", ".join(f"{statements[i].get('date')} (line {statements[i].lc.line + 1})" for i in same)
                raise ScaffoldError(f"{where}: '{entity}' has no statement '{metric}' dated {date}; "
                                    + (f"its '{metric}' statements are dated: {dates}" if dates else
                                       f"add it with 'python -m generator add statement {entity} ...'"))
            lines = ", ".join(str(statements[i].lc.line + 1) for i in found)
            raise ScaffoldError(f"{where}: '{entity}' has {len(found)} statements '{metric}' dated {date} "
                                f"(lines {lines}); add the source to the right one by hand")
        target = statements[found[0]]
        citations = target.get("sources")
        if not isinstance(citations, CommentedSeq):
            raise ScaffoldError(f"{shown}:{target.lc.line + 1}: the statement has no 'sources:' list; "
                                "run 'python -m generator check' and fix it first")
        _append(citations, _citation(source, quote))
        return ("entities", index, "statements", found[0], "sources", len(citations) - 1)
    return _edit(facts, seeds, f"source '{source}' to '{entity}' {metric} {date}", change)


def _edit(facts: Path, seeds: Path, what: str, change: Callable[[CommentedMap], Where]) -> Added:
    """Load the fact file, make the change, check the result as `check` does; write it only if it passes."""
    yaml = _yaml()
    data = load_for_edit(facts, yaml)
    where = change(data)
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    load_atlas(facts, seeds, facts_text=text)  # raises InputError: nothing is written
    _replace(facts, text)
    return Added(what=what, line=_line_of(yaml.load(text), where))


def _line_of(data: Any, where: Where) -> int:
    """The 1-based line where the item at that path starts."""
    *parents, last = where
    node = data
    for key in parents:
        node = node[key]
    return (node.lc.key(last) if isinstance(node, CommentedMap) else node.lc.item(last))[0] + 1


def _entity(data: CommentedMap, facts: Path, entity_id: str, role: str = "ENTITY") -> tuple[int, CommentedMap]:
    """The entity with that id and its index; an error with the nearest id otherwise."""
    ids = []
    for index, raw in enumerate(data["entities"]):
        if isinstance(raw, CommentedMap):
            if raw.get("id") == entity_id:
                return index, raw
            ids.append(str(raw.get("id")))
    raise ScaffoldError(f"{role}: no entity has the id '{entity_id}'; "
                        + _guess(entity_id, ids, f"see the ids in {display_path(facts)}, or add it with 'new'"))


def _metric(data: CommentedMap, metric: str) -> None:
    """Refuse a metric the file does not define, naming the nearest."""
    metrics = data.get("metrics")
    known = [str(key) for key in metrics] if isinstance(metrics, CommentedMap) else []
    if metric not in known:
        raise ScaffoldError(f"--metric: no metric '{metric}' under 'metrics:'; "
                            + _guess(metric, known, "define it first with 'python -m generator add metric'"))


def _append_to(raw: CommentedMap, key: str, entry: CommentedMap) -> int:
    """Append to an entity's list under key, making the list if absent; return the new item's index."""
    items = raw.get(key)
    if isinstance(items, CommentedSeq):
        _append(items, entry)
        return len(items) - 1
    if key in raw:
        raise ScaffoldError(f"line {raw.lc.key(key)[0] + 1}: '{key}:' is not a list; "
                            "run 'python -m generator check' and fix it first")
    _add_key(raw, key, CommentedSeq([entry]))
    return 0


def _citation(source: str, quote: str) -> CommentedMap:
    return CommentedMap([("source", source), ("quote", quote)])


def _text(value: str) -> str:
    """One line of text, as the fact file writes it."""
    return " ".join(value.split())


def _number(value: str) -> Any:
    """A value in digits as the file writes it (1.06e12 stays 1.06e12)."""
    if not NUMBER.fullmatch(value.strip()):
        raise ScaffoldError(f"--value: '{value}' is not a number; write it in digits with its scale, "
                            "e.g. 420, 41.6 or 1.06e12 for 1.06 trillion")
    return _yaml().load(value.strip())
