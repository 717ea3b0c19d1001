"""Edges of the page contexts (generator/build/pages/): what each kind of page shows in the cases the golden
pages do not reach, rendered from the fixture atlas (or a variation of it built in memory)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from jinja2 import Environment

from conftest import FIXTURE, shared
from generator.build.dates import FuzzyDate
from generator.build.model import Atlas, Citation
from generator.build.pages import data, disputes, entity, figure, figures, home, index, sectors, source, timeline
from generator.build.pages import map as map_page
from generator.build.pages.common import Options, description, page
from generator.build.pipeline import load_atlas
from generator.build.render import environment


@pytest.fixture(scope=shared)
def atlas() -> Atlas:
    return load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")


@pytest.fixture(scope=shared)
def env() -> Environment:
    return environment()


def test_a_name_starting_with_a_digit_is_filed_under_0_9(atlas: Atlas, env: Environment,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A split index files '1. First Fund' on the letter page 0-9.md, shown as '0–9' in its links and title."""
    monkeypatch.setattr(index, "INDEX_ROWS", 1)
    pages = index.unit_pages(env, atlas, "initiative", Options())
    assert list(pages) == ["initiatives/index.md", "initiatives/by-letter/0-9.md", "initiatives/by-letter/r.md",
                           "initiatives/by-letter/t.md"]
    assert "| [0–9](by-letter/0-9.md) | 1 |\n" in pages["initiatives/index.md"]
    digits = pages["initiatives/by-letter/0-9.md"]
    assert "title: 'Initiatives: 0–9'\n" in digits
    assert "\n# Initiatives: 0–9\n" in digits
    assert "[Initiatives](../index.md) · 1 of 3 initiatives, filed under 0–9.\n" in digits
    assert "- **[1\\. First Fund](../first-fund.md)**" in digits
    assert list(index.unit_pages(env, atlas, "district", Options())) == ["districts/index.md"]  # INDEX_ROWS: not split


def variant(atlas: Atlas, *, metrics: dict | None = None, sources: dict | None = None, **entities: object) -> Atlas:
    """The fixture atlas with some entities (by id, with '_' for '-'), metrics or sources replaced or added."""
    changed = {key.replace("_", "-"): value for key, value in entities.items()}
    return dataclasses.replace(atlas, entities={**atlas.entities, **changed},
                               metrics={**atlas.metrics, **(metrics or {})}, sources={**atlas.sources, **(sources or {})})


def test_a_page_without_a_title_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError) as raised:
        page({"description": "no title"}, "body")
    assert str(raised.value) == "every page needs a title: the navigation, the browser tab and the footer show it"


def test_a_description_is_cut_at_a_word_before_the_limit() -> None:
    text = ("The quick brown fox jumps over the lazy dog near the river bank while a heron waits, and the ferry "
            "crosses twice an hour to the old town quay with its market stalls.")
    assert description(text) == ("The quick brown fox jumps over the lazy dog near the river bank while a heron "
                                 "waits, and the ferry crosses twice an hour to the old town quay with its market…")
    assert description(text, 40) == "The quick brown fox jumps over the…"
    assert description(" a\n b ", 3) == "a b"  # white space first made single: three characters fit three
    spaced = "a " + "x" * 156 + " " + "y" * 10  # a space right at the cut keeps the word before it
    assert description(spaced) == "a " + "x" * 156 + "…"
    exactly = "x" * 150 + " " + "y" * 9
    assert description(exactly) == exactly and description(exactly + "z") == "x" * 150 + "…"


@pytest.mark.parametrize("unit, name, ticks", [
    ("count", "number", ["0", "1,000", "2,000"]), ("rank", "rank", ["0", "1,000", "2,000"]),
    ("percent", "percent", ["0%", "1,000%", "2,000%"]), ("CNY", "yuan", ["0 yuan", "2,000 yuan"]),
    ("USD", "US dollars", ["US$0", "US$2,000"]), ("km2", "km²", ["0 km²", "2,000 km²"]),
    ("m2", "m²", ["0 m²", "1,000 m²", "2,000 m²"]), ("t", "t", ["0 t", "1,000 t", "2,000 t"])])
def test_a_profile_chart_names_its_unit_and_labels_its_gridlines_in_it(atlas: Atlas, unit: str, name: str,
                                                                       ticks: list[str]) -> None:
    metric = dataclasses.replace(atlas.metrics["high-tech-enterprises"], unit=unit)
    city = atlas.entities["river-city"]
    svg = str(entity.series_chart(variant(atlas, metrics={metric.id: metric}), city, metric.id, list(city.statements)))
    assert f">High-tech enterprises of River City, by date ({name})</title>" in svg
    assert re.findall(r'atlas-chart__unit"[^>]*>([^<]*)<', svg) == [name]
    assert re.findall(r'atlas-chart__tick"[^>]*>([^<]*)<', svg) == ticks


