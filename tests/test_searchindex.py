"""What the search index is told about each page (generator/build/searchindex.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.searchindex import compact, index_site, search_entry
from generator.errors import GeneratorError


@pytest.mark.parametrize(("name", "compacted"), [("iFlytek", "iflytek"), ("i-Flytek", "iflytek"),
                                                 ("Huihe Health care", "huihehealthcare"), ("松江区", "松江区"),
                                                 ("Ｇ６０ Corridor", "g60corridor"), ("R&D 6.79%", "rd679")])
def test_compact_is_letters_and_digits_in_lower_case(name: str, compacted: str) -> None:
    assert compact(name) == compacted


def test_a_search_entry_weighs_names_written_both_ways_and_figures() -> None:
    entry = search_entry("iFlytek", "Company", "Hefei", "  A speech\ncompany. ", ["iFlytek", "", "科大讯飞", "iFlytek"],
                         ["6.79%"], links=4)
    assert entry == {"title": "iFlytek", "kind": "Company", "city": "Hefei", "summary": "A speech company.",
                     "names": ["iFlytek", "科大讯飞"], "terms": "iFlytek 科大讯飞 iflytek 6.79%", "links": 4}


def test_indexing_needs_a_built_site(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="index.html not found; build the site first"):
        index_site(tmp_path)


def test_the_generator_gives_profiles_and_articles_their_entries(project: Path) -> None:
    from generator.build.pipeline import load_atlas
    from generator.build.render import render_site
    import yaml

    pages = render_site(load_atlas(project / "facts.yml", project / "seeds"))
    front = lambda path: yaml.safe_load(pages[path].split("---\n")[1])  # noqa: E731
    city = front("cities/river-city.md")["search_entry"]
    assert city["names"] == ["River City", "Rivertown", "河城"] and city["kind"] == "City"
    assert "1,500" in city["terms"] and "rivercity" in city["terms"] and city["links"] == 2
    company = front("companies/acme-robotics.md")["search_entry"]
    assert (company["kind"], company["city"]) == ("Company", "River City")
    article = front("sources/2023-river-city-report.md")["search_entry"]
    assert article["kind"] == "Article, 1 June 2023" and article["city"] == "Test Daily"
    assert "search_entry" not in front("companies/index.md") and "search_entry" not in front("timeline.md")
