"""Where every page lives, and the names the site keeps (generator/build/paths.py); the error lines (errors.py)."""

from __future__ import annotations

import pytest

from generator.build import paths
from generator.build.model import TYPES
from generator.errors import InputError, Problem, printable


def test_every_kind_of_page_has_its_place() -> None:
    assert paths.entity_page("company", "iflytek") == "companies/iflytek.md"
    assert paths.entity_page("person", "lin-lin") == "people/lin-lin.md"
    assert paths.type_index("city") == "cities/index.md"
    assert paths.letter_page("company", "a") == "companies/by-letter/a.md"
    assert paths.letter_page("initiative", "0-9") == "initiatives/by-letter/0-9.md"
    assert paths.source_page("2023-x") == "sources/2023-x.md"
    assert paths.sector_page("biomedicine") == "tags/biomedicine.md"
    assert paths.figure_page("rd-intensity") == "figures/rd-intensity.md"
    assert paths.timeline_page(1) == "timeline.md"
    assert paths.timeline_page(2) == "timeline/2.md"
    assert paths.timeline_page(12) == "timeline/12.md"
    assert paths.data_file("atlas.json") == "data/atlas.json"
    assert (paths.HOME, paths.SOURCES_INDEX, paths.SECTORS_INDEX, paths.MAP, paths.FIGURES_INDEX, paths.DATA_INDEX,
            paths.REDIRECTS) == ("index.md", "sources/index.md", "tags.md", "map.md", "figures.md",
                                 "data.md", ".atlas-redirects.yml")


def test_fixed_pages_are_the_lists_letters_and_numbered_pages() -> None:
    fixed = paths.fixed_pages()
    assert len(fixed) == len(set(fixed)) == 10 + len(TYPES) * (1 + len(paths.LETTER_KEYS))
    for type_id, etype in TYPES.items():
        assert f"{etype.folder}/index.md" in fixed
        assert f"{etype.folder}/by-letter/other.md" in fixed and f"{etype.folder}/by-letter/z.md" in fixed
    assert {"index.md", "sources/index.md", "tags.md", "map.md", "figures.md", "disputes.md", "data.md", "timeline.md",
            "timeline/2.md", ".atlas-redirects.yml"} <= set(fixed)
    assert paths.LETTER_KEYS[0] == "0-9" and paths.LETTER_KEYS[-1] == "other" and len(paths.LETTER_KEYS) == 28


@pytest.mark.parametrize(("page", "folder"), [("companies/x.md", "companies"), ("index.md", ""),
                                              ("companies/by-letter/a.md", "companies/by-letter")])
def test_folder_of(page: str, folder: str) -> None:
    assert paths.folder_of(page) == folder


def test_reserved_names_per_folder() -> None:
    for etype in TYPES.values():
        assert paths.reserved_names(etype.folder) == {"index", "by-letter"}
    assert paths.reserved_names("sources") == {"index"}
    assert paths.reserved_names("tags") == {"index"}
    assert paths.reserved_names("figures") == {"index"}
    assert paths.reserved_names("timeline") == {"index", "2"}
    assert paths.reserved_names("data") == {"index"}


def test_a_problem_is_one_line_with_place_and_fix() -> None:
    assert str(Problem("facts.yml", 12, "what", "fix")) == "facts.yml:12: what; fix"
    assert str(Problem("facts.yml", 12, "what", "fix", column=3)) == "facts.yml:12:3: what; fix"
    assert str(Problem("facts.yml", 0, "what", "fix", column=3)) == "facts.yml: what; fix"
    assert str(Problem("a.txt", 1, "bad\nname\u202e", "x\x00")) == "a.txt:1: bad\\nname\\u202e; x\\x00"


def test_printable_keeps_text_and_escapes_the_invisible() -> None:
    assert printable("松江 Songjiang ‹x› 6.79% — “q”") == "松江 Songjiang ‹x› 6.79% — “q”"
    assert printable("a\tb\rc\u200bd\u3000e\xa0f") == "a\\tb\\rc\\u200bd\u3000e\\xa0f"


def test_an_input_error_sorts_its_problems_and_ends_with_a_summary() -> None:
    err = InputError([Problem("b.txt", 2, "y", "fix"), Problem("a.yml", 9, "x", "fix"),
                      Problem("a.yml", 3, "x", "fix"), Problem("a.yml", 3, "x", "fix")])
    assert err.report() == ("a.yml:3: x; fix\na.yml:9: x; fix\nb.txt:2: y; fix\n"
                            "check failed: 3 problems in a.yml, b.txt; nothing was written")
    assert str(err) == "3 problem(s)"
    one = InputError([Problem("a.yml", 1, "x", "fix")])
    assert one.report().endswith("check failed: 1 problem in a.yml; nothing was written")
