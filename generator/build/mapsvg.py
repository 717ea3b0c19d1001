"""The corridor map, drawn at build time as inline SVG: a Natural Earth base map (land and sea, lakes, the
Yangtze, province borders), the places linked to their pages with their names set clear of one another,
a legend and a scale bar. No tiles, nothing fetched when the page is viewed.

Names are placed for the text size a phone shows (the layout's `text`, in SVG units); on a wider figure
the stylesheet (docs/assets/atlas-map.css) sets them smaller. Each name keeps its anchor beside its dot,
so a smaller name's box lies inside the box it was placed with, and what was clear stays clear."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable, Sequence

BASEMAP = Path(__file__).with_name("basemap.json")
"""Natural Earth land, lakes, rivers and province borders around the corridor (tools/make_basemap.py)."""

# Cities of the corridor along the G60 expressway, east to west (a schematic of its route).
G60_ROUTE = ("songjiang", "jiaxing", "hangzhou", "jinhua")

KM_PER_DEGREE = 111.2
"""Kilometres in a degree of latitude (a sphere of radius 6,371 km)."""

XY = tuple[float, float]
Box = tuple[float, float, float, float]
"""left, top, right, bottom in SVG units."""


@dataclass(frozen=True)
class MapPoint:
    """A place on the map: its id, name, position and the link to its page."""

    id: str
    name: str
    lat: float
    lon: float
    href: str
    kind: str = "city"
    """What the place is ("city" or "district"): a district is drawn as a ring, a city as a dot."""


@dataclass(frozen=True)
class MapLayout:
    """The size of a map and of what is drawn on it, in SVG units; text and link targets at a phone's size."""

    width: int
    height: int
    """Of the map itself; the legend is drawn below it."""
    pad: int
    """Space between the places' box and the map's edge."""
    text: float
    """Font size the names are placed for (what a phone shows: at least 11 CSS px)."""
    dot: float
    here_dot: float
    hit: float
    """Radius of each place's link target on a phone (at least 24 CSS px across)."""
    leaders: bool
    """Whether a name may sit away from its dot, joined to it by a line; else names that do not fit beside
    their dot are left out (all but the highlighted place's)."""
    province_names: bool


WIDE = MapLayout(640, 480, 70, text=21.5, dot=5.5, here_dot=8, hit=22, leaders=True, province_names=True)
"""The Map page. On a 390 px phone it is about 358 px wide: 21.5 units show as 12 px, a 22-unit target as 24.6 px."""
SMALL = MapLayout(480, 360, 50, text=16, dot=5, here_dot=7.5, hit=17, leaders=False, province_names=False)
"""The locator map on city and district profiles: its place named, the others where they fit (on a 390 px
phone, 16 units show as 11.9 px, a 17-unit target as 25.4 px)."""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate to one decimal, without a trailing '.0'."""
    return _tenths(round(value * 10))


def _tenths(count: int) -> str:
    """A whole number of tenths as the shortest decimal: 123 -> '12.3', 120 -> '12', -5 -> '-.5'."""
    sign, count = ("-" if count < 0 else ""), abs(count)
    whole, tenth = divmod(count, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


# --------------------------------------------------------------------------------------- projection

@dataclass(frozen=True)
class Projection:
    """Equirectangular, x scaled by the cosine of the places' mean latitude, fitted to the map's box."""

    scale_x: float
    unit: float
    """SVG units in a degree of latitude."""
    off_x: float
    off_y: float
    min_x: float
    min_y: float
    height: int

    def xy(self, lat: float, lon: float) -> XY:
        """SVG position of a latitude and longitude (not rounded)."""
        return (self.off_x + (lon * self.scale_x - self.min_x) * self.unit,
                self.height - self.off_y - (lat - self.min_y) * self.unit)

    def lat_lon(self, x: float, y: float) -> XY:
        """Latitude and longitude at an SVG position."""
        return (self.min_y + (self.height - self.off_y - y) / self.unit,
                (self.min_x + (x - self.off_x) / self.unit) / self.scale_x)

    def units(self, km: float) -> float:
        """SVG units across a distance on the ground (true along the mean latitude, and north-south)."""
        return km / KM_PER_DEGREE * self.unit


MIN_SPAN = 0.25
"""Degrees the places' box is taken to span at least: places at one spot do not zoom the map to a street."""


