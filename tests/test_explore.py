"""Issue 4 on the built sites: timeline, map, charts, open data, JSON-LD, redirects, edit links, sharing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, copy_site_skeleton
from generator.build.pipeline import load_atlas
from sitecheck import generate_site

SOURCE_LINK = re.compile(r'href="(?:\.\./)+sources/[a-z0-9-]+/#L\d+"')


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site_skeleton(tmp_path_factory.mktemp("explore"))
    return generate_site(project, FIXTURE / "facts.yml", FIXTURE / "seeds")


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def jsonld_of(page_html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert block, "no JSON-LD"
    return json.loads(block.group(1))


def test_real_timeline_lists_every_event_newest_first_by_year(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    events = [s for s in atlas.statements() if atlas.metrics[s.metric].kind == "event"]
    page = html(real_site, "timeline")
    items = re.findall(r'<li data-city="([a-z0-9-]*)" data-type="([a-z]+)">(.*?)</li>', page, re.S)
    assert len(items) == len(events) > 0
    years = [int(y) for y in re.findall(r'<h2 id="(\d{4})"', page)]
    assert years == sorted(set(years), reverse=True)
    for _, _, item in items:
        assert re.search(r'href="\.\./(cities|districts|regions|companies|initiatives|institutions|people)/', item)
        cite = re.search(r'<a class="atlas-cite" href="#(cite-\d+)">', item)
        assert cite, item  # its source opens the quote's note, which links to the article's line
        note = re.search(rf'<li id="{cite.group(1)}">(.*?)</li>', page, re.S)
        assert note and SOURCE_LINK.search(note.group(1)), item


def test_real_map_links_every_corridor_place_and_each_place_marks_itself(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    page = html(real_site, "map")
    svg = re.search(r'<svg class="atlas-map".*?</svg>', page, re.S).group(0)
    assert re.search(r'<title id="corridor-map-title">', svg) and re.search(r'<desc id="corridor-map-desc">', svg)
    places = [e for e in atlas.corridor_places if e.coordinates]
    cities = {m for m in atlas.corridor_members if atlas.entities[m].type == "city"}
    assert len(cities) >= 2 and cities <= {p.id for p in places}
    for place in places:
        assert f'href="../{place.url.removesuffix(".md")}/"' in svg, place.id
        assert 'aria-current="page"' in html(real_site, place.url.removesuffix(".md")), place.id


def test_a_metric_with_two_dated_values_gets_a_linked_chart(fixture_site: Path) -> None:
    page = html(fixture_site, "cities/river-city")
    chart = re.search(r'<svg class="atlas-chart".*?</svg>', page, re.S).group(0)
    assert "<title id=\"chart-high-tech-enterprises-title\">High-tech enterprises of River City" in chart
    assert "<desc" in chart and ">number</text>" in chart
    assert len(re.findall(r'<a href="\.\./\.\./sources/[a-z0-9-]+/#L\d+"', chart)) == 3
    assert "atlas-chart__bar--disputed" in chart
    assert "atlas-chart" not in html(fixture_site, "companies/acme-robotics"), "no chart for a single value"


def test_real_figures_pages_compare_every_comparable_metric(real_site: Path) -> None:
    from generator.build.pages.figures import comparable

    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    index = html(real_site, "figures")
    metrics = comparable(atlas)
    assert metrics
    for metric_id, statements in metrics.items():
        assert f'href="{metric_id}/"' in index, metric_id
        page = html(real_site, f"figures/{metric_id}")
        assert page.count('<svg class="atlas-chart"') <= 1
        assert re.search(r'<a href="\.\./\.\./sources/[a-z0-9-]+/#L\d+"', page)
        for entity in {atlas.entities[s.entity] for s in statements}:
            assert f'/{entity.url.removesuffix(".md")}/' in page, (metric_id, entity.id)


def test_timeline_and_figures_pages_do_not_grow_with_the_atlas(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.pages import figure, timeline
    from generator.build.render import render_site

    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    events = sum(1 for s in atlas.statements() if atlas.metrics[s.metric].kind == "event")
    values = sum(1 for s in atlas.statements() if s.metric == "high-tech-enterprises")
    assert events >= 3 and values > 2
    monkeypatch.setattr(timeline, "TIMELINE_PAGE_SIZE", 1)
    monkeypatch.setattr(figure, "FIGURES_ROWS", 2)
    pages = render_site(atlas)
    timeline_pages = [p for p in pages if p == "timeline.md" or p.startswith("timeline/")]
    assert len(timeline_pages) == events
    assert sum(pages[p].count("{: data-city=") for p in timeline_pages) == events
    assert "[Older events](timeline/2.md)" in pages["timeline.md"]
    assert "[Newer events](../timeline.md)" in pages["timeline/2.md"]
    assert "Older events" not in pages[f"timeline/{events}.md"]
    rows = [line for line in pages["figures/high-tech-enterprises.md"].splitlines() if line.startswith("| [")]
    assert len(rows) == 2


def _options(page: str, select: str) -> list[str]:
    """The values of a timeline filter's options, "All ..." left out."""
    block = re.search(rf'<select id="timeline-{select}"[^>]*>(.*?)</select>', page, re.S)
    assert block, select
    return [v for v in re.findall(r'<option value="([^"]*)">', block.group(1)) if v]


