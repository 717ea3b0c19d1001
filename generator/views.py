"""Pages beyond the profiles: timeline, map, figures and open data; charts and maps for profiles."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.charts import Bar, MapPoint, bar_chart, corridor_map
from generator.links import html_href, link_to
from generator.model import TYPES, Atlas, Entity, Statement
from generator.opendata import CSV_FILES, DATA_FORMAT, DATA_VERSION, atlas_csv, atlas_json
from generator.text import figure, number


def map_points(atlas: Atlas, page: str) -> list[MapPoint]:
    """The corridor's places on the map, with links from one page."""
    return sorted((MapPoint(e.id, e.name, e.coordinates[0], e.coordinates[1], html_href(page, e.url))
                   for e in atlas.corridor_places if e.coordinates), key=lambda p: p.id)


def locator_map(atlas: Atlas, entity: Entity) -> Markup | None:
    """A small corridor map with this place marked, for city and district pages."""
    points = map_points(atlas, entity.url)
    if entity.id not in {p.id for p in points} or len(points) < 2:
        return None
    return Markup(corridor_map(points, f"map-{entity.id}", highlight=entity.id, small=True))


def _tick_label(unit: str) -> Any:
    return lambda value: figure(value, unit) if unit not in ("count", "rank") else number(value)


def series_chart(atlas: Atlas, entity: Entity, metric_id: str, statements: list[Statement]) -> Markup | None:
    """A bar chart of one metric's values over time on a profile, when it has two or more."""
    if len(statements) < 2:
        return None
    metric = atlas.metrics[metric_id]
    unit = statements[0].unit or metric.unit
    if any((s.unit or metric.unit) != unit for s in statements):
        return None
    clash = {s for s in statements if sum(o.date == s.date and o.value != s.value for o in statements)}
    bars = [Bar(s.date.display(), float(s.value or 0), figure(s.value, unit, s.qualifier),
                html_href(entity.url, f"sources/{s.source}.md", f"L{atlas.sources[s.source].line_of(s.quote)}"),
                atlas.sources[s.source].title, s in clash)
            for s in sorted(statements, key=lambda s: (s.date.sort_key, s.source))]
    title = f"{metric.label} of {entity.name}, by date ({_unit_name(unit)})"
    return Markup(bar_chart(bars, f"chart-{metric_id}", title, _unit_name(unit), _tick_label(unit)))


def _unit_name(unit: str) -> str:
    return {"count": "number", "percent": "percent", "CNY": "yuan", "USD": "US dollars", "km2": "km²",
            "m2": "m²", "rank": "rank"}.get(unit, unit)


TIMELINE_PAGE_SIZE = 250
"""Events per timeline page: older events move to timeline/2.md, 3.md..., so no page grows with the atlas."""
FIGURES_ROWS = 50
"""Values listed per metric on its figures page (largest first); the rest are in the open data."""
FIGURES_BARS = 12


def _timeline_page(number: int) -> str:
    return "timeline.md" if number == 1 else f"timeline/{number}.md"


def timeline_pages(atlas: Atlas) -> list[dict[str, Any]]:
    """Every event statement, newest first, in pages of TIMELINE_PAGE_SIZE, each grouped by year."""
    events = sorted((st for st in atlas.statements() if atlas.metrics[st.metric].kind == "event"),
                    key=lambda s: (s.date.sort_key, atlas.entities[s.entity].name, s.metric, s.source), reverse=True)
    chunks = [events[i:i + TIMELINE_PAGE_SIZE] for i in range(0, len(events), TIMELINE_PAGE_SIZE)] or [[]]
    return [_timeline_context(atlas, chunk, number, len(chunks), len(events))
            for number, chunk in enumerate(chunks, start=1)]


def _timeline_context(atlas: Atlas, events: list[Statement], number: int, pages: int, total: int) -> dict[str, Any]:
    page = _timeline_page(number)
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    cities: dict[str, str] = {}
    for st in events:
        entity, source = atlas.entities[st.entity], atlas.sources[st.source]
        city = atlas.city_of(entity)
        if city:
            cities[city.id] = city.name
        years[st.date.parts[0][0]].append(dict(
            statement=st, date=st.date.display(), label=atlas.metrics[st.metric].label, entity=entity,
            type=TYPES[entity.type], city=city.id if city else "",
            entity_link=link_to(page, entity.url, entity.name),
            source_link=link_to(page, f"sources/{source.id}.md", source.title, f"L{source.line_of(st.quote)}"),
        ))
    types = sorted({TYPES[atlas.entities[st.entity].type].id for st in events}, key=list(TYPES).index)
    return dict(page=page, groups=sorted(years.items(), reverse=True), count=len(events), total=total,
                cities=sorted(cities.items(), key=lambda c: (c[1], c[0])),
                types=[(t, TYPES[t].plural) for t in types], number=number, pages=pages,
                newer=link_to(page, _timeline_page(number - 1), "Newer events") if number > 1 else None,
                older=link_to(page, _timeline_page(number + 1), "Older events") if number < pages else None)


def map_context(atlas: Atlas) -> dict[str, Any]:
    points = map_points(atlas, "map.md")
    entities = [atlas.entities[p.id] for p in points]
    return dict(svg=Markup(corridor_map(points, "corridor-map")),
                places=[(link_to("map.md", e.url, e.name), TYPES[e.type].singular, e.zh, e.summary)
                        for e in sorted(entities, key=lambda e: e.name)])


