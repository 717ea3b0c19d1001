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
    """One bar of a chart: its label (a date, or a place and year), number, shown text and link to its source."""

    label: str
    value: float
    shown: str
    href: str
    source: str
    disputed: bool = False


def _ticks(low: float, high: float) -> list[float]:
    """Round gridline values from low to high (one of them 0): the fewest steps of 1, 2 or 2.5 times the range's
    power of ten that cross it in at most four."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        return [0.0, 1.0]
    power = 10 ** math.floor(math.log10(high - low))  # the range is 1 to 10 of these, so 2.5 of them fit 4 steps
    step = next((power * factor for factor in (1, 2) if (high - low) / (power * factor) <= 4), power * 2.5)
    first, last = math.floor(low / step), math.ceil(high / step)
    digits = 1 - math.floor(math.log10(step))  # one more than the step's (2.5 has one decimal): no float noise
    return [round(i * step, digits) for i in range(first, last + 1)]


CHART_WIDTH = 360
"""A bar chart's width in SVG units. It is drawn once at this width and shrinks as a whole to its column
(width and height alike, so nothing moves against anything else): on a 390 px phone the column is 358 px
wide and text of CHART_FONT units shows at 13.9 px; on a 360 px phone (328 px) at 12.8 px."""
CHART_FONT = 14
"""The size of every text of a chart, in SVG units (set on the <svg>, so the page's CSS cannot change it)."""
_ASCENT, _DESCENT = 0.95 * CHART_FONT, 0.25 * CHART_FONT
"""How far a line of text reaches above and below its baseline (DejaVu Sans: 0.93 and 0.24 em)."""
_LINE, _BAR, _GAP, _PAD, _SPACE = 17, 16, 10, 2, 4
"""A label's line height (at least _ASCENT + _DESCENT), a bar's thickness, the space between rows, the
margin, the space beside a value."""
_MIN_PLOT = 120
"""The least width for the bars; values too long to leave it are written on the label line instead."""

# Widths of characters in em, the larger of DejaVu Sans and Liberation Sans (metrics of Arial and Helvetica):
# the sans-serif fonts a reader's browser falls back to. Other characters (CJK among them) count as _WIDE_EM.
_EM = {ch: em for em, chars in (
    (0.30, "'ijlI"), (0.36, " ,.·’/:;\\|f-"), (0.42, "()[]t!²r"), (0.56, '"*J`szc“”?L_–'),
    (0.64, "abdeghknopquvxyFT0123456789$€¥{}éü"), (0.73, "EKPSYAVBXZCRU"), (0.80, "HNDG&OQw"),
    (0.86, "#+<=>^~M"), (1.0, "%mW—@")) for ch in chars}
_WIDE_EM = 1.0


def _text_width(text: str, size: float = CHART_FONT) -> float:
    """The most a line of text can take across, in SVG units, with a margin of 4% for other fonts."""
    return round(sum(_EM.get(ch, _WIDE_EM) for ch in text) * size * 1.04, 1)


def _wrap(text: str, width: float) -> list[str]:
    """Text in lines no wider than width, broken between words; a word longer than a line is broken too.
    Nothing is left out: the lines put together are the text with each run of white space as one space (as
    SVG shows it). A line broken at a space keeps it at its end, unseen, so that the words stay apart in the
    text a screen reader or a copy takes (which is the lines put together) and in the link's visible name."""
    room = width - _text_width(" ")  # each line's words, with room for that space after them
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and _text_width(f"{line} {word}") > room:
            lines.append(f"{line} ")
            line = ""
        while len(word) > 1 and _text_width(word) > room:  # a word wider than a line, alone on it: broken
            cut = max((i for i in range(1, len(word)) if _text_width(word[:i]) <= room), default=1)
            lines.append(word[:cut])
            word = word[cut:]
        line = f"{line} {word}" if line else word
    return [*lines, line]


def _line(value: object) -> str:
    """Text for an attribute, a <title> or a <desc>: escaped, on one line (a blank line in it would end the
    Markdown page's HTML block around the chart)."""
    return _attr(" ".join(str(value).split()))


def _num(value: float) -> str:
    """A coordinate as SVG takes it, to a tenth and short: 176.0 -> '176', -0.0 -> '0'."""
    return f"{round(value, 1) + 0.0:g}"


def _value_text(bar: Bar) -> str:
    """What a bar shows beside it: its value, and that it is disputed."""
    return f"{bar.shown} (disputed)" if bar.disputed else bar.shown


def _text(css: str, x: float, y: float, lines: list[str], anchor: str = "start", spans: bool = False) -> str:
    """A <text> of one or more lines. With more than one, or spans (a link's label), each line is a <tspan>,
    the later ones a line lower each, and the space a line was broken at lies between them: there the link's
    underline, drawn on the <tspan>s (atlas-figures.css), does not reach."""
    end = f' text-anchor="{anchor}"' if anchor != "start" else ""
    if len(lines) == 1 and not spans:
        return f'<text class="{css}" x="{_num(x)}" y="{_num(y)}"{end}>{_attr(lines[0])}</text>'
    lower = f' x="{_num(x)}" dy="{_LINE}"'
    inner = "".join(f'<tspan{lower if i else ""}>{_attr(line.rstrip(" "))}</tspan>{" " * line.endswith(" ")}'
                    for i, line in enumerate(lines))
    return f'<text class="{css}" x="{_num(x)}" y="{_num(y)}"{end}>{inner}</text>'


def _margins(bars: list[Bar], tick_texts: list[str]) -> tuple[float, float, bool]:
    """Room left and right of the bars, for the values beside them (a bar below zero has its value on its
    left) and for half of a tick label; and whether the values fit there (else they join the labels)."""
    half_tick = max(_text_width(t) for t in tick_texts) / 2 + _PAD
    left = max([half_tick, *(_text_width(_value_text(b)) + _SPACE + _PAD for b in bars if b.value < 0)])
    right = max([half_tick, *(_text_width(_value_text(b)) + _SPACE + _PAD for b in bars if b.value >= 0)])
    if CHART_WIDTH - left - right >= _MIN_PLOT:
        return left, right, True
    return half_tick, half_tick, False


def _tick_labels(ticks: list[float], tick_texts: list[str], unit: float) -> list[int]:
    """The ticks to label: 0 and every k-th from it, k as small as keeps the labels apart."""
    step = (ticks[1] - ticks[0]) * unit  # _ticks gives two or more, 0 among them
    every = max(1, math.ceil((max(_text_width(t) for t in tick_texts) + 2 * _SPACE) / step))
    zero = ticks.index(0.0)
    return [i for i in range(len(ticks)) if (i - zero) % every == 0]


def _row(bar: Bar, top: float, left: float, zero: float, unit: float, inline: bool) -> tuple[str, float]:
    """One bar's row: its label above (wrapped, with the value when it is not beside the bar), then the bar
    from zero, with its value at its end; all in one link to the source. The label starts at left.
    Returns the SVG and the bar's top."""
    value = _value_text(bar)
    lines = _wrap(bar.label if inline else f"{bar.label}: {value}", CHART_WIDTH - left - _PAD)
    bar_y = top + len(lines) * _LINE + 2
    end = zero + bar.value * unit
    low, high = sorted((round(zero, 1), round(end, 1)))  # its ends where the axis and gridlines are drawn
    css = "atlas-chart__bar atlas-chart__bar--disputed" if bar.disputed else "atlas-chart__bar"
    # The link's name holds its visible text, label then value, in order (WCAG 2.5.3, label in name); the
    # space before the bar keeps label and value apart in that text.
    aria = f"{bar.label}: {value}, source {bar.source}"
    svg = (f'<a href="{_line(bar.href)}" aria-label="{_line(aria)}">'
           + _text("atlas-chart__label", left, top + _ASCENT, lines, spans=True)
           + f' <rect class="{css}" x="{_num(low)}" y="{_num(bar_y)}" width="{_num(high - low)}" height="{_BAR}"/>')
    if inline:  # the value's line centred on the bar
        side = -_SPACE if bar.value < 0 else _SPACE
        svg += " " + _text("atlas-chart__value", end + side, bar_y + (_BAR + _ASCENT - _DESCENT) / 2, [value],
                           "end" if bar.value < 0 else "start")
    return svg + "</a>", bar_y


def bar_chart(bars: list[Bar], chart_id: str, title: str, unit: str, tick_label: Callable[[float], str]) -> str:
    """A horizontal bar chart, a row per bar in the given order: the bar's full label above it, wrapped, its
    value at its end; bars below zero hang left of the zero line. Each row links to the article it comes from.

    Drawn CHART_WIDTH units wide with text of CHART_FONT units, it shrinks as a whole: what does not overlap
    and is not cut here does not at any width."""
    ticks = _ticks(min(b.value for b in bars), max(b.value for b in bars))
    tick_texts = [tick_label(t) for t in ticks]
    left, right, inline = _margins(bars, tick_texts)
    unit_width = (CHART_WIDTH - left - right) / (ticks[-1] - ticks[0])
    zero = left - ticks[0] * unit_width
    start = zero if ticks[0] == 0 else _PAD  # labels line up with the bars, unless bars hang left of zero
    unit_lines = _wrap(unit, CHART_WIDTH - start - _PAD)
    rows, tops, y = [], [], _PAD + len(unit_lines) * _LINE + 6.0
    for bar in bars:
        row, top = _row(bar, y, start, zero, unit_width, inline)
        rows.append(row)
        tops.append(top)
        y = top + _BAR + _GAP
    bottom = y - _GAP + 3  # below the gridlines of the last bar
    height = math.ceil(bottom + _ASCENT + _DESCENT + _PAD)
    desc = "; ".join(f"{b.label}: {b.shown}{' (disputed)' if b.disputed else ''}, from {b.source}" for b in bars)
    parts = [f'<svg class="atlas-chart" viewBox="0 0 {CHART_WIDTH} {height}" font-size="{CHART_FONT}" '
             f'role="group" aria-labelledby="{_line(chart_id)}-title {_line(chart_id)}-desc">',
             f'<title id="{_line(chart_id)}-title">{_line(title)}</title>',
             f'<desc id="{_line(chart_id)}-desc">{_line(desc)}</desc>',
             _text("atlas-chart__unit", start, _PAD + _ASCENT, unit_lines)]
    xs = [zero + tick * unit_width for tick in ticks]
    for css, lines in (("atlas-chart__grid", [x for x, t in zip(xs, ticks) if t != 0]), ("atlas-chart__axis", [zero])):
        parts.append(f'<path class="{css}" d="{_grid_path(lines, tops)}"/>')
    parts.extend(_text("atlas-chart__tick", xs[i], bottom + _ASCENT, [tick_texts[i]], "middle")
                 for i in _tick_labels(ticks, tick_texts, unit_width))
    parts.extend(rows)
    parts.append("</svg>")
    return "".join(parts)


def _grid_path(xs: list[float], tops: list[float]) -> str:
    """Gridlines at xs as one path, drawn beside each bar only, so that they cross no label."""
    return "".join(f"M{_num(x)} {_num(top - 3)}v{_BAR + 6}" for top in tops for x in xs)
