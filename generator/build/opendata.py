"""The model given back: JSON and CSV downloads, and schema.org JSON-LD for each profile."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.build.datapackage import LICENCE, QUOTES_NOTE
from generator.build.datatables import Table, tables
from generator.build.model import PREDICATES, Atlas, Entity, Source

DATA_FORMAT = "g60-atlas-data"
DATA_VERSION = "2.2"
"""Version of the published data format: the minor part grows with added fields, the major with changes."""

CSV_FILES = ("entities.csv", "relations.csv", "statements.csv", "citations.csv", "sources.csv", "metrics.csv")
EXCEL_FOLDER = "excel"
"""Where the tables for spreadsheets are published (atlas_csv(..., for_spreadsheets=True))."""


def page_url(site_url: str, docs_path: str) -> str:
    """The public URL of a docs page ('companies/x.md' -> '<site>/companies/x/')."""
    path = docs_path.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return site_url.rstrip("/") + "/" + path if site_url else "/" + path


def _source_record(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "date": source.date.text, "date_note": source.date_note,
            "publisher": source.publisher, "byline": source.byline, "summary": source.summary,
            "page": f"sources/{source.id}/", "url": source.url,
            "short_title": source.short_title}


def _entity_record(entity: Entity, city: str, units: tuple[str, ...], disputed: tuple[bool, ...]) -> dict[str, Any]:
    return {
        "id": entity.id, "type": entity.type, "kind": entity.kind, "name": entity.name, "zh": entity.zh,
        "aliases": list(entity.aliases), "summary": entity.summary, "sectors": list(entity.sectors),
        "city": city, "note": entity.note,
        "former_ids": list(entity.former_ids), "page": page_url("", entity.url).lstrip("/"),
        "relations": [{"predicate": r.predicate, "object": r.object, "role": r.role, "source": r.source,
                       "quote": r.quote, "note": r.note} for r in entity.relations],
        "statements": [{"id": statement_id(entity.id, n), "metric": s.metric, "value": s.value,
                        "unit": unit, "qualifier": s.qualifier,
                        "derived": s.derived, "date": s.date.text, "date_basis": s.date_basis,
                        "date_note": s.date_note, "disputed": dispute,
                        "sources": [{"source": c.source, "quote": c.quote} for c in s.sources], "note": s.note}
                       for n, (s, unit, dispute) in enumerate(zip(entity.statements, units, disputed), start=1)],
    }


@dataclass(frozen=True)
class EntityData:
    """One entity as the downloads give it: its line of atlas.json and its rows of each CSV file."""

    json: str
    csv: dict[str, str]
    excel: dict[str, str]
    """The same rows with Windows line ends, for the tables for spreadsheets."""


def entity_data(atlas: Atlas) -> list[EntityData]:
    """Every entity's part of atlas.json and the CSV files (make once, pass to both)."""
    out = []
    for entity in atlas.entities.values():
        city = atlas.city_of(entity)
        out.append(_entity_data(entity, city.id if city and city.id != entity.id else "",
                                tuple(s.unit or atlas.metrics[s.metric].unit for s in entity.statements),
                                tuple(s in atlas.disputed for s in entity.statements)))
    return out


@lru_cache(maxsize=1 << 15)
def _entity_data(entity: Entity, city: str, units: tuple[str, ...], disputed: tuple[bool, ...]) -> EntityData:
    """An entity's data, remembered: `serve` rewrites the downloads on every save, for one entity changed."""
    e = _entity_record(entity, city, units, disputed)
    rows = {
        "entities.csv": [[e["id"], e["type"], e["kind"], e["name"], e["zh"], "|".join(e["aliases"]),
                          e["city"], "|".join(e["sectors"]), e["summary"], e["page"]]],
        "relations.csv": [[e["id"], r["predicate"], r["object"], r["role"], r["source"], r["quote"], r["note"]]
                          for r in e["relations"]],
        "statements.csv": [[s["id"], e["id"], s["metric"], s["value"], s["unit"], s["qualifier"], s["derived"],
                            s["date"], s["date_basis"], s["date_note"], str(s["disputed"]).lower(),
                            "|".join(dict.fromkeys(c["source"] for c in s["sources"])), s["note"]]
                           for s in e["statements"]],
        "citations.csv": [[s["id"], c["source"], c["quote"]] for s in e["statements"] for c in s["sources"]],
    }
    return EntityData(_json(e), {name: _csv_rows(table) for name, table in rows.items()},
                      {name: _csv_rows(table, "\r\n") for name, table in rows.items()})


def statement_id(entity: str, number: int) -> str:
    """A statement's id in the open data: its entity's id and its place there ('songjiang-s3')."""
    return f"{entity}-s{number}"


def atlas_json(atlas: Atlas, entities: list[EntityData]) -> str:
    """The whole model as one JSON document, one source and one entity per line (quick to write, easy to diff)."""
    head = {
        "$schema": "atlas.schema.json", "format": DATA_FORMAT, "version": DATA_VERSION,
        "licence": {**LICENCE, "note": QUOTES_NOTE},
        "sectors": atlas.sectors,
        "metrics": {m.id: {"label": m.label, "kind": m.kind, "unit": m.unit, "description": m.description}
                    for m in atlas.metrics.values()},
        "at_a_glance": {key: list(metrics) for key, metrics in atlas.at_a_glance.items()},
        "predicates": {key: {"label": out, "inverse_label": back} for key, (out, back) in PREDICATES.items()},
    }
    lists = {"sources": [_json(_source_record(s)) for s in sorted(atlas.sources.values(), key=lambda s: s.id)],
             "entities": [e.json for e in entities]}
    lines = [f" {_json(key)}: {_json(value)}," for key, value in head.items()]
    for key, records in lists.items():
        items = ",\n".join(f"  {record}" for record in records)
        lines.append(f" {_json(key)}: [\n{items}\n ]," if records else f" {_json(key)}: [],")
    lines[-1] = lines[-1].removesuffix(",")
    return "{\n" + "\n".join(lines) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


