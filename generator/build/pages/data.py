"""Open data: the page describing the downloads, and the downloads themselves."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from generator.build.links import link_to
from generator.build.model import Atlas
from generator.build.opendata import CSV_FILES, DATA_FORMAT, DATA_VERSION, atlas_csv, atlas_json, entity_data
from generator.build.pages.common import Options, page
from generator.build.paths import DATA_INDEX, data_file


def context(atlas: Atlas) -> dict[str, Any]:
    """Everything data.md.j2 shows."""
    return dict(version=DATA_VERSION, format=DATA_FORMAT,
                json_file=link_to(DATA_INDEX, data_file("atlas.json"), "atlas.json"),
                csv_files=[link_to(DATA_INDEX, data_file(name), name) for name in CSV_FILES],
                entities=len(atlas.entities), statements=sum(1 for _ in atlas.statements()),
                relations=sum(1 for _ in atlas.relations()), sources=len(atlas.sources))


def pages(env: Environment, atlas: Atlas, options: Options) -> dict[str, str]:
    """The data page and the downloadable files."""
    out = {DATA_INDEX: page({"title": "Open data", "description": "The whole G60 Corridor Atlas as JSON and CSV: "
                                                                  "entities, relations and sourced statements."},
                            env.get_template("data.md.j2").render(**context(atlas)))}
    entities = entity_data(atlas)
    out[data_file("atlas.json")] = atlas_json(atlas, entities)
    out.update({data_file(name): text for name, text in atlas_csv(atlas, entities).items()})
    return out
