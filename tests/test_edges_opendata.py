"""Edges of the open data (generator/build/opendata.py): the downloads as computed afresh (not served from
the memory `serve` keeps of each entity's rows), the spreadsheet tables' bytes, which cells are made inert,
and the schema.org JSON-LD of the profiles the fixture does not have (an event, a person without an
employer, a place inside a city, a published site address)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, shared
from generator.build import opendata
from generator.build.dates import FuzzyDate
from generator.build.model import Atlas, Relation, Statement
from generator.build.opendata import CSV_FILES, EXCEL_FOLDER, atlas_json, inert_cell, jsonld, page_url
from generator.build.pages import data
from generator.build.pages.common import Options
from generator.build.pipeline import load_atlas
from generator.build.render import environment

GOLDEN = Path(__file__).parent / "golden" / "pages"


@pytest.fixture(scope=shared)
def atlas() -> Atlas:
    return load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")


def test_the_downloads_computed_afresh_are_the_goldens_and_their_spreadsheet_copies(atlas: Atlas) -> None:
    """The data page's files, each entity's rows computed now (the memory of earlier builds, which `serve`
    keeps and other tests fill, emptied first), all checked in one test: mutation testing credits a test only
    with the code run in its own body, so a shared fixture would leave every check but the first uncredited.

    Each download is its golden; citations.csv lists each quote of each statement of atlas.json in order; the
    fixture has no cell on several lines, so each table for spreadsheets is its CSV file byte for byte but
    for the byte-order mark and Windows line ends; the JSON Schema is the repository's."""
    opendata._entity_data.cache_clear()
    downloads = data.pages(environment(), atlas, Options())
    assert sorted(downloads) == sorted(["data.md", "data/atlas.json", "data/atlas.schema.json", "data/datapackage.json",
                                        *(f"data/{name}" for name in CSV_FILES),
                                        *(f"data/{EXCEL_FOLDER}/{name}" for name in CSV_FILES)])
    for name in ("atlas.json", "entities.csv", "relations.csv", "statements.csv", "sources.csv", "metrics.csv"):
        assert downloads[f"data/{name}"] == (GOLDEN / f"data__{name}").read_text(encoding="utf-8"), name
    document = json.loads(downloads["data/atlas.json"])
    assert list(csv.reader(io.StringIO(downloads["data/citations.csv"], newline=""))) == [["statement", "source", "quote"]] + [
        [s["id"], c["source"], c["quote"]] for e in document["entities"] for s in e["statements"] for c in s["sources"]]
    for name in CSV_FILES:
        canonical = downloads[f"data/{name}"]
        assert "\r" not in canonical and canonical.count("\n") > 1, name
        assert downloads[f"data/{EXCEL_FOLDER}/{name}"] == "\ufeff" + canonical.replace("\n", "\r\n"), name
    assert downloads["data/atlas.schema.json"] == (ROOT / "schema" / "atlas.schema.json").read_text(encoding="utf-8")


def test_a_cell_that_would_start_a_formula_gets_an_apostrophe_and_no_other_does() -> None:
    assert inert_cell(" =HYPERLINK(\"x\")") == "' =HYPERLINK(\"x\")"  # spaces before it do not hide it
    assert inert_cell("-12.5") == "-12.5" and inert_cell(-3) == "-3"  # numbers stay numbers
    assert inert_cell("X-ray Robotics") == "X-ray Robotics"
    assert inert_cell("\n=1") == "\n=1"  # a formula starts a cell, not its second line
    assert inert_cell(None) == ""


def test_page_url_of_index_pages_and_of_a_site_address() -> None:
    assert page_url("", "index.md") == "/"
    assert page_url("", "companies/index.md") == "/companies/"
    assert page_url("", "companies/acme.md") == "/companies/acme/"
    assert page_url("https://example.org/TeX/", "companies/acme.md") == "https://example.org/TeX/companies/acme/"


def test_an_atlas_without_sources_or_entities_gives_empty_lists(atlas: Atlas) -> None:
    empty = dataclasses.replace(atlas, entities={}, sources={})
    text = atlas_json(empty, [])
    assert text.endswith(' "sources": [],\n "entities": []\n}\n')
    assert json.loads(text)["entities"] == []


def _ld(atlas: Atlas, entity_id: str, site_url: str = "") -> dict:
    return json.loads(jsonld(atlas, atlas.entities[entity_id], site_url))


def test_json_ld_gives_the_published_address_of_the_page_its_city_and_its_articles(atlas: Atlas) -> None:
    site = "https://example.org/g60/"
    ld = _ld(atlas, "old-town", site)
    assert ld["url"] == site + "districts/old-town/"
    assert ld["about"]["@id"] == site + "districts/old-town/#entity"
    assert ld["about"]["containedInPlace"] == {"@type": "City", "name": "River City", "url": site + "cities/river-city/"}
    assert [c["url"] for c in ld["citation"]] == [site + "sources/2023-river-city-report/"]
    assert ld["about"]["alternateName"] == ["Old Town"]  # its alias; it has no Chinese name
    company = _ld(atlas, "acme-robotics")["about"]
    assert "containedInPlace" not in company
    assert company["location"] == {"@type": "City", "name": "River City", "url": "/cities/river-city/"}


def test_json_ld_of_an_event_starts_on_its_first_event(atlas: Atlas) -> None:
    """An initiative whose kind names an event is an Event starting on the first day of its earliest
    dated event (of a period, its first date); its other figures do not count."""
    fund = atlas.entities["river-fund"]
    report = fund.statements[0].sources

    def event(metric: str, date: str) -> Statement:
        return Statement("river-fund", metric, FuzzyDate(date), report, 1)

    forum = dataclasses.replace(fund, kind="Annual Forum", statements=(
        dataclasses.replace(fund.statements[0], date=FuzzyDate("2019")),
        event("launched", "2024-03"), event("opened", "2022-05-10/2022-05-12"), event("founded", "2023")))
    ld = _ld(dataclasses.replace(atlas, entities={**atlas.entities, "river-fund": forum}), "river-fund")
    assert (ld["about"]["@type"], ld["about"]["startDate"]) == ("Event", "2022-05-10")
    assert _ld(atlas, "river-fund")["about"]["@type"] == "Project"
    assert "startDate" not in _ld(atlas, "first-fund")["about"]


def test_json_ld_names_a_persons_employer_only_when_there_is_one(atlas: Atlas) -> None:
    assert _ld(atlas, "jane-doe")["about"]["worksFor"] == {"@type": "Organization", "name": "Acme Robotics"}
    assert _ld(atlas, "jane-doe")["about"]["jobTitle"] == "chief executive"
    jobless = dataclasses.replace(atlas.entities["jane-doe"], relations=())
    about = _ld(dataclasses.replace(atlas, entities={**atlas.entities, "jane-doe": jobless}), "jane-doe")["about"]
    assert "worksFor" not in about and "jobTitle" not in about


def test_json_ld_puts_a_region_inside_its_city_and_escapes_ampersands(atlas: Atlas) -> None:
    region = dataclasses.replace(atlas.entities["lake-province"], name="Lake & Hills", relations=(
        Relation("lake-province", "part_of", "river-city", "2023-river-city-report", 1),))
    text = jsonld(dataclasses.replace(atlas, entities={**atlas.entities, "lake-province": region}), region, "")
    assert "&" not in text and '"name":"Lake \\u0026 Hills"' in text
    assert json.loads(text)["about"]["containedInPlace"]["name"] == "River City"