_FORMULA_START = tuple("=+-@\t\r＝＋－＠")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list, and their
full-width forms, which some spreadsheets accept too)."""
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def inert_cell(value: Any) -> str:
    """A CSV cell no spreadsheet runs: text that would start a formula gets a leading apostrophe (OWASP)."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_rows(rows: list[list[Any]], line_end: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows([inert_cell(v) for v in row] for row in rows)
    return out.getvalue()


def units(atlas: Atlas) -> list[str]:
    """Every unit a value of the atlas is in."""
    return sorted({m.unit for m in atlas.metrics.values() if m.unit}
                  | {s.unit for s in atlas.statements() if s.unit})


def atlas_tables(atlas: Atlas) -> tuple[Table, ...]:
    """The open data's tables, with the atlas's vocabulary of units."""
    return tables(units(atlas))


_HEADERS = {table.file: table.header for table in tables([])}
"""Each CSV file's header row (the fields do not depend on the atlas; only the units' vocabulary does)."""


def atlas_csv(atlas: Atlas, entities: list[EntityData], *, for_spreadsheets: bool = False) -> dict[str, str]:
    """Entities, relations, statements, their citations, sources and metrics as CSV tables; for spreadsheets,
    with a byte-order mark (without one, Excel on Windows reads Chinese names as another encoding) and
    Windows line ends, the cells unchanged."""
    line_end, mark = ("\r\n", "\ufeff") if for_spreadsheets else ("\n", "")
    headers = _HEADERS
    out = {name: mark + _csv_rows([headers[name]], line_end)
           + "".join((e.excel if for_spreadsheets else e.csv)[name] for e in entities)
           for name in ("entities.csv", "relations.csv", "statements.csv", "citations.csv")}
    out["sources.csv"] = mark + _csv_rows([headers["sources.csv"]] + [
        list(_source_record(s).values()) for s in sorted(atlas.sources.values(), key=lambda s: s.id)], line_end)
    out["metrics.csv"] = mark + _csv_rows([headers["metrics.csv"]] + [
        [m.id, m.label, m.kind, m.unit, m.description] for m in atlas.metrics.values()], line_end)
    return out


_SCHEMA_TYPES = {"city": "City", "district": "AdministrativeArea", "region": "AdministrativeArea",
                 "company": "Corporation", "institution": "Organization", "person": "Person"}
_EVENT_KINDS = ("forum", "conference", "sub-forum", "ceremony", "event", "launch")


def _schema_type(entity: Entity) -> str:
    if entity.type == "initiative":
        return "Event" if any(k in entity.kind.lower() for k in _EVENT_KINDS) else "Project"
    return _SCHEMA_TYPES[entity.type]


def jsonld(atlas: Atlas, entity: Entity, site_url: str) -> str:
    """schema.org JSON-LD for a profile: a WebPage about the entity, citing its articles; safe in <script>."""
    url = page_url(site_url, entity.url)
    about: dict[str, Any] = {"@type": _schema_type(entity), "@id": url + "#entity", "name": entity.name,
                             "description": entity.summary, "url": url}
    names = [*entity.aliases, *([entity.zh] if entity.zh else [])]
    if names:
        about["alternateName"] = names
    city = atlas.city_of(entity)
    if city and city.id != entity.id:
        key = "containedInPlace" if entity.type in ("city", "district", "region") else "location"
        about[key] = {"@type": "City", "name": city.name, "url": page_url(site_url, city.url)}
    employer = next((r for r in entity.relations if r.predicate == "works_for"), None)
    if entity.type == "person" and employer:
        about["worksFor"] = {"@type": "Organization", "name": atlas.entities[employer.object].name}
        if employer.role:
            about["jobTitle"] = employer.role
    if about["@type"] == "Event":
        held = sorted((s for s in entity.statements if atlas.metrics[s.metric].kind == "event"),
                      key=lambda s: s.date.sort_key)
        if held:
            about["startDate"] = held[0].date.text.split("/")[0]
    cited = sorted({c.source for s in entity.statements for c in s.sources} | {r.source for r in entity.relations})
    document: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage", "url": url,
                                "name": entity.name, "about": about}
    if cited:
        document["citation"] = [_article(atlas.sources[s], site_url) for s in cited]
    text = json.dumps(document, ensure_ascii=False, sort_keys=False, separators=(",", ":"), allow_nan=False)
    # No '<', '>' or '&' may reach the HTML: '</script>' in a name would end the block.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _article(source: Source, site_url: str) -> dict[str, Any]:
    article: dict[str, Any] = {"@type": "NewsArticle", "headline": source.title,
                               "url": page_url(site_url, f"sources/{source.id}.md")}
    if source.date.text:
        article["datePublished"] = source.date.text
    if source.publisher:
        article["publisher"] = {"@type": "Organization", "name": source.publisher}
    return article

