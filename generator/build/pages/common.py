"""What every kind of page shares: front matter, descriptions, footnotes, figures as shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import frontmatter
from markupsafe import Markup

from generator.build.links import link_to
from generator.build.model import Atlas, Entity, Source, Statement
from generator.build.paths import source_page
from generator.build.text import figure, md, number, theme_text
from generator.build.yamlout import FrontMatter

@dataclass(frozen=True)
class Options:
    """How the pages are made, beyond the atlas: the address they are published at, and whether a profile
    names the fact file's line (the preview leaves lines out, so that adding a statement does not rewrite
    every profile below it)."""

    site_url: str = ""
    edit_lines: bool = True


MARKER = "g60-atlas"
"""Value of the front-matter key 'generated_by' on every page the generator owns."""
_FRONT_MATTER = FrontMatter()


def page(meta: dict[str, Any], body: str) -> str:
    """Front matter and body; values the theme prints raw are made safe for HTML first. Every page has a
    title (MkDocs would otherwise call a section's page "Index").

    Every page is kept out of the theme's own search index (`search: exclude`): the atlas's search is
    Pagefind's (searchindex.py), and Zensical's built-in index refuses a section of more than 8,192
    bytes, which a timeline year or a long list reaches at 10,000 entities."""
    if not meta.get("title"):
        raise ValueError("every page needs a title: the navigation, the browser tab and the footer show it")
    meta = {"generated_by": MARKER, "search": {"exclude": True}, **meta}
    for key in ("title", "description"):
        if key in meta:
            meta[key] = theme_text(meta[key])
    return frontmatter.dumps(frontmatter.Post(body, **meta), handler=_FRONT_MATTER) + "\n"


def description(text: str, limit: int = 160) -> str:
    """A meta description: the text on one line, cut at a word before `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def byline(source: Source) -> str:
    """', Publisher, 5 November 2023.' after an article's title."""
    parts = [p for p in (source.publisher, source.date.display()) if p]
    return ", " + ", ".join(parts) + "." if parts else "."


@dataclass
class Citations:
    """The quotes one page cites, each (article, quote) once, numbered in order of first use.

    A figure names its article in a link to the quote's note under References; atlas-cite.js opens the
    note in place (hover, tap, keyboard), and without it the link still leads to the note, whose own link
    leads to the article's line."""

    page: str
    atlas: Atlas
    notes: dict[tuple[str, str], int] = field(default_factory=dict)

    def cite(self, source_id: str, quote: str = "", text: str = "") -> Markup:
        """A link to the note of a quote, named by the article's short title and month unless `text` is
        given ('source' where space is short: the At a glance box, relations)."""
        number = self.notes.setdefault((source_id, quote), len(self.notes) + 1)
        source = self.atlas.sources[source_id]
        text = text or f"{source.short_title}, {source.date.short()}"
        return Markup(f"[{md(text)}](#cite-{number}){{: .atlas-cite }}")

    def definitions(self) -> list[Markup]:
        """The notes, in number order: the quote, and a link to the article at its line."""
        out = []
        for (source_id, quote), number in self.notes.items():
            source = self.atlas.sources[source_id]
            line = source.line_of(quote) if quote else 0
            link = link_to(self.page, source_page(source.id), source.short_title, f"L{line}" if line else "")
            said = f"“{md(quote)}” — " if quote else ""
            at = f" Line {line}." if line else ""
            out.append(Markup(f"{number}. {said}{link}{md(byline(source))}{at}\n    {{: #cite-{number} }}"))
        return out


def latest_by_metric(atlas: Atlas, entity: Entity) -> list[Statement]:
    """The newest quantity statement of each metric: first the metrics `at_a_glance` puts first for the
    entity's type, in its order, then the others by label."""
    newest: dict[str, Statement] = {}
    for st in entity.statements:
        if atlas.metrics[st.metric].kind != "quantity":
            continue
        if st.metric not in newest or st.date.sort_key > newest[st.metric].date.sort_key:
            newest[st.metric] = st
    priority = atlas.at_a_glance.get(entity.type, ())
    rank = {metric: n for n, metric in enumerate(priority)}
    return sorted(newest.values(), key=lambda s: (rank.get(s.metric, len(rank)), atlas.metrics[s.metric].label))


def shown_value(atlas: Atlas, st: Statement) -> str:
    """A statement's value as a reader says it, with its unit and qualifier."""
    metric = atlas.metrics[st.metric]
    return figure(st.value, st.unit or metric.unit, st.qualifier)


def cite_all(cites: Citations, st: Statement, *, compact: bool = False) -> Markup:
    """The citations of every article a statement quotes."""
    several = len(st.sources) > 1
    return Markup(" · ".join(cites.cite(c.source, c.quote, (f"source {n}" if several else "source") if compact else "")
                             for n, c in enumerate(st.sources, start=1)))


def source_links(page_path: str, atlas: Atlas, st: Statement) -> Markup:
    """Links from a page to the line of each article a statement quotes, named by the articles' short titles."""
    links = []
    for citation in st.sources:
        source = atlas.sources[citation.source]
        links.append(link_to(page_path, source_page(source.id), f"{source.short_title}, {source.date.short()}",
                             f"L{source.line_of(citation.quote)}"))
    return Markup(" · ".join(dict.fromkeys(links)))


def statement_note(st: Statement) -> str:
    """What a reader should know of a figure beyond its value: how it is derived, its note, how it is dated."""
    parts = [f"Derived: {st.derived}." if st.derived else "", st.note,
             f"Date: {st.date_note}" if st.date_note else ""]
    return " ".join(p for p in parts if p)


def unit_name(unit: str) -> str:
    """A unit as a chart's axis names it: 'CNY' -> 'yuan'."""
    return {"count": "number", "percent": "percent", "CNY": "yuan", "USD": "US dollars", "km2": "km²",
            "m2": "m²", "rank": "rank"}.get(unit, unit)


def tick_label(unit: str) -> Any:
    """How a chart labels its gridlines in a unit."""
    return lambda value: figure(value, unit) if unit not in ("count", "rank") else number(value)
