"""The home page: the corridor, its cities, headline figures and where to start."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import CORRIDOR_ID, TYPES, Atlas
from generator.build.pages.common import Citations, Options, cite_all, description, latest_by_metric, page, shown_value
from generator.build.paths import DATA_INDEX, FIGURES_INDEX, HOME, MAP, SOURCES_INDEX, timeline_page, type_index


HEADLINE_FIGURES = 8
"""The corridor's figures the home page shows (those its `at_a_glance` puts first); its profile has all."""


def context(atlas: Atlas) -> dict[str, Any]:
    """Everything home.md.j2 shows."""
    corridor = atlas.entities.get(CORRIDOR_ID)
    cities = [e for e in atlas.of_type("city") if e.id in atlas.corridor_members]
    cites = Citations(HOME, atlas)
    headline = []
    if corridor:
        headline = [(atlas.metrics[st.metric].label, shown_value(atlas, st), st.when(), cite_all(cites, st))
                    for st in latest_by_metric(atlas, corridor)[:HEADLINE_FIGURES]]
    sections = [(link_to(HOME, type_index(t.id), t.plural), len(atlas.of_type(t.id))) for t in TYPES.values()]
    more = len(latest_by_metric(atlas, corridor)) - len(headline) if corridor else 0
    return dict(more=more, corridor=corridor, corridor_link=link_to(HOME, corridor.url, corridor.name) if corridor else None,
                cities=[(link_to(HOME, c.url, c.name), c.zh, c.summary) for c in cities],
                headline=headline, sections=sections, cites=cites,
                sources=link_to(HOME, SOURCES_INDEX, f"{len(atlas.sources)} source articles"),
                explore=[link_to(HOME, target, label) for target, label in (
                    (timeline_page(1), "Timeline"), (MAP, "Map"), (FIGURES_INDEX, "Figures"),
                    (DATA_INDEX, "Open data"))],
                statements=sum(1 for _ in atlas.statements()))


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The home page."""
    ctx = context(atlas)
    body = env.get_template("home.md.j2").render(**ctx)
    about = (description(ctx["corridor"].summary) if ctx["corridor"]
             else "A sourced reference to the G60 Science and Innovation Corridor.")
    return {HOME: page({"title": "G60 Corridor Atlas", "description": about, "hide": ["navigation"]}, body)}
