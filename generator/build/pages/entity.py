"""A profile: one entity with its key figures, time series, events, relations, mentions and sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from jinja2 import Environment
from markupsafe import Markup

from generator.build.charts import Bar, bar_chart
from generator.build.links import html_href, link_to
from generator.build.model import PREDICATES, TYPES, Atlas, Entity, Relation, Statement
from generator.build.opendata import jsonld
from generator.build.pages.common import (Citations, Options, byline, cite_all, description, latest_by_metric, page,
                                          shown_value, statement_note, tick_label, unit_name)
from generator.build.pages.map import locator_map
from generator.build.paths import DATA_INDEX, sector_page, source_page, type_index
from generator.build.searchindex import search_entry
from generator.build.text import figure


KEY_FIGURES = 8
"""Figures in a profile's At a glance box."""
COLLAPSE_OVER = 8
"""A relation list longer than this ('Links to', 'What links here') is folded, with its count."""
MENTIONS_QUOTED = 3
"""Passages naming the entity quoted in full under 'In the articles'; the others are folded, with their count."""


@dataclass(frozen=True)
class FigureRow:
    """One statement as shown on a page."""

    statement: Statement
    label: str
    shown: str
    cite: Markup
    conflict: bool
    note: str
    """Derivation, note and date note, for the reader."""


def series_chart(atlas: Atlas, entity: Entity, metric_id: str, statements: list[Statement]) -> Markup | None:
    """A bar chart of one metric's values over time on a profile, when it has two or more."""
    if len(statements) < 2:
        return None
    metric = atlas.metrics[metric_id]
    unit = statements[0].unit or metric.unit
    if any((s.unit or metric.unit) != unit for s in statements):
        return None
    bars = [Bar(s.when(), float(s.value or 0), figure(s.value, unit, s.qualifier),
                html_href(entity.url, source_page(s.source), f"L{atlas.sources[s.source].line_of(s.quote)}"),
                atlas.sources[s.source].title, s in atlas.disputed)
            for s in sorted(statements, key=lambda s: (s.date.sort_key, s.source))]
    title = f"{metric.label} of {entity.name}, by date ({unit_name(unit)})"
    return Markup(bar_chart(bars, f"chart-{metric_id}", title, unit_name(unit), tick_label(unit)))


def context(atlas: Atlas, entity: Entity) -> dict[str, Any]:
    """Everything entity.md.j2 shows of one entity."""
    path = entity.url
    cites = Citations(path, atlas)
    by_metric: dict[str, list[Statement]] = defaultdict(list)
    for st in entity.statements:
        by_metric[st.metric].append(st)
    singles, series, events = [], [], []
    for metric_id in sorted(by_metric, key=lambda m: atlas.metrics[m].label):
        statements = sorted(by_metric[metric_id], key=lambda s: (s.date.sort_key, s.source), reverse=True)
        rows = [FigureRow(st, atlas.metrics[st.metric].label, shown_value(atlas, st), cite_all(cites, st),
                          st in atlas.disputed, statement_note(st)) for st in statements]
        if atlas.metrics[metric_id].kind == "event":
            events.extend(rows)
        elif len(rows) == 1:
            singles.extend(rows)
        else:
            series.append((atlas.metrics[metric_id], rows, series_chart(atlas, entity, metric_id, statements)))
    events.sort(key=lambda r: r.statement.date.sort_key, reverse=True)
    key_figures = [(atlas.metrics[st.metric].label, shown_value(atlas, st), st.when(), cite_all(cites, st, compact=True))
                   for st in latest_by_metric(atlas, entity)[:KEY_FIGURES]]
    outgoing = _grouped(atlas, path, entity.relations, cites, lambda r: r.object, 0)
    incoming = _grouped(atlas, path, atlas.incoming.get(entity.id, ()), cites, lambda r: r.subject, 1)
    city = atlas.city_of(entity)
    mentions = [(link_to(path, source_page(sid), f"{atlas.sources[sid].title}, line {line}", f"L{line}"), text)
                for sid, line, text in atlas.mentions.get(entity.id, ())]
    source_ids = sorted(sorted({sid for sid, _ in cites.notes} | {sid for sid, _, _ in atlas.mentions.get(entity.id, ())}),
                        key=lambda s: atlas.sources[s].date.sort_key, reverse=True)  # same date: by id, not set order
    return dict(
        entity=entity, type=TYPES[entity.type], key_figures=key_figures, singles=singles, series=series,
        events=events, collapse=COLLAPSE_OVER, quoted=MENTIONS_QUOTED,
        outgoing=outgoing, incoming=incoming, mentions=mentions,
        city=link_to(path, city.url, city.name) if city and city.id != entity.id else None,
        sectors=[link_to(path, sector_page(s), atlas.sectors[s]) for s in entity.sectors],
        sources=[(link_to(path, source_page(s), atlas.sources[s].title), byline(atlas.sources[s]))
                 for s in source_ids],
        index=link_to(path, type_index(entity.type), TYPES[entity.type].plural),
        cites=cites, map=locator_map(atlas, entity),
        data=link_to(path, DATA_INDEX, "Open data (JSON, CSV)"),
    )


def _grouped(atlas: Atlas, path: str, relations: Iterable[Relation], cites: Citations,
             other: Callable[[Relation], str], side: int) -> list[tuple[str, list[tuple[Markup, str, str, Markup]]]]:
    """Relations grouped by the type of the entity at their other end."""
    groups: dict[str, list[tuple[Markup, str, str, Markup]]] = defaultdict(list)
    for rel in sorted(relations, key=lambda r: (atlas.entities[other(r)].name.casefold(), r.predicate, r.source)):
        target = atlas.entities[other(rel)]
        label = PREDICATES[rel.predicate][side]
        groups[target.type].append((link_to(path, target.url, target.name), label, rel.role,
                                    cites.cite(rel.source, rel.quote, "source")))
    return [(TYPES[t].plural, groups[t]) for t in TYPES if t in groups]


def units(atlas: Atlas) -> list[str]:
    """A profile per entity, by id."""
    return list(atlas.entities)


def unit_pages(env: Environment, atlas: Atlas, entity_id: str, options: Options) -> dict[str, str]:
    """One profile page."""
    entity = atlas.entities[entity_id]
    ctx = context(atlas, entity)
    line = atlas.lines[entity_id] if options.edit_lines else 0
    body = env.get_template("entity.md.j2").render(**ctx, edit_line=line)
    city = atlas.city_of(entity)
    kind = entity.kind[:1].upper() + entity.kind[1:] if entity.kind else TYPES[entity.type].singular
    figures = [shown_value(atlas, st) for st in entity.statements if st.value is not None]
    meta: dict[str, Any] = {"title": entity.name, "description": description(entity.summary),
                            "search_entry": search_entry(entity.name, kind,
                                                         city.name if city and city.id != entity.id else "",
                                                         entity.summary, [entity.name, *entity.aliases, entity.zh],
                                                         figures,
                                                         len(atlas.incoming.get(entity.id, ()))),
                            "hide": ["navigation"], "og_type": "article", "edit_path": atlas.facts_path,
                            "jsonld": jsonld(atlas, entity, options.site_url)}
    if line:
        meta["edit_line"] = line
    return {entity.url: page(meta, body)}
