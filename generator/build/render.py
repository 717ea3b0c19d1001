"""Stage 4: every kind of page (pages/) rendered through its Jinja template -> {docs-relative path: text}, in memory.

A kind renders in units: one per entity, article or type index for the kinds with many pages, one for the
whole kind otherwise. Each unit's reads of the atlas are recorded (reads.py); given the previous run's
`Rendering`, a unit whose reads did not change is not rendered again.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.build.model import Atlas
from generator.build.pages import (data, entity, figure, figures, home, index, map, redirects, sectors, source,
                                   sources, timeline)
from generator.build.pages.common import Options
from generator.build.reads import Read, changed, recording, stale
from generator.build.text import md

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
KINDS = (home, entity, index, source, sources, sectors, timeline, map, figures, figure, data, redirects)
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


def render_changes(atlas: Atlas, options: Options, folder: Path = TEMPLATES,
                   previous: Rendering | None = None) -> tuple[dict[str, str], Rendering]:
    """The pages of every unit whose reads changed since `previous` (every page, without it), and this
    run's Rendering; the pages of the other units are unchanged and listed in its `units` only."""
    env = environment(folder)
    tables = atlas.tables()  # derived data computed first, so that no unit is charged with reading it all
    stamp = templates_stamp(folder)
    changes = None
    if previous is not None and (previous.options, previous.templates, previous.atlas.facts_path) == \
            (options, stamp, atlas.facts_path):
        changes = changed(previous.atlas.tables(), tables)
    pages: dict[str, str] = {}
    units: dict[str, tuple[frozenset[Read], tuple[str, ...]]] = {}
    for kind in KINDS:
        name = kind.__name__.rsplit(".", 1)[-1]
        for unit in kind.units(atlas) if hasattr(kind, "units") else [""]:
            key = f"{name}:{unit}"
            before = previous.units.get(key) if previous is not None and changes is not None else None
            if before is not None and not stale(before[0], changes or set()):
                units[key] = before
                continue
            with recording() as noted:
                out = kind.unit_pages(env, atlas, unit, options) if hasattr(kind, "units") else kind.pages(env, atlas, options)
            units[key] = (frozenset(noted), tuple(out))
            pages.update(out)
    return dict(sorted(pages.items())), Rendering(atlas, options, stamp, units)


def templates_stamp(folder: Path) -> str:
    """A hash of every template's name and text."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
