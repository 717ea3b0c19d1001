"""Rendering: golden Markdown per entity type, determinism, and escaping of fact-file values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURE
from generator.build.pipeline import load_atlas
from generator.build.render import render_site

GOLDEN = Path(__file__).parent / "golden" / "pages"
ONE_OF_EACH_TYPE = ["cities/river-city.md", "districts/old-town.md", "regions/lake-province.md",
                    "companies/acme-robotics.md", "initiatives/river-fund.md",
                    "institutions/institute-of-testing.md", "people/jane-doe.md",
                    "sources/2023-river-city-report.md", "index.md", "companies/index.md"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))


@pytest.mark.parametrize("page", ONE_OF_EACH_TYPE)
def test_golden_page(pages: dict[str, str], page: str, update_goldens: bool) -> None:
    golden = GOLDEN / page.replace("/", "__")
    if update_goldens:
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    again = render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))
    assert again == pages
    assert list(again) == sorted(again)


def test_every_page_is_marked_generated_and_has_a_description(pages: dict[str, str]) -> None:
    for path, content in pages.items():
        if not path.endswith(".md"):
            continue
        front = content.split("---\n")[1]
        assert "generated_by: g60-atlas" in front, path
        assert "description:" in front, path


def test_hostile_name_is_inert_text(pages: dict[str, str]) -> None:
    page = pages["companies/evil-corp.md"]
    body = page.split("---\n", 2)[2]
    assert "<img" not in body and "<script" not in body
    assert "](javascript:" not in body
    assert not re.search(r"(?<!\\)\{:", body), "an attribute list would reach Markdown"
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in body
    front = page.split("---\n")[1]
    assert "<" not in front and ">" not in front


def test_conflicting_values_are_both_kept_and_marked(pages: dict[str, str]) -> None:
    page = pages["cities/river-city.md"]
    assert "| 1,450 (disputed) |" in page and "| 1,200 (disputed) |" in page
    assert page.index("| 1,500 |") < page.index("| 1,450 (disputed) |"), "newest first"


def test_every_footnote_links_to_its_source_page(pages: dict[str, str]) -> None:
    notes = [line for content in pages.values() for line in content.splitlines() if line.startswith("[^")]
    assert notes
    for line in notes:
        assert "](../sources/" in line or "](sources/" in line, line


def test_loading_is_deterministic() -> None:
    first = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    second = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    assert list(first.entities) == sorted(first.entities)
    assert first.entities == second.entities and first.sources == second.sources
    assert first.mentions == second.mentions and first.incoming == second.incoming
