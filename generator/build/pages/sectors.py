"""The sectors: an overview, and one page per sector listing its pages (Material's tags listing, scoped),
so that no listing holds the whole atlas."""

from __future__ import annotations

import json

from jinja2 import Environment
from markupsafe import Markup

from generator.build.links import link_to
from generator.build.model import Atlas
from generator.build.pages.common import page
from generator.build.paths import SECTORS_INDEX, sector_page
from generator.build.text import theme_text


def pages(env: Environment, atlas: Atlas, site_url: str) -> dict[str, str]:
    """The overview (sectors.md.j2) and a page per sector in use (sector.md.j2)."""
    counts = {key: 0 for key in atlas.sectors}
    for entity in atlas.entities.values():
        for sector in entity.sectors:
            counts[sector] += 1
    rows = [(link_to(SECTORS_INDEX, sector_page(key), label), counts[key])
            for key, label in sorted(atlas.sectors.items(), key=lambda kv: (kv[1].casefold(), kv[0])) if counts[key]]
    out = {SECTORS_INDEX: page({"description": "The sectors of the G60 Corridor Atlas, each with its pages."},
                               env.get_template("sectors.md.j2").render(rows=rows))}
    for key, label in atlas.sectors.items():
        if counts[key]:
            path = sector_page(key)
            scope = Markup(json.dumps({"include": [theme_text(label)]}, ensure_ascii=False))
            body = env.get_template("sector.md.j2").render(label=label, count=counts[key], scope=scope,
                                                           index=link_to(path, SECTORS_INDEX, "Sectors"))
            out[path] = page({"title": label, "description": f"Every page of the G60 Corridor "
                              f"Atlas in the sector {label}."}, body)
    return out
