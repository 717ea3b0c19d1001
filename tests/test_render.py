"""Rendering: golden Markdown per entity type, determinism, and escaping of fact-file values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, check_golden, shared
from generator.build.pipeline import load_atlas
from generator.build.model import TYPES
from generator.build.render import render_site

GOLDEN = Path(__file__).parent / "golden" / "pages"
GOLDEN_PAGES = [
    # a profile of each type, the hostile ones included
    "cities/river-city.md", "cities/hill-city.md", "districts/old-town.md", "regions/lake-province.md",
    "companies/acme-robotics.md", "companies/evil-corp.md", "companies/hash-holdings.md",
    "initiatives/river-fund.md", "initiatives/first-fund.md", "institutions/institute-of-testing.md",
    "people/jane-doe.md",
    # every other kind of page, and the files the generator writes
    "sources/2023-river-city-report.md", "sources/index.md", "index.md", "companies/index.md", "timeline.md",
    "map.md", "figures.md", "figures/high-tech-enterprises.md", "tags.md", "tags/robotics.md", "disputes.md", "data.md",
    "data/atlas.json", "data/entities.csv", "data/relations.csv", "data/statements.csv", "data/sources.csv",
    "data/metrics.csv", "data/datapackage.json",
    ".atlas-redirects.yml",
]
LETTER_PAGES = ["companies/index.md", "companies/by-letter/a.md", "companies/by-letter/other.md"]


@pytest.fixture(scope=shared)
def pages() -> dict[str, str]:
    return render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_page(pages: dict[str, str], page: str, update_goldens: bool) -> None:
    check_golden(GOLDEN / page.replace("/", "__"), pages[page], update_goldens)


@pytest.fixture(scope=shared)
def split_pages() -> dict[str, str]:
    """The fixture rendered as a large atlas is: type indexes past INDEX_ROWS split into letter pages."""
    from generator.build.pages import index

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "INDEX_ROWS", 1)
        return render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))


@pytest.mark.parametrize("page", LETTER_PAGES)
def test_golden_letter_page(split_pages: dict[str, str], page: str, update_goldens: bool) -> None:
    check_golden(GOLDEN / "letters" / page.replace("/", "__"), split_pages[page], update_goldens)


def test_every_entity_is_on_exactly_one_letter_page(split_pages: dict[str, str]) -> None:
    """Past INDEX_ROWS (here 1) a type's entities are listed by letter, each once; a shorter type is not split."""
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    split = 0
    for type_id, etype in TYPES.items():
        entities = sorted(e.id for e in atlas.of_type(type_id))
        pages = [p for p in split_pages if p.startswith(f"{etype.folder}/by-letter/")] or [f"{etype.folder}/index.md"]
        listed = [link for p in pages for link in re.findall(r"^- \*\*\[[^\n]*?\]\((?:\.\./)?([a-z0-9-]+)\.md\)",
                                                               split_pages[p], re.M)]
        assert sorted(listed) == entities, type_id
        assert ("by-letter" in pages[0]) == (len(entities) > 1), type_id
        split += "by-letter" in pages[0]
    assert split >= 2


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    again = render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))
    assert again == pages
    assert list(again) == sorted(again)


def test_every_page_is_marked_generated_and_has_a_description(pages: dict[str, str]) -> None:
    for path, content in pages.items():
        if not path.endswith(".md"):
            continue
        front = yaml.safe_load(content.split("---\n")[1])
        assert front["generated_by"] == "g60-atlas", path
        assert isinstance(front["description"], str) and len(front["description"].strip()) > 20, path


def test_hostile_name_is_inert_text(pages: dict[str, str]) -> None:
    page = pages["companies/evil-corp.md"]
    body = page.split("---\n", 2)[2]
    assert "<img" not in body and "<script" not in body
    assert "](javascript:" not in body
    own = re.sub(r"\]\(#cite-\d+\)\{: \.atlas-cite \}|^    \{: #cite-\d+ \}$", "", body, flags=re.M)
    assert not re.search(r"(?<!\\)\{:", own), "an attribute list would reach Markdown"
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in body
    front = yaml.safe_load(page.split("---\n")[1])
    printed_raw = [front["title"], front["description"]]  # the theme prints these raw
    assert not any("<" in text or ">" in text for text in printed_raw)
    assert front["search_entry"]["names"][0] == "<img src=x onerror=alert(1)>", \
        "data for the search box, which overrides/main.html escapes"


def test_conflicting_values_are_both_kept_and_marked(pages: dict[str, str]) -> None:
    page = pages["cities/river-city.md"]
    assert "- **1,450** (disputed), " in page and "- **1,200** (disputed), " in page
    assert page.index("- **1,500**, ") < page.index("- **1,450** (disputed), "), "newest first"


def test_every_citation_note_links_to_its_source_page(pages: dict[str, str]) -> None:
    """Each note under References (the line above its `{: #cite-N }`) quotes and links to its article."""
    notes = [line for content in pages.values() for line, below in zip(content.splitlines(), content.splitlines()[1:])
             if re.fullmatch(r"    \{: #cite-\d+ \}", below)]
    assert notes
    for line in notes:
        assert re.match(r"\d+\. ", line), line
        assert "](../sources/" in line or "](sources/" in line, line


def test_loading_is_deterministic() -> None:
    first = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    second = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    assert list(first.entities) == sorted(first.entities)
    assert first.entities == second.entities and first.sources == second.sources
    assert first.mentions == second.mentions and first.incoming == second.incoming


def test_at_a_glance_shows_the_types_priority_first_then_by_label() -> None:
    """facts.yml's `at_a_glance` decides the order; metrics it does not list follow by label."""
    from generator.build.pages.common import latest_by_metric
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    priority = list(atlas.at_a_glance["city"])
    checked = 0
    for entity in atlas.entities.values():
        if entity.type != "city":
            continue
        shown = [st.metric for st in latest_by_metric(atlas, entity)]
        listed = [m for m in shown if m in priority]
        rest = [m for m in shown if m not in priority]
        assert shown == listed + rest
        assert listed == [m for m in priority if m in listed]
        assert rest == sorted(rest, key=lambda m: atlas.metrics[m].label)
        checked += bool(listed and rest and atlas.metrics[listed[0]].label > atlas.metrics[rest[0]].label)
    assert checked, "the fixture has a city whose priority metric would come later by label"
