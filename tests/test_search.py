"""Search on the real site, in Chromium, typed as readers type (issue 12). Editors: add a row to QUERIES when
a reader should find a page by another spelling; the first result must be that page."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page

from conftest import ROOT
from quality import axe_violations, mount
from sitecheck import serve, site_path

QUERIES = [
    # (what a reader types, the page that must come first)
    ("iflytek", "companies/iflytek/"),
    ("Iflytek", "companies/iflytek/"),
    ("IFLYTEK", "companies/iflytek/"),
    ("iFlytek", "companies/iflytek/"),
    ("i flytek", "companies/iflytek/"),
    ("i-Flytek", "companies/iflytek/"),
    ("科大讯飞", "companies/iflytek/"),
    ("Songjiang", "districts/songjiang/"),
    ("songjiang district", "districts/songjiang/"),
    ("Matsue", "districts/songjiang/"),
    ("松江", "districts/songjiang/"),
    ("松江区", "districts/songjiang/"),
    ("little giant", "initiatives/little-giants/"),
    ("satellite", "initiatives/g60-star-chain/"),
    ("G60 Starlink", "initiatives/g60-star-chain/"),
    ("Huihe Medical", "companies/huihe-healthcare/"),
    ("Huihe Health care", "companies/huihe-healthcare/"),
    ("huihe-healthcare", "companies/huihe-healthcare/"),
    ("6.79", "districts/songjiang/"),
    ("1,633", "districts/songjiang/"),
    ("76,200", "initiatives/g60-corridor/"),
    ("Hefei", "cities/hefei/"),
    ("合肥", "cities/hefei/"),
    ("jiaxing", "cities/jiaxing/"),
    ("Yangtze River Delta", "regions/yangtze-river-delta/"),
    ("长江三角洲", "regions/yangtze-river-delta/"),
    ("Anhui Province", "regions/anhui/"),
    ("United Imaging", "companies/shanghai-united-imaging-healthcare/"),
    ("Xiaodu", "companies/shanghai-xiaodu-technology/"),
    ("小度科技", "companies/shanghai-xiaodu-technology/"),
    ("Starpower Semi-conductor", "companies/starpower-semiconductor/"),
    ("Lin Lin", "people/lin-lin/"),
    ("龚正", "people/gong-zheng/"),
    ("Donghua University", "institutions/donghua-university/"),
    ("东华大学", "institutions/donghua-university/"),
    ("G60 Science and Innovation Corridor", "initiatives/g60-corridor/"),
]


@pytest.fixture(scope="module")
def site_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site at its own URL path, as it is published."""
    base = site_path(ROOT)
    url, server = serve(mount(real_site, tmp_path_factory.mktemp("search-mount"), base))
    yield url.rstrip("/") + base
    server.shutdown()


def results(page: Page) -> list[str]:
    """The paths of the results shown, once the search has answered."""
    page.wait_for_function("() => /match|No page/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=15_000)
    return page.evaluate("() => [...document.querySelectorAll('.md-search-result__item a')]"
                         ".map(a => new URL(a.href).pathname)")


def type_query(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "companies/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)  # an input event, as typing, pasting and an input method's committed word all give
    return results(page)


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_the_expected_page_is_the_first_result(page: Page, site_url: str, query: str, expected: str) -> None:
    found = type_query(page, site_url, query)
    base = site_path(ROOT)
    assert found and found[0] == base + expected, (query, found[:3])
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_each_result_shows_its_kind_and_city(page: Page, site_url: str) -> None:
    type_query(page, site_url, "iflytek")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h2").text_content() == "iFlytek"
    assert first.locator(".atlas-search__kind").text_content() == "Artificial intelligence company · Hefei"


def test_an_input_method_searches_when_it_commits_its_word(page: Page, site_url: str) -> None:
    page.goto(site_url + "companies/")
    box = page.locator("input.md-search__input")
    box.click()
    page.evaluate("""() => {
        const box = document.querySelector('input.md-search__input');
        box.dispatchEvent(new CompositionEvent('compositionstart'));
        box.value = 'song';
        box.dispatchEvent(new InputEvent('input', {isComposing: true}));
        box.value = '松江';
        box.dispatchEvent(new CompositionEvent('compositionend', {data: '松江'}));
    }""")
    assert results(page)[0].endswith("/districts/songjiang/")


def test_results_are_reached_and_left_by_keyboard_with_a_visible_focus(page: Page, site_url: str) -> None:
    type_query(page, site_url, "Hefei")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => [document.activeElement.classList.contains('md-search-result__link'), "
                            "getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == [True, "solid"]
    page.keyboard.press("ArrowDown")
    second = page.evaluate("() => new URL(document.activeElement.href).pathname")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-search-result__link')"), \
        "the next Tab stop after the box is the first result, not an invisible one"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + second)
    assert page.evaluate("() => location.pathname") == second


def test_the_open_search_with_results_passes_axe(page: Page, site_url: str) -> None:
    type_query(page, site_url, "Songjiang")
    assert axe_violations(page) == []


def test_search_loads_only_what_the_query_needs(page: Page, site_url: str) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(site_url + "companies/")
    assert not any("/pagefind/" in url for url in loaded), "nothing of the index before the reader searches"
    type_query(page, site_url, "hefei")
    assert any(url.endswith("pagefind.js") for url in loaded)
    assert sum("/fragment/" in url for url in loaded) <= 16