def fit_projection(points: Sequence[MapPoint], width: int, height: int, pad: int) -> Projection:
    """The projection that fits the places' box into width by height, with pad to spare around it."""
    scale_x = math.cos(math.radians(sum(p.lat for p in points) / len(points)))
    xs = [p.lon * scale_x for p in points]
    ys = [p.lat for p in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    unit = min((width - 2 * pad) / max(span_x, MIN_SPAN), (height - 2 * pad) / max(span_y, MIN_SPAN))
    return Projection(scale_x, unit, (width - span_x * unit) / 2, (height - span_y * unit) / 2,
                      min(xs), min(ys), height)


def _project(points: Sequence[MapPoint], width: int, height: int, pad: int) -> dict[str, XY]:
    """Each place's position on the map, to one decimal."""
    if not points:
        return {}
    projection = fit_projection(points, width, height, pad)
    return {p.id: _round(projection.xy(p.lat, p.lon)) for p in points}


def _round(point: XY) -> XY:
    return round(point[0], 1), round(point[1], 1)


# --------------------------------------------------------------------------------------- base map

@functools.lru_cache(maxsize=1)
def load_basemap() -> dict:
    """The base-map asset: its layers in longitude and latitude, and where its data comes from."""
    return json.loads(BASEMAP.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def basemap_covers(projection: Projection, width: int, height: int) -> bool:
    """Whether the asset reaches every edge of the map (else its cut edges would show as coastline)."""
    west, south, east, north = load_basemap()["bbox"]
    top_lat, left_lon = projection.lat_lon(0, 0)
    bottom_lat, right_lon = projection.lat_lon(width, height)
    return west <= left_lon and right_lon <= east and south <= bottom_lat and top_lat <= north


def _clip_ring(ring: Sequence[XY], box: Box) -> list[XY]:
    """A polygon's ring cut to a box (Sutherland-Hodgman): what lies outside runs along the box's edge."""
    left, top, right, bottom = box
    edges = ((lambda p: p[0] >= left, lambda p, q: _cross_x(p, q, left)),
             (lambda p: p[0] <= right, lambda p, q: _cross_x(p, q, right)),
             (lambda p: p[1] >= top, lambda p, q: _cross_y(p, q, top)),
             (lambda p: p[1] <= bottom, lambda p, q: _cross_y(p, q, bottom)))
    points = list(ring)
    for inside, cross in edges:
        if not points:
            break
        kept: list[XY] = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
    return points


def _cross_x(p: XY, q: XY, x: float) -> XY:
    return x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])


def _cross_y(p: XY, q: XY, y: float) -> XY:
    return p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y


def _clip_segment(p: XY, q: XY, box: Box) -> tuple[XY, XY] | None:
    """The part of a segment inside a box (Liang-Barsky), or None."""
    low, high = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for step, room in ((-dx, p[0] - box[0]), (dx, box[2] - p[0]), (-dy, p[1] - box[1]), (dy, box[3] - p[1])):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (p[0] + low * dx, p[1] + low * dy), (p[0] + high * dx, p[1] + high * dy)


def _clip_line(line: Sequence[XY], box: Box) -> list[list[XY]]:
    """The pieces of a line inside a box."""
    pieces: list[list[XY]] = []
    for p, q in zip(line, line[1:]):
        part = _clip_segment(p, q, box)
        if part is None:
            continue
        if pieces and pieces[-1][-1] == part[0]:
            pieces[-1].append(part[1])
        else:
            pieces.append([part[0], part[1]])
    return pieces


def _path(lines: Iterable[Sequence[XY]], closed: bool) -> str:
    """SVG path data, compact: each line's first point absolute, then steps of tenths of a unit."""
    parts: list[str] = []
    for line in lines:
        tenths = _dedupe([(round(x * 10), round(y * 10)) for x, y in line])
        if closed and len(tenths) > 1 and tenths[0] == tenths[-1]:
            tenths.pop()
        if len(tenths) < (3 if closed else 2):
            continue
        numbers = [_tenths(tenths[0][0]), _tenths(tenths[0][1]), "l"]
        for (x0, y0), (x1, y1) in zip(tenths, tenths[1:]):
            numbers += [_tenths(x1 - x0), _tenths(y1 - y0)]
        parts.append("M" + _join(numbers) + ("z" if closed else ""))
    return "".join(parts)


