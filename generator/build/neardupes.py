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
from generator.build.similar import Likeness, NameIndex
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
    for index, raw in enumerate(facts.get("entities", [])):
        for number, entry in enumerate(raw.get("distinct_from", ()) or ()):
            line = line_of(facts, ["entities", index, "distinct_from", number])
            pairs.setdefault(raw["id"], []).append((entry["id"], entry["reason"], line))
    return pairs


def check_near_duplicates(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """Every entity's names against the names of the entities above it, through one index; and each
    distinct_from names an existing other entity. An override whose names no longer look alike is accepted:
    the reason still records that the two are different."""
    overrides = distinct_pairs(facts)
    problems = _overrides(atlas, overrides)
    apart = {frozenset((eid, other)) for eid, entries in overrides.items() for other, _, _ in entries}
    index = NameIndex()
    for entity in sorted(atlas.entities.values(), key=lambda e: e.line):
        reported: set[str] = set()
        for name in entity.names:
            key = "name" if name == entity.name else "alias"
            for found in index.similar(name):
                if (found.owner in reported or found.owner == entity.id or found.name.casefold() == name.casefold()
                        or frozenset((entity.id, found.owner)) in apart):
                    continue  # the same name in other case is _aliases' error
                reported.add(found.owner)
                problems.append(Problem(atlas.facts_path, entity.line_of("name" if key == "name" else "aliases"),
                                        looks_like(entity.id, key, name, found), fix_for(found.owner)))
        for name in entity.names:
            index.add(name, entity.id)
    return problems


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
