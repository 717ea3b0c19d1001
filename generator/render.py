"""Stage 4: page contexts and Jinja templates -> {docs-relative path: Markdown}, all in memory."""

from __future__ import annotations

from collections import defaultdict
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.links import link_to
from generator.model import CORRIDOR_ID, PREDICATES, TYPES, Atlas, Entity, Source, Statement
from generator.opendata import jsonld
from generator.text import figure, md, theme_text
from generator.views import locator_map, render_extra_pages, series_chart

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MARKER = "g60-atlas"
"""Value of the front-matter key 'generated_by' on every page the generator owns."""
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # same output as SafeDumper, in C
REDIRECTS = ".atlas-redirects.yml"
"""Generated config below docs/ that mkdocs.yml INHERITs: the redirects plugin's map."""


def environment(folder: Path = TEMPLATES) -> Environment:
    """Strict Jinja for Markdown: every {{ value }} is escaped unless built as Markup."""
    env = Environment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False, finalize=md)
    env.filters["md"] = md
    env.filters["h"] = lambda value: Markup(html.escape(str(value)))  # inside raw HTML blocks
    return env


@dataclass
class Citations:
    """Footnotes of one page: one per (article, quote), numbered in order of first use."""

    page: str
    atlas: Atlas
    notes: dict[tuple[str, str], int] = field(default_factory=dict)

    def cite(self, source_id: str, quote: str = "") -> Markup:
        """The footnote reference for a quote from an article."""
        number = self.notes.setdefault((source_id, quote), len(self.notes) + 1)
        return Markup(f"[^{number}]")

    def definitions(self) -> list[Markup]:
        """The footnote lines, in number order."""
        out = []
        for (source_id, quote), number in self.notes.items():
            source = self.atlas.sources[source_id]
            line = source.line_of(quote) if quote else 0
            link = link_to(self.page, source_page(source), source.title, f"L{line}" if line else "")
            said = f"“{md(quote)}” — " if quote else ""
            out.append(Markup(f"[^{number}]: {said}{link}{md(_byline(source))}"))
        return out


def _byline(source: Source) -> str:
    parts = [p for p in (source.publisher, source.date.display()) if p]
    return ", " + ", ".join(parts) + "." if parts else "."


def source_page(source: Source) -> str:
    return f"sources/{source.id}.md"


def _page(meta: dict[str, Any], body: str) -> str:
    """Front matter and body; values the theme prints raw are made safe for HTML first."""
    meta = {"generated_by": MARKER, **meta}
    for key in ("title", "description"):
        if key in meta:
            meta[key] = theme_text(meta[key])
    if "tags" in meta:
        meta["tags"] = [theme_text(tag) for tag in meta["tags"]]
    return frontmatter.dumps(frontmatter.Post(body, **meta), Dumper=_DUMPER) + "\n"


