"""Stage 4: every kind of page (pages/) rendered through its Jinja template -> {docs-relative path: text}, in memory.

A kind renders in units: one per entity, article or type index for the kinds with many pages, one for the
whole kind otherwise. Each unit's reads of the atlas are recorded (reads.py); given the previous run's
`Rendering`, a unit whose reads did not change is not rendered again.
"""

from __future__ import annotations

import hashlib
import html
import multiprocessing
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Callable, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.build.model import Atlas
from generator.build.pages import (data, disputes, entity, figure, figures, home, index, map, redirects, sectors,
                                   source, sources, timeline)
from generator.build.pages.common import Options
from generator.build.reads import Read, changed, recording, stale
from generator.build.text import md

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
KINDS = (home, entity, index, source, sources, sectors, timeline, map, figures, figure, disputes, data, redirects)
"""Every kind of page the site has, each a module of pages/: `units(atlas)` and `unit_pages(env, atlas,
unit, options)` for a kind of many pages, `pages(env, atlas, options)` for the others."""


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES) -> Environment:
    """Strict Jinja for Markdown: every {{ value }} is escaped unless built as Markup.

    One per folder and process: Jinja compiles each template once and recompiles it when its file
    changes (auto_reload), so `serve` and the tests do not pay for compiling on every run."""
    env = Environment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False, finalize=md)
    env.filters["md"] = md
    env.filters["h"] = lambda value: Markup(html.escape(str(value)))  # inside raw HTML blocks
    return env


@dataclass(frozen=True)
class Rendering:
    """One run's record, for the next: its atlas, how it rendered, and per unit what it read and wrote."""

    atlas: Atlas
    options: Options
    templates: str
    """A hash of the templates' names and text."""
    units: dict[str, tuple[frozenset[Read], tuple[str, ...]]]
    """{'entity:songjiang': (reads, paths)}: what each unit read, and the pages it made."""

    @property
    def paths(self) -> set[str]:
        """Every page of the run, rendered or kept."""
        return {path for _, paths in self.units.values() for path in paths}


def render_site(atlas: Atlas, folder: Path = TEMPLATES, site_url: str = "", edit_lines: bool = True) -> dict[str, str]:
    """Every page and file the generator owns, by docs-relative path."""
    pages, _ = render_changes(atlas, Options(site_url, edit_lines), folder)
    return pages


def render_changes(atlas: Atlas, options: Options, folder: Path = TEMPLATES, previous: Rendering | None = None,
                   processes: int | None = None,
                   meanwhile: Callable[[], None] = lambda: None) -> tuple[dict[str, str], Rendering]:
    """The pages of every unit whose reads changed since `previous` (every page, without it), and this
    run's Rendering; the pages of the other units are unchanged and listed in its `units` only.

    `processes`: 2 renders a share of the units in a forked process; None chooses (see `_processes`).
    `meanwhile` runs before this process renders its share (the atlas's check, pass 2: what it raises
    stops the render, the forked process included)."""
    env = environment(folder)
    tables = atlas.tables()  # derived data computed first, so that no unit is charged with reading it all
    stamp = templates_stamp(folder)
    changes = None
    if previous is not None and (previous.options, previous.templates, previous.atlas.facts_path) == \
            (options, stamp, atlas.facts_path):
        changes = changed(previous.atlas.tables(), tables)
    units: dict[str, Unit] = {}
    todo: list[tuple[str, ModuleType, str]] = []
    for kind in KINDS:
        name = kind.__name__.rsplit(".", 1)[-1]
        for unit in kind.units(atlas) if hasattr(kind, "units") else [""]:
            key = f"{name}:{unit}"
            before = previous.units.get(key) if previous is not None and changes is not None else None
            if before is not None and not stale(before[0], changes or set()):
                units[key] = before
            else:
                todo.append((key, kind, unit))
    rendered = _render_all(env, atlas, options, todo, _processes(len(todo)) if processes is None else processes,
                           meanwhile)
    pages: dict[str, str] = {}
    for key, (noted, out) in rendered.items():
        units[key] = (noted, tuple(out))
        pages.update(out)
    return dict(sorted(pages.items())), Rendering(atlas, options, stamp, units)


Unit = tuple[frozenset[Read], tuple[str, ...]]
PARALLEL_UNITS = 2000
"""From this many units to render, a second process renders half of them (forking costs ~0.1 s)."""


def _processes(units: int) -> int:
    """2 when there is much to render, a second core, and no thread that forking could copy mid-step."""
    can_fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return 2 if units >= PARALLEL_UNITS and can_fork and (os.cpu_count() or 1) > 1 else 1


_work: tuple[Environment, Atlas, Options, list[tuple[str, ModuleType, str]]] | None = None
"""What a forked process renders from (it inherits it; nothing is pickled on the way in)."""


def _render_all(env: Environment, atlas: Atlas, options: Options, todo: list[tuple[str, ModuleType, str]],
                processes: int, meanwhile: Callable[[], None]) -> dict[str, tuple[frozenset[Read], dict[str, str]]]:
    """Each unit's reads and pages, by key. With 2 processes, a forked child renders two units in three
    while this one runs `meanwhile` (about the time of the third) and then renders the third."""
    global _work
    if processes < 2 or len(todo) < 3:
        meanwhile()
        return _render_units(env, atlas, options, todo)
    _work = (env, atlas, options, todo)
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            theirs = pool.apply_async(_render_share, ())
            meanwhile()
            mine = _render_units(env, atlas, options, todo[0::3])
            return mine | theirs.get()
    finally:
        _work = None


def _render_share() -> dict[str, tuple[frozenset[Read], dict[str, str]]]:
    """In the forked process: its share of the units (two in three)."""
    assert _work is not None
    env, atlas, options, todo = _work
    return _render_units(env, atlas, options, [unit for n, unit in enumerate(todo) if n % 3])


def _render_units(env: Environment, atlas: Atlas, options: Options,
                  todo: list[tuple[str, ModuleType, str]]) -> dict[str, tuple[frozenset[Read], dict[str, str]]]:
    out = {}
    for key, kind, unit in todo:
        with recording() as noted:
            pages = kind.unit_pages(env, atlas, unit, options) if hasattr(kind, "units") else \
                kind.pages(env, atlas, options)
        out[key] = (frozenset(noted), pages)
    return out


def templates_stamp(folder: Path) -> str:
    """A hash of every template's name and text."""
    digest = hashlib.sha256()
    add_files(digest, sorted(folder.glob("*.j2")))
    return digest.hexdigest()


class Digest(Protocol):
    """A hash being fed (hashlib names its own type only privately)."""

    def update(self, data: bytes, /) -> None: ...


def add_files(digest: Digest, paths: list[Path]) -> None:
    """Add each file's name and bytes to a hash, each led by its length: no two lists of files hash alike,
    whatever bytes they hold (an OSError of a file that cannot be read is the caller's)."""
    for path in paths:
        name, data = path.name.encode(), path.read_bytes()
        digest.update(b"%d:%b%d:%b" % (len(name), name, len(data), data))