def test_timeline_filter_offers_every_city_and_type_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: the filter's choices come from every event of the timeline, not from one page's share, so a
    city whose events are all on page 2 is offered on page 1 too (and a filter carried there finds it). An
    event of a company in a district of a city counts for that city."""
    from generator.build.pages import timeline
    from generator.build.render import render_site

    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    monkeypatch.setattr(timeline, "TIMELINE_PAGE_SIZE", 2)
    pages = render_site(atlas)
    paged = sorted(p for p in pages if p == "timeline.md" or p.startswith("timeline/"))
    assert len(paged) == 3
    own = {p: set(re.findall(r'data-city="([a-z0-9-]+)"', pages[p])) for p in paged}
    assert set().union(*own.values()) == {"hill-city", "river-city"}
    assert own["timeline/2.md"] == {"river-city"}  # a page without Hill City's event still offers Hill City
    for path in paged:
        assert _options(pages[path], "city") == ["hill-city", "river-city"], path  # by name: Hill City, River City
        assert _options(pages[path], "type") == ["city", "company", "initiative", "institution"], path
        assert "{: #timeline-pages .atlas-filter-note hidden=\"hidden\" }" in pages[path]
        assert "No events on this page match this filter." in pages[path]
    # Acme Robotics lies in Old Town, a district of River City: its events are River City's.
    assert re.search(r"\[Acme Robotics\]\([^)]*\) \(company\): launched\..*\n +\{: data-city=\"river-city\"",
                     pages["timeline.md"])
    assert '[Older events](timeline/2.md){: .atlas-timeline-page rel="next" }' in pages["timeline.md"]
    assert '[Newer events](2.md){: .atlas-timeline-page rel="prev" }' in pages["timeline/3.md"]

    monkeypatch.setattr(timeline, "TIMELINE_PAGE_SIZE", 250)
    single = render_site(atlas)["timeline.md"]
    assert _options(single, "city") == ["hill-city", "river-city"]
    assert "timeline-pages" not in single and "No events match this filter." in single


def test_open_data_matches_the_model(fixture_site: Path) -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    data = json.loads((fixture_site / "data" / "atlas.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("g60-atlas-data", "2.2")
    assert [e["id"] for e in data["entities"]] == list(atlas.entities)
    statements = list(csv.DictReader(io.StringIO((fixture_site / "data" / "statements.csv").read_text())))
    assert len(statements) == sum(1 for _ in atlas.statements())
    assert {s["date_basis"] for s in statements} == {"quote", "as_of", "reported", "other"}
    assert sorted(s["id"] for s in statements if s["disputed"] == "true") == sorted(
        f"{s.entity}-s{atlas.entities[s.entity].statements.index(s) + 1}" for s in atlas.disputed)
    citations = list(csv.DictReader(io.StringIO((fixture_site / "data" / "citations.csv").read_text())))
    assert len(citations) == sum(len(s.sources) for s in atlas.statements())
    assert {c["statement"] for c in citations} == {s["id"] for s in statements}
    assert all(c["quote"] in atlas.sources[c["source"]].text for c in citations)
    for page in ("cities/river-city", "people/jane-doe"):
        assert 'href="../../data/">Open data' in html(fixture_site, page)


def test_every_profile_has_valid_escaped_json_ld(fixture_site: Path) -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    kinds = {}
    for entity in atlas.entities.values():
        page = html(fixture_site, entity.url.removesuffix(".md"))
        doc = jsonld_of(page)
        assert doc["@type"] == "WebPage" and doc["about"]["name"] == entity.name
        kinds[entity.type] = doc["about"]["@type"]
    assert kinds == {"initiative": "Project", "city": "City", "district": "AdministrativeArea",
                     "region": "AdministrativeArea", "company": "Corporation", "institution": "Organization",
                     "person": "Person"}
    evil = html(fixture_site, "companies/evil-corp")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', evil, re.S).group(1)
    assert "<" not in block and "\\u003cscript\\u003e" in block
    river = jsonld_of(html(fixture_site, "cities/river-city"))
    assert {c["url"] for c in river["citation"]} == {
        "https://g60-atlas.github.io/atlas/sources/2023-river-city-report/",
        "https://g60-atlas.github.io/atlas/sources/2024-river-city-update/"}


def test_former_id_redirects_to_the_current_page(fixture_site: Path) -> None:
    page = (fixture_site / "companies" / "acme-robots" / "index.html").read_text()
    assert 'url=../acme-robotics/"' in page


def test_edit_link_opens_the_fact_file_at_the_entry(fixture_site: Path) -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    line = atlas.entities["acme-robotics"].line
    page = html(fixture_site, "companies/acme-robotics")
    assert re.search(rf'<a href="https://github.com/[^"]+/blob/main/[^"]*facts.yml#L{line}"[^>]*rel="edit"', page)
    source = html(fixture_site, "sources/2023-river-city-report")
    assert re.search(r'<a href="https://github.com/[^"]+/blob/main/[^"]*seeds/2023-river-city-report.txt"', source)


def test_every_real_page_has_description_open_graph_and_is_in_the_sitemap(real_site: Path) -> None:
    sitemap = (real_site / "sitemap.xml").read_text()
    for page in real_site.rglob("index.html"):
        rel = page.parent.relative_to(real_site).as_posix()
        text = page.read_text(encoding="utf-8")
        if "Redirecting..." in text:
            continue
        assert re.search(r'<meta name="description" content="[^"]+">', text), rel
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            assert f'<meta property="{prop}" content="' in text, (rel, prop)
        loc = "https://g60-atlas.github.io/atlas/" + ("" if rel == "." else rel + "/")
        assert f"<loc>{loc}</loc>" in sitemap, rel


def test_each_real_sector_page_lists_exactly_its_entities(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    overview = html(real_site, "tags")
    in_use = {s for e in atlas.entities.values() for s in e.sectors}
    assert in_use
    for sector in in_use:
        page = html(real_site, f"tags/{sector}")
        linked = set(re.findall(r'<a href="\.\./\.\./([a-z]+/[a-z0-9-]+)/"', page))
        expected = {e.url.removesuffix(".md") for e in atlas.entities.values() if sector in e.sectors}
        assert linked == expected, sector
        items = re.findall(r'<li><a href="\.\./\.\./[a-z]+/[a-z0-9-]+/">', page)
        assert len(items) == len(expected), f"{sector}: one list item per page"
        assert f'href="{sector}/">' in overview, sector
