"""Edges of the model (generator/build/model.py) that the broader tests leave open.

What they pin down: every key of an entity, relation, statement, metric and article reaches the model,
and a missing optional key gives the field's empty default; where a quote starts in its article (its
first occurrence, at the very start of the text included); how a statement's date reads for each
date basis; a name that starts with a sign ('#Hash Co') found in the articles; which figures count as
disputed at the edges of their dates; the nearest city of an entity that lies in a loop or is only linked
by a non-place relation, and of one not (yet) in the atlas; the atlas's tables named for what pages read,
whatever mappings it is given; and a rebuild from the same records (as `serve` does) reusing the entities
it built.
"""

from __future__ import annotations

import pytest

from conftest import shared
from generator.build.dates import FuzzyDate
from generator.build.load import RawSource, parse_yaml
from generator.build.model import Atlas, Citation, Entity, Metric, Relation, Source, Statement, build_atlas
from generator.build.reads import TrackedDict, recording

FACTS = """\
format: 2
sectors: {tools: Tools, arts: Arts}
metrics:
  staff: {label: Staff, kind: quantity, unit: people, description: Who works there.}
  opened: {label: Opened, kind: event}
at_a_glance:
  company: [staff]
entities:
  - id: hub-city
    type: city
    name: Hub City
    summary: "  A city, its summary padded.  "
  - id: far-city
    type: city
    name: Far City
    summary: S.
  - id: full-co
    type: company
    kind: maker
    name: Full Co
    zh: 全公司
    aliases: [Fullco, FC Group]
    sectors: [tools, arts]
    note: An entity note.
    former_ids: [old-full]
    coordinates: {lat: 31.5, lon: 121.25}
    summary: A company with every key.
    relations:
      - predicate: partner_of
        object: far-city
        source: art
        role: ally
        quote: Full Co and Far City
        note: A relation note.
      - {predicate: located_in, object: hub-city, source: art}
    statements:
      - metric: staff
        value: 120
        unit: people
        qualifier: about
        derived: counted from the payroll
        date: "2022"
        date_basis: as_of
        date_note: The payroll's year.
        note: A statement note.
        sources:
          - source: art
            quote: about 120 staff
          - source: art2
            quote: a staff of 120
      - {metric: opened, date: "2021-03", sources: [{source: art, quote: opened}]}
  - id: bare-co
    type: company
    name: Bare Co
    summary: Only the required keys.
    relations:
      - {predicate: partner_of, object: far-city, source: art}
  - {id: hash-co, type: company, name: "#Hash Co", summary: A name that starts with a sign.}
"""

ARTICLE = ("Full Co opened.\nIt has about 120 staff.\n\nFull Co and Far City work together.\nFull Co again.\n"
           "Its rival: #Hash Co.")


@pytest.fixture(scope=shared)
def facts() -> object:
    return parse_yaml(FACTS, "facts.yml")


@pytest.fixture(scope=shared)
def atlas(facts: object) -> Atlas:
    sources = [
        RawSource("art", "seeds/art.txt", {"title": "The Article: a subtitle", "date": "2023-11-05",
                                           "summary": "What it says.", "date_note": "Dated by its web page.",
                                           "publisher": "The Paper", "byline": "A. Writer",
                                           "url": "https://example.org/art", "short_title": "Article"},
                  ARTICLE, 7),
        RawSource("art2", "seeds/art2.txt", {}, "Bare text.", 1),
    ]
    return build_atlas(facts, sources, "facts.yml")  # type: ignore[arg-type]


