"""What a reader meets (issue 13): sources one tap away, no blank structure, no internal words, and no
page wider than a phone."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import FIXTURE, shared
from test_browser import real_url  # noqa: F401  (a fixture: the real site, served)
from generator.build.pages import entity as entity_page
from generator.build.pipeline import load_atlas
from generator.build.render import render_site

PHONE = {"width": 390, "height": 844}
INTERNAL = re.compile(r"seeds/|\.txt\b|fact file|facts note|facts\.yml|front matter|frontmatter|generated_by|"
                      r"coverage-allow|\bTODO\b", re.I)


def visible_text(page_html: str) -> str:
    """The text a reader sees in a built page's content (scripts, styles, tags and attributes left out)."""
    main = page_html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def real_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


def one_page_of_each_kind(site: Path) -> list[str]:
    """A URL path for every kind of page on the built site: home, each top-level page, each folder's index
    and the first two pages inside it (profiles, sources, figures, sectors, letter or timeline pages)."""
    chosen = {""}
    for index in real_pages(site):
        parts = index.relative_to(site).parts[:-1]
        if len(parts) == 1:
            chosen.add(parts[0] + "/")
    for folder in sorted({p.relative_to(site).parts[0] for p in real_pages(site) if len(p.relative_to(site).parts) > 2}):
        inside = sorted(p.relative_to(site).parent.as_posix() + "/" for p in (site / folder).glob("*/index.html"))
        chosen.update(inside[:2])
    return sorted(chosen)


# --- Without a browser: the built pages ---------------------------------------------------------------

def test_no_internal_words_reach_a_reader(real_site: Path) -> None:
    """Repository paths, file names and editors' words stay out of what readers see (the edit link and
    the page source may name them)."""
    found = {}
    for page in real_pages(real_site):
        hit = INTERNAL.search(visible_text(page.read_text(encoding="utf-8")))
        if hit:
            found[page.relative_to(real_site).as_posix()] = hit.group(0)
    assert len(real_pages(real_site)) > 100
    assert found == {}


def test_no_table_on_the_site_has_an_empty_cell(real_site: Path) -> None:
    empty = []
    for page in real_pages(real_site):
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", page.read_text(encoding="utf-8"), flags=re.S):
            if not re.sub(r"<[^>]+>", "", cell).strip():
                empty.append(page.relative_to(real_site).as_posix())
    assert empty == []


def test_every_citation_link_has_its_note_on_the_page(real_site: Path) -> None:
    """Each a.atlas-cite names an article (not a number) and leads to a note on the same page that quotes
    it and links to the article's line."""
    cites = 0
    for page in real_pages(real_site):
        text = page.read_text(encoding="utf-8")
        for href, label in re.findall(r'<a class="atlas-cite" href="#(cite-\d+)">([^<]+)</a>', text):
            cites += 1
            assert not label.strip().isdigit()
            note = re.search(rf'<li id="{href}">(.*?)</li>', text, flags=re.S)
            assert note, f"{page}: no note {href}"
            quoted = note.group(1).startswith("“")
            line = r"#L\d+" if quoted else ""
            assert re.search(rf'href="[^"]*sources/[a-z0-9-]+/{line}"', note.group(1)), note.group(1)
    assert cites > 50


# --- Without a browser: the generator on the fixture --------------------------------------------------

@pytest.fixture(scope=shared)
def fixture_pages() -> dict[str, str]:
    return render_site(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))


def test_a_profile_shows_only_the_sections_it_has(fixture_pages: dict[str, str]) -> None:
    """No empty heading: a profile without figures has no Figures section, one without events no Timeline."""
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    checked = 0
    for entity in atlas.entities.values():
        body = fixture_pages[entity.url]
        quantities = [s for s in entity.statements if atlas.metrics[s.metric].kind == "quantity"]
        events = [s for s in entity.statements if atlas.metrics[s.metric].kind == "event"]
        assert ("\n## Figures\n" in body) == bool(quantities), entity.id
        assert ("\n## Timeline\n" in body) == bool(events), entity.id
        assert ('!!! infobox' in body) == bool(quantities or entity.aliases or entity.zh or entity.sectors), entity.id
        lines = body.split("\n")
        for at, line in enumerate(lines):
            heading = re.match(r"(#{2,3}) ", line)
            if heading:
                below = []
                for later in lines[at + 1:]:
                    deeper = re.match(r"(#{2,6}) ", later)
                    if deeper and len(deeper.group(1)) <= len(heading.group(1)):
                        break
                    if later.strip() and not deeper:
                        below.append(later)
                assert below, f"{entity.id}: '{line}' is empty"
        checked += not quantities
    assert checked, "the fixture has a profile without figures"


