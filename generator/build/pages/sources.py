"""The list of articles, newest first, with how many figures each gives."""

from __future__ import annotations

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import Atlas
from generator.build.pages.common import Options, page
from generator.build.paths import SOURCES_INDEX, source_page


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The sources index."""
    sources = sorted(atlas.sources.values(), key=lambda s: (s.date.sort_key, s.id), reverse=True)
    rows = [(link_to(SOURCES_INDEX, source_page(s.id), s.title), s.date.display(), s.publisher,
             len(atlas.by_source[s.id][0])) for s in sources]
    body = env.get_template("sources.md.j2").render(rows=rows)
    return {SOURCES_INDEX: page({"title": "Sources", "description": f"The {len(rows)} articles every figure in the G60 Corridor Atlas "
                                                "is quoted from."}, body)}
