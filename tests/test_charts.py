"""Bar charts (issue 13): full labels that are never cut and never overlap, at any width, legible on a phone."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import shared
from generator.build.charts import _BAR, _LINE, CHART_WIDTH, Bar, _text_width, _wrap, bar_chart
from generator.build.pages.common import tick_label
from generator.build.text import figure
from hostile import PAYLOADS
from quality import axe_violations
from sitecheck import serve

LONG = "G60 Science and Innovation Corridor Joint Conference Office of the Yangtze River Delta, 2023"


def bars(*specs: tuple[str, float], unit: str = "percent", disputed: tuple[int, ...] = ()) -> list[Bar]:
    """Bars from (label, value) pairs, each linked to its own line of an article."""
    return [Bar(label, value, figure(value, unit), f"../../sources/article-{i}/#L{i + 3}", f"Article {i}",
                i in disputed) for i, (label, value) in enumerate(specs)]


def chart(items: list[Bar], unit: str = "percent") -> str:
    return bar_chart(items, "test", "A test chart (percent)", "percent", tick_label(unit))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def label_lines(link: ET.Element) -> list[str]:
    """The lines of a row's label: its <text> and each <tspan>."""
    text = link.find("text[@class='atlas-chart__label']")
    assert text is not None
    return lines_of(text)


def lines_of(text: ET.Element) -> list[str]:
    """The lines of a <text>: itself, or its <tspan>s each with the space after it."""
    spans = text.findall("tspan")
    assert not (spans and (text.text or "").strip()), "text beside the lines"
    return [(span.text or "") + (span.tail or "") for span in spans] if spans else [text.text or ""]


