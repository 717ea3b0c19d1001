"""Inline SVG drawn at build time: small bar charts of time series (the corridor map: mapsvg.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Callable


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


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