def test_the_home_page_without_a_corridor_describes_the_atlas(atlas: Atlas, env: Environment) -> None:
    alone = dataclasses.replace(atlas, entities={k: e for k, e in atlas.entities.items() if k != "g60-corridor"})
    text = home.pages(env, alone, Options())["index.md"]
    assert "\ndescription: A sourced reference to the G60 Science and Innovation Corridor.\n" in text
    assert "## Headline figures" not in text and "more on the profile" not in text


def test_the_home_page_shows_the_corridors_first_figures_and_how_many_more(
        atlas: Atlas, env: Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "HEADLINE_FIGURES", 1)
    investment, share = atlas.entities["river-fund"].statements[0], atlas.entities["hill-city"].statements[3]
    corridor = dataclasses.replace(atlas.entities["g60-corridor"], statements=(
        dataclasses.replace(investment, entity="g60-corridor"), dataclasses.replace(share, entity="g60-corridor")))
    text = home.pages(env, variant(atlas, g60_corridor=corridor), Options())["index.md"]
    assert ("## Headline figures\n\n- **Investment**: 5 billion yuan, as of 1 June 2023. Source: [River City reports "
            "its technology figures, Jun 2023](#cite-1){: .atlas-cite }\n\n1 more on the profile of the "
            "[Test Corridor](initiatives/g60-corridor.md).\n") in text
    assert ("1. “the River Fund invested 5 billion yuan” — [River City reports its technology figures]"
            "(sources/2023-river-city-report.md#L11), Test Daily, 1 June 2023. Line 11.\n") in text


def test_an_article_page_links_the_original_and_lists_an_entity_it_only_relates(atlas: Atlas, env: Environment) -> None:
    text = source.unit_pages(env, atlas, "2024-river-city-update", Options())["sources/2024-river-city-update.md"]
    assert ("**Original:** [https://news.example.org/river-city/update\\_\\(2024\\)]"
            "(<https://news.example.org/river-city/update_(2024)>).\n") in text
    unnamed = dataclasses.replace(atlas.entities["jane-doe"], name="Janet Roe", aliases=())
    text = source.unit_pages(env, variant(atlas, jane_doe=unnamed), "2023-river-city-report",
                             Options())["sources/2023-river-city-report.md"]
    assert "[Janet Roe](../people/jane-doe.md)" in text


def test_a_profile_lists_its_articles_newest_first_and_those_that_only_mention_it(atlas: Atlas, env: Environment) -> None:
    text = entity.unit_pages(env, atlas, "g60-corridor", Options())["initiatives/g60-corridor.md"]
    assert ("## Sources\n\n- [River City update](../sources/2024-river-city-update.md), 15 March 2024.\n"
            "- [River City reports its technology figures](../sources/2023-river-city-report.md), Test Daily, "
            "1 June 2023.\n") in text
    report = dataclasses.replace(atlas.sources["2023-river-city-report"], date=FuzzyDate("2025-01-02"))
    text = entity.unit_pages(env, variant(atlas, sources={report.id: report}), "g60-corridor",
                             Options())["initiatives/g60-corridor.md"]
    assert text.index("](../sources/2023-river-city-report.md), Test Daily, 2 January 2025.") < \
        text.index("](../sources/2024-river-city-update.md), 15 March 2024.")


def test_a_profile_for_a_published_site_has_no_edit_line_and_full_json_ld_addresses(atlas: Atlas, env: Environment) -> None:
    text = entity.unit_pages(env, atlas, "jane-doe", Options("https://example.org/g60/", edit_lines=False))["people/jane-doe.md"]
    assert "edit_line" not in text
    assert '"url":"https://example.org/g60/people/jane-doe/"' in text
    assert "\nedit_line: " in entity.unit_pages(env, atlas, "jane-doe", Options())["people/jane-doe.md"]


