"""Where the articles disagree: every disputed figure, side by side with the other values for its dates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import Atlas, Statement
from generator.build.pages.common import Options, page, shown_value, source_links
from generator.build.paths import DISPUTES


def context(atlas: Atlas) -> dict[str, Any]:
    """One group per entity and metric with disputed values: each value with its date, article and quote."""
    series: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in atlas.disputed:
        series[(st.entity, st.metric)].append(st)
    groups = []
    for (entity_id, metric_id), statements in sorted(
            series.items(), key=lambda kv: (atlas.entities[kv[0][0]].name.casefold(), kv[0])):
        entity = atlas.entities[entity_id]
        rows = [(shown_value(atlas, st), st.when(), source_links(DISPUTES, atlas, st), st.sources[0].quote, st.note)
                for st in sorted(statements, key=lambda s: (s.date.sort_key, s.sources[0].source))]
        groups.append((link_to(DISPUTES, entity.url, entity.name), atlas.metrics[metric_id].label, rows))
    return dict(groups=groups)


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The disputes page."""
    return {DISPUTES: page({"title": "Disputes", "description": "Every figure of the G60 Corridor Atlas that two "
                            "articles give differently for the same date, side by side with their sources."},
                           env.get_template("disputes.md.j2").render(**context(atlas)))}