def _dedupe(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [p for index, p in enumerate(points) if index == 0 or p != points[index - 1]]


def _join(numbers: list[str]) -> str:
    """Numbers of path data: a space between two, none before a minus sign or around a command letter."""
    text = numbers[0]
    for previous, number in zip(numbers, numbers[1:]):
        glue = "" if number[0] in "-l" or previous == "l" else " "
        text += glue + number
    return text


def _polygon_path(polygons: Iterable[Sequence[Sequence[Sequence[float]]]], projection: Projection,
                  box: Box) -> str:
    """Polygons (rings of [lon, lat]) projected and cut to the map."""
    rings = (_clip_ring([projection.xy(lat, lon) for lon, lat in ring], box)
             for polygon in polygons for ring in polygon)
    return _path(rings, closed=True)


def _line_path(lines: Iterable[Sequence[Sequence[float]]], projection: Projection, box: Box) -> str:
    """Lines of [lon, lat] projected and cut to the map."""
    return _path((piece for line in lines
                  for piece in _clip_line([projection.xy(lat, lon) for lon, lat in line], box)), closed=False)


def _basemap(projection: Projection, layout: MapLayout) -> tuple[str, dict[str, str]]:
    """Sea, land, province borders, lakes and rivers, in that order: everything under the places; and
    what the legend may name of it (layer: its name in the legend), only the layers that show in the frame."""
    svg, keys = _cut_basemap(projection, layout)
    return svg, dict(keys)


@functools.lru_cache(maxsize=8)
def _cut_basemap(projection: Projection, layout: MapLayout) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The base map cut to one frame, kept: every locator map of a build shares the same frame."""
    layers = load_basemap()["layers"]
    box: Box = (0, 0, layout.width, layout.height)
    borders = (line for pair in layers["provinces"] for line in pair["lines"])
    rivers = {name: _line_path((r["line"] for r in layers["rivers"] if (r.get("name") or "") == name), projection, box)
              for name in sorted({r.get("name") or "" for r in layers["rivers"]})}
    drawn = [("land", _polygon_path(layers["land"], projection, box)),
             ("border", _line_path(borders, projection, box)),
             ("lake", _polygon_path(layers["lakes"], projection, box)),
             ("river", "".join(rivers.values()))]
    shown = {name for name, data in drawn if data}
    named = [name for name, data in rivers.items() if name and data]
    keys = {"river": f"{named[0]} River" if len(named) == 1 else "River"} if "river" in shown else {}
    keys["water"] = "Sea and lakes" if "lake" in shown else "Sea"
    if "border" in shown:
        keys["border"] = "Province border"
    svg = (f'<g class="atlas-map__base" aria-hidden="true">'
           f'<rect class="atlas-map__sea" width="{layout.width}" height="{layout.height}"/>'
           + "".join(f'<path class="atlas-map__{name}" d="{data}"/>' for name, data in drawn if data)
           + "</g>")
    return svg, tuple(keys.items())


# --------------------------------------------------------------------------------------- labels

# Advance widths of Helvetica and Arial (Liberation Sans on Linux), in thousandths of an em.
_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyz", (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
                                                  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500)))
_WIDTHS.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
                                                  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)))
_WIDTHS.update({**dict.fromkeys("0123456789", 556), " ": 278, "-": 333, "'": 191, ".": 278, ",": 278, "(": 333,
                ")": 333, "&": 667, "/": 278})
_BOLD = {**{c: w + (55 if w < 600 else 0) for c, w in _WIDTHS.items()}, "r": 389, "t": 333, "f": 333}
LINE = 1.2
"""Height of a line of text in ems: a bit more than its box (ascent and descent, 1.12 to 1.17 em)."""
SLACK = 1.08
"""Text is measured this much wider than Helvetica sets it: other sans-serif fonts run wider."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide a line of text is set, at least (a font wider than Helvetica's is allowed for by SLACK)."""
    widths = _BOLD if bold else _WIDTHS
    return sum(widths.get(c, 1000 if ord(c) >= 0x2E80 else 600) for c in text) / 1000 * size * SLACK


@dataclass(frozen=True)
class Label:
    """Where a place's name is written: its lines, anchor point and alignment, its box, and the line that
    joins it to its dot when it sits away from it."""

    lines: tuple[str, ...]
    x: float
    y: float
    anchor: str
    """text-anchor: start, middle or end."""
    baseline: str
    """dominant-baseline: text-before-edge (box below y), central or text-after-edge (box above y)."""
    box: Box
    leader: tuple[XY, XY] | None
    cost: float


# Where a name may go around its dot: direction, text-anchor, dominant-baseline, and how much less it is liked.
_AROUND = (((1.0, 0.0), "start", "central", 0.0), ((-1.0, 0.0), "end", "central", 0.6),
           ((0.71, -0.71), "start", "text-after-edge", 1.0), ((0.71, 0.71), "start", "text-before-edge", 1.2),
           ((0.0, -1.0), "middle", "text-after-edge", 1.4), ((0.0, 1.0), "middle", "text-before-edge", 1.6),
           ((-0.71, -0.71), "end", "text-after-edge", 1.8), ((-0.71, 0.71), "end", "text-before-edge", 2.0))
_AWAY = (0.0, 1.0, 2.0, 3.2, 4.5, 6.0)
"""How far a name may sit from its dot, in ems beyond the gap beside it; beyond the first, with a leader."""


def _lines_of(name: str) -> list[tuple[str, ...]]:
    """A name on one line, and a long name of two or more words also on two, split nearest its middle."""
    forms: list[tuple[str, ...]] = [(name,)]
    words = name.split(" ")
    if len(words) > 1 and len(name) >= 12:
        cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
        forms.append((" ".join(words[:cut]), " ".join(words[cut:])))
    return forms


def _box_at(x: float, y: float, width: float, height: float, anchor: str, baseline: str) -> Box:
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    top = {"text-before-edge": y, "central": y - height / 2, "text-after-edge": y - height}[baseline]
    return left, top, left + width, top + height


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grow(box: Box, margin: float) -> Box:
    return box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin


def _inside(box: Box, frame: Box) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _meets_circle(box: Box, centre: XY, radius: float) -> bool:
    nearest_x = min(max(centre[0], box[0]), box[2])
    nearest_y = min(max(centre[1], box[1]), box[3])
    return (nearest_x - centre[0]) ** 2 + (nearest_y - centre[1]) ** 2 < radius ** 2


def _crosses(segment: tuple[XY, XY], box: Box) -> bool:
    return _clip_segment(segment[0], segment[1], box) is not None


def _segments_cross(a: tuple[XY, XY], b: tuple[XY, XY]) -> bool:
    def side(p: XY, q: XY, r: XY) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (side(*a, b[0]) * side(*a, b[1]) < 0) and (side(*b, a[0]) * side(*b, a[1]) < 0)


@dataclass
class _Board:
    """What is on the map so far, for names to keep clear of: dots, link targets, names and leaders."""

    frame: Box
    dots: dict[str, Box]
    targets: dict[str, tuple[XY, float]]
    route: list[tuple[XY, XY]]
    names: dict[str, Box]
    leaders: dict[str, tuple[XY, XY]]

    def clear(self, owner: str, box: Box, leader: tuple[XY, XY] | None) -> bool:
        """Whether a name's box (and leader) stays in the frame and off every dot, name and leader."""
        if not _inside(box, self.frame):
            return False
        if any(_overlap(box, dot) for other, dot in self.dots.items() if other != owner):
            return False
        if any(_overlap(box, name) for other, name in self.names.items() if other != owner):
            return False
        if any(_crosses(line, box) for other, line in self.leaders.items() if other != owner):
            return False
        if leader is None:
            return True
        return not (any(_crosses(leader, dot) for other, dot in self.dots.items() if other != owner)
                    or any(_crosses(leader, name) for other, name in self.names.items() if other != owner)
                    or any(_segments_cross(leader, line) for other, line in self.leaders.items() if other != owner))

    def conflicts(self, owner: str, box: Box, leader: tuple[XY, XY] | None) -> int:
        """How many dots, names and leaders a name's box (and leader) meets."""
        count = sum(_overlap(box, dot) for other, dot in self.dots.items() if other != owner)
        count += sum(_overlap(box, name) for other, name in self.names.items() if other != owner)
        count += sum(_crosses(line, box) for other, line in self.leaders.items() if other != owner)
        if leader is not None:
            count += sum(_crosses(leader, dot) for other, dot in self.dots.items() if other != owner)
            count += sum(_crosses(leader, name) for other, name in self.names.items() if other != owner)
            count += sum(_segments_cross(leader, line) for other, line in self.leaders.items() if other != owner)
        return count

    def covered_targets(self, owner: str, box: Box) -> int:
        """How many other places' link targets a name's box covers (a tap there would open the other)."""
        return sum(_meets_circle(box, centre, radius) for other, (centre, radius) in self.targets.items()
                   if other != owner)

    def penalty(self, owner: str, box: Box) -> float:
        """How much a clear spot still costs: covering another place's link target, or the route."""
        return 4.0 * self.covered_targets(owner, box) + 0.5 * sum(_crosses(segment, box) for segment in self.route)


def _candidates(point: MapPoint, at: XY, radius: float, layout: MapLayout, bold: bool,
                optional: bool) -> Iterable[Label]:
    """Every spot a place's name may take, each with what it costs before the board is looked at."""
    size = layout.text
    forms = _lines_of(point.name)[:1] if optional else _lines_of(point.name)
    distances = _AWAY if layout.leaders and not optional else _AWAY[:1]
    for lines_cost, lines in enumerate(forms):
        width = max(text_width(line, size, bold) for line in lines)
        height = len(lines) * LINE * size
        for distance_cost, away in enumerate(distances):
            for (ux, uy), anchor, baseline, preference in _AROUND:
                reach = radius + 0.15 * size + away * size
                x, y = at[0] + ux * reach, at[1] + uy * reach
                leader = None
                if away:
                    start = (at[0] + ux * (radius + 2), at[1] + uy * (radius + 2))
                    leader = (_round(start), _round((x - ux * 2, y - uy * 2)))
                box = _box_at(x, y, width, height, anchor, baseline)
                yield Label(lines, round(x, 1), round(y, 1), anchor, baseline, box, leader,
                            preference + 3.0 * distance_cost + 2.5 * lines_cost)


SEARCH_BUDGET = 3000
"""How many spots the search for a clear placement of every name may try before it settles for less."""
BRANCHES = 6
"""How many of a name's cheapest clear spots the search tries before it backs up to the name before."""


def _place_labels(points: Sequence[MapPoint], pos: dict[str, XY], layout: MapLayout, highlight: str = "",
                  route: Sequence[XY] = ()) -> dict[str, Label]:
    """Each place's name at a spot clear of every dot, name and leader: beside its dot if it can, else a
    little away with a leader (WIDE only; on the small map, other places' names that do not fit are left
    out). Names are placed in a fixed order, the highlighted place first, then the most crowded: each takes
    its cheapest clear spot (`_candidates`: right, left, the diagonals, above, below; one line, then two;
    beside its dot, then further away with a leader). When a name finds no clear spot, the search backs up
    and tries the previous names' next cheapest spots (`_search`), so the first answer is the greedy one
    whenever that works. If the search runs out of tries, names are placed greedily in several orders (each
    time a stuck place moved up) and the round with the fewest names that overlap something is kept."""
    def crowding(point: MapPoint) -> tuple[int, int, str]:
        near = sum(math.dist(pos[point.id], pos[o.id]) < 6 * layout.text for o in points)
        return (point.id != highlight, -near, point.id)

    order = sorted(points, key=crowding)
    found = _search(order, pos, layout, highlight, route)
    if found is not None:
        return found
    moved: set[str] = set()
    best: tuple[tuple[int, int, float], dict[str, Label]] | None = None
    while True:
        placed, crowded, dropped = _place_in_order(order, pos, layout, highlight, route)
        score = (len(crowded), len(dropped), round(sum(label.cost for label in placed.values()), 6))
        if best is None or score < best[0]:
            best = (score, placed)
        stuck = next((p for p in order if p.id in crowded or p.id in dropped), None)
        if stuck is None or stuck.id in moved:
            return best[1]
        moved.add(stuck.id)
        front = 1 if order[0].id == highlight and stuck.id != highlight else 0
        order = [*order[:front], stuck, *(p for p in order[front:] if p is not stuck)]


_MARGIN = 2.0
"""Space kept between a name and anything else, and the frame, in SVG units."""


def _board(order: Sequence[MapPoint], pos: dict[str, XY], layout: MapLayout, highlight: str,
           route: Sequence[XY]) -> tuple[_Board, dict[str, float]]:
    """An empty board for the places (their dots and link targets on it), and each place's dot radius."""
    radius = {p.id: layout.here_dot if p.id == highlight else layout.dot for p in order}
    board = _Board(frame=(_MARGIN, _MARGIN, layout.width - _MARGIN, layout.height - _MARGIN),
                   dots={p.id: _grow((*pos[p.id], *pos[p.id]), radius[p.id] + _MARGIN) for p in order},
                   targets={p.id: (pos[p.id], layout.hit) for p in order},
                   route=list(zip(route, route[1:])), names={}, leaders={})
    return board, radius


def _clear_spots(board: _Board, point: MapPoint, candidates: Sequence[Label], optional: bool) -> list[Label]:
    """A place's spots that are clear on the board, cheapest first, each with what the board adds to its cost."""
    spots = []
    for label in candidates:
        if not board.clear(point.id, _grow(label.box, _MARGIN), label.leader):
            continue
        if optional and board.covered_targets(point.id, label.box):
            continue
        spots.append(Label(label.lines, label.x, label.y, label.anchor, label.baseline, label.box, label.leader,
                           label.cost + board.penalty(point.id, label.box)))
    return sorted(spots, key=lambda label: label.cost)  # stable: equal costs keep the candidates' order


def _search(order: Sequence[MapPoint], pos: dict[str, XY], layout: MapLayout, highlight: str,
            route: Sequence[XY]) -> dict[str, Label] | None:
    """Every name at a clear spot (or, on the small map, left out when none is clear), found depth first
    with backtracking; None if SEARCH_BUDGET spots were tried without finding one."""
    board, radius = _board(order, pos, layout, highlight, route)
    candidates = {p.id: list(_candidates(p, pos[p.id], radius[p.id], layout, p.id == highlight,
                                         not layout.leaders and p.id != highlight)) for p in order}
    placed: dict[str, Label] = {}
    tries = 0

    def visit(index: int) -> bool:
        nonlocal tries
        if index == len(order):
            return True
        point = order[index]
        optional = not layout.leaders and point.id != highlight
        spots: list[Label | None] = [*_clear_spots(board, point, candidates[point.id], optional)[:BRANCHES]]
        if optional:
            spots.append(None)
        for spot in spots:
            tries += 1
            if tries > SEARCH_BUDGET:
                return False
            if spot is not None:
                placed[point.id] = spot
                board.names[point.id] = spot.box
                if spot.leader:
                    board.leaders[point.id] = spot.leader
            if visit(index + 1):
                return True
            placed.pop(point.id, None)
            board.names.pop(point.id, None)
            board.leaders.pop(point.id, None)
        return False

    return placed if visit(0) else None


def _place_in_order(order: Sequence[MapPoint], pos: dict[str, XY], layout: MapLayout, highlight: str,
                    route: Sequence[XY]) -> tuple[dict[str, Label], set[str], set[str]]:
    """One greedy round: the names placed, the places whose name overlaps something (no clear spot), and
    the places left without a name."""
    board, radius = _board(order, pos, layout, highlight, route)
    placed: dict[str, Label] = {}
    crowded: set[str] = set()
    dropped: set[str] = set()
    for point in order:
        optional = not layout.leaders and point.id != highlight
        is_here = point.id == highlight
        candidates = list(_candidates(point, pos[point.id], radius[point.id], layout, is_here, optional))
        spots = _clear_spots(board, point, candidates, optional)
        if not spots and optional:
            dropped.add(point.id)
            continue
        if spots:
            best = spots[0]
        else:
            crowded.add(point.id)
            best = min(candidates, key=lambda c: (not _inside(_grow(c.box, _MARGIN), board.frame),
                                                  board.conflicts(point.id, _grow(c.box, _MARGIN), c.leader), c.cost))
        placed[point.id] = best
        board.names[point.id] = best.box
        if best.leader:
            board.leaders[point.id] = best.leader
    return placed, crowded, dropped


def _label_svg(label: Label) -> str:
    """A name as SVG text: one line, or a line per tspan, spaced in ems so that the lines keep together
    (and keep to the side of their anchor) at whatever size the stylesheet sets."""
    attrs = (f'class="atlas-map__label" x="{_num(label.x)}" y="{_num(label.y)}" text-anchor="{label.anchor}" '
             f'dominant-baseline="{label.baseline}"')
    if len(label.lines) == 1:
        return f"<text {attrs}>{_attr(label.lines[0])}</text>"
    first = {"text-before-edge": 0.0, "central": -(len(label.lines) - 1) / 2,
             "text-after-edge": -(len(label.lines) - 1.0)}[label.baseline]
    spans = "".join(f'<tspan x="{_num(label.x)}" dy="{_num(LINE * (first if index == 0 else 1))}em">'
                    f"{_attr(line)}</tspan>" for index, line in enumerate(label.lines))
    return f"<text {attrs}>{spans}</text>"


_NUDGES = tuple(sorted(((dx, dy) for dx in (0.0, -1.5, 1.5, -3.0, 3.0, -4.0, 4.0)
                       for dy in (0.0, -1.0, 1.0, -2.0, 2.0)),
                      key=lambda d: (abs(d[0]) / 2 + abs(d[1]), d)))
"""Where a province's name may go, in ems from the asset's label point: the nearest spot that is clear."""


def _province_names(projection: Projection, layout: MapLayout, labels: dict[str, Label], pos: dict[str, XY],
                    route: Sequence[XY] = ()) -> str:
    """Province names, faint, where the asset puts them (or up to two lines above or below), if they keep
    clear of every place, its name and leader, and of the route."""
    size = layout.text
    frame: Box = (2, 2, layout.width - 2, layout.height - 2)
    taken = [_grow(label.box, 4) for label in labels.values()]
    taken += [_grow((x, y, x, y), layout.hit) for x, y in pos.values()]
    taken += [_grow((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])), 2)
              for label in labels.values() if label.leader for a, b in [label.leader]]
    parts = []
    for province in load_basemap()["layers"]["province_labels"]:
        x, y = _round(projection.xy(province["label"][1], province["label"][0]))
        name = province["name"].upper()
        width = text_width(name, size) + 0.1 * size * len(name)  # the stylesheet spaces the letters 0.1 em
        for dx, dy in _NUDGES:
            box = _box_at(x + dx * size, y + dy * size, width, LINE * size, "middle", "central")
            if (_inside(box, frame) and not any(_overlap(box, other) for other in taken)
                    and not any(_crosses(segment, _grow(box, 3)) for segment in zip(route, route[1:]))):
                taken.append(box)
                parts.append(f'<text class="atlas-map__province" x="{_num(x + dx * size)}" y="{_num(y + dy * size)}" '
                             f'text-anchor="middle" dominant-baseline="central">{_attr(name)}</text>')
                break
    return "".join(parts)