def test_a_profile_orders_its_figures_by_metric_label(atlas: Atlas, env: Environment) -> None:
    """Single figures are listed by their metric's label, not its id."""
    investment = dataclasses.replace(atlas.metrics["investment"], label="Zone investment")
    share = dataclasses.replace(atlas.entities["hill-city"].statements[3], entity="river-fund")
    fund = dataclasses.replace(atlas.entities["river-fund"], statements=(*atlas.entities["river-fund"].statements, share))
    text = entity.unit_pages(env, variant(atlas, river_fund=fund, metrics={"investment": investment}), "river-fund",
                             Options())["initiatives/river-fund.md"]
    assert text.index("- **Share of the province's enterprises**: 20%") < text.index("- **Zone investment**: 5 billion yuan")


def test_a_series_without_a_value_charts_it_at_zero(atlas: Atlas) -> None:
    city = atlas.entities["river-city"]
    statements = [dataclasses.replace(city.statements[0], value=0), *city.statements[1:]]
    svg = str(entity.series_chart(atlas, city, "high-tech-enterprises", statements))
    assert re.search(r'<rect class="atlas-chart__bar" x="([\d.]+)" y="[\d.]+" width="0" ', svg)


def test_disputes_are_grouped_by_entity_name_then_metric(atlas: Atlas, env: Environment) -> None:
    river = atlas.entities["river-city"]
    shares = [dataclasses.replace(st, metric="province-share") for st in river.statements[:2]]
    hill = atlas.entities["hill-city"]
    twins = [dataclasses.replace(st, entity="hill-city") for st in river.statements[:2]]
    disputed = variant(atlas, river_city=dataclasses.replace(river, statements=(*river.statements, *shares)),
                       hill_city=dataclasses.replace(hill, name="Zed Hill", statements=(*hill.statements, *twins)))
    text = disputes.pages(env, disputed, Options())["disputes.md"]
    headings = re.findall(r"^## \[(.*?)\]\(.*?\): (.*)$", text, re.M)
    assert headings == [("River City", "High-tech enterprises"), ("River City", "Share of the province's enterprises"),
                        ("Zed Hill", "High-tech enterprises")]


def test_the_data_page_of_an_atlas_without_values_has_no_example_entity(atlas: Atlas, env: Environment) -> None:
    bare = dataclasses.replace(atlas, entities={k: dataclasses.replace(e, statements=()) for k, e in atlas.entities.items()})
    text = data.pages(env, bare, Options())["data.md"]
    assert 'row["entity"] == ""' in text


def test_the_figures_overview_orders_metrics_by_label_and_gives_their_years(atlas: Atlas, env: Environment) -> None:
    river, hill = atlas.entities["river-city"], atlas.entities["hill-city"]
    founded = [dataclasses.replace(river.statements[0], metric="engineers-trained", date=FuzzyDate("2023")),
               dataclasses.replace(hill.statements[0], metric="engineers-trained", date=FuzzyDate("2023-05"))]
    early = dataclasses.replace(river.statements[0], date=FuzzyDate("2019"))
    label = dataclasses.replace(atlas.metrics["high-tech-enterprises"], label="A count of high-tech enterprises")
    changed = variant(atlas, metrics={label.id: label},
                      river_city=dataclasses.replace(river, statements=(early, *river.statements[1:], founded[0])),
                      hill_city=dataclasses.replace(hill, statements=(*hill.statements, founded[1])))
    text = figures.pages(env, changed, Options())["figures.md"]
    rows = re.findall(r"^\| \[(.*?)\]\(.*?\) \| (\d+) \| (\d+) \| (.*?) \|$", text, re.M)
    assert rows == [("A count of high-tech enterprises", "2", "5", "2019–2024"), ("Engineers trained a year", "3", "3", "2023")]
    same = dataclasses.replace(atlas.metrics["engineers-trained"], label="A count of high-tech enterprises")
    text = figures.pages(env, variant(changed, metrics={same.id: same}), Options())["figures.md"]
    assert text.index("(figures/engineers-trained.md)") < text.index("(figures/high-tech-enterprises.md)")  # then by id


def test_a_figure_page_ranks_zero_below_a_small_value_and_links_the_rest_to_the_open_data(
        atlas: Atlas, env: Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figure, "FIGURES_ROWS", 2)
    river, hill = atlas.entities["river-city"], atlas.entities["hill-city"]
    small = [dataclasses.replace(river.statements[0], value=0), dataclasses.replace(hill.statements[0], value=0.5)]
    changed = variant(atlas, river_city=dataclasses.replace(river, statements=(small[0],)),
                      hill_city=dataclasses.replace(hill, statements=(small[1],)))
    text = figure.pages(env, changed, Options())["figures/high-tech-enterprises.md"]
    assert text.index("| [Hill City") < text.index("| [River City")
    assert re.search(r'aria-label="River City, 2022: 0, source [^"]*">.*?width="0"', text)
    changed = variant(atlas, river_city=dataclasses.replace(river, statements=(*river.statements, small[0])))
    text = figure.pages(env, changed, Options())["figures/high-tech-enterprises.md"]
    assert "; the 2 largest are listed here, all of them in the [open data](../data.md).\n" in text