def test_every_key_of_a_record_reaches_the_model_and_missing_ones_are_empty(atlas: Atlas) -> None:
    full = atlas.entities["full-co"]
    assert full == Entity(
        id="full-co", type="company", name="Full Co", summary="A company with every key.", line=0, kind="maker",
        zh="全公司", aliases=("Fullco", "FC Group"), sectors=("tools", "arts"), note="An entity note.",
        coordinates=(31.5, 121.25), former_ids=("old-full",),
        relations=(Relation(subject="full-co", predicate="partner_of", object="far-city", source="art", line=0,
                            role="ally", quote="Full Co and Far City", note="A relation note."),
                   Relation(subject="full-co", predicate="located_in", object="hub-city", source="art", line=0)),
        statements=(Statement(entity="full-co", metric="staff", date=FuzzyDate("2022"), line=0, value=120,
                              unit="people", qualifier="about", date_basis="as_of", date_note="The payroll's year.",
                              note="A statement note.", derived="counted from the payroll",
                              sources=(Citation("art", "about 120 staff", 0), Citation("art2", "a staff of 120", 0))),
                    Statement(entity="full-co", metric="opened", date=FuzzyDate("2021-03"), line=0,
                              sources=(Citation("art", "opened", 0),))))
    assert (full.line, full.key_lines["statements"], [r.line for r in full.relations]) == (17, 36, [29, 35])
    assert [(st.line, [c.line for c in st.sources]) for st in full.statements] == [(37, [47, 49]), (51, [51])]
    assert atlas.entities["bare-co"] == Entity(
        id="bare-co", type="company", name="Bare Co", summary="Only the required keys.", line=0,
        relations=(Relation(subject="bare-co", predicate="partner_of", object="far-city", source="art", line=0),))
    assert atlas.entities["hub-city"].summary == "A city, its summary padded."
    assert dict(atlas.metrics.raw_items()) == {
        "opened": Metric(id="opened", label="Opened", kind="event"),
        "staff": Metric(id="staff", label="Staff", kind="quantity", unit="people", description="Who works there.")}
    assert list(atlas.sectors.raw_items()) == [("arts", "Arts"), ("tools", "Tools")]
    assert dict(atlas.at_a_glance.raw_items()) == {"company": ("staff",)}


def test_every_front_matter_key_of_an_article_reaches_the_model(atlas: Atlas) -> None:
    assert atlas.sources["art"] == Source(
        id="art", path="seeds/art.txt", title="The Article: a subtitle", date=FuzzyDate("2023-11-05"),
        summary="What it says.", text=ARTICLE, first_line=7, date_note="Dated by its web page.",
        publisher="The Paper", byline="A. Writer", url="https://example.org/art", short="Article")
    assert atlas.sources["art2"] == Source(id="art2", path="seeds/art2.txt", title="art2", date=FuzzyDate(""),
                                           summary="", text="Bare text.", first_line=1)


def test_a_name_that_starts_with_a_sign_is_found_in_the_articles(atlas: Atlas) -> None:
    assert atlas.mentions["hash-co"] == (("art", 12, "Its rival: #Hash Co."),)


def test_a_quote_is_placed_on_the_line_of_its_first_occurrence(atlas: Atlas) -> None:
    article = atlas.sources["art"]
    assert article.line_of("Full Co opened") == 7, "a quote at the very start of the text is on its first line"
    assert article.line_of("Full Co") == 7, "the first occurrence, not a later one"
    assert article.line_of("Full Co and Far City") == 10
    assert article.line_of("about 120") == 8
    assert article.line_of("Nowhere") == 0


@pytest.mark.parametrize(("basis", "shown"), [
    ("quote", "March 2021"), ("other", "March 2021"), ("as_of", "as of March 2021"), ("reported", "by March 2021")])
def test_a_date_reads_as_its_basis_says(basis: str, shown: str) -> None:
    statement = Statement(entity="e", metric="m", date=FuzzyDate("2021-03"), sources=(), line=1, date_basis=basis)
    assert statement.when() == shown


def test_the_nearest_city_is_found_along_place_relations_only(atlas: Atlas) -> None:
    city = lambda eid: getattr(atlas.city_of(atlas.entities[eid]), "id", None)  # noqa: E731
    assert city("full-co") == "hub-city", "located in Hub City; its partner Far City is not where it is"
    assert city("bare-co") is None, "a partner city is not the entity's city"


def test_an_entity_not_in_the_atlas_is_placed_by_its_own_relations(atlas: Atlas) -> None:
    newcomer = Entity(id="newcomer", type="company", name="Newcomer", summary="S.", line=1,
                      relations=(Relation(subject="newcomer", predicate="located_in", object="full-co", source="art",
                                          line=1),))
    assert atlas.city_of(newcomer) is atlas.entities["hub-city"]