def _comparable(atlas: Atlas) -> dict[str, list[Statement]]:
    """Quantity metrics measured on two or more entities, with their statements."""
    by_metric: dict[str, list[Statement]] = defaultdict(list)
    for st in atlas.statements():
        if atlas.metrics[st.metric].kind == "quantity":
            by_metric[st.metric].append(st)
    return {m: sts for m, sts in sorted(by_metric.items(), key=lambda kv: (atlas.metrics[kv[0]].label, kv[0]))
            if len({s.entity for s in sts}) > 1}


def figures_index_context(atlas: Atlas) -> dict[str, Any]:
    """One row per comparable metric, linking to its page."""
    rows = []
    for metric_id, statements in _comparable(atlas).items():
        metric = atlas.metrics[metric_id]
        years = sorted({s.date.year for s in statements})
        span = f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])
        rows.append((link_to("figures.md", f"figures/{metric_id}.md", metric.label),
                     len({s.entity for s in statements}), len(statements), span))
    return dict(rows=rows)


def figure_context(atlas: Atlas, metric_id: str, statements: list[Statement]) -> dict[str, Any]:
    """One metric across places and years: the largest values, charted and listed with their sources."""
    page = f"figures/{metric_id}.md"
    metric = atlas.metrics[metric_id]
    ranked = sorted(statements, key=lambda s: (-(s.value or 0), atlas.entities[s.entity].name, s.date.sort_key))
    shown = ranked[:FIGURES_ROWS]
    rows = [(link_to(page, atlas.entities[s.entity].url, atlas.entities[s.entity].name),
             figure(s.value, s.unit or metric.unit, s.qualifier), s.date.display(),
             link_to(page, f"sources/{s.source}.md", atlas.sources[s.source].title,
                     f"L{atlas.sources[s.source].line_of(s.quote)}")) for s in shown]
    unit = shown[0].unit or metric.unit
    chart = None
    charted = shown[:FIGURES_BARS]
    if all((s.unit or metric.unit) == unit for s in charted):
        bars = [Bar(f"{atlas.entities[s.entity].name[:14]} {s.date.year}", float(s.value or 0),
                    figure(s.value, unit, s.qualifier),
                    html_href(page, f"sources/{s.source}.md", f"L{atlas.sources[s.source].line_of(s.quote)}"),
                    atlas.sources[s.source].title) for s in sorted(charted, key=lambda s: (s.date.sort_key, s.entity))]
        chart = Markup(bar_chart(bars, f"figure-{metric_id}", f"{metric.label}, by place and date "
                                 f"({_unit_name(unit)})", _unit_name(unit), _tick_label(unit)))
    return dict(metric=metric, rows=rows, chart=chart, total=len(statements), charted=len(charted),
                entities=len({s.entity for s in statements}), index=link_to(page, "figures.md", "Figures"),
                data=link_to(page, "data/index.md", "open data"))


def data_context(atlas: Atlas) -> dict[str, Any]:
    return dict(version=DATA_VERSION, format=DATA_FORMAT, csv_files=CSV_FILES,
                entities=len(atlas.entities), statements=sum(1 for _ in atlas.statements()),
                relations=sum(1 for _ in atlas.relations()), sources=len(atlas.sources))


def data_files(atlas: Atlas) -> dict[str, str]:
    """The downloadable files, by docs-relative path."""
    files = {"data/atlas.json": atlas_json(atlas)}
    files.update({f"data/{name}": text for name, text in atlas_csv(atlas).items()})
    return files


def render_extra_pages(env: Environment, atlas: Atlas, page: Any) -> dict[str, str]:
    """Timeline, map, figures and data pages, and the data files; `page` wraps front matter and body."""
    out = {
        ctx["page"]: page({"title": "Timeline" if ctx["number"] == 1 else f"Timeline, page {ctx['number']}",
                           "description": "Every dated event in the G60 Corridor Atlas, newest first, each "
                           "linked to its entity and its article."},
                          env.get_template("timeline.md.j2").render(**ctx))
        for ctx in timeline_pages(atlas)
    }
    for metric_id, statements in _comparable(atlas).items():
        ctx = figure_context(atlas, metric_id, statements)
        out[f"figures/{metric_id}.md"] = page(
            {"title": ctx["metric"].label, "description": f"{ctx['metric'].label} across places and years in the "
             "G60 Corridor Atlas, each value linked to its article."},
            env.get_template("figure.md.j2").render(**ctx))
    out.update({
        "map.md": page({"title": "Map", "description": "A map of the G60 Science and Innovation Corridor's cities, "
                        "each linked to its page."}, env.get_template("map.md.j2").render(**map_context(atlas))),
        "figures.md": page({"title": "Figures", "description": "The atlas's metrics compared across places and "
                            "years, each value linked to its article."},
                           env.get_template("figures.md.j2").render(**figures_index_context(atlas))),
        "data/index.md": page({"title": "Open data", "description": "The whole G60 Corridor Atlas as JSON and CSV: "
                               "entities, relations and sourced statements."},
                              env.get_template("data.md.j2").render(**data_context(atlas))),
    })
    out.update(data_files(atlas))
    return out
