"""datapackage.json: the open data as a Frictionless Data Package (https://datapackage.org), so that tools
read its tables typed and linked (frictionless, pandas helpers, CKAN, Datasette), with its licence and
its sources."""

from __future__ import annotations

import json
from typing import Any

from generator.build.datatables import Table
from generator.build.model import Atlas

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
QUOTES_NOTE = ("The atlas's own data (ids, names, summaries, figures, dates, links) is under CC BY 4.0; the quotes "
               "are short passages of the articles listed as sources, quoted to show where each figure comes from, "
               "and remain their publishers'.")


def package_version(data_version: str) -> str:
    """The package's version as semantic versioning asks ('2.2' -> '2.2.0')."""
    return data_version if data_version.count(".") == 2 else data_version + ".0"


def descriptor(atlas: Atlas, tables: tuple[Table, ...], data_format: str, data_version: str) -> str:
    """The package descriptor: every table's fields, keys and links, the licence, and the articles as sources."""
    package: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": data_format, "title": "G60 Corridor Atlas: open data",
        "description": "Cities, companies, initiatives and their sourced, dated figures along the G60 Science and "
                       "Innovation Corridor, each figure with the article and the exact quote it comes from. "
                       + QUOTES_NOTE,
        "version": package_version(data_version),
        "licenses": [LICENCE],
        "sources": [{"title": s.title, **({"path": s.url} if s.url else {})}
                    for s in sorted(atlas.sources.values(), key=lambda s: s.id)],
        "keywords": ["G60", "Yangtze River Delta", "innovation", "open data"],
        "resources": [_resource(table) for table in tables],
    }
    return json.dumps(package, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [f.schema() for f in table.fields], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": [own], "reference": {"resource": "" if other == table.name else other,
                                                                  "fields": [key]}}
                                 for own, other, key in table.foreign_keys]
    return {"name": table.name, "type": "table", "path": table.file, "title": table.title,
            "description": table.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'},
            "licenses": [LICENCE], "schema": schema}
