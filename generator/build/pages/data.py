"""Open data: the page describing the downloads, and the downloads themselves (JSON, CSV, the data package,
the JSON Schema of atlas.json, the tables for spreadsheets)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator.build.datapackage import LICENCE, QUOTES_NOTE, descriptor, package_version
from generator.build.datatables import Table
from generator.build.links import link_to
from generator.build.model import Atlas
from generator.build.opendata import (CSV_FILES, DATA_FORMAT, DATA_VERSION, EXCEL_FOLDER, atlas_csv, atlas_json,
                                      atlas_tables, entity_data)
from generator.build.pages.common import Options, page
from generator.build.paths import DATA_INDEX, data_file

ATLAS_SCHEMA = Path(__file__).resolve().parents[3] / "schema" / "atlas.schema.json"
"""The JSON Schema of atlas.json, kept in the repository and published beside it."""


def context(atlas: Atlas, options: Options, tables: tuple[Table, ...]) -> dict[str, Any]:
    """Everything data.md.j2 shows."""
    def link(name: str, text: str = "") -> Any:
        return link_to(DATA_INDEX, data_file(name), text or name)

    example = next((st for st in atlas.statements() if st.value is not None), None)
    return dict(version=DATA_VERSION, package_version=package_version(DATA_VERSION), format=DATA_FORMAT,
                json_file=link("atlas.json"), schema_file=link("atlas.schema.json"),
                package_file=link("datapackage.json"), tables=tables,
                csv_files={name: link(name) for name in CSV_FILES},
                excel_files={name: link(f"{EXCEL_FOLDER}/{name}", name) for name in CSV_FILES},
                licence=LICENCE, quotes_note=QUOTES_NOTE, example=example.entity if example else "",
                entities=len(atlas.entities), statements=sum(1 for _ in atlas.statements()),
                relations=sum(1 for _ in atlas.relations()), sources=len(atlas.sources))


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The data page and the downloadable files."""
    tables = atlas_tables(atlas)
    out = {DATA_INDEX: page({"title": "Open data", "description": "The whole G60 Corridor Atlas as JSON and CSV, "
                                                                  "a Frictionless data package and a JSON Schema: "
                                                                  "entities, relations and sourced statements."},
                            env.get_template("data.md.j2").render(**context(atlas, options, tables)))}
    entities = entity_data(atlas)
    out[data_file("atlas.json")] = atlas_json(atlas, entities)
    out[data_file("atlas.schema.json")] = ATLAS_SCHEMA.read_text(encoding="utf-8")
    out[data_file("datapackage.json")] = descriptor(atlas, tables, DATA_FORMAT, DATA_VERSION)
    out.update({data_file(name): text for name, text in atlas_csv(atlas, entities).items()})
    out.update({data_file(f"{EXCEL_FOLDER}/{name}"): text
                for name, text in atlas_csv(atlas, entities, for_spreadsheets=True).items()})
    return out
