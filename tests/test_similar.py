"""Near-duplicate names (generator/build/similar.py): what a reviewer would call the same entity."""

from __future__ import annotations

import itertools

import pytest

from generator.build.similar import NameIndex, likeness, near_duplicates

KNOWN = [("Xuancheng", "xuancheng"), ("Huihe Healthcare", "huihe-healthcare"), ("Huzhou", "huzhou"),
         ("Suzhou", "suzhou"), ("G60 Science and Technology Innovation Corridor", "g60-corridor"),
         ("G60 Science and Innovation Eye", "g60-eye"), ("Shanghai Austar Pharmaceutical", "austar"),
         ("Songjiang Economic Development Zone", "sedz"), ("Economic Development Zone Group", "edzg")]


@pytest.mark.parametrize(("new", "owner"), [
    ("Xiancheng", "xuancheng"),  # a misspelling
    ("Xuan cheng", "xuancheng"),  # other spacing
    ("Huihe Health care", "huihe-healthcare"),
    ("huihe-healthcare", "huihe-healthcare"),  # case and hyphens
    ("G60 S&T Innovation Valley", "g60-corridor"),  # an abbreviation spelled out, one word other
    ("Shanghai Austar Pharmaceuticals", "austar"),
])
def test_a_near_duplicate_is_found_with_its_owner(new: str, owner: str) -> None:
    found = near_duplicates(new, KNOWN)
    assert found and found[0].owner == owner and found[0].reason
    assert [f.owner for f in NameIndex(KNOWN).similar(new)][:1] == [owner], "the index finds what the scan finds"


@pytest.mark.parametrize("new", ["Huzhou", "Jiaxing", "Suzhou Industrial Park", "G60 Brain Intelligence Park",
                                 "Hefei", "Wuhu", "Jinhua"])
def test_different_names_are_left_alone(new: str) -> None:
    assert [f for f in near_duplicates(new, KNOWN) if f.name != new] == []


def test_two_cities_one_letter_apart_are_not_a_misspelling() -> None:
    assert likeness("Huzhou", "Suzhou") == ""


def test_the_index_agrees_with_a_full_scan() -> None:
    """Every near pair a comparison of all names finds, the index finds too."""
    names = KNOWN + [("Xiancheng", "x2"), ("Huihe Health care", "h2"), ("G60 S&T Innovation Valley", "v"),
                     ("Songjiang Economic Development Zones", "z2"), ("A Very Long Company Name Ltd", "l1"),
                     ("A Verry Long Compani Name Ltd", "l2")]
    index = NameIndex(names)
    for name, owner in names:
        scan = {(f.name, f.owner) for f in near_duplicates(name, names)}
        assert {(f.name, f.owner) for f in index.similar(name)} == scan, name
    assert any(likeness(a, b) for (a, _), (b, _) in itertools.combinations(names, 2))