# --------------------------------------------------------------------------------------- legend

_SCALE_STEPS_KM = (5, 10, 20, 25, 50, 100, 200, 250, 500)


def _scale_km(projection: Projection, longest: float) -> int:
    """The longest round distance whose bar fits in `longest` units (the shortest step if none does)."""
    fitting = [km for km in _SCALE_STEPS_KM if projection.units(km) <= longest]
    return fitting[-1] if fitting else _SCALE_STEPS_KM[0]


def _legend(projection: Projection, layout: MapLayout, entries: Sequence[tuple[str, str]]) -> tuple[str, int]:
    """The key to the map and its scale bar, in a band below it: entries left to right, a new row when the
    next does not fit; and the band's height. The scale bar is a round distance of 1/8 to 1/4 of the width."""
    size, swatch, gap = layout.text, 1.5 * layout.text, 0.8 * layout.text
    km = _scale_km(projection, layout.width / 4)
    entries = [*entries, ("scale", f"{km} km")]
    row = LINE * size + 8
    parts = ['<g class="atlas-map__legend">']
    left, top, rows = 8.0, float(layout.height + 6), 1
    for kind, text in entries:
        mark = projection.units(km) if kind == "scale" else swatch
        width = mark + 6 + text_width(text, size)
        if left > 8 and left + width > layout.width - 8:
            left, top, rows = 8.0, top + row, rows + 1
        middle = top + row / 2
        if kind == "scale":
            parts.append(f'<path class="atlas-map__scale" d="M{_num(left)} {_num(middle - 4)}v4h{_num(mark)}v-4"/>')
        else:
            parts.append(_swatch(kind, left, middle, swatch, layout))
        parts.append(f'<text class="atlas-map__key" x="{_num(left + mark + 6)}" y="{_num(middle)}" '
                     f'dominant-baseline="central">{_attr(text)}</text>')
        left += width + gap
    parts.append("</g>")
    return "".join(parts), math.ceil(12 + rows * row)


