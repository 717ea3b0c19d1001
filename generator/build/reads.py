"""What each page reads of the atlas, so that after an edit only the pages the edit can change are rendered.

The atlas keeps everything a page looks up in tables (`TrackedDict`): entities, sources, metrics and sectors
by id, and what is derived from them (what links here, mentions, each entity's city and disputed figures,
the entities of each type). While a page renders inside `recording()`, every lookup is noted as
(table, key); going through a whole table is noted as (table, ALL). After an edit, `changed` compares the
tables of the old atlas with the new one's, and `stale` tells whether a page read anything that changed.
A page's output is a function of what it read (the same templates and options), so a page whose reads
are all unchanged renders to the same text and is left as it is.
"""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterable, Iterator

ALL = "\0all"
"""The key noted when a page goes through a whole table rather than looking one key up."""

Read = tuple[str, str]
_recorders: list[set[Read]] = []


@contextlib.contextmanager
def recording() -> Iterator[set[Read]]:
    """Note every lookup in a tracked table until the block ends; nested blocks note into both."""
    reads: set[Read] = set()
    _recorders.append(reads)
    try:
        yield reads
    finally:
        _recorders.pop()
        if _recorders:
            _recorders[-1].update(reads)


def note(table: str, key: Any) -> None:
    """Record a lookup in the page being rendered, if one is."""
    if _recorders:
        _recorders[-1].add((table, key))


class TrackedDict(dict):  # type: ignore[type-arg]
    """A dict whose lookups are noted while a page renders; `table` names it in the notes."""

    def __init__(self, table: str, items: Any = ()) -> None:
        super().__init__(items)
        self.table = table

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.table, dict(self.raw_items())))

    def __getitem__(self, key: Any) -> Any:
        note(self.table, key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        note(self.table, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        note(self.table, key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        note(self.table, ALL)
        return super().__iter__()

    def __len__(self) -> int:
        note(self.table, ALL)
        return super().__len__()

    def keys(self) -> Any:
        note(self.table, ALL)
        return super().keys()

    def values(self) -> Any:
        note(self.table, ALL)
        return super().values()

    def items(self) -> Any:
        note(self.table, ALL)
        return super().items()

    def copy(self) -> dict[Any, Any]:
        note(self.table, ALL)
        return dict(super().items())

    def raw_items(self) -> Any:
        """The items, without noting a read (for comparing two atlases)."""
        return super().items()


class TrackedSet(frozenset):  # type: ignore[type-arg]
    """A frozenset whose membership tests are noted as (table, key(item)); going through it, as (table, ALL)."""

    table: str

    def __new__(cls, table: str, items: Iterable[Any], key: Callable[[Any], Any]) -> TrackedSet:
        made = super().__new__(cls, items)
        made.table, made.key = table, key
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_tracked_set, (self.table, frozenset(self.raw_items()), self.key))

    def __contains__(self, item: object) -> bool:
        note(self.table, self.key(item))
        return super().__contains__(item)

    def __iter__(self) -> Iterator[Any]:
        note(self.table, ALL)
        return super().__iter__()

    def __len__(self) -> int:
        note(self.table, ALL)
        return super().__len__()

    def raw_items(self) -> Iterator[Any]:
        """The items, without noting a read."""
        return super().__iter__()

    def table_by_key(self) -> TrackedDict:
        """The items grouped by key, as a table to compare: {key: frozenset of items}."""
        groups: dict[Any, set[Any]] = {}
        for item in self.raw_items():
            groups.setdefault(self.key(item), set()).add(item)
        return TrackedDict(self.table, {key: frozenset(items) for key, items in groups.items()})


def _tracked_set(table: str, items: frozenset[Any], key: Callable[[Any], Any]) -> TrackedSet:
    return TrackedSet(table, items, key)


def changed(old: dict[str, TrackedDict], new: dict[str, TrackedDict]) -> set[Read]:
    """Every (table, key) whose value differs between two atlases' tables, and (table, ALL) for each table
    with any difference."""
    out: set[Read] = set()
    for name in old.keys() | new.keys():
        before, after = dict(old.get(name, TrackedDict(name)).raw_items()), dict(new.get(name, TrackedDict(name)).raw_items())
        keys = [key for key in before.keys() | after.keys()
                if key not in before or key not in after or (before[key] is not after[key] and before[key] != after[key])]
        out.update((name, key) for key in keys)
        if keys:
            out.add((name, ALL))
    return out


def stale(reads: Iterable[Read], changes: set[Read]) -> bool:
    """Whether a page that read `reads` may render differently after `changes`."""
    return any(read in changes for read in reads)
