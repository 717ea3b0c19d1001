"""Inline SVG drawn at build time: the corridor map and small bar charts of time series."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Callable

# Cities of the corridor along the G60 expressway, east to west (a schematic of its route).
G60_ROUTE = ("songjiang", "jiaxing", "hangzhou", "jinhua")


@dataclass(frozen=True)
class MapPoint:
    """A place on the map: its id, name, position and the link to its page."""

    id: str
    name: str
    lat: float
    lon: float
    href: str


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _project(points: list[MapPoint], width: int, height: int, pad: int) -> dict[str, tuple[float, float]]:
    """Equirectangular projection scaled by the cosine of the mean latitude, fitted to the box."""
    if not points:
        return {}
    scale_x = math.cos(math.radians(sum(p.lat for p in points) / len(points)))
    xs = [p.lon * scale_x for p in points]
    ys = [p.lat for p in points]
    unit = min((width - 2 * pad) / max(max(xs) - min(xs), 1e-6), (height - 2 * pad) / max(max(ys) - min(ys), 1e-6))
    off_x = (width - (max(xs) - min(xs)) * unit) / 2
    off_y = (height - (max(ys) - min(ys)) * unit) / 2
    return {p.id: (round(off_x + (x - min(xs)) * unit, 1), round(height - off_y - (y - min(ys)) * unit, 1))
            for p, x, y in zip(points, xs, ys)}


def corridor_map(points: list[MapPoint], chart_id: str, highlight: str = "", small: bool = False) -> str:
    """The corridor's places as a linked, keyboard-focusable SVG with a title and a description."""
    width, height = (480, 360) if small else (640, 480)
    pos = _project(points, width, height, 50 if small else 70)
    names = ", ".join(p.name for p in points)
    here = next((p.name for p in points if p.id == highlight), "")
    title = f"Where {here} lies on the G60 corridor" if here else "Map of the G60 Science and Innovation Corridor"
    desc = (f"Schematic map of {len(points)} places of the corridor, placed by latitude and longitude: {names}. "
            "The line follows the G60 expressway from Songjiang through Jiaxing and Hangzhou to Jinhua. "
            "Each place links to its page.")
    parts = [f'<svg class="atlas-map{" atlas-map--small" if small else ""}" viewBox="0 0 {width} {height}" '
             f'role="group" aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{_attr(title)}</title>',
             f'<desc id="{chart_id}-desc">{_attr(desc)}</desc>']
    route = [pos[r] for r in G60_ROUTE if r in pos]
    if len(route) > 1:
        parts.append('<polyline class="atlas-map__route" points="'
                     + " ".join(f"{x},{y}" for x, y in route) + '" aria-hidden="true"/>')
    labels = _place_labels(points, pos, width, height, 12 if small else 13)
    for point in sorted(points, key=lambda p: p.id):
        x, y = pos[point.id]
        lx, ly, anchor = labels[point.id]
        current = ' aria-current="page"' if point.id == highlight else ""
        css = "atlas-map__place atlas-map__place--here" if point.id == highlight else "atlas-map__place"
        parts.append(f'<a class="{css}" href="{_attr(point.href)}"{current}>'
                     f'<title>{_attr(point.name)}</title>'
                     f'<circle cx="{x}" cy="{y}" r="{6 if point.id == highlight else 4.5}"/>'
                     f'<text x="{lx}" y="{ly}" text-anchor="{anchor}">{_attr(point.name)}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _place_labels(points: list[MapPoint], pos: dict[str, tuple[float, float]], width: int, height: int,
                  size: int) -> dict[str, tuple[float, float, str]]:
    """Put each name right, left, above or below its dot, the first spot that overlaps nothing placed."""
    boxes = [(x - 5, y - 5, x + 5, y + 5) for x, y in pos.values()]
    placed: dict[str, tuple[float, float, str]] = {}
    for point in sorted(points, key=lambda p: (-pos[p.id][0], p.id)):  # east first: the crowded end
        x, y = pos[point.id]
        w = len(point.name) * size * 0.55
        options = [(x + 8, y + size / 3, "start", (x + 7, y - size * 0.7, x + 9 + w, y + size * 0.5)),
                   (x - 8, y + size / 3, "end", (x - 9 - w, y - size * 0.7, x - 7, y + size * 0.5)),
                   (x, y - 9, "middle", (x - w / 2, y - 9 - size, x + w / 2, y - 7)),
                   (x, y + size + 6, "middle", (x - w / 2, y + 6, x + w / 2, y + size + 8))]
        def free(box: tuple[float, float, float, float]) -> bool:
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            return inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                      for b in boxes if b != (x - 5, y - 5, x + 5, y + 5))
        lx, ly, anchor, box = next((o for o in options if free(o[3])), options[0])
        boxes.append(box)
        placed[point.id] = (round(lx, 1), round(ly, 1), anchor)
    return placed


