"""The timeline: every dated event, newest first, grouped by year, in pages of TIMELINE_PAGE_SIZE."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import TYPES, Atlas, Statement
from generator.build.pages.common import Citations, Options, cite_all, page
from generator.build.paths import timeline_page

TIMELINE_PAGE_SIZE = 250
"""Events per timeline page: older events move to timeline/2.md, 3.md..., so no page grows with the atlas."""


def contexts(atlas: Atlas) -> list[dict[str, Any]]:
    """One context per timeline page."""
    events = sorted((st for st in atlas.statements() if atlas.metrics[st.metric].kind == "event"),
                    key=lambda s: (s.date.sort_key, atlas.entities[s.entity].name, s.metric, s.source), reverse=True)
    chunks = [events[i:i + TIMELINE_PAGE_SIZE] for i in range(0, len(events), TIMELINE_PAGE_SIZE)] or [[]]
    choices = filter_options(atlas, events)
    return [context(atlas, chunk, number, len(chunks), len(events), choices)
            for number, chunk in enumerate(chunks, start=1)]


def filter_options(atlas: Atlas, events: list[Statement]) -> dict[str, list[tuple[str, str]]]:
    """The filter's choices, from every event of the timeline (not one page's): each city that has an event,
    by name, and each type, in TYPES order. Every page offers the same, so a filter carried from page to
    page (?city=...&type=...) finds its option there."""
    cities: dict[str, str] = {}
    types: set[str] = set()
    for st in events:
        entity = atlas.entities[st.entity]
        city = atlas.city_of(entity)
        if city:
            cities[city.id] = city.name
        types.add(TYPES[entity.type].id)
    return dict(cities=sorted(cities.items(), key=lambda c: (c[1], c[0])),
                types=[(t, TYPES[t].plural) for t in sorted(types, key=list(TYPES).index)])


def context(atlas: Atlas, events: list[Statement], number: int, pages: int, total: int,
            choices: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """Everything timeline.md.j2 shows on one page."""
    path = timeline_page(number)
    cites = Citations(path, atlas)
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for st in events:
        entity = atlas.entities[st.entity]
        city = atlas.city_of(entity)
        years[st.date.parts[0][0]].append(dict(
            date=st.when(), label=atlas.metrics[st.metric].label, type=TYPES[entity.type], city=city.id if city else "",
            entity_link=link_to(path, entity.url, entity.name), source_link=cite_all(cites, st),
        ))
    return dict(cites=cites, page=path, groups=sorted(years.items(), reverse=True), count=len(events), total=total,
                cities=choices["cities"], types=choices["types"], number=number, pages=pages,
                newer=link_to(path, timeline_page(number - 1), "Newer events") if number > 1 else None,
                older=link_to(path, timeline_page(number + 1), "Older events") if number < pages else None)


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """Every page of the timeline."""
    return {
        ctx["page"]: page({"title": "Timeline" if ctx["number"] == 1 else f"Timeline, page {ctx['number']}",
                           "description": "Every dated event in the G60 Corridor Atlas, newest first, each "
                                          "linked to its entity and its article."},
                          env.get_template("timeline.md.j2").render(**ctx))
        for ctx in contexts(atlas)
    }
