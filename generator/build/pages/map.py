"""The corridor map, and the small locator map on city and district profiles."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.build.mapsvg import MapPoint, corridor_map
from generator.build.links import html_href, link_to
from generator.build.model import TYPES, Atlas, Entity
from generator.build.pages.common import Options, page
from generator.build.paths import MAP


def map_points(atlas: Atlas, path: str) -> list[MapPoint]:
    """The corridor's places on the map, with links from one page."""
    return sorted((MapPoint(e.id, e.name, e.coordinates[0], e.coordinates[1], html_href(path, e.url), e.type)
                   for e in atlas.corridor_places if e.coordinates), key=lambda p: p.id)


def locator_map(atlas: Atlas, entity: Entity) -> Markup | None:
    """A small corridor map with this place marked, for city and district pages."""
    points = map_points(atlas, entity.url)
    if entity.id not in {p.id for p in points} or len(points) < 2:
        return None
    return Markup(corridor_map(points, f"map-{entity.id}", highlight=entity.id, small=True))


def context(atlas: Atlas) -> dict[str, Any]:
    """Everything map.md.j2 shows."""
    points = map_points(atlas, MAP)
    entities = [atlas.entities[p.id] for p in points]
    return dict(svg=Markup(corridor_map(points, "corridor-map")),
                places=[(link_to(MAP, e.url, e.name), TYPES[e.type].singular, e.zh, e.summary)
                        for e in sorted(entities, key=lambda e: e.name)])


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The map page."""
    return {MAP: page({"title": "Map", "description": "A map of the G60 Science and Innovation Corridor's cities, "
                       "each linked to its page."}, env.get_template("map.md.j2").render(**context(atlas)))}
