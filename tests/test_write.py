"""Writing docs/: only owned pages, only when changed, stale ones removed, nothing on failure."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import snapshot
from generator.cli import cli
from generator.build.write import MANIFEST


def build(*extra: str) -> str:
    result = CliRunner().invoke(cli, ["build", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_second_build_writes_nothing(project: Path) -> None:
    first = build()
    assert "0 unchanged" in first
    before = snapshot(project / "docs")
    second = build()
    assert second.startswith("ok: 0 pages written, 0 removed,")
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
    assert build().startswith("ok: 3 pages written,")
    assert changed_files(before, snapshot(project / "docs")) == [
        "data/atlas.json", "data/entities.csv", "institutions/institute-of-testing.md"]


def test_renaming_one_entity_rewrites_its_page_and_the_pages_linking_to_it(project: Path) -> None:
    build()
    before = snapshot(project / "docs")
    facts = project / "facts.yml"
    facts.write_text(facts.read_text().replace("name: Jane Doe", "name: Jane Q. Doe"))
    build()
    assert changed_files(before, snapshot(project / "docs")) == [
        "companies/acme-robotics.md", "data/atlas.json", "data/entities.csv", "people/index.md",
        "people/jane-doe.md",
        "sources/2023-river-city-report.md"]


def test_stale_generated_page_is_removed_and_hand_written_files_kept(project: Path) -> None:
    build()
    hand_written = project / "docs" / "about.md"
    hand_written.write_text("# About\n\nWritten by hand.\n")
    facts = project / "facts.yml"
    text = facts.read_text()
    start = text.index("  - id: jane-doe")
    facts.write_text(text[:start])
    output = build()
    assert "1 removed" in output
    assert not (project / "docs" / "people" / "jane-doe.md").exists()
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


def test_check_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output == ("ok: 9 entities (1 cities, 1 districts, 1 regions, 2 companies, 2 initiatives, "
                             "1 institutions, 1 people); 6 statements; 7 relations; 2 sources\n")
    assert snapshot(project) == before


def test_a_hand_edited_generated_page_is_restored_although_no_input_changed(project: Path) -> None:
    build()
    page = project / "docs" / "people" / "jane-doe.md"
    original = page.read_text()
    page.write_text(original.replace("Jane Doe", "Someone Else"))
    assert build().startswith("ok: 1 pages written,")
    assert page.read_text() == original
