"""In Debian's Chromium: search finds a profile by its name, an alias and its Chinese name."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import copy_site_skeleton
from sitecheck import generate_site, serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_site_skeleton(tmp_path_factory.mktemp("fixture-site"))
    fixture = Path(__file__).parent / "fixture"
    url, server = serve(generate_site(project, fixture / "facts.yml", fixture / "seeds"))
    yield url
    server.shutdown()


def search_and_open(page: Page, base: str, query: str) -> str:
    """Type a query into the site's search box, open the first result, return the path landed on."""
    page.goto(base)
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone, the search box sits behind a button
        page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    box.fill(query)  # the search answers input events: typing, pasting, an input method's committed word
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible", timeout=15_000)
    first.click()
    page.wait_for_load_state("load")
    return page.url.removeprefix(base).split("#")[0].split("?")[0]


@pytest.mark.parametrize(("query", "expected"), [
    ("Acme Robotics", "companies/acme-robotics/"),
    ("Rivertown", "cities/river-city/"),
    ("河城", "cities/river-city/"),
    ("阿克米机器人", "companies/acme-robotics/"),
])
def test_fixture_search_lands_on_the_profile(page: Page, fixture_url: str, query: str, expected: str) -> None:
    assert search_and_open(page, fixture_url, query) == expected
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_hostile_name_runs_nothing(page: Page, fixture_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(fixture_url + "companies/evil-corp/")
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent") == "<img src=x onerror=alert(1)>"
    assert page.locator("article img").count() == 0
    search_and_open(page, fixture_url, "onerror")
    page.wait_for_timeout(300)
    assert dialogs == []


def test_timeline_narrows_to_one_city_and_one_type(page: Page, real_url: str) -> None:
    page.goto(real_url + "timeline/")
    items = page.locator("li[data-type]")
    total = items.count()
    city = page.locator("#timeline-city option").nth(1).get_attribute("value")
    page.select_option("#timeline-city", city)
    visible = page.locator("li[data-type]:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.city)")) == {city}
    page.select_option("#timeline-city", "")
    page.select_option("#timeline-type", "company")
    types = page.locator("li[data-type]:visible").evaluate_all("els => els.map(e => e.dataset.type)")
    assert types and set(types) == {"company"}
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_map_places_are_reachable_from_the_keyboard(page: Page, real_url: str) -> None:
    page.goto(real_url + "map/")
    link = page.locator('svg.atlas-map a[href="../cities/hefei/"]')
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../cities/hefei/"
    page.keyboard.press("Enter")
    page.wait_for_url("**/cities/hefei/")
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent") == "Hefei"


# Issue 13: the timeline's filter in the address, the table of contents, no match, the keyboard, paging.
VISIBLE_YEARS = "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent.trim())"
RING = """() => { const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }"""


def timeline_view(page: Page) -> dict:
    """What a reader sees of the timeline: the selects, the events, the years and the table of contents."""
    return {
        "city": page.input_value("#timeline-city"), "type": page.input_value("#timeline-type"),
        "events": page.locator("li[data-type]:visible").evaluate_all("els => els.map(e => e.textContent)"),
        "headings": page.locator(".md-content h2[id]").evaluate_all("els => els.filter(e => !e.hidden).map(e => e.id)"),
        "toc": page.locator(".md-sidebar--secondary .md-nav--secondary a.md-nav__link").evaluate_all(VISIBLE_YEARS),
        "count": page.locator("#timeline-count").text_content(),
    }


