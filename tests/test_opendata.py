"""Open data that tools read (issue 18): a valid Frictionless data package with its foreign keys, a JSON
Schema that atlas.json meets, tables for spreadsheets, and the data page's examples run."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from frictionless import Package, validate

from conftest import FIXTURE, ROOT, shared
from generator.build.opendata import CSV_FILES, EXCEL_FOLDER
from generator.build.pipeline import load_atlas
from generator.build.render import render_site


def data_folder(pages: dict[str, str], folder: Path) -> Path:
    """The fixture's downloads written out as the site publishes them."""
    for path, text in pages.items():
        if path.startswith("data/"):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
    return folder / "data"


@pytest.fixture(scope=shared)
def fixture_pages() -> dict[str, str]:
    return render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))


@pytest.fixture
def fixture_data(fixture_pages: dict[str, str], tmp_path: Path) -> Path:
    return data_folder(fixture_pages, tmp_path)


def _errors(report: object) -> list[str]:
    return [error.message for task in report.tasks for error in task.errors]  # type: ignore[attr-defined]


def test_the_fixture_package_is_valid_and_its_links_are_checked(fixture_data: Path) -> None:
    """The hostile fixture's package is valid; a statement about an unknown entity breaks a foreign key."""
    report = validate(str(fixture_data / "datapackage.json"))
    assert report.valid, _errors(report)
    statements = fixture_data / "statements.csv"
    rows = list(csv.reader(io.StringIO(statements.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("entity")] = "nobody-here"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    statements.write_text(out.getvalue(), encoding="utf-8")
    report = validate(str(fixture_data / "datapackage.json"))
    assert not report.valid
    assert [e.type for task in report.tasks for e in task.errors] == ["foreign-key"]


def test_every_field_is_typed_described_and_documented(fixture_pages: dict[str, str]) -> None:
    package = json.loads(fixture_pages["data/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == set(CSV_FILES)
    page = fixture_pages["data.md"]
    for resource in package["resources"]:
        assert resource["licenses"] == package["licenses"]
        header = fixture_pages[f"data/{resource['path']}"].split("\n", 1)[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in ("string", "number", "boolean", "list") and field["description"]
            assert f"- `{field['name']}` ({field['type']}" in page.split(f"### {resource['path']}", 1)[1]
    dates = [f for r in package["resources"] for f in r["schema"]["fields"] if f["name"] == "date"]
    assert dates and all(f["constraints"]["pattern"] for f in dates)


def test_atlas_json_meets_its_published_schema(fixture_pages: dict[str, str]) -> None:
    schema = json.loads(fixture_pages["data/atlas.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(fixture_pages["data/atlas.json"])
    jsonschema.Draft202012Validator(schema).validate(document)
    document["entities"][0]["statements"] = [{"id": "x", "metric": "founded"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_spreadsheet_tables_hold_the_same_cells(fixture_pages: dict[str, str]) -> None:
    """Each table for spreadsheets starts with a byte-order mark, ends its lines as Windows does, and holds
    exactly the cells of its canonical CSV, which has neither."""
    for name in CSV_FILES:
        canonical = fixture_pages[f"data/{name}"]
        excel = fixture_pages[f"data/{EXCEL_FOLDER}/{name}"].encode("utf-8")
        assert excel.startswith(b"\xef\xbb\xbf") and not canonical.startswith("\ufeff")
        assert b"\r\n" in excel and "\r\n" not in canonical
        assert list(csv.reader(io.StringIO(excel.decode("utf-8-sig"), newline=""))) == \
            list(csv.reader(io.StringIO(canonical, newline="")))


def _formula_unescaped(value: object) -> object:
    """A cell as atlas.json has it: the CSV's leading apostrophe before a formula character taken off."""
    if isinstance(value, str) and re.match(r"'\s*[=+\-@\t\r＝＋－＠]", value):
        return value[1:]
    return value


def round_trip(data: Path) -> None:
    """Every table read through the package descriptor gives back atlas.json's entities, statements,
    citations, relations, sources and metrics."""
    package = Package(str(data / "datapackage.json"))
    tables = {r.name: [{k: _formula_unescaped(v) for k, v in row.items()} for row in r.read_rows()]
              for r in package.resources}
    document = json.loads((data / "atlas.json").read_text(encoding="utf-8"))
    entities = document["entities"]
    assert [(r["id"], r["type"], r["name"], r["aliases"] or [], r["sectors"] or [], r["city"] or "")
            for r in tables["entities"]] == \
        [(e["id"], e["type"], e["name"], e["aliases"], e["sectors"], e["city"]) for e in entities]
    statements = [(e["id"], s) for e in entities for s in e["statements"]]
    assert [(r["id"], r["entity"], r["metric"], None if r["value"] is None else float(r["value"]), r["date"], r["date_basis"], r["disputed"],
             r["sources"]) for r in tables["statements"]] == \
        [(s["id"], entity, s["metric"], s["value"], s["date"], s["date_basis"], s["disputed"],
          list(dict.fromkeys(c["source"] for c in s["sources"]))) for entity, s in statements]
    assert [(r["statement"], r["source"], r["quote"]) for r in tables["citations"]] == \
        [(s["id"], c["source"], c["quote"]) for _, s in statements for c in s["sources"]]
    assert [(r["subject"], r["predicate"], r["object"], r["source"]) for r in tables["relations"]] == \
        [(e["id"], r["predicate"], r["object"], r["source"]) for e in entities for r in e["relations"]]
    assert [{k: v or "" for k, v in r.items()} for r in tables["sources"]] == document["sources"]
    assert {r["id"]: (r["label"], r["kind"]) for r in tables["metrics"]} == \
        {k: (m["label"], m["kind"]) for k, m in document["metrics"].items()}
    assert tables["entities"] and tables["statements"] and tables["sources"]


def test_the_fixture_tables_round_trip_to_atlas_json(fixture_data: Path) -> None:
    round_trip(fixture_data)


def test_the_data_pages_python_example_runs(fixture_pages: dict[str, str], fixture_data: Path) -> None:
    """The example on the data page, run as a reader would in the folder of the downloads."""
    code = re.search(r"```python\n(.*?)```", fixture_pages["data.md"], flags=re.S).group(1)
    result = subprocess.run([sys.executable, "-c", code], cwd=fixture_data, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    first = next(st for st in atlas.statements() if st.value is not None)
    figures = [st for st in atlas.entities[first.entity].statements if st.value is not None]
    metric, value = result.stdout.split()[:2]
    assert (metric, float(value)) == (figures[0].metric, float(figures[0].value))


# --- The real atlas, as published ---------------------------------------------------------------------

def test_the_real_package_validates_with_the_frictionless_command(real_site: Path) -> None:
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(command), "validate", "--json", str(real_site / "data" / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert {task["name"] for task in report["tasks"]} == {name.removesuffix(".csv") for name in CSV_FILES}


def test_the_real_tables_round_trip_and_meet_the_schema(real_site: Path) -> None:
    round_trip(real_site / "data")
    schema = json.loads((ROOT / "schema" / "atlas.schema.json").read_text(encoding="utf-8"))
    assert json.loads((real_site / "data" / "atlas.schema.json").read_text(encoding="utf-8")) == schema
    jsonschema.Draft202012Validator(schema).validate(
        json.loads((real_site / "data" / "atlas.json").read_text(encoding="utf-8")))
