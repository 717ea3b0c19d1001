"""The model given back: JSON and CSV downloads, and schema.org JSON-LD for each profile."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from generator.build.model import PREDICATES, Atlas, Entity, Source

DATA_FORMAT = "g60-atlas-data"
DATA_VERSION = "2.0"
"""Version of the published data format: the minor part grows with added fields, the major with changes."""

CSV_FILES = ("entities.csv", "relations.csv", "statements.csv", "citations.csv", "sources.csv")


def page_url(site_url: str, docs_path: str) -> str:
    """The public URL of a docs page ('companies/x.md' -> '<site>/companies/x/')."""
    path = docs_path.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return site_url.rstrip("/") + "/" + path if site_url else "/" + path


def _source_record(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "date": source.date.text, "date_note": source.date_note,
            "publisher": source.publisher, "byline": source.byline, "summary": source.summary,
            "page": f"sources/{source.id}/"}


def _entity_record(atlas: Atlas, entity: Entity) -> dict[str, Any]:
    city = atlas.city_of(entity)
    return {
        "id": entity.id, "type": entity.type, "kind": entity.kind, "name": entity.name, "zh": entity.zh,
        "aliases": list(entity.aliases), "summary": entity.summary, "sectors": list(entity.sectors),
        "city": city.id if city and city.id != entity.id else "", "note": entity.note,
        "former_ids": list(entity.former_ids), "page": page_url("", entity.url).lstrip("/"),
        "relations": [{"predicate": r.predicate, "object": r.object, "role": r.role, "source": r.source,
                       "quote": r.quote, "note": r.note} for r in entity.relations],
        "statements": [{"id": statement_id(entity.id, n), "metric": s.metric, "value": s.value,
                        "unit": s.unit or atlas.metrics[s.metric].unit, "qualifier": s.qualifier,
                        "derived": s.derived, "date": s.date.text, "date_basis": s.date_basis,
                        "date_note": s.date_note, "disputed": s in atlas.disputed,
                        "sources": [{"source": c.source, "quote": c.quote} for c in s.sources], "note": s.note}
                       for n, s in enumerate(entity.statements, start=1)],
    }


def statement_id(entity: str, number: int) -> str:
    """A statement's id in the open data: its entity's id and its place there ('songjiang-s3')."""
    return f"{entity}-s{number}"


def atlas_json(atlas: Atlas, records: list[dict[str, Any]]) -> str:
    """The whole model as one JSON document, one source and one entity per line (quick to write, easy to diff)."""
    head = {
        "format": DATA_FORMAT, "version": DATA_VERSION,
        "sectors": atlas.sectors,
        "metrics": {m.id: {"label": m.label, "kind": m.kind, "unit": m.unit, "description": m.description}
                    for m in atlas.metrics.values()},
        "predicates": {key: {"label": out, "inverse_label": back} for key, (out, back) in PREDICATES.items()},
    }
    lists = {"sources": [_source_record(s) for s in sorted(atlas.sources.values(), key=lambda s: s.id)],
             "entities": records}
    lines = [f" {_json(key)}: {_json(value)}," for key, value in head.items()]
    for key, records in lists.items():
        items = ",\n".join(f"  {_json(record)}" for record in records)
        lines.append(f" {_json(key)}: [\n{items}\n ]," if records else f" {_json(key)}: [],")
    lines[-1] = lines[-1].removesuffix(",")
    return "{\n" + "\n".join(lines) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def entity_records(atlas: Atlas) -> list[dict[str, Any]]:
    """Every entity's record, as atlas.json and the CSV files give it (make once, pass to both)."""
    return [_entity_record(atlas, e) for e in atlas.entities.values()]


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


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([inert_cell(v) for v in row] for row in rows)
    return out.getvalue()


def atlas_csv(atlas: Atlas, records: list[dict[str, Any]]) -> dict[str, str]:
    """Entities, relations, statements, their citations and sources as CSV tables."""
    entities = records
    return {
        "entities.csv": _csv(["id", "type", "kind", "name", "zh", "aliases", "city", "sectors", "summary", "page"],
                             [[e["id"], e["type"], e["kind"], e["name"], e["zh"], "|".join(e["aliases"]),
                               e["city"], "|".join(e["sectors"]), e["summary"], e["page"]] for e in entities]),
        "relations.csv": _csv(["subject", "predicate", "object", "role", "source", "quote", "note"],
                              [[e["id"], r["predicate"], r["object"], r["role"], r["source"], r["quote"], r["note"]]
                               for e in entities for r in e["relations"]]),
        "statements.csv": _csv(["id", "entity", "metric", "value", "unit", "qualifier", "derived", "date", "date_basis",
                                "date_note", "disputed", "sources", "note"],
                               [[s["id"], e["id"], s["metric"], s["value"], s["unit"], s["qualifier"], s["derived"],
                                 s["date"], s["date_basis"], s["date_note"], str(s["disputed"]).lower(),
                                 "|".join(dict.fromkeys(c["source"] for c in s["sources"])), s["note"]]
                                for e in entities for s in e["statements"]]),
        "citations.csv": _csv(["statement", "source", "quote"],
                              [[s["id"], c["source"], c["quote"]] for e in entities for s in e["statements"]
                               for c in s["sources"]]),
        "sources.csv": _csv(["id", "title", "date", "date_note", "publisher", "byline", "summary", "page"],
                            [list(_source_record(s).values()) for s in sorted(atlas.sources.values(), key=lambda s: s.id)]),
    }


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