def test_long_lists_fold_with_their_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """'What links here' and 'Also named in' fold past COLLAPSE_OVER items and say how many they hold."""
    monkeypatch.setattr(entity_page, "COLLAPSE_OVER", 1)
    monkeypatch.setattr(entity_page, "MENTIONS_QUOTED", 1)
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    pages = render_site(atlas)
    folded = 0
    for entity in atlas.entities.values():
        incoming = len(atlas.incoming.get(entity.id, ()))
        if incoming > 1:
            body = pages[entity.url]
            assert f'\n??? abstract "{incoming} entities link here"\n' in body
            folded_part = body.split(f'??? abstract "{incoming} entities link here"\n', 1)[1].split("\n## ", 1)[0]
            items = [line for line in folded_part.split("\n") if line.strip()]
            assert items and all(line.startswith("    ") and not line.startswith("        ") for line in items), \
                "the folded list is the admonition's content, not a code block"
            folded += 1
        mentions = len(atlas.mentions.get(entity.id, ()))
        if mentions > 2:
            assert f'\n??? abstract "Also named in {mentions - 1} more passages"\n' in pages[entity.url]
            folded += 1
    assert folded


# --- In Chromium ---------------------------------------------------------------------------------------

def test_no_page_is_wider_than_a_phone(browser: Browser, real_site: Path, real_url: str) -> None:
    """At 390 px, no page of any kind scrolls sideways, and no table holds more than its frame shows
    without the scroll cue (the frame's shadow)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    kinds = one_page_of_each_kind(real_site)
    assert len(kinds) > 20
    wide = {}
    try:
        for path in kinds:
            page.goto(real_url + path)
            overflow = page.evaluate("""() => {
                const width = document.documentElement.clientWidth;
                const page = document.documentElement.scrollWidth - width;
                const tables = [...document.querySelectorAll('.md-typeset__scrollwrap')]
                    .filter(s => s.scrollWidth > s.clientWidth + 1)
                    .filter(s => !getComputedStyle(s).backgroundImage.includes('gradient')).length;
                return page > 0 || tables ? [page, tables] : null; }""")
            if overflow:
                wide[path] = overflow
    finally:
        context.close()
    assert wide == {}


def _first_profile_with_figures(real_site: Path) -> str:
    for page in real_pages(real_site):
        text = page.read_text(encoding="utf-8")
        if 'id="figures"' in text and 'class="atlas-cite"' in text:
            return page.relative_to(real_site).parent.as_posix() + "/"
    raise AssertionError("no profile with figures")


def test_a_citation_opens_its_quote_in_place(page: Page, real_site: Path, real_url: str) -> None:
    """Click or Enter on a figure's source shows the quote beside it without leaving the row; Escape
    closes it and gives the focus back."""
    page.goto(real_url + _first_profile_with_figures(real_site))
    link = page.locator("h2#figures ~ ul a.atlas-cite").first
    note_id = link.get_attribute("href").lstrip("#")
    quote = page.locator(f"li#{note_id}").inner_text().split("—")[0].strip()
    link.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    link.click()
    panel = page.locator("#atlas-cite-panel")
    assert panel.is_visible()
    assert quote in panel.inner_text()
    assert page.evaluate("location.hash") == ""
    assert page.evaluate("window.scrollY") == before
    assert link.get_attribute("aria-expanded") == "true"
    assert panel.locator("a[href*='/sources/']").count() == 1
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('atlas-cite')")
    page.keyboard.press("Enter")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)
    first = link.evaluate("a => { const r = a.getClientRects()[0]; return [r.left + 3, r.top + r.height / 2]; }")
    page.mouse.move(*first)  # a link that wraps: its first line
    panel.wait_for(state="visible", timeout=3_000)
    page.mouse.move(0, 0)
    panel.wait_for(state="hidden", timeout=3_000)
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_citation_opens_on_a_tap_within_the_phone_screen(browser: Browser, real_site: Path, real_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(real_url + _first_profile_with_figures(real_site))
        link = page.locator("h2#figures ~ ul a.atlas-cite").last
        link.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        link.tap()
        panel = page.locator("#atlas-cite-panel")
        panel.wait_for(state="visible", timeout=3_000)
        box = panel.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
        assert abs(page.evaluate("window.scrollY") - before) < 2
        page.locator(".atlas-cite-panel__close").tap()
        assert not panel.is_visible()
    finally:
        context.close()


def test_without_javascript_a_citation_leads_to_its_note(browser: Browser, real_site: Path, real_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(real_url + _first_profile_with_figures(real_site))
        link = page.locator("h2#figures ~ ul a.atlas-cite").first
        note_id = link.get_attribute("href").lstrip("#")
        link.click()
        assert page.evaluate("location.hash") == f"#{note_id}"
        note = page.locator(f"li#{note_id}")
        assert note.is_visible()
        note.locator("a").first.click()
        assert re.search(r"/sources/[a-z0-9-]+/#L\d+$", page.url)
    finally:
        context.close()


def test_no_profile_shows_markup_as_code(real_site: Path) -> None:
    """A profile has no code block: folded lists and notes are rendered, never shown as their Markdown."""
    profiles = [p for p in real_pages(real_site) if len(p.relative_to(real_site).parts) == 3
                and p.relative_to(real_site).parts[0] not in ("sources", "figures", "tags", "timeline")]
    assert len(profiles) > 100
    shown = [p.relative_to(real_site).as_posix() for p in profiles if "<pre" in p.read_text(encoding="utf-8")]
    assert shown == []
