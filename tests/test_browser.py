"""In Debian's Chromium: search finds a profile by its name, an alias and its Chinese name."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page

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
