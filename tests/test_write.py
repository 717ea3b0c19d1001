"""Writing docs/: only owned pages, only when changed, stale ones removed, nothing on failure."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from conftest import snapshot
import generator.build
from generator.build.model import TYPES
from generator.build.pipeline import load_atlas
from generator.build.render import render_site
from generator.build.write import MANIFEST
from generator.cli import cli


REPORT = re.compile(r"ok: (\d+) pages written, (\d+) removed, (\d+) unchanged in docs\n")


def build(*extra: str) -> tuple[int, int, int]:
    """Run `build`; (written, removed, unchanged) from its report line."""
    result = CliRunner().invoke(cli, ["build", *extra])
    assert result.exit_code == 0, result.output
    match = REPORT.fullmatch(result.output)
    assert match, result.output
    written, removed, unchanged = map(int, match.groups())
    return written, removed, unchanged


def generated(project: Path) -> int:
    """How many pages and files the fixture's atlas makes."""
    return len(render_site(load_atlas(project / "facts.yml", project / "seeds")))


def test_second_build_writes_nothing(project: Path) -> None:
    assert build() == (generated(project), 0, 0)
    before = snapshot(project / "docs")
    assert build() == (0, 0, generated(project))
    assert snapshot(project / "docs") == before


def changed_files(before: dict, after: dict) -> list[str]:
    """Pages changed between two snapshots (the manifest, the generator's bookkeeping, aside)."""
    return sorted(name for name in after if before.get(name) != after[name] and name != MANIFEST)


def test_editing_one_entity_rewrites_only_the_pages_that_show_it(project: Path) -> None:
    build()
    before = snapshot(project / "docs")
    facts = project / "facts.yml"
    facts.write_text(facts.read_text().replace("A fixture institute that trains engineers.",
                                               "A fixture institute that trains many engineers."))
    assert build() == (5, 0, generated(project) - 5)
    assert changed_files(before, snapshot(project / "docs")) == [  # the index shows the summary's start
        "data/atlas.json", "data/entities.csv", "data/excel/entities.csv", "institutions/index.md",
        "institutions/institute-of-testing.md"]


def test_renaming_one_entity_rewrites_its_page_and_the_pages_linking_to_it(project: Path) -> None:
    build()
    before = snapshot(project / "docs")
    facts = project / "facts.yml"
    facts.write_text(facts.read_text().replace("name: Jane Doe", "name: Jane Q. Doe"))
    build()
    assert changed_files(before, snapshot(project / "docs")) == [
        "companies/acme-robotics.md", "data/atlas.json", "data/entities.csv", "data/excel/entities.csv",
        "people/index.md",
        "people/jane-doe.md",
        "sources/2023-river-city-report.md"]


def test_stale_generated_page_is_removed_and_hand_written_files_kept(project: Path) -> None:
    build()
    hand_written = project / "docs" / "about.md"
    hand_written.write_text("# About\n\nWritten by hand.\n")
    facts = project / "facts.yml"
    text = facts.read_text()
    start, end = text.index("  - id: jane-doe"), text.index("  - id: institute-of-tasting")
    facts.write_text(text[:start] + text[end:])
    assert build()[1] == 1
    assert not (project / "docs" / "people" / "jane-doe.md").exists()
    assert not (project / "docs" / "people").exists() or list((project / "docs" / "people").iterdir())
    assert hand_written.read_text() == "# About\n\nWritten by hand.\n"
    assert (project / "docs" / "assets" / "atlas.css").exists()


def test_failed_build_leaves_docs_exactly_as_it_was(project: Path) -> None:
    build()
    before = snapshot(project / "docs")
    facts = project / "facts.yml"
    facts.write_text(facts.read_text().replace("object: old-town", "object: old-towne", 1)
                     .replace("A fixture robot maker", "A changed robot maker"))
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "unknown id 'old-towne'" in result.output
    assert snapshot(project / "docs") == before


def test_check_writes_nothing_and_counts_what_it_read(project: Path) -> None:
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    raw = yaml.safe_load((project / "facts.yml").read_text(encoding="utf-8"))["entities"]
    types = ", ".join(f"{n} {TYPES[t].plural.lower()}" for t in TYPES
                      if (n := sum(e["type"] == t for e in raw)))
    expected = (f"ok: {len(raw)} entities ({types}); {sum(len(e.get('statements', [])) for e in raw)} statements; "
                f"{sum(len(e.get('relations', [])) for e in raw)} relations; "
                f"{len(list((project / 'seeds').glob('*.txt')))} sources\n")
    assert result.output == expected
    assert snapshot(project) == before


def test_a_hand_edited_generated_page_is_restored_although_no_input_changed(project: Path) -> None:
    build()
    page = project / "docs" / "people" / "jane-doe.md"
    original = page.read_text()
    page.write_text(original.replace("Jane Doe", "Someone Else"))
    assert build()[0] == 1
    assert page.read_text() == original


def test_a_same_size_edit_and_a_deleted_page_are_both_noticed(project: Path) -> None:
    build()
    page = project / "docs" / "people" / "jane-doe.md"
    original = page.read_text()
    page.write_text(original.replace("Jane Doe", "Jane Roe"))  # same size: only the time tells
    assert page.stat().st_size == len(original.encode())
    assert build()[0] == 1 and page.read_text() == original
    page.unlink()
    assert build()[0] == 1 and page.read_text() == original


def test_the_no_op_stamp_covers_every_input(project: Path) -> None:
    """Fact file, each article, schema, every template and every module of the build are in the stamp."""
    from generator.build.pages.common import Options
    from generator.build.pipeline import SCHEMA_PATH, TEMPLATES, input_stamp, stamp_inputs

    facts, seeds = project / "facts.yml", project / "seeds"
    inputs = set(stamp_inputs(facts, seeds))
    code = Path(generator.build.__file__).parent
    assert {facts, SCHEMA_PATH, *seeds.glob("*.txt"), *TEMPLATES.glob("*.j2"), *code.rglob("*.py")} <= inputs
    a_site = Options("https://a.example/")
    stamp = input_stamp(facts, seeds, a_site)
    assert input_stamp(facts, seeds, Options("https://b.example/")) != stamp, "the site's URL is in the stamp"
    assert input_stamp(facts, seeds, Options("https://a.example/", edit_lines=False)) != stamp, "and the lines"
    (seeds / "2025-new.txt").write_text("---\ntitle: T\ndate: \"2025\"\n---\nText.\n", encoding="utf-8")
    assert input_stamp(facts, seeds, a_site) != stamp
    (seeds / "2025-new.txt").unlink()
    assert input_stamp(facts, seeds, a_site) == stamp
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert input_stamp(facts, seeds, a_site) != stamp


def test_stale_data_files_and_empty_folders_are_removed(project: Path) -> None:
    from generator.build.write import write_pages

    docs = project / "docs"
    pages = render_site(load_atlas(project / "facts.yml", project / "seeds"))
    write_pages(docs, pages)
    fewer = {k: v for k, v in pages.items() if k != "data/relations.csv" and not k.startswith("tags/")}
    report = write_pages(docs, fewer)
    assert sorted(report.removed) == sorted(set(pages) - set(fewer))
    assert not (docs / "data" / "relations.csv").exists() and (docs / "data" / "atlas.json").exists()
    assert not (docs / "tags").exists(), "a folder left empty goes too"