def text_boxes(svg: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Every text's box as the layout reckons it (the widest of the fonts it allows for): text, x0, y0, x1, y1."""
    size = float(svg.get("font-size", "0"))
    boxes = []
    for text in svg.iter("text"):
        lines = lines_of(text)
        width = max(_text_width(line, size) for line in lines)
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        x0 = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
        y1 = y + _LINE * (len(lines) - 1) + 0.25 * size
        boxes.append(("".join(lines), x0, y - 0.95 * size, x0 + width, y1))
    return boxes


def test_long_names_are_drawn_whole_on_lines_that_fit() -> None:
    items = bars((LONG, 3.55), ("Songjiang District, 2024", 6.79), ("Shanghai, 2022", 4.44))
    svg = parse(chart(items))
    rows = svg.findall("a")
    assert ["".join(label_lines(row)) for row in rows] == [b.label for b in items]
    assert len(label_lines(rows[0])) > 1, "a long name wraps, it is not cut"
    for row in rows:
        x = float(row.find("text[@class='atlas-chart__label']").get("x"))
        assert all(x + _text_width(line) <= CHART_WIDTH for line in label_lines(row))


def test_a_word_longer_than_a_line_is_broken_not_cut() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt" * 2
    lines = _wrap(f"The {word} office", 200)
    assert "".join(lines) == f"The {word} office"
    assert all(_text_width(line) <= 200 for line in lines)
    assert lines[0] == "The ", "broken at a space, a line keeps it, so that the words stay apart in its text"
    assert _wrap("  one\ttwo \n\n three  ", 300) == ["one two three"]


@pytest.mark.parametrize(("unit", "items"), [
    ("percent", bars((LONG, 3.55), ("Songjiang District, 2024", 6.79), ("Shanghai, 2022", 4.44))),
    ("CNY", bars(*((f"Place number {i} with a long official name, {2010 + i}", 1000 * (i + 1) ** 2)
                   for i in range(12)), unit="CNY", disputed=(4,))),
    ("percent", bars(("Hefei, 2021", -3.2), ("Shanghai Zhangjiang Hi-Tech Park Administrative Committee, 2022", 4.4),
                     ("Jiaxing, 2023", 0), ("Huzhou, 2024", -0.5), disputed=(1,))),
    ("count", bars(("Only below zero", -12), ("Still below zero, a long name to wrap over two lines", -1250.5),
                   unit="count")),
    ("USD", bars(("A", 123456789012.5), ("B", 5), unit="USD", disputed=(0,))),  # too long to sit beside bars
    ("count", bars(("31 December 2023", 1219), ("as of 22 October 2024", 1237), unit="count")),
], ids=["figures", "twelve-bars", "negative", "all-negative", "long-values", "dates"])
def test_no_text_overlaps_another_or_leaves_the_chart(unit: str, items: list[Bar]) -> None:
    assert_laid_out_apart(parse(bar_chart(items, "t", "T", "unit", tick_label(unit))))


def assert_laid_out_apart(svg: ET.Element) -> None:
    """Every text inside the viewBox, none over another or over a bar, by the layout's own reckoning."""
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert width == CHART_WIDTH
    boxes = text_boxes(svg)
    for text, x0, y0, x1, y1 in boxes:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, text
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
    for text, x0, y0, x1, y1 in boxes:
        for r in svg.iter("rect"):
            x, y, w = float(r.get("x")), float(r.get("y")), float(r.get("width"))
            assert not (x0 < x + w and x < x1 and y0 < y + _BAR and y < y1), (text, x, y, w)


WORDS = ("G60", "Science", "and", "Innovation", "Corridor", "松江区", "科创走廊", "Songjiang", "District,",
         "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "2023", "&", "<b>")


@pytest.mark.parametrize("seed", range(40))
def test_random_charts_keep_every_label_whole_and_apart(seed: int) -> None:
    rng = random.Random(seed)
    unit = rng.choice(["percent", "CNY", "USD", "count", "km2"])
    scale = 10 ** rng.randint(-2, 11)
    items = bars(*((" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))),
                    round(rng.uniform(-1 if rng.random() < 0.3 else 0, 1) * scale, 2))
                   for _ in range(rng.randint(1, 12))), unit=unit,
                 disputed=tuple(i for i in range(12) if rng.random() < 0.2))
    svg = parse(bar_chart(items, "t", "T", rng.choice(["yuan", "percent", " ".join(WORDS)]), tick_label(unit)))
    assert_laid_out_apart(svg)
    for row, bar in zip(svg.findall("a"), items, strict=True):
        drawn = "".join(label_lines(row))
        whole = bar.label if row.find("text[@class='atlas-chart__value']") is not None else \
            f"{bar.label}: {bar.shown}{' (disputed)' if bar.disputed else ''}"
        assert drawn.replace(" ", "") == whole.replace(" ", ""), "every character of the label is drawn"
        if all(_text_width(word) <= 250 for word in whole.split()):  # no word broken: the words kept apart
            assert drawn == whole


def test_hostile_text_is_escaped_and_drawn_as_text() -> None:
    items = [Bar(payload + " \n\n tail", i - 5.5, payload, payload, payload, i % 2 == 0)
             for i, payload in enumerate(PAYLOADS[:12])]
    out = bar_chart(items, "t", PAYLOADS[4] + "\n\n", PAYLOADS[0], tick_label("percent"))
    assert "\n" not in out, "a blank line would end the page's HTML block"
    svg = parse(out)  # well-formed: nothing in it closed an element early
    assert {el.tag.split("}")[-1] for el in svg.iter()} <= {"svg", "title", "desc", "text", "tspan", "a", "rect",
                                                             "path"}
    assert not [name for el in svg.iter() for name in el.attrib if name.lower().startswith("on")]
    for row, bar in zip(svg.findall("a"), items, strict=True):
        assert row.get("href") == bar.href
        assert "".join(label_lines(row)).startswith(" ".join(bar.label.split()))
    assert svg.find("title").text == " ".join((PAYLOADS[4]).split())
    assert_laid_out_apart(svg)


def test_output_is_deterministic_and_compact() -> None:
    first = chart(bars((LONG, 3.55), ("Shanghai, 2022", -4.44), disputed=(1,)))
    again = chart(bars((LONG, 3.55), ("Shanghai, 2022", -4.44), disputed=(1,)))
    assert first == again
    assert not re.search(r'="-?\d+\.\d{2,}"|="-?\d+\.0"|\.0[ "v]', first), "coordinates to a tenth, no '.0'"
    assert "\n" not in first


def test_each_bar_links_to_its_source_line_with_a_label() -> None:
    items = bars((LONG, 3.55), ("Shanghai, 2022", 4.44))
    svg = parse(chart(items))
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "test-title test-desc"
    assert svg.find("title").get("id") == "test-title" and svg.find("desc").get("id") == "test-desc"
    assert svg.find("desc").text == (f"{LONG}: 3.55%, from Article 0; Shanghai, 2022: 4.44%, from Article 1")
    rows = svg.findall("a")
    assert [r.get("href") for r in rows] == ["../../sources/article-0/#L3", "../../sources/article-1/#L4"]
    assert [r.get("aria-label") for r in rows] == [f"{LONG}: 3.55%, source Article 0",
                                                   "Shanghai, 2022: 4.44%, source Article 1"]
    for row, bar in zip(rows, items):
        assert row.find("rect") is not None
        assert row.find("text[@class='atlas-chart__value']").text == bar.shown


def test_disputed_values_are_marked_in_style_text_and_label() -> None:
    svg = parse(chart(bars(("Shanghai, 2022", 4.44), ("Songjiang District, 2024", 6.79), disputed=(1,))))
    plain, disputed = svg.findall("a")
    assert plain.find("rect").get("class") == "atlas-chart__bar"
    assert disputed.find("rect").get("class") == "atlas-chart__bar atlas-chart__bar--disputed"
    assert plain.find("text[@class='atlas-chart__value']").text == "4.44%"
    assert disputed.find("text[@class='atlas-chart__value']").text == "6.79% (disputed)"
    assert "disputed" not in plain.get("aria-label")
    assert disputed.get("aria-label") == "Songjiang District, 2024: 6.79% (disputed), source Article 1"
    assert "6.79% (disputed), from Article 1" in svg.find("desc").text


def test_negative_values_hang_left_of_zero_with_their_value_beside_them() -> None:
    svg = parse(chart(bars(("Hefei, 2021", -3.2), ("Jiaxing, 2022", 4.4))))
    axis = svg.find("path[@class='atlas-chart__axis']").get("d")
    zero = float(re.match(r"M(-?[\d.]+) ", axis).group(1))
    below, above = svg.findall("a")
    rect = below.find("rect")
    assert float(rect.get("x")) + float(rect.get("width")) == pytest.approx(zero, abs=0.1)
    assert float(rect.get("width")) > 0
    value = below.find("text[@class='atlas-chart__value']")
    assert value.text == "-3.2%" and value.get("text-anchor") == "end"
    assert float(value.get("x")) < float(rect.get("x"))
    assert float(above.find("rect").get("x")) == pytest.approx(zero, abs=0.1)
    ticks = [t.text for t in svg.iter("text") if t.get("class") == "atlas-chart__tick"]
    assert "0%" in ticks and any(t.startswith("-") for t in ticks)
    assert float(below.find("rect").get("width")) / float(above.find("rect").get("width")) == pytest.approx(
        3.2 / 4.4, rel=0.01), "bars to one scale on both sides of zero"


def test_values_too_long_to_sit_beside_the_bars_join_their_labels() -> None:
    svg = parse(bar_chart(bars(("A", 123456789012.5), ("B", 5), unit="USD", disputed=(0,)), "t", "T",
                          "US dollars", tick_label("USD")))
    assert ["".join(label_lines(a)) for a in svg.findall("a")] == ["A: US$123,456,789,012.5 (disputed)",
                                                                    "B: US$5"]
    assert not [t for t in svg.iter("text") if t.get("class") == "atlas-chart__value"]


# In Chromium, on the real site: the figures page the reader trial found cut, and the profile with the most bars.

MEASURE = """svg => {
  const box = svg.getBoundingClientRect();
  const rect = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  return {svg: rect(box),
          texts: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, box: rect(t.getBoundingClientRect()),
                    size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a})),
          bars: [...svg.querySelectorAll('rect')].map(r => rect(r.getBoundingClientRect()))};
}"""

CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const body = rgb(getComputedStyle(document.body).backgroundColor);
  const over = c => c.length > 3 ? c.slice(0, 3).map((v, i) => v * c[3] + body[i] * (1 - c[3])) : c;
  const lum = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = c => { const [a, b] = [lum(over(rgb(c))), lum(body)]; return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const svg = document.querySelector('svg.atlas-chart');
  return {texts: [...svg.querySelectorAll('text')].map(t => [t.getAttribute('class'), ratio(getComputedStyle(t).fill)]),
          bars: [...svg.querySelectorAll('rect')].map(r => [r.getAttribute('class'),
                  ratio(getComputedStyle(r)[r.classList.contains('atlas-chart__bar--disputed') ? 'stroke' : 'fill'])]),
          body: getComputedStyle(document.body).backgroundColor};
}"""


def overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return a["left"] + slack < b["right"] and b["left"] + slack < a["right"] and \
        a["top"] + slack < b["bottom"] and b["top"] + slack < a["bottom"]


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack and \
        inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack


def assert_whole_and_apart(found: dict, where: tuple, least_px: float) -> None:
    """As Chromium draws them: every text inside the chart, over no other text and no bar, and at least
    least_px high."""
    texts = found["texts"]
    assert len(texts) >= 4, where
    for text in texts:
        assert inside(text["box"], found["svg"]), (where, text)
        assert text["size"] >= least_px, (where, text)
        assert not any(overlap(text["box"], bar) for bar in found["bars"]), (where, text)
    for j, a in enumerate(texts):
        for b in texts[j + 1:]:
            assert not overlap(a["box"], b["box"]), (where, a, b)


@pytest.fixture(scope=shared)
def chart_pages(real_site: Path) -> list[str]:
    """figures/rd-intensity/ and the profile whose chart has the most bars (by path when tied)."""
    bars_on = {}
    for page in sorted(real_site.glob("*/*/index.html")):
        path = str(page.parent.relative_to(real_site)) + "/"
        charts = re.findall(r'<svg class="atlas-chart".*?</svg>', page.read_text(encoding="utf-8"), re.S)
        if charts and not path.startswith("figures/"):
            bars_on[path] = max(c.count("<a ") for c in charts)
    assert bars_on, "no profile has a chart"
    return ["figures/rd-intensity/", max(sorted(bars_on), key=lambda p: bars_on[p])]


@pytest.fixture(scope=shared)
def charts_url(real_site: Path) -> Iterator[str]:
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_labels_are_whole_apart_and_legible_in_the_browser(browser: Browser, charts_url: str,
                                                                 chart_pages: list[str], width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 400 else 844})
    page = context.new_page()
    try:
        for path in chart_pages:
            page.goto(charts_url + path)
            svgs = page.locator("svg.atlas-chart")
            assert svgs.count() >= 1, path
            for i in range(svgs.count()):
                assert_whole_and_apart(svgs.nth(i).evaluate(MEASURE), (path, width), 12 if width >= 390 else 0)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
            if path.startswith("figures/"):
                labels = page.locator("svg.atlas-chart .atlas-chart__label").all_text_contents()
                assert any(label.replace(" ", "").startswith("G60ScienceandInnovationCorridor") for label in labels)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_read_in_both_schemes(browser: Browser, charts_url: str, chart_pages: list[str],
                                            scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in chart_pages:
            page.goto(charts_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            found = page.evaluate(CONTRAST)
            assert all(ratio >= 4.5 for _, ratio in found["texts"]), (path, scheme, found)
            assert all(ratio >= 3 for _, ratio in found["bars"]), (path, scheme, found)
            assert axe_violations(page) == [], (path, scheme)
    finally:
        context.close()


STRESS = [
    bars((LONG, 3.55), ("Shanghai Zhangjiang Hi-Tech Park Administrative Committee, 2022", -4.4),
         ("上海市松江区人民政府 G60 科创走廊联席会议办公室, 2024", 6.79), ("Jiaxing, 2023", 0),
         ("Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt, 2021", -0.5),
         disputed=(1,)),
    bars(*((f"Place number {i} with a long official name, {2010 + i}", 1000 * (i + 1) ** 2) for i in range(12)),
         unit="CNY", disputed=(4,)),
    bars(("A", 123456789012.5), ("B", 5), unit="USD", disputed=(0,)),
]


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_long_names_wrap_whole_and_apart_in_the_browser(browser: Browser, charts_url: str, width: int) -> None:
    """Charts longer and wider than the atlas has yet, put in the figures page in place of its own: what the
    layout reckons with its table of widths holds for the fonts Chromium draws with, at any width."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(charts_url + "figures/rd-intensity/")
        for n, items in enumerate(STRESS):
            unit = "CNY" if n == 1 else "USD" if n == 2 else "percent"
            svg = bar_chart(items, f"stress-{n}", "Stress", "a unit with a name long enough to need two lines "
                            "on a phone, or even more", tick_label(unit))
            page.locator("svg.atlas-chart").evaluate("(svg, html) => { svg.outerHTML = html; }", svg)
            found = page.locator("svg.atlas-chart").evaluate(MEASURE)
            assert_whole_and_apart(found, (n, width), 12 if width >= 390 else 0)
            drawn = page.locator("svg.atlas-chart .atlas-chart__label").all_text_contents()
            assert [d.replace(" ", "") for d in drawn] == [
                i.label.replace(" ", "") + ("" if n < 2 else f":{i.shown}{'(disputed)' if i.disputed else ''}")
                for i in items]
    finally:
        context.close()