def _swatch(kind: str, left: float, middle: float, width: float, layout: MapLayout) -> str:
    """The mark a legend entry explains, drawn as on the map."""
    centre = left + width / 2
    if kind in ("city", "district", "here"):
        return _dot(kind, (centre, middle), layout)
    if kind == "water":
        return (f'<rect class="atlas-map__lake atlas-map__swatch" x="{_num(left)}" y="{_num(middle - width / 3)}" '
                f'width="{_num(width)}" height="{_num(width * 2 / 3)}"/>')
    css = {"route": "atlas-map__route", "border": "atlas-map__border", "river": "atlas-map__river"}[kind]
    return f'<path class="{css}" d="M{_num(left)} {_num(middle)}h{_num(width)}"/>'


def _dot(kind: str, at: XY, layout: MapLayout) -> str:
    """A place's mark: a dot for a city, a ring for a district, a larger dot for the page's own place."""
    radius = layout.here_dot if kind == "here" else layout.dot
    css = {"city": "atlas-map__dot", "district": "atlas-map__dot atlas-map__dot--district",
           "here": "atlas-map__dot atlas-map__dot--here"}[kind]
    return f'<circle class="{css}" cx="{_num(at[0])}" cy="{_num(at[1])}" r="{_num(radius)}"/>'


