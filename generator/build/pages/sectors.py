"""The sectors: an overview, and one page per sector listing its pages by type, so that no listing holds
the whole atlas. Written here rather than by Material's tags plugin: the plugin read every page's front
matter on each build (a tenth of a 10,000-entity build) and made a partial rebuild list only the pages
it rebuilt."""

from __future__ import annotations

from collections import defaultdict

from jinja2 import Environment
from markupsafe import Markup
from generator.build.links import link_to
from generator.build.model import TYPES, Atlas, Entity
from generator.build.pages.common import Options, page
from generator.build.paths import SECTORS_INDEX, sector_page
from generator.build.text import md


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The overview (sectors.md.j2) and a page per sector in use (sector.md.j2)."""
    members: dict[str, list[Entity]] = defaultdict(list)
    for entity in atlas.entities.values():
        for sector in entity.sectors:
            members[sector].append(entity)
    counts = {key: len(members[key]) for key in atlas.sectors}
    rows = [(link_to(SECTORS_INDEX, sector_page(key), label), counts[key])
            for key, label in sorted(atlas.sectors.items(), key=lambda kv: (kv[1].casefold(), kv[0])) if counts[key]]
    out = {SECTORS_INDEX: page({"title": "Sectors", "description": "The sectors of the G60 Corridor Atlas, each with its pages."},
                               env.get_template("sectors.md.j2").render(rows=rows))}
    for key, label in atlas.sectors.items():
        if counts[key]:
            path = sector_page(key)
            body = env.get_template("sector.md.j2").render(label=label, count=counts[key],
                                                           groups=_by_type(path, members[key]),
                                                           index=link_to(path, SECTORS_INDEX, "Sectors"))
            out[path] = page({"title": label, "description": f"Every page of the G60 Corridor "
                              f"Atlas in the sector {label}."}, body)
    return out


def _by_type(path: str, entities: list[Entity]) -> list[tuple[str, list[tuple[Markup, Markup]]]]:
    """(type's plural, [(link, ' · kind' or '')] sorted by name) for each type with pages in a sector."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[entity.type].append(entity)
    return [(TYPES[t].plural, [(link_to(path, e.url, e.name), Markup(" · ") + md(e.kind) if e.kind else Markup())
                               for e in sorted(groups[t], key=lambda e: (e.name.casefold(), e.id))])
            for t in TYPES if t in groups]