def _description(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class FigureRow:
    """One statement as shown on a page."""

    statement: Statement
    label: str
    shown: str
    cite: Markup
    conflict: bool


def latest_by_metric(atlas: Atlas, entity: Entity) -> list[Statement]:
    """The newest quantity statement of each metric, in metric-label order."""
    newest: dict[str, Statement] = {}
    for st in entity.statements:
        if atlas.metrics[st.metric].kind != "quantity":
            continue
        if st.metric not in newest or st.date.sort_key > newest[st.metric].date.sort_key:
            newest[st.metric] = st
    return sorted(newest.values(), key=lambda s: atlas.metrics[s.metric].label)


def shown_value(atlas: Atlas, st: Statement) -> str:
    metric = atlas.metrics[st.metric]
    return figure(st.value, st.unit or metric.unit, st.qualifier)


def conflicts(statements: list[Statement]) -> set[Statement]:
    """Statements of one metric and date whose values differ between articles."""
    groups: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        groups[st.date.text].append(st)
    return {st for group in groups.values() if len({(s.value, s.unit) for s in group}) > 1 for st in group}


def entity_context(atlas: Atlas, entity: Entity) -> dict[str, Any]:
    page = entity.url
    cites = Citations(page, atlas)
    by_metric: dict[str, list[Statement]] = defaultdict(list)
    for st in entity.statements:
        by_metric[st.metric].append(st)
    series, events = [], []
    for metric_id in sorted(by_metric, key=lambda m: atlas.metrics[m].label):
        statements = sorted(by_metric[metric_id], key=lambda s: (s.date.sort_key, s.source), reverse=True)
        clash = conflicts(statements)
        rows = [FigureRow(st, atlas.metrics[st.metric].label, shown_value(atlas, st), cites.cite(st.source, st.quote), st in clash)
                for st in statements]
        if atlas.metrics[metric_id].kind == "event":
            events.extend(rows)
        else:
            series.append((atlas.metrics[metric_id], rows, series_chart(atlas, entity, metric_id, statements)))
    events.sort(key=lambda r: r.statement.date.sort_key, reverse=True)
    key_figures = [(atlas.metrics[st.metric].label, shown_value(atlas, st), st.date.display(),
                    cites.cite(st.source, st.quote)) for st in latest_by_metric(atlas, entity)[:8]]
    outgoing = _grouped(atlas, page, entity.relations, cites, lambda r: r.object, 0)
    incoming = _grouped(atlas, page, atlas.incoming.get(entity.id, ()), cites, lambda r: r.subject, 1)
    city = atlas.city_of(entity)
    mentions = [(link_to(page, source_page(atlas.sources[sid]), f"{atlas.sources[sid].title}, line {line}", f"L{line}"), text)
                for sid, line, text in atlas.mentions.get(entity.id, ())]
    source_ids = sorted(sorted({sid for sid, _ in cites.notes} | {sid for sid, _, _ in atlas.mentions.get(entity.id, ())}),
                        key=lambda s: atlas.sources[s].date.sort_key, reverse=True)  # same date: by id, not set order
    return dict(
        entity=entity, type=TYPES[entity.type], key_figures=key_figures, series=series, events=events,
        outgoing=outgoing, incoming=incoming, mentions=mentions,
        city=link_to(page, city.url, city.name) if city and city.id != entity.id else None,
        sectors=[atlas.sectors[s] for s in entity.sectors],
        sources=[(link_to(page, source_page(atlas.sources[s]), atlas.sources[s].title), _byline(atlas.sources[s]))
                 for s in source_ids],
        index=link_to(page, f"{TYPES[entity.type].folder}/index.md", TYPES[entity.type].plural),
        cites=cites, map=locator_map(atlas, entity),
        data=link_to(page, "data/index.md", "Open data (JSON, CSV)"),
    )


def _grouped(atlas: Atlas, page: str, relations: Any, cites: Citations, other: Any, side: int) -> list[tuple[str, list[tuple[Markup, str, str, Markup]]]]:
    """Relations grouped by the type of the entity at their other end."""
    groups: dict[str, list[tuple[Markup, str, str, Markup]]] = defaultdict(list)
    for rel in sorted(relations, key=lambda r: (atlas.entities[other(r)].name.casefold(), r.predicate, r.source)):
        target = atlas.entities[other(rel)]
        label = PREDICATES[rel.predicate][side]
        groups[target.type].append((link_to(page, target.url, target.name), label, rel.role,
                                    cites.cite(rel.source, rel.quote)))
    return [(TYPES[t].plural, groups[t]) for t in TYPES if t in groups]


def render_entity(env: Environment, atlas: Atlas, entity: Entity, site_url: str = "") -> str:
    ctx = entity_context(atlas, entity)
    body = env.get_template("entity.md.j2").render(**ctx)
    meta: dict[str, Any] = {"title": entity.name, "description": _description(entity.summary),
                            "search": {"boost": 3},  # a profile outranks the lists that name it
                            "hide": ["navigation"], "og_type": "article",
                            "edit_path": f"{atlas.facts_path}#L{entity.line}",
                            "jsonld": jsonld(atlas, entity, site_url)}
    if ctx["sectors"]:
        meta["tags"] = ctx["sectors"]
    return _page(meta, body)


INDEX_ROWS = 300
"""Most rows one index page lists; a longer index is split into one page per initial letter,
which keeps every page under ~200 KB of HTML and Zensical's 32,768 search positions."""


def index_letter(name: str) -> str:
    """The key an entity is filed under: 'a'-'z' by its name's first character, '0-9', or 'other'."""
    first = name.strip()[:1].casefold()
    if first.isascii() and first.isalpha():
        return first
    return "0-9" if first.isascii() and first.isdigit() else "other"


def letter_page(folder: str, key: str) -> str:
    """Docs path of one letter's page (a subfolder, so it never meets an entity's page)."""
    return f"{folder}/by-letter/{key}.md"


def _letter_label(key: str) -> str:
    return {"0-9": "0–9", "other": "Other"}.get(key, key.upper())


def index_context(atlas: Atlas, type_id: str, page: str, entities: list[Entity],
                  letters: dict[str, int] | None = None, letter: str = "") -> dict[str, Any]:
    """Rows for the entities one index page lists, and links to the letter pages when split."""
    etype = TYPES[type_id]
    rows = []
    for entity in entities:
        city = atlas.city_of(entity)
        latest = latest_by_metric(atlas, entity)
        key = (f"{atlas.metrics[latest[0].metric].label}: {shown_value(atlas, latest[0])} ({latest[0].date.display()})"
               if latest else "")
        rows.append((link_to(page, entity.url, entity.name), entity.kind,
                     city.name if city and city.id != entity.id else "",
                     ", ".join(atlas.sectors[s] for s in entity.sectors), key))
    letter_links = [(link_to(page, letter_page(etype.folder, k), _letter_label(k)), count)
                    for k, count in (letters or {}).items()]
    return dict(type=etype, rows=rows, letters=letter_links, letter=_letter_label(letter) if letter else "",
                total=sum((letters or {}).values()) or len(rows),
                up=link_to(page, f"{etype.folder}/index.md", etype.plural))


def render_index(env: Environment, atlas: Atlas, type_id: str) -> dict[str, str]:
    """A type's index page; past INDEX_ROWS entities, a page of letters and one page per letter."""
    etype = TYPES[type_id]
    home = f"{etype.folder}/index.md"
    entities = atlas.of_type(type_id)
    template = env.get_template("index.md.j2")
    about = "with their city, sectors and a key figure."
    if len(entities) <= INDEX_ROWS:
        ctx = index_context(atlas, type_id, home, entities)
        return {home: _page({"description": f"All {len(entities)} {etype.plural.lower()} in the G60 Corridor Atlas, "
                                            + about}, template.render(**ctx))}
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[index_letter(entity.name)].append(entity)
    order = ["0-9", *"abcdefghijklmnopqrstuvwxyz", "other"]
    counts = {k: len(groups[k]) for k in order if k in groups}
    pages = {home: _page({"description": f"All {len(entities)} {etype.plural.lower()} in the G60 Corridor Atlas, "
                                         "by first letter of their name."},
                         template.render(**index_context(atlas, type_id, home, [], counts)))}
    for key in counts:
        page = letter_page(etype.folder, key)
        ctx = index_context(atlas, type_id, page, groups[key], counts, key)
        pages[page] = _page({"title": f"{etype.plural}: {ctx['letter']}",
                             "description": f"The {len(groups[key])} {etype.plural.lower()} of the G60 Corridor "
                                            f"Atlas filed under {ctx['letter']}, " + about}, template.render(**ctx))
    return pages


def source_context(atlas: Atlas, source: Source) -> dict[str, Any]:
    page = source_page(source)
    cited, citing_relations, mentioned = atlas.by_source[source.id]
    statements = sorted(cited, key=lambda s: (atlas.entities[s.entity].name.casefold(), s.metric, s.date.sort_key))
    rows = [(link_to(page, atlas.entities[st.entity].url, atlas.entities[st.entity].name),
             atlas.metrics[st.metric].label, shown_value(atlas, st), st.date.display(),
             link_to(page, page, f"line {source.line_of(st.quote)}", f"L{source.line_of(st.quote)}"))
            for st in statements]
    citing = {st.entity for st in statements} | citing_relations
    entities = sorted((atlas.entities[e] for e in citing | mentioned), key=lambda e: (e.name.casefold(), e.id))
    return dict(source=source, rows=rows,
                entities=[(link_to(page, e.url, e.name), TYPES[e.type].singular) for e in entities],
                paragraphs=source.paragraphs, index=link_to(page, "sources/index.md", "Sources"))


def render_source(env: Environment, atlas: Atlas, source: Source) -> str:
    body = env.get_template("source.md.j2").render(**source_context(atlas, source))
    return _page({"title": source.title, "description": _description(source.summary or source.title),
                  "hide": ["navigation"], "edit_path": source.path}, body)


def render_sources_index(env: Environment, atlas: Atlas) -> str:
    page = "sources/index.md"
    sources = sorted(atlas.sources.values(), key=lambda s: (s.date.sort_key, s.id), reverse=True)
    rows = [(link_to(page, source_page(s), s.title), s.date.display(), s.publisher, len(atlas.by_source[s.id][0]))
            for s in sources]
    body = env.get_template("sources.md.j2").render(rows=rows)
    return _page({"description": f"The {len(rows)} articles every figure in the G60 Corridor Atlas is quoted from."}, body)


def home_context(atlas: Atlas) -> dict[str, Any]:
    page = "index.md"
    corridor = atlas.entities.get(CORRIDOR_ID)
    cities = [e for e in atlas.of_type("city") if e.id in atlas.corridor_members]
    cites = Citations(page, atlas)
    headline = []
    if corridor:
        headline = [(atlas.metrics[st.metric].label, shown_value(atlas, st), st.date.display(),
                     cites.cite(st.source, st.quote)) for st in latest_by_metric(atlas, corridor)]
    sections = [(link_to(page, f"{t.folder}/index.md", t.plural), len(atlas.of_type(t.id))) for t in TYPES.values()]
    return dict(corridor=corridor, corridor_link=link_to(page, corridor.url, corridor.name) if corridor else None,
                cities=[(link_to(page, c.url, c.name), c.zh, c.summary) for c in cities],
                headline=headline, sections=sections, cites=cites,
                sources=link_to(page, "sources/index.md", f"{len(atlas.sources)} source articles"),
                explore=[link_to(page, target, label) for target, label in (
                    ("timeline.md", "Timeline"), ("map.md", "Map"), ("figures.md", "Figures"),
                    ("data/index.md", "Open data"))],
                statements=sum(1 for _ in atlas.statements()))


def render_home(env: Environment, atlas: Atlas) -> str:
    ctx = home_context(atlas)
    body = env.get_template("home.md.j2").render(**ctx)
    description = (_description(ctx["corridor"].summary) if ctx["corridor"]
                   else "A sourced reference to the G60 Science and Innovation Corridor.")
    return _page({"description": description, "hide": ["navigation"]}, body)


def render_sectors(env: Environment, atlas: Atlas) -> dict[str, str]:
    """The sectors page, and one page per sector listing its pages (Material's tags listing, scoped),
    so that no listing holds the whole atlas."""
    counts = {key: 0 for key in atlas.sectors}
    for entity in atlas.entities.values():
        for sector in entity.sectors:
            counts[sector] += 1
    rows = [(link_to("tags.md", f"tags/{key}.md", label), counts[key])
            for key, label in sorted(atlas.sectors.items(), key=lambda kv: (kv[1].casefold(), kv[0])) if counts[key]]
    pages = {"tags.md": _page({"description": "The sectors of the G60 Corridor Atlas, each with its pages."},
                              env.get_template("tags.md.j2").render(rows=rows))}
    for key, label in atlas.sectors.items():
        if counts[key]:
            scope = Markup(json.dumps({"include": [theme_text(label)]}, ensure_ascii=False))
            body = env.get_template("sector.md.j2").render(label=label, count=counts[key], scope=scope,
                                                           index=link_to(f"tags/{key}.md", "tags.md", "Sectors"))
            pages[f"tags/{key}.md"] = _page({"title": label, "description": f"Every page of the G60 Corridor "
                                             f"Atlas in the sector {label}."}, body)
    return pages


def redirects_config(atlas: Atlas) -> str:
    """The redirects plugin's map from former ids' pages to current ones; mkdocs.yml inherits it."""
    maps = {f"{TYPES[e.type].folder}/{old}.md": e.url for e in atlas.entities.values() for old in e.former_ids}
    body = yaml.safe_dump({"plugins": {"redirects": {"redirect_maps": dict(sorted(maps.items()))}}},
                          sort_keys=False, allow_unicode=True)
    return f"# Generated by g60-atlas from former_ids in {atlas.facts_path}; mkdocs.yml inherits it. Do not edit.\n{body}"


def render_site(atlas: Atlas, folder: Path = TEMPLATES, site_url: str = "") -> dict[str, str]:
    """Every page and file the generator owns, by docs-relative path."""
    env = environment(folder)
    pages = {"index.md": render_home(env, atlas), "sources/index.md": render_sources_index(env, atlas),
             **render_sectors(env, atlas),
             REDIRECTS: redirects_config(atlas)}
    pages.update(render_extra_pages(env, atlas, _page))
    for type_id in TYPES:
        pages.update(render_index(env, atlas, type_id))
    for entity in atlas.entities.values():
        pages[entity.url] = render_entity(env, atlas, entity, site_url)
    for source in atlas.sources.values():
        pages[source_page(source)] = render_source(env, atlas, source)
    return dict(sorted(pages.items()))
