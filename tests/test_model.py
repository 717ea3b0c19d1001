"""The model: one registry of entities, sources and metrics, with links both ways (generator/build/model.py)."""

from __future__ import annotations

import pytest

from generator.build.load import RawSource, parse_yaml
from generator.build.model import Atlas, _NameFinder, build_atlas

FACTS = """
format: 2
sectors: {z-last: Z sector, a-first: A sector}
metrics:
  zeta: {label: Zeta, kind: quantity, unit: count}
  alpha: {label: Alpha, kind: event}
entities:
  - id: corridor
    type: initiative
    name: The Corridor
    summary: S.
  - id: g60-corridor
    type: initiative
    name: G60 Corridor
    summary: S.
  - id: bay-city
    type: city
    name: Bay City
    aliases: [Bayville]
    summary: S.
    coordinates: {lat: 30.0, lon: 120.0}
    relations:
      - {predicate: member_of, object: g60-corridor, source: one}
  - id: aa-city
    type: city
    name: aa City
    summary: S.
    coordinates: {lat: 31.0, lon: 121.0}
  - id: port-district
    type: district
    name: Port District
    summary: S.
    coordinates: {lat: 30.1, lon: 120.1}
    relations:
      - {predicate: part_of, object: bay-city, source: one}
  - id: far-district
    type: district
    name: Far District
    summary: S.
    coordinates: {lat: 30.2, lon: 120.2}
    relations:
      - {predicate: part_of, object: port-district, source: one}
  - id: bay-works
    type: company
    name: Bay Works
    summary: S.
    relations:
      - {predicate: located_in, object: port-district, source: one}
      - {predicate: member_of, object: g60-corridor, source: one}
    statements:
      - {metric: zeta, value: 5, date: "2023", sources: [{source: one, quote: q}]}
      - {metric: alpha, date: "2022", date_basis: reported, sources: [{source: two, quote: q}, {source: one, quote: r}]}
  - id: bay-fund
    type: initiative
    name: Bay Fund
    summary: S.
    relations:
      - {predicate: operated_by, object: bay-works, source: two}
  - id: loop-a
    type: company
    name: Loop A
    summary: S.
    relations:
      - {predicate: located_in, object: loop-b, source: one}
  - id: loop-b
    type: company
    name: Loop B
    summary: S.
    relations:
      - {predicate: located_in, object: loop-a, source: one}
  - id: bay-works
    type: company
    name: Duplicate, dropped
    summary: S.
"""


def atlas() -> Atlas:
    facts = parse_yaml(FACTS, "facts.yml")
    sources = [
        RawSource("two", "seeds/two.txt", {"title": "Two", "date": "2024-01-02", "publisher": "P"},
                  "Bay Works and Bayville.\n\n  Port District grew.  \n\nBay City's Bay Works.\nNothing.", 5),
        RawSource("one", "seeds/one.txt", {}, "Bay Citizens of the Bay City Port District area.", 3),
    ]
    return build_atlas(facts, sources, "facts.yml")


def test_registries_are_sorted_by_id_and_the_first_duplicate_wins() -> None:
    a = atlas()
    assert list(a.entities) == sorted(a.entities)
    assert a.entities["bay-works"].name == "Bay Works"
    assert list(a.metrics) == ["alpha", "zeta"] and list(a.sectors) == ["a-first", "z-last"]
    assert list(a.sources) == ["two", "one"], "sources keep the order they were read in"
    assert a.facts_path == "facts.yml"


def test_entities_remember_lines_and_their_records() -> None:
    works = atlas().entities["bay-works"]
    assert works.line == 43 and works.line_of("relations") == 47 and works.line_of("nothing") == 43
    assert works.url == "companies/bay-works.md"
    assert works.names == ("Bay Works",)
    assert [(s.metric, s.value, s.date.text, s.source, s.line, s.date_basis) for s in works.statements] == [
        ("zeta", 5, "2023", "one", 51, "quote"), ("alpha", None, "2022", "two", 52, "reported")]
    assert [(c.source, c.quote, c.line) for c in works.statements[1].sources] == [("two", "q", 52), ("one", "r", 52)]
    assert works.statements[1].quote == "q" and works.statements[1].when() == "by 2022"
    assert [(r.subject, r.predicate, r.object, r.line) for r in works.relations] == [
        ("bay-works", "located_in", "port-district", 48), ("bay-works", "member_of", "g60-corridor", 49)]
    city = atlas().entities["bay-city"]
    assert city.names == ("Bay City", "Bayville") and city.coordinates == (30.0, 120.0)


def test_of_type_sorts_by_name_ignoring_case() -> None:
    assert [e.id for e in atlas().of_type("city")] == ["aa-city", "bay-city"]
    assert [e.id for e in atlas().of_type("person")] == []


