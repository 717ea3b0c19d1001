"""The metrics measured on more than one entity: an overview, linking to one page each (figure.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import Atlas, Statement
from generator.build.pages.common import Options, page
from generator.build.paths import FIGURES_INDEX, figure_page


def comparable(atlas: Atlas) -> dict[str, list[Statement]]:
    """Quantity metrics measured on two or more entities, with their statements."""
    by_metric: dict[str, list[Statement]] = defaultdict(list)
    for st in atlas.statements():
        if atlas.metrics[st.metric].kind == "quantity":
            by_metric[st.metric].append(st)
    return {m: sts for m, sts in sorted(by_metric.items(), key=lambda kv: (atlas.metrics[kv[0]].label, kv[0]))
            if len({s.entity for s in sts}) > 1}


def context(atlas: Atlas) -> dict[str, Any]:
    """One row per comparable metric, linking to its page."""
    rows = []
    for metric_id, statements in comparable(atlas).items():
        metric = atlas.metrics[metric_id]
        years = sorted({s.date.year for s in statements})
        span = f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])
        rows.append((link_to(FIGURES_INDEX, figure_page(metric_id), metric.label),
                     len({s.entity for s in statements}), len(statements), span))
    return dict(rows=rows)


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The figures overview."""
    return {FIGURES_INDEX: page({"title": "Figures", "description": "The atlas's metrics compared across places and "
                                 "years, each value linked to its article."},
                                env.get_template("figures.md.j2").render(**context(atlas)))}
