"""The stages in order: load, validate (two passes), model; then render and write."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from generator.errors import InputError
from generator.build.load import display_path, load_facts, load_seeds, load_site_url
from generator.build.model import TYPES, Atlas, build_atlas
from generator.build.schema import SCHEMA_PATH, check_schema
from generator.build.pages.common import Options
from generator.build.render import TEMPLATES, Rendering, add_files, render_changes
from generator.build.validate import check_atlas, check_seeds
from generator.build.write import WriteReport, exclusive, moved_since, up_to_date, write_pages


def load_atlas(facts_path: Path, seeds_dir: Path, facts_text: str | None = None) -> Atlas:
    """Load and validate everything; raise InputError listing every problem. With facts_text, check that
    text as if it were the fact file (the editing commands check an edit before writing it)."""
    atlas, check = load_unchecked(facts_path, seeds_dir, facts_text)
    check()
    return atlas


def load_unchecked(facts_path: Path, seeds_dir: Path,
                   facts_text: str | None = None) -> tuple[Atlas, Callable[[], None]]:
    """The atlas as far as it can be built (what cannot be read or fails the schema raises InputError), and
    the check of the rest (pass 2), which raises InputError listing every problem: the build renders while
    it runs, and writes nothing unless it passes."""
    raw_sources, problems = load_seeds(seeds_dir)
    problems += check_seeds(raw_sources)
    facts = load_facts(facts_path, facts_text)  # a syntax error stops here: nothing else can be read
    shown = display_path(facts_path)
    schema_problems = check_schema(facts, shown)
    if schema_problems:
        raise InputError(problems + schema_problems)
    atlas = build_atlas(facts, raw_sources, shown)

    def check() -> None:
        found = problems + check_atlas(atlas, facts)
        if found:
            raise InputError(found)
    return atlas, check


def summary(atlas: Atlas) -> str:
    """One line: entities per type, statements, relations, sources."""
    counts = Counter(e.type for e in atlas.entities.values())
    per_type = ", ".join(f"{counts[t]} {TYPES[t].plural.lower()}" for t in TYPES if counts[t])
    statements = sum(1 for _ in atlas.statements())
    relations = sum(1 for _ in atlas.relations())
    return (f"{len(atlas.entities)} entities ({per_type}); {statements} statements; "
            f"{relations} relations; {len(atlas.sources)} sources")


def stamp_inputs(facts_path: Path, seeds_dir: Path) -> list[Path]:
    """Every file the pages are made from: fact file, articles, schema, templates and the build's code."""
    code = Path(__file__).resolve().parent
    return [facts_path, SCHEMA_PATH, *sorted(p for p in seeds_dir.glob("*") if p.is_file()),
            *sorted(TEMPLATES.glob("*.j2")), *sorted(code.rglob("*.py"))]


def input_stamp(facts_path: Path, seeds_dir: Path, options: Options) -> str:
    """A hash of every input's name and bytes, and of the options ('' when an input cannot be read)."""
    digest = hashlib.sha256(repr(options).encode())
    try:
        add_files(digest, stamp_inputs(facts_path, seeds_dir))
    except OSError:
        return ""  # unreadable: take the slow path, which reports it
    return digest.hexdigest()


class Generator:
    """The build, run again and again by `serve`: each run renders only the pages the last edit can change.

    The first run renders every page. Each later run loads and checks everything again, then renders
    only the units (render.py) whose reads of the atlas changed, and keeps the other pages as the last
    run wrote them, unless they were touched on disk since."""

    def __init__(self, facts_path: Path, seeds_dir: Path, docs: Path, edit_lines: bool = True) -> None:
        self.facts_path, self.seeds_dir, self.docs = facts_path, seeds_dir, docs
        self.edit_lines = edit_lines
        self.last: Rendering | None = None

    def run(self) -> WriteReport:
        """Check, render what changed in memory, then write what differs; skip all when no input changed."""
        options = Options(load_site_url(self.docs.parent / "mkdocs.yml"), self.edit_lines)
        with exclusive(self.docs), collector_paused():
            stamp = input_stamp(self.facts_path, self.seeds_dir, options)
            pages_unchanged = up_to_date(self.docs, stamp)
            if pages_unchanged is not None:
                return WriteReport(written=(), removed=(), unchanged=pages_unchanged)
            atlas, check = load_unchecked(self.facts_path, self.seeds_dir)
            previous = self._trusted(self.last)
            pages, rendering = render_changes(atlas, options, previous=previous, meanwhile=check)
            report = write_pages(self.docs, pages, stamp, keep=rendering.paths - pages.keys())
            self.last = rendering
            return report

    def _trusted(self, last: Rendering | None) -> Rendering | None:
        """The last run's record without the units whose pages were changed or removed on disk since."""
        if last is None:
            return None
        moved = moved_since(self.docs, last.paths)
        if not moved:
            return last
        units = {key: unit for key, unit in last.units.items() if not moved.intersection(unit[1])}
        return Rendering(last.atlas, last.options, last.templates, units)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run: it makes few cycles, and each full collection would walk
    every object of the atlas kept from the last run (a fifth of an edit's run at 10,000 entities)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_pages(facts_path: Path, seeds_dir: Path, docs: Path, edit_lines: bool = True) -> WriteReport:
    """One run of the build: check, render every page in memory, then write what changed."""
    return Generator(facts_path, seeds_dir, docs, edit_lines).run()