def test_a_type_index_row_gives_kind_city_sectors_key_figure_and_the_summary_cut_short(atlas: Atlas, env: Environment) -> None:
    summary = ("A fixture city on the corridor, with a river port, two universities, a science park, a ring road, "
               "an old town and a long summary that index pages must cut short.")
    river = dataclasses.replace(atlas.entities["river-city"], sectors=("robotics", "finance"), summary=summary)
    text = index.unit_pages(env, variant(atlas, river_city=river), "city", Options())["cities/index.md"]
    assert ("- **[River City](river-city.md)** · Robotics, Finance · High-tech enterprises: 1,500 \\(as of 15 March "
            "2024\\)<br>A fixture city on the corridor, with a river port, two universities, a science park, a ring "
            "road, an old town and a long summary that…\n") in text


def test_sectors_are_listed_by_label_and_their_pages_by_name_with_their_kind(atlas: Atlas, env: Environment) -> None:
    hashed = dataclasses.replace(atlas.entities["hash-holdings"], sectors=("robotics",))
    pages = sectors.pages(env, dataclasses.replace(variant(atlas, hash_holdings=hashed),
                                                   sectors={**atlas.sectors, "robotics": "Automation"}), Options())
    assert "| [Automation](tags/robotics.md) | 2 |\n| [Finance](tags/finance.md) | 1 |\n" in pages["tags.md"]
    assert ("## Companies\n\n- [\\# Hash Holdings](../companies/hash-holdings.md)\n"
            "- [Acme Robotics](../companies/acme-robotics.md)\n") in pages["tags/robotics.md"]
    assert "## Initiatives\n\n- [River Fund](../initiatives/river-fund.md) · fund\n" in pages["tags/finance.md"]
    same = sectors.pages(env, dataclasses.replace(atlas, sectors={"robotics": "Money", "finance": "Money"}), Options())
    assert "| [Money](tags/finance.md) | 1 |\n| [Money](tags/robotics.md) | 1 |\n" in same["tags.md"]  # then by key


def test_the_timeline_filter_offers_cities_by_name_then_id_and_types_in_type_order(atlas: Atlas, env: Environment) -> None:
    hill, old = atlas.entities["hill-city"], atlas.entities["old-town"]
    old = dataclasses.replace(old, statements=(dataclasses.replace(hill.statements[2], entity="old-town"),))

    def options(changed: Atlas) -> list[str]:
        return re.findall(r'<option value="([^"]*)">', timeline.pages(env, changed, Options())["timeline.md"])

    assert options(variant(atlas, hill_city=dataclasses.replace(hill, name="Zed Hill"), old_town=old)) == \
        ["", "river-city", "hill-city", "", "city", "district", "company", "initiative", "institution"]
    assert options(variant(atlas, hill_city=dataclasses.replace(hill, name="River City")))[:3] == \
        ["", "hill-city", "river-city"]


def test_at_a_glance_numbers_several_sources_and_keeps_the_first_of_two_newest_values(atlas: Atlas, env: Environment) -> None:
    fund = atlas.entities["river-fund"]
    both = dataclasses.replace(fund.statements[0], sources=(
        *fund.statements[0].sources, Citation("2024-river-city-update", "River City now counts", 1)))
    later = dataclasses.replace(fund.statements[0], value=6000000000)
    text = entity.unit_pages(env, variant(atlas, river_fund=dataclasses.replace(fund, statements=(both, later))),
                             "river-fund", Options())["initiatives/river-fund.md"]
    assert ("| Investment | **5 billion yuan**<br><span class=\"atlas-when\">as of 1 June 2023 · [source 1](#cite-1)"
            "{: .atlas-cite } · [source 2](#cite-2){: .atlas-cite }</span> |") in text


def test_a_figure_shows_how_it_is_derived_its_note_and_how_it_is_dated(atlas: Atlas, env: Environment) -> None:
    fund = atlas.entities["river-fund"]
    noted = dataclasses.replace(fund.statements[0], derived="the sum of two rounds", note="Committed, not spent.",
                                date_note="The report's date.")
    text = entity.unit_pages(env, variant(atlas, river_fund=dataclasses.replace(fund, statements=(noted,))),
                             "river-fund", Options())["initiatives/river-fund.md"]
    assert ". Derived: the sum of two rounds. Committed, not spent. Date: The report's date.\n" in text


