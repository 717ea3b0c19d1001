"""The stages in order: load, validate (two passes), model; then render and write."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from generator.errors import InputError
from generator.build.load import display_path, load_facts, load_seeds, load_site_url
from generator.build.model import TYPES, Atlas, build_atlas
from generator.build.schema import SCHEMA_PATH, check_schema
from generator.build.render import TEMPLATES, render_site
from generator.build.validate import check_atlas, check_seeds
from generator.build.write import WriteReport, exclusive, up_to_date, write_pages


def load_atlas(facts_path: Path, seeds_dir: Path) -> Atlas:
    """Load and validate everything; raise InputError listing every problem."""
    raw_sources, problems = load_seeds(seeds_dir)
    problems += check_seeds(raw_sources)
    facts = load_facts(facts_path)  # a syntax error stops here: nothing else can be read
    shown = display_path(facts_path)
    schema_problems = check_schema(facts, shown)
    if schema_problems:
        raise InputError(problems + schema_problems)
    atlas = build_atlas(facts, raw_sources, shown)
    problems += check_atlas(atlas, facts)
    if problems:
        raise InputError(problems)
    return atlas


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


def input_stamp(facts_path: Path, seeds_dir: Path, site_url: str) -> str:
    """A hash of every input's name and bytes, and of the site's URL ('' when one cannot be read)."""
    digest = hashlib.sha256(site_url.encode())
    for path in stamp_inputs(facts_path, seeds_dir):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            return ""  # unreadable: take the slow path, which reports it
    return digest.hexdigest()


def build_pages(facts_path: Path, seeds_dir: Path, docs: Path) -> WriteReport:
    """Check, render every page in memory, then write what changed; skip all when no input changed."""
    site_url = load_site_url(docs.parent / "mkdocs.yml")
    with exclusive(docs):
        stamp = input_stamp(facts_path, seeds_dir, site_url)
        pages_unchanged = up_to_date(docs, stamp)
        if pages_unchanged is not None:
            return WriteReport(written=(), removed=(), unchanged=pages_unchanged)
        atlas = load_atlas(facts_path, seeds_dir)
        pages = render_site(atlas, site_url=site_url)
        return write_pages(docs, pages, stamp)