def test_timeline_filter_is_in_the_address_and_a_reload_shows_the_same(page: Page, real_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})  # the table of contents shows beside the text
    page.goto(real_url + "timeline/")
    everything = timeline_view(page)
    assert everything["toc"] == everything["headings"] and len(everything["toc"]) > 2
    cities = page.locator("#timeline-city option").evaluate_all("els => els.map(e => e.value).filter(Boolean)")
    # The city with the fewest events: its view leaves out most years.
    city = min(cities, key=lambda c: (page.locator(f'li[data-city="{c}"]').count(), c))
    page.select_option("#timeline-city", city)
    assert page.url == real_url + f"timeline/?city={city}"
    view = timeline_view(page)
    assert 0 < len(view["events"]) < len(everything["events"])
    years = page.locator(f'.md-content h2[id]:has(+ ul li[data-city="{city}"])').evaluate_all("els => els.map(e => e.id)")
    assert view["headings"] == view["toc"] == years and len(years) < len(everything["toc"])
    assert view["count"] == f"{len(view['events'])} of {len(everything['events'])} events"
    page.reload()
    assert timeline_view(page) == view
    page.goto(real_url + f"timeline/?type=company&city={city}&utm_source=x")  # shared by hand, in any order
    assert page.input_value("#timeline-type") == "company" and page.input_value("#timeline-city") == city
    assert page.url == real_url + f"timeline/?utm_source=x&city={city}&type=company"
    page.goto(real_url + "timeline/?city=%3Cimg%20src%3Dx%3E&type=nothing")  # unknown values: the whole list
    assert timeline_view(page) == everything and page.url == real_url + "timeline/"
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_timeline_with_no_match_says_so_and_clears_from_the_keyboard(page: Page, real_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(real_url + "timeline/")
    everything = timeline_view(page)
    assert not page.locator("#timeline-empty").is_visible()
    pairs = page.locator("li[data-type]").evaluate_all("els => els.map(e => e.dataset.city + ' ' + e.dataset.type)")
    cities = page.locator("#timeline-city option").evaluate_all("els => els.map(e => e.value).filter(Boolean)")
    types = page.locator("#timeline-type option").evaluate_all("els => els.map(e => e.value).filter(Boolean)")
    city, kind = next((c, t) for c in cities for t in types if f"{c} {t}" not in pairs)
    # The keyboard alone: the selects change with the arrow keys, each shows a focus ring.
    page.locator("#timeline-city").focus()
    while page.input_value("#timeline-city") != city:
        page.keyboard.press("ArrowDown")
    assert page.evaluate(RING)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "timeline-type"
    while page.input_value("#timeline-type") != kind:
        page.keyboard.press("ArrowDown")
    assert page.url == real_url + f"timeline/?city={city}&type={kind}"
    empty = timeline_view(page)
    assert empty["events"] == empty["headings"] == empty["toc"] == []
    assert empty["count"] == f"0 of {len(everything['events'])} events"
    assert page.locator("#timeline-empty").is_visible()
    assert page.locator("#timeline-empty p").text_content() == "No events match this filter."
    assert not page.locator(".md-sidebar--secondary .md-nav--secondary").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Clear the filter" and page.evaluate(RING)
    page.keyboard.press("Enter")
    assert timeline_view(page) == everything and page.url == real_url + "timeline/"
    assert not page.locator("#timeline-empty").is_visible()
    assert page.evaluate("document.activeElement.id") == "timeline-city"
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_timeline_without_javascript_lists_everything(browser: Browser, real_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_url + "timeline/?city=hefei")
    assert not page.locator("#timeline-filter").is_visible() and not page.locator("#timeline-empty").is_visible()
    assert page.locator("li[data-type]:visible").count() == page.locator("li[data-type]").count() > 0
    context.close()


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture's site with two events a timeline page: three pages."""
    from generator.build.pages import timeline

    project = copy_site_skeleton(tmp_path_factory.mktemp("paged-site"))
    fixture = Path(__file__).parent / "fixture"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "TIMELINE_PAGE_SIZE", 2)
        site = generate_site(project, fixture / "facts.yml", fixture / "seeds")
    url, server = serve(site)
    yield url
    server.shutdown()


def test_paged_timeline_keeps_the_filter_from_page_to_page(page: Page, paged_url: str) -> None:
    page.goto(paged_url + "timeline/")
    assert page.locator("#timeline-pages").is_visible()
    page.select_option("#timeline-city", "hill-city")
    assert page.locator("#timeline-count").text_content() == "1 of 2 events on this page"
    older = page.locator("#timeline-pages a", has_text="Older events")
    assert older.get_attribute("href") == "2/?city=hill-city"
    assert page.locator("a.atlas-timeline-page[rel=next]").evaluate_all("els => els.map(e => e.getAttribute('href'))") \
        == ["2/?city=hill-city"] * 2
    older.click()
    page.wait_for_url(paged_url + "timeline/2/?city=hill-city")
    assert page.input_value("#timeline-city") == "hill-city"  # offered here too, though no event of it is here
    assert page.locator("#timeline-count").text_content() == "0 of 2 events on this page"
    assert page.locator("#timeline-empty p").text_content() == "No events on this page match this filter."
    assert page.locator("#timeline-pages a", has_text="Newer events").get_attribute("href") == "../?city=hill-city"
    page.click("#timeline-clear")
    assert page.url == paged_url + "timeline/2/"
    assert page.locator("a.atlas-timeline-page[rel=prev]").first.get_attribute("href") == "../"
    assert page.console_errors == []  # type: ignore[attr-defined]
