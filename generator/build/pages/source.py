"""An article's page: what it says (by line, so footnotes land on the sentence) and what the atlas quotes from it."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.build.links import link_to
from generator.build.model import TYPES, Atlas, Source
from generator.build.pages.common import Options, description, page, shown_value
from generator.build.paths import SOURCES_INDEX, source_page
from generator.build.searchindex import search_entry
from generator.build.text import md


def context(atlas: Atlas, source: Source) -> dict[str, Any]:
    """Everything source.md.j2 shows of one article."""
    path = source_page(source.id)
    cited, citing_relations, mentioned = atlas.by_source[source.id]
    statements = sorted(cited, key=lambda s: (atlas.entities[s.entity].name.casefold(), s.metric, s.date.sort_key))
    rows = [(link_to(path, atlas.entities[st.entity].url, atlas.entities[st.entity].name),
             atlas.metrics[st.metric].label, shown_value(atlas, st), st.when(),
             Markup(" · ".join(link_to(path, path, f"line {source.line_of(c.quote)}", f"L{source.line_of(c.quote)}")
                               for c in st.sources if c.source == source.id)))
            for st in statements]
    citing = {st.entity for st in statements} | citing_relations
    entities = sorted((atlas.entities[e] for e in citing | mentioned), key=lambda e: (e.name.casefold(), e.id))
    original = Markup(f"[{md(source.url)}](<{source.url}>)") if source.url else None
    return dict(source=source, rows=rows, original=original,
                entities=[(link_to(path, e.url, e.name), TYPES[e.type].singular) for e in entities],
                paragraphs=source.paragraphs, index=link_to(path, SOURCES_INDEX, "Sources"))


def units(atlas: Atlas) -> list[str]:
    """A page per article, by id."""
    return list(atlas.sources)


def unit_pages(env: Environment, atlas: Atlas, source_id: str, options: Options) -> dict[str, str]:
    """One article's page."""
    source = atlas.sources[source_id]
    body = env.get_template("source.md.j2").render(**context(atlas, source))
    return {source_page(source.id): page(
        {"title": source.title, "description": description(source.summary or source.title),
         "search_entry": search_entry(source.title, f"Article, {source.date.display()}", source.publisher,
                                      source.summary, [source.title]),
         "hide": ["navigation"], "edit_path": source.path}, body)}