def test_a_disputed_value_from_two_articles_links_both(atlas: Atlas, env: Environment) -> None:
    river = atlas.entities["river-city"]
    second = dataclasses.replace(atlas.sources["2024-river-city-update"], id="2024-second-look", title="A second look")
    both = dataclasses.replace(river.statements[0], sources=(
        *river.statements[0].sources, Citation(second.id, "River City now counts", 1)))
    text = disputes.pages(env, variant(atlas, sources={second.id: second}, river_city=dataclasses.replace(
        river, statements=(both, *river.statements[1:]))), Options())["disputes.md"]
    assert ("| [River City reports its technology figures, Jun 2023](sources/2023-river-city-report.md#L7) · "
            "[A second look, Mar 2024](sources/2024-second-look.md#L") in text


def test_a_figure_page_shows_a_value_in_its_own_unit(atlas: Atlas, env: Environment) -> None:
    river = atlas.entities["river-city"]
    dollars = dataclasses.replace(river.statements[2], unit="USD")
    text = figure.pages(env, variant(atlas, river_city=dataclasses.replace(river, statements=(*river.statements[:2], dollars))),
                        Options())["figures/high-tech-enterprises.md"]
    assert "| [River City](../cities/river-city.md) | US$1,500 | as of 15 March 2024 |" in text


def test_an_article_page_links_each_line_a_figure_is_quoted_from(atlas: Atlas, env: Environment) -> None:
    hill = atlas.entities["hill-city"]
    founded = hill.statements[2]
    twice = dataclasses.replace(founded, sources=(*founded.sources, Citation(founded.source, "Hill City's firms make up one-fifth", 1)))
    text = source.unit_pages(env, variant(atlas, hill_city=dataclasses.replace(hill, statements=(*hill.statements[:2], twice, hill.statements[3]))),
                             "2024-river-city-update", Options())["sources/2024-river-city-update.md"]
    assert "2021 ([line 13](2024-river-city-update.md#L13) · [line 19](2024-river-city-update.md#L19))\n" in text
def test_the_middle_page_of_the_timeline_counts_its_events_and_links_both_ways(
        atlas: Atlas, env: Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "TIMELINE_PAGE_SIZE", 2)
    pages = timeline.pages(env, atlas, Options())
    assert list(pages) == ["timeline.md", "timeline/2.md", "timeline/3.md"]
    middle = pages["timeline/2.md"]
    assert "\ntitle: Timeline, page 2\n" in middle
    assert "\n2 of 5 dated events (page 2 of 3) from the articles" in middle
    assert ('\n[Newer events](../timeline.md){: .atlas-timeline-page rel="prev" } · '
            '[Older events](3.md){: .atlas-timeline-page rel="next" }\n') in middle
    assert '\n[Newer events](2.md){: .atlas-timeline-page rel="prev" }\n' in pages["timeline/3.md"]


def test_an_article_page_lists_a_dated_event_by_its_label_and_date_without_an_empty_value(
        atlas: Atlas, env: Environment) -> None:
    text = source.unit_pages(env, atlas, "2023-river-city-report", Options())["sources/2023-river-city-report.md"]
    assert ("- **[Institute of Testing](../institutions/institute-of-testing.md)**: Founded, 2015 "
            "([line 19](2023-river-city-report.md#L19))\n") in text
    assert ", , " not in text


def test_a_profile_lists_an_article_that_only_mentions_it(atlas: Atlas, env: Environment) -> None:
    unrelated = dataclasses.replace(atlas.entities["jane-doe"], relations=())
    text = entity.unit_pages(env, variant(atlas, jane_doe=unrelated), "jane-doe", Options())["people/jane-doe.md"]
    assert ("## Sources\n\n- [River City reports its technology figures](../sources/2023-river-city-report.md), "
            "Test Daily, 1 June 2023.\n") in text


def test_a_district_on_the_corridor_map_is_drawn_as_a_district(atlas: Atlas, env: Environment) -> None:
    placed = dataclasses.replace(atlas.entities["old-town"], coordinates=(31.05, 121.25))
    text = map_page.pages(env, variant(atlas, old_town=placed), Options())["map.md"]
    assert re.search(r'<a class="atlas-map__place" href="\.\./districts/old-town/"><title>Old Town District</title>'
                     r'<circle class="atlas-map__hit"[^>]*/><circle class="atlas-map__dot atlas-map__dot--district"', text)
