"""`draft`'s output: the proposals as YAML to paste, or inserted into the fact file (`--apply`) with
ruamel.yaml in round-trip mode, so that every line outside the inserted parts stays byte for byte."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.build.model import Metric
from generator.editor.draft import REVIEW, Draft, Drafted
from generator.editor.scaffold import PLACEHOLDER, ScaffoldError, _insert, _replace, _tail, _yaml


def statement_map(item: Drafted, source: str) -> CommentedMap:
    """One drafted statement as the fact file writes it, marked for review."""
    entry = CommentedMap([("metric", item.metric)])
    if item.value is not None:
        entry["value"] = item.value
    for key in ("unit", "qualifier", "derived"):
        if getattr(item, key):
            entry[key] = getattr(item, key)
    entry["date"] = DoubleQuotedScalarString(item.date)
    if item.date_basis:
        entry["date_basis"] = item.date_basis
    entry["sources"] = CommentedSeq([citation(item, source)])
    entry["review"] = REVIEW
    return entry


def citation(item: Drafted, source: str) -> CommentedMap:
    """The article and the drafted quote."""
    return CommentedMap([("source", source), ("quote", item.quote)])


def metric_map(metric: Metric) -> CommentedMap:
    """A proposed metric, marked for review."""
    entry = CommentedMap([("label", metric.label), ("kind", metric.kind)])
    if metric.unit:
        entry["unit"] = metric.unit
    entry["review"] = REVIEW
    return entry


def _entity_map(result: Draft, index: int) -> CommentedMap:
    name = result.entities[index]
    entry = CommentedMap([("id", name.id), ("type", name.type), ("name", name.name), ("summary", PLACEHOLDER),
                          ("review", REVIEW)])
    mine = [statement_map(d, result.source.id) for d in result.statements if d.entity == name.id]
    if mine:
        entry["statements"] = CommentedSeq(mine)
    return entry


def as_yaml(result: Draft) -> str:
    """Every proposal as YAML, in sections that say where each part goes."""
    new_ids = {n.id for n in result.entities}
    data = CommentedMap()
    if result.metrics:
        data["metrics"] = CommentedMap((k, metric_map(m)) for k, m in result.metrics.items())
    if result.entities:
        data["entities"] = CommentedSeq(_entity_map(result, i) for i in range(len(result.entities)))
    statements: CommentedMap = CommentedMap()
    sources: CommentedMap = CommentedMap()
    for item in result.statements:
        if item.entity in new_ids:
            continue
        if item.adds_to is None:
            statements.setdefault(item.entity, CommentedSeq()).append(statement_map(item, result.source.id))
        else:
            sources.setdefault(item.entity, CommentedSeq()).append(CommentedMap([
                ("metric", item.metric), ("line", item.adds_to.line),
                ("add", CommentedSeq([citation(item, result.source.id)]))]))
    if statements:
        data["statements"] = statements
    if sources:
        data["sources"] = sources
    if result.aliases:
        data["aliases"] = CommentedMap()
        for name in result.aliases:
            data["aliases"].setdefault(name.alias_of, CommentedSeq()).append(
                CommentedMap([("alias", name.name), ("reason", name.reason)]))
    head = (f"# draft of {result.source.path}: {summary(result)}.\n"
            "# metrics: go under 'metrics:'; entities: new, after the last of their type; statements: under each "
            "entity's 'statements:';\n# sources: under the 'sources:' of the statement at that line; aliases: "
            "under the entity's 'aliases:'.\n# Every item is marked 'review: draft': check it against the article, "
            "then delete the mark (or run with --apply).\n")
    if not data:
        return head + "# nothing to add: the atlas has everything this article says that draft can read\n"
    out = io.StringIO()
    yaml = _yaml()
    yaml.dump(data, out)
    return head + out.getvalue()


def _take_tail(container: Any) -> Any:
    """Take away the comment trailing a container's last scalar (blank lines, the next section's header)."""
    node, key, slot = _tail(container)
    trailing = node.ca.items.get(key, [None] * 4)[slot] if node is not None else None
    if trailing is not None:
        node.ca.items[key][slot] = None
    return trailing


def _put_tail(container: Any, trailing: Any) -> None:
    """Hang a trailing comment on a container's (new) last scalar."""
    if trailing is None:
        return
    node, key, slot = _tail(container)
    if node is not None:
        node.ca.items.setdefault(key, [None] * 4)[slot] = trailing


def _append(seq: CommentedSeq, item: Any) -> None:
    """Append to a list of the file, keeping what followed it after the new item."""
    trailing = _take_tail(seq)
    seq.append(item)
    _put_tail(seq, trailing)


def _add_key(mapping: CommentedMap, key: str, value: Any) -> None:
    """Add a last key to a mapping of the file, keeping what followed it after the new key."""
    trailing = _take_tail(mapping)
    mapping[key] = value
    _put_tail(mapping, trailing)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary(result: Draft) -> str:
    """'3 statements (1 as a source of an existing one), 1 entity, 0 aliases, 0 metrics'."""
    sources = sum(1 for d in result.statements if d.adds_to)
    return (f"{_count(len(result.statements), 'statement')} ({sources} as sources of existing ones), "
            f"{_count(len(result.entities), 'entity').replace('entitys', 'entities')}, "
            f"{_count(len(result.aliases), 'alias').replace('aliass', 'aliases')}, {_count(len(result.metrics), 'metric')}")


def apply(facts: Path, result: Draft) -> int:
    """Insert every proposal into the fact file; return how many items went in."""
    yaml = _yaml()
    text = facts.read_text(encoding="utf-8")
    data = yaml.load(text)
    entities = data.get("entities") if isinstance(data, CommentedMap) else None
    if not isinstance(entities, CommentedSeq):
        raise ScaffoldError(f"{facts}: has no 'entities:' list; run 'python -m generator check' first")
    by_id = {raw.get("id"): raw for raw in entities if isinstance(raw, CommentedMap)}
    count = 0
    for key, metric in result.metrics.items():
        _add_key(data["metrics"], key, metric_map(metric))
        count += 1
    new_ids = {n.id for n in result.entities}
    for item in result.statements:
        if item.entity in new_ids:
            continue
        raw = by_id[item.entity]
        if item.adds_to is not None:
            target = next(s for s in raw.get("statements", []) if s.lc.line + 1 == item.adds_to.line)
            _append(target["sources"], citation(item, result.source.id))
            if "review" not in target:
                target.insert(list(target).index("sources"), "review", REVIEW)
        elif isinstance(raw.get("statements"), CommentedSeq):
            _append(raw["statements"], statement_map(item, result.source.id))
        else:
            _add_key(raw, "statements", CommentedSeq([statement_map(item, result.source.id)]))
        count += 1
    for name in result.aliases:
        raw = by_id[name.alias_of]
        aliases = raw.get("aliases")
        if isinstance(aliases, CommentedSeq):
            _append(aliases, name.name)
        else:
            raw.insert(list(raw).index("name") + 1, "aliases", CommentedSeq([name.name]))
        if "review" not in raw:
            raw.insert(list(raw).index("name") + 1, "review", REVIEW)
        count += 1
    for index, name in enumerate(result.entities):
        _insert(entities, name.type, _entity_map(result, index))
        count += 1
    out = io.StringIO()
    yaml.dump(data, out)
    _replace(facts, out.getvalue())
    return count
