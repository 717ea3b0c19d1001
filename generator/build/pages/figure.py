"""One metric across places and years: the largest values, charted and listed with their sources."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.build.charts import Bar, bar_chart
from generator.build.links import html_href, link_to
from generator.build.model import Atlas, Statement
from generator.build.pages.common import Citations, Options, cite_all, page, tick_label, unit_name
from generator.build.pages.figures import comparable
from generator.build.paths import DATA_INDEX, FIGURES_INDEX, figure_page, source_page
from generator.build.text import figure

FIGURES_ROWS = 50
"""Values listed per metric on its figures page (largest first); the rest are in the open data."""
FIGURES_BARS = 12


def context(atlas: Atlas, metric_id: str, statements: list[Statement]) -> dict[str, Any]:
    """Everything figure.md.j2 shows of one metric."""
    path = figure_page(metric_id)
    metric = atlas.metrics[metric_id]
    ranked = sorted(statements, key=lambda s: (-(s.value or 0), atlas.entities[s.entity].name, s.date.sort_key))
    shown = ranked[:FIGURES_ROWS]
    cites = Citations(path, atlas)
    rows = [(link_to(path, atlas.entities[s.entity].url, atlas.entities[s.entity].name),
             figure(s.value, s.unit or metric.unit, s.qualifier), s.when(), cite_all(cites, s))
            for s in shown]
    unit = shown[0].unit or metric.unit
    chart = None
    charted = shown[:FIGURES_BARS]
    if all((s.unit or metric.unit) == unit for s in charted):
        bars = [Bar(f"{atlas.entities[s.entity].name}, {s.date.year}", float(s.value or 0),
                    figure(s.value, unit, s.qualifier),
                    html_href(path, source_page(s.source), f"L{atlas.sources[s.source].line_of(s.quote)}"),
                    atlas.sources[s.source].title) for s in sorted(charted, key=lambda s: (s.date.sort_key, s.entity))]
        chart = Markup(bar_chart(bars, f"figure-{metric_id}", f"{metric.label}, by place and date "
                                 f"({unit_name(unit)})", unit_name(unit), tick_label(unit)))
    return dict(cites=cites, metric=metric, rows=rows, chart=chart, total=len(statements), charted=len(charted),
                entities=len({s.entity for s in statements}), index=link_to(path, FIGURES_INDEX, "Figures"),
                data=link_to(path, DATA_INDEX, "open data"))


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """A page per comparable metric."""
    out = {}
    for metric_id, statements in comparable(atlas).items():
        ctx = context(atlas, metric_id, statements)
        out[figure_page(metric_id)] = page(
            {"title": ctx["metric"].label, "description": f"{ctx['metric'].label} across places and years in the "
             "G60 Corridor Atlas, each value linked to its article."},
            env.get_template("figure.md.j2").render(**ctx))
    return out