@dataclass(frozen=True)
class Bar:
    """One value of a time series: its label, number, shown text and link to its source."""

    date: str
    value: float
    shown: str
    href: str
    source: str
    disputed: bool = False


def _ticks(low: float, high: float) -> list[float]:
    """Round gridline values from low to high (one of them 0), three or four steps across."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        return [0.0, 1.0]
    step = 10 ** math.floor(math.log10(high - low))
    for factor in (1, 2, 2.5, 5, 10):
        if (high - low) / (step * factor) <= 4:
            step *= factor
            break
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(i * step, 10) for i in range(first, last + 1)]


def bar_chart(bars: list[Bar], chart_id: str, title: str, unit: str, tick_label: Callable[[float], str]) -> str:
    """A small bar chart, oldest left, each bar linked to the article it comes from."""
    width, height, left, bottom, top_pad = 480, 220, 64, 44, 24
    ticks = _ticks(min(b.value for b in bars), max(b.value for b in bars))
    scale = (height - bottom - top_pad) / ((ticks[-1] - ticks[0]) or 1)
    zero = height - bottom + ticks[0] * scale  # the baseline: bars rise above it, or hang below it
    slot = (width - left - 10) / len(bars)
    bar_width = min(48.0, slot * 0.6)
    desc = "; ".join(f"{b.date}: {b.shown}{' (disputed)' if b.disputed else ''}, from {b.source}" for b in bars)
    parts = [f'<svg class="atlas-chart" viewBox="0 0 {width} {height}" role="group" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{_attr(title)}</title>',
             f'<desc id="{chart_id}-desc">{_attr(desc)}</desc>',
             f'<text class="atlas-chart__unit" x="4" y="14">{_attr(unit)}</text>']
    for tick in ticks:
        y = round(zero - tick * scale, 1)
        parts.append(f'<line class="atlas-chart__grid" x1="{left}" x2="{width - 6}" y1="{y}" y2="{y}"/>'
                     f'<text class="atlas-chart__tick" x="{left - 6}" y="{y + 4}" text-anchor="end">'
                     f'{_attr(tick_label(tick))}</text>')
    for index, bar in enumerate(bars):
        x = round(left + slot * index + (slot - bar_width) / 2, 1)
        bar_height = round(abs(bar.value) * scale, 1)
        y = round(zero - max(bar.value, 0) * scale, 1)
        mid = round(x + bar_width / 2, 1)
        css = "atlas-chart__bar atlas-chart__bar--disputed" if bar.disputed else "atlas-chart__bar"
        label = f"{bar.shown}, {bar.date}{', disputed' if bar.disputed else ''}: source {bar.source}"
        parts.append(f'<a href="{_attr(bar.href)}" aria-label="{_attr(label)}">'
                     f'<rect class="{css}" x="{x}" y="{y}" width="{round(bar_width, 1)}" height="{bar_height}"/>'
                     f'<text class="atlas-chart__value" x="{mid}" y="{y - 5}" text-anchor="middle">{_attr(bar.shown)}</text>'
                     # The space keeps value and date apart in the visible text, as in the aria-label.
                     f' <text class="atlas-chart__date" x="{mid}" y="{height - bottom + 16}" text-anchor="middle">'
                     f'{_attr(bar.date)}</text></a>')
    parts.append("</svg>")
    return "".join(parts)
