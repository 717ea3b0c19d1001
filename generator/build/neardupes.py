"""Near-duplicate names across entities (issue 14): a name or alias that looks like another entity's is
refused, unless the entry says the two are different with `distinct_from: [{id, reason}]`.

`distinct_from` is editorial: it is checked here and never published (the model and open data leave it out).
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from generator.build.load import LineDict
from generator.build.model import Atlas
from generator.build.schema import line_of
from generator.build.similar import Likeness, NameIndex, closeness
from generator.errors import Problem


def looks_like(eid: str, key: str, name: str, found: Likeness) -> str:
    """The problem's text, shared by `check` and `new`: "'x': name 'X' looks like 'Y' of 'y' (why)"."""
    return f"'{eid}': {key} '{name}' looks like '{found.name}' of '{found.owner}' ({found.reason})"


def fix_for(owner: str) -> str:
    """The fix: use the existing entity, or say that the two are different."""
    return (f"use the existing entity, or add it as an alias there; if they are different, say so with "
            f"'distinct_from: [{{id: {owner}, reason: ...}}]'")


def distinct_pairs(facts: LineDict) -> dict[str, list[tuple[str, str, int]]]:
    """Each entity's distinct_from entries: id -> [(other id, reason, line)]."""
    pairs: dict[str, list[tuple[str, str, int]]] = {}
    for index, raw in enumerate(facts.get("entities", [])):  # the schema has checked the file's shape
        for number, entry in enumerate(raw.get("distinct_from", [])):
            line = line_of(facts, ["entities", index, "distinct_from", number])
            pairs.setdefault(raw["id"], []).append((entry["id"], entry["reason"], line))
    return pairs


class _NearPairs:
    """Every entity's look-alike names of other entities, kept between runs: `serve` looks up again only
    the entities whose names changed (a full pass costs seconds at 10,000 entities)."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, ...]] = {}
        self.index = NameIndex()
        self.found: dict[str, list[tuple[str, Likeness]]] = {}

    def update(self, current: dict[str, tuple[str, ...]]) -> None:
        """Bring the index and the look-alikes up to date with the entities' names now."""
        changed = {eid for eid in current.keys() | self.names.keys() if current.get(eid) != self.names.get(eid)}
        if len(changed) > max(50, len(current) // 10):
            self.__init__()  # type: ignore[misc]  # many changes (another project): start afresh
            changed = set(current)
        for eid in changed:
            self.index.remove(eid)
            self.found.pop(eid, None)
        for eid in sorted(changed & current.keys()):
            for name in current[eid]:
                self.index.add(name, eid)
        for eid in sorted(changed & current.keys()):
            self.found[eid] = [(name, found) for name in current[eid] for found in self.index.similar(name)
                               if found.owner != eid and found.name.casefold() != name.casefold()]
        if changed and len(changed) < len(current):
            for eid, matches in self.found.items():  # a changed entity's side was looked up again above
                if eid not in changed and any(found.owner in changed for _, found in matches):
                    self.found[eid] = [(name, found) for name, found in matches if found.owner not in changed]
        self.names = dict(current)


_PAIRS = _NearPairs()


def check_near_duplicates(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """Each pair of entities with look-alike names, reported once, on the one lower in the file, at its
    name (or aliases) line; and each distinct_from names an existing other entity. An override whose names
    no longer look alike is accepted: the reason still records that the two are different. The same name
    in other case is _aliases' error, not this one's."""
    overrides = distinct_pairs(facts)
    problems = _overrides(atlas, overrides)
    apart = {frozenset((eid, other)) for eid, entries in overrides.items() for other, _, _ in entries}
    entities = atlas.entities
    _PAIRS.update({eid: tuple(e.names) for eid, e in entities.items()})
    toward: dict[tuple[str, str], list[tuple[str, Likeness]]] = {}
    for eid, matches in _PAIRS.found.items():
        for name, found in matches:
            if found.owner not in entities or frozenset((eid, found.owner)) in apart:
                continue
            if entities[eid].line > entities[found.owner].line:
                toward.setdefault((eid, found.owner), []).append((name, found))
            else:
                toward.setdefault((found.owner, eid), []).append((found.name, Likeness(name, eid, found.reason)))
    ranked = []
    for (later_id, earlier_id), matches in toward.items():
        later = entities[later_id]
        name, found = min(matches, key=lambda m: (later.names.index(m[0]), *closeness(*m), m[1].name))
        key = "name" if name == later.name else "alias"
        ranked.append(((later.line, later.names.index(name), closeness(name, found)[0], earlier_id),
                       Problem(atlas.facts_path, later.line_of("name" if key == "name" else "aliases"),
                               looks_like(later_id, key, name, found), fix_for(found.owner))))
    return problems + [problem for _, problem in sorted(ranked, key=lambda r: r[0])]


def _overrides(atlas: Atlas, overrides: dict[str, list[tuple[str, str, int]]]) -> list[Problem]:
    problems = []
    for eid, entries in overrides.items():
        for other, reason, line in entries:
            if other == eid:
                problems.append(Problem(atlas.facts_path, line, f"'{eid}': distinct_from names the entity itself",
                                        "name the other entity whose name looks like this one's"))
            elif other not in atlas.entities:
                guess = difflib.get_close_matches(other, list(atlas.entities), n=1, cutoff=0.6)
                problems.append(Problem(atlas.facts_path, line, f"'{eid}': distinct_from unknown id '{other}'",
                                        (f"did you mean '{guess[0]}'? otherwise " if guess else "")
                                        + "name an entity of the fact file"))
            elif not reason.strip():
                problems.append(Problem(atlas.facts_path, line, f"'{eid}': distinct_from '{other}' gives no reason",
                                        "say in 'reason:' why the two are different entities"))
    return problems


def similar_names(entities: Iterable[Any]) -> NameIndex:
    """One index over the names and aliases of raw entities (mappings with id, name, aliases)."""
    return NameIndex((str(n), str(raw.get("id"))) for raw in entities if hasattr(raw, "get")
                     for n in [raw.get("name", ""), *(raw.get("aliases") or [])] if n)
