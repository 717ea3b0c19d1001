"""A type's index: every entity of one type with what it is, its city, sectors, a key figure and the start of
its summary (only what it has: no empty cells); split by letter when long."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import TYPES, Atlas, Entity
from generator.build.pages.common import Options, description, latest_by_metric, page, shown_value
from generator.build.paths import LETTER_KEYS, letter_page, type_index

INDEX_ROWS = 300
"""Most rows one index page lists; a longer index is split into one page per initial letter,
which keeps every page under ~200 KB of HTML and Zensical's 32,768 search positions."""


def index_letter(name: str) -> str:
    """The key an entity is filed under: 'a'-'z' by its name's first character, '0-9', or 'other'."""
    first = name.strip()[:1].casefold()
    if first.isascii() and first.isalpha():
        return first
    return "0-9" if first.isascii() and first.isdigit() else "other"


def _letter_label(key: str) -> str:
    return {"0-9": "0–9", "other": "Other"}.get(key, key.upper())


def context(atlas: Atlas, type_id: str, path: str, entities: list[Entity],
            letters: dict[str, int] | None = None, letter: str = "") -> dict[str, Any]:
    """Rows for the entities one index page lists, and links to the letter pages when split."""
    rows = []
    for entity in entities:
        city = atlas.city_of(entity)
        latest = latest_by_metric(atlas, entity)
        facts = [entity.kind, f"in {city.name}" if city and city.id != entity.id else "",
                 ", ".join(atlas.sectors[s] for s in entity.sectors),
                 f"{atlas.metrics[latest[0].metric].label}: {shown_value(atlas, latest[0])} ({latest[0].when()})"
                 if latest else ""]
        rows.append((link_to(path, entity.url, entity.name), [f for f in facts if f], description(entity.summary, 140)))
    letter_links = [(link_to(path, letter_page(type_id, k), _letter_label(k)), count)
                    for k, count in (letters or {}).items()]
    return dict(type=TYPES[type_id], rows=rows, letters=letter_links, letter=_letter_label(letter) if letter else "",
                total=sum((letters or {}).values()) or len(rows),
                up=link_to(path, type_index(type_id), TYPES[type_id].plural))


def unit_pages(env: Environment, atlas: Atlas, type_id: str, options: Options) -> dict[str, str]:
    """A type's index page; past INDEX_ROWS entities, a page of letters and one page per letter."""
    etype = TYPES[type_id]
    home = type_index(type_id)
    entities = atlas.of_type(type_id)
    template = env.get_template("index.md.j2")
    about = "with their city, sectors and a key figure."
    if len(entities) <= INDEX_ROWS:
        ctx = context(atlas, type_id, home, entities)
        return {home: page({"title": etype.plural, "description": f"All {len(entities)} {etype.plural.lower()} in the G60 Corridor Atlas, "
                                           + about}, template.render(**ctx))}
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[index_letter(entity.name)].append(entity)
    counts = {k: len(groups[k]) for k in LETTER_KEYS if k in groups}
    out = {home: page({"title": etype.plural, "description": f"All {len(entities)} {etype.plural.lower()} in the G60 Corridor Atlas, "
                                      "by first letter of their name."},
                      template.render(**context(atlas, type_id, home, [], counts)))}
    for key in counts:
        path = letter_page(type_id, key)
        ctx = context(atlas, type_id, path, groups[key], counts, key)
        out[path] = page({"title": f"{etype.plural}: {ctx['letter']}",
                          "description": f"The {len(groups[key])} {etype.plural.lower()} of the G60 Corridor "
                                         f"Atlas filed under {ctx['letter']}, " + about}, template.render(**ctx))
    return out


def units(atlas: Atlas) -> list[str]:
    """The index of every type, by type id."""
    return list(TYPES)