def test_statements_relations_and_what_links_here() -> None:
    a = atlas()
    assert len(list(a.statements())) == 2 and len(list(a.relations())) == 8
    assert sorted(r.subject for r in a.incoming["g60-corridor"]) == ["bay-city", "bay-works"]
    assert [r.subject for r in a.incoming["port-district"]] == ["bay-works", "far-district"]
    assert "corridor" not in a.incoming


def test_the_corridor_and_its_places() -> None:
    a = atlas()
    assert a.corridor_members == {"bay-city", "bay-works"}
    assert [e.id for e in a.corridor_places] == ["bay-city", "port-district"], \
        "member cities with coordinates, and districts directly in one; not districts of districts"


def test_city_of_follows_place_then_owner_and_survives_loops() -> None:
    a = atlas()
    city = lambda eid: (c.id if (c := a.city_of(a.entities[eid])) else None)  # noqa: E731
    assert city("bay-city") == "bay-city"
    assert city("far-district") == "bay-city"
    assert city("bay-works") == "bay-city"
    assert city("bay-fund") == "bay-city", "a fund run by a company lies where the company does"
    assert city("loop-a") is None and city("corridor") is None


def test_sources_know_their_paragraphs_and_lines() -> None:
    two = atlas().sources["two"]
    assert two.paragraphs == ((5, "Bay Works and Bayville."), (7, "Port District grew."), (9, "Bay City's Bay Works."),
                              (10, "Nothing."))
    assert two.line_of("Port District") == 7 and two.line_of("Nothing") == 10 and two.line_of("absent") == 0
    assert (two.title, two.date.text, two.publisher, two.byline) == ("Two", "2024-01-02", "P", "")
    one = atlas().sources["one"]
    assert (one.title, one.date.text) == ("one", ""), "an article without front matter is named by its id"


def test_mentions_are_whole_names_longest_first() -> None:
    a = atlas()
    assert a.mentions["bay-works"] == (("two", 5, "Bay Works and Bayville."), ("two", 9, "Bay City's Bay Works."))
    assert a.mentions["bay-city"] == (("two", 5, "Bay Works and Bayville."), ("two", 9, "Bay City's Bay Works."),
                                      ("one", 3, "Bay Citizens of the Bay City Port District area."))
    assert a.mentions["port-district"] == (("two", 7, "Port District grew."),
                                           ("one", 3, "Bay Citizens of the Bay City Port District area."))
    assert "aa-city" not in a.mentions


def test_the_name_finder() -> None:
    finder = _NameFinder([("a", ("Lin",)), ("b", ("Lin Lin", "LL")), ("c", ("Huihe",)), ("d", ("Huihe",))])
    assert finder.ids_in("Lin Lin spoke.") == {"b"}
    assert finder.ids_in("Lin spoke to Lin Lin") == {"a", "b"}
    assert finder.ids_in("Linus and LL") == set(), "names of 3 or more characters, as whole words"
    assert finder.ids_in("xLin, Lins, Lin.") == {"a"}
    assert finder.ids_in("Huihe") == {"c", "d"}
    assert finder.ids_in("") == set()


def test_by_source_indexes_statements_citations_and_mentions() -> None:
    index = atlas().by_source
    statements, citing, mentioned = index["one"]
    assert [s.metric for s in statements] == ["zeta", "alpha"]
    assert citing == {"bay-city", "port-district", "far-district", "bay-works", "loop-a", "loop-b"}
    assert mentioned == {"bay-city", "port-district"}
    statements, citing, mentioned = index["two"]
    assert [s.metric for s in statements] == ["alpha"] and citing == {"bay-fund"}
    assert [s.metric for s in index["one"][0]] == ["zeta", "alpha"], "a statement counts for each of its articles"
    assert mentioned == {"bay-works", "bay-city", "port-district"}


@pytest.mark.parametrize(("title", "short", "expected"), [
    ("Mayor honors innovative industry leaders", "", "Mayor honors innovative industry leaders"),
    ("The G60 corridor's nine cities: a biomedical base", "", "The G60 corridor's nine cities"),
    ("Songjiang District is setting a new benchmark in the realm of growth", "", "Songjiang District is setting a new…"),
    ("Anything at all", "Its own short title", "Its own short title"),
])
def test_a_source_has_a_short_title_for_citations(title: str, short: str, expected: str) -> None:
    from generator.build.dates import FuzzyDate
    from generator.build.model import Source
    source = Source(id="x", path="seeds/x.txt", title=title, date=FuzzyDate("2024"), summary="", text="",
                    first_line=1, short=short)
    assert source.short_title == expected