LOOPS = """\
format: 2
sectors: {}
metrics:
  staff: {label: Staff, kind: quantity, unit: people}
entities:
  - {id: ring-a, type: district, name: Ring A, summary: S., relations: [{predicate: part_of, object: ring-b, source: s1}]}
  - {id: ring-b, type: district, name: Ring B, summary: S., relations: [{predicate: part_of, object: ring-a, source: s1}]}
  - id: ring-co
    type: company
    name: Ring Co
    summary: In a district of a loop of districts that lie in each other.
    relations: [{predicate: located_in, object: ring-a, source: s1}]
    statements:
      - {metric: staff, value: 10, date: "2022", sources: [{source: s1, quote: q}]}
      - {metric: staff, value: 11, date: "2022-12-31", sources: [{source: s2, quote: q}]}
  - id: day-co
    type: company
    name: Day Co
    summary: S.
    statements:
      - {metric: staff, value: 20, date: "2022-12-31", sources: [{source: s1, quote: q}]}
      - {metric: staff, value: 21, date: "2022", sources: [{source: s2, quote: q}]}
  - id: series-co
    type: company
    name: Series Co
    summary: S.
    statements:
      - {metric: staff, value: 30, date: "2023", sources: [{source: s1, quote: q}]}
      - {metric: staff, value: 31, date: "2022", sources: [{source: s2, quote: q}]}
      - {metric: staff, value: 32, date: "2023-01-01", sources: [{source: s2, quote: q}]}
"""


@pytest.fixture(scope=shared)
def loops() -> Atlas:
    return build_atlas(parse_yaml(LOOPS, "facts.yml"), [], "facts.yml")


@pytest.mark.timeout(10)
def test_an_entity_whose_places_loop_has_no_city(loops: Atlas) -> None:
    assert [loops.city_of(e) for e in loops.entities.values()] == [None] * 5


def test_figures_of_overlapping_dates_disagree_and_a_series_does_not(loops: Atlas) -> None:
    """2022 and its last day overlap, whichever comes first; 2023 and 2022 are a series; 2023 and its first
    day overlap."""
    assert sorted((st.entity, st.value) for st in loops.disputed) == [
        ("day-co", 20), ("day-co", 21), ("ring-co", 10), ("ring-co", 11), ("series-co", 30), ("series-co", 32)]


def test_the_atlas_tables_are_tracked_under_their_names_whatever_mappings_it_is_given(atlas: Atlas) -> None:
    """A page's reads are noted under each table's name (reads.py); making the atlas notes none."""
    from types import MappingProxyType

    hub, article = atlas.entities["hub-city"], atlas.sources["art"]
    staff = atlas.metrics["staff"]
    with recording() as reads:
        made = Atlas(entities=TrackedDict("elsewhere", {"hub-city": hub}), sources=MappingProxyType({"art": article}),
                     metrics=TrackedDict("metrics", {"staff": staff}), sectors={"arts": "Arts"}, facts_path="f.yml")
    assert reads == set()
    tables = ("entities", "sources", "metrics", "sectors", "at_a_glance")
    assert [(getattr(made, t).table, type(getattr(made, t)), dict(getattr(made, t).raw_items())) for t in tables] == [
        ("entities", TrackedDict, {"hub-city": hub}), ("sources", TrackedDict, {"art": article}),
        ("metrics", TrackedDict, {"staff": staff}), ("sectors", TrackedDict, {"arts": "Arts"}),
        ("at_a_glance", TrackedDict, {})]
    with recording() as reads:
        assert made.entities["hub-city"] is hub and "art" in made.sources
    assert reads == {("entities", "hub-city"), ("sources", "art")}


def test_a_rebuild_from_the_same_records_reuses_their_entities(facts: object) -> None:
    """`serve` hands an unchanged entity's record over as the same object; it is built once. Records read
    anew are built anew."""
    first = build_atlas(facts, [], "facts.yml")  # type: ignore[arg-type]
    again = build_atlas(facts, [], "facts.yml")  # type: ignore[arg-type]
    assert list(again.entities) == list(first.entities)
    assert all(again.entities[key] is first.entities[key] for key in first.entities)
    fresh = build_atlas(parse_yaml(FACTS, "facts.yml"), [], "facts.yml")
    assert dict(fresh.entities.raw_items()) == dict(first.entities.raw_items())
    assert not any(fresh.entities[key] is first.entities[key] for key in first.entities)