def _mark(point: MapPoint) -> str:
    """How a place is drawn: a ring for a district, a dot for a city (or any other kind of place)."""
    return "district" if point.kind == "district" else "city"


def _legend_entries(points: Sequence[MapPoint], highlight: str, route: bool, base: dict[str, str]
                    ) -> list[tuple[str, str]]:
    """What the legend explains: the kinds of place drawn, the page's own place, the route and the base map."""
    others = [p for p in points if p.id != highlight]
    entries = []
    for mark in ("city", "district"):
        kinds = sorted({p.kind for p in others if _mark(p) == mark}, key=lambda k: (k != mark, k))
        if kinds:
            entries.append((mark, " or ".join(kinds).capitalize()))
    here = next((p for p in points if p.id == highlight), None)
    if here:
        entries.append(("here", here.name))
    if route:
        entries.append(("route", "G60 expressway"))
    entries += [(kind, base[kind]) for kind in ("river", "water", "border") if kind in base]
    return entries


# --------------------------------------------------------------------------------------- the map

def corridor_map(points: list[MapPoint], chart_id: str, highlight: str = "", small: bool = False) -> str:
    """The corridor's places on a base map, as a linked, keyboard-focusable SVG with a title, a
    description, a legend and a scale bar."""
    layout = SMALL if small else WIDE
    projection = fit_projection(points, layout.width, layout.height, layout.pad) if points else None
    pos = _project(points, layout.width, layout.height, layout.pad)
    base = projection is not None and basemap_covers(projection, layout.width, layout.height)
    names = ", ".join(p.name for p in points)
    here = next((p.name for p in points if p.id == highlight), "")
    title = f"Where {here} lies on the G60 corridor" if here else "Map of the G60 Science and Innovation Corridor"
    ground = ("on a base map of land and sea, lakes, the Yangtze and province borders (Natural Earth)"
              if base else "placed by latitude and longitude")
    route = [pos[r] for r in G60_ROUTE if r in pos]
    line = ("The line follows the G60 expressway from Songjiang through Jiaxing and Hangzhou to Jinhua. "
            if len(route) > 1 else "")
    desc = f"Map of {len(points)} places of the corridor, {ground}: {names}. {line}Each place links to its page."
    ground_svg, keys = _basemap(projection, layout) if base and projection else ("", {})
    legend, band = (_legend(projection, layout, _legend_entries(points, highlight, len(route) > 1, keys))
                    if projection else ("", 0))
    parts = [f'<svg class="atlas-map{" atlas-map--small" if small else ""}" '
             f'viewBox="0 0 {layout.width} {layout.height + band}" font-size="{_num(layout.text)}" '
             f'role="group" aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{_attr(title)}</title>',
             f'<desc id="{chart_id}-desc">{_attr(desc)}</desc>']
    if ground_svg:
        parts.append(ground_svg)
    else:
        parts.append(f'<rect class="atlas-map__blank" width="{layout.width}" height="{layout.height}"/>')
    parts.append(f'<rect class="atlas-map__frame" width="{layout.width}" height="{layout.height}" aria-hidden="true"/>')
    if len(route) > 1:
        parts.append('<polyline class="atlas-map__route" points="'
                     + " ".join(f"{_num(x)},{_num(y)}" for x, y in route) + '" aria-hidden="true"/>')
    labels = _place_labels(points, pos, layout, highlight, route)
    provinces = (_province_names(projection, layout, labels, pos, route)
                 if ground_svg and projection and layout.province_names else "")
    if provinces:
        parts.append(f'<g class="atlas-map__provinces" aria-hidden="true">{provinces}</g>')
    leaders = [label.leader for label in labels.values() if label.leader]
    if leaders:
        parts.append('<path class="atlas-map__leader" aria-hidden="true" d="'
                     + "".join(f"M{_num(a[0])} {_num(a[1])}L{_num(b[0])} {_num(b[1])}" for a, b in leaders) + '"/>')
    for point in sorted(points, key=lambda p: p.id):
        x, y = pos[point.id]
        is_here = point.id == highlight
        current = ' aria-current="page"' if is_here else ""
        css = "atlas-map__place atlas-map__place--here" if is_here else "atlas-map__place"
        label = _label_svg(labels[point.id]) if point.id in labels else ""
        parts.append(f'<a class="{css}" href="{_attr(point.href)}"{current}>'
                     f'<title>{_attr(point.name)}</title>'
                     f'<circle class="atlas-map__hit" cx="{_num(x)}" cy="{_num(y)}" r="{_num(layout.hit)}" '
                     f'opacity="0"/>'
                     f'{_dot("here" if is_here else _mark(point), (x, y), layout)}{label}</a>')
    parts.append(legend)
    parts.append("</svg>")
    return "".join(parts)
