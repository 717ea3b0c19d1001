"""Edges of the bar charts' scale (generator/build/charts.py): the gridlines chosen for small, equal, zero,
negative and mixed values, and where each bar starts and how long it is."""

from __future__ import annotations

import re

import pytest

from generator.build.charts import Bar, bar_chart
from generator.build.pages.common import tick_label
from generator.build.text import figure


def scale(values: tuple[float, ...], unit: str = "percent") -> tuple[list[str], list[tuple[str, str]]]:
    """A chart's gridline labels, and each bar's start and width."""
    bars = [Bar(f"Year {i}", value, figure(value, unit), f"#L{i}", "An article") for i, value in enumerate(values)]
    svg = bar_chart(bars, "edge", "An edge case (percent)", unit, tick_label(unit))
    return (re.findall(r'class="atlas-chart__tick"[^>]*>([^<]*)<', svg),
            re.findall(r'<rect class="atlas-chart__bar" x="([^"]*)" y="[^"]*" width="([^"]*)"', svg))


@pytest.mark.parametrize("values, ticks, bars", [
    ((0.2, 0.6), ["0%", "0.2%", "0.4%", "0.6%"], [("21.2", "98.1"), ("21.2", "294.4")]),
    ((1.2, 1.8), ["0%", "1%", "2%"], [("13.9", "181"), ("13.9", "271.5")]),
    ((0, 0), ["0%", "1%"], [("13.9", "0"), ("13.9", "0")]),
    ((10, 40), ["0%", "10%", "20%", "30%", "40%"], [("18.6", "75.6"), ("18.6", "302.2")]),
    ((-3, 5), ["-4%", "-2%", "0%", "2%", "4%", "6%"], [("64.6", "88.5"), ("153.1", "147.5")]),
    ((-5, -3), ["-6%", "-4%", "-2%", "0%"], [("86.5", "256.9"), ("189.3", "154.1")]),
])
def test_the_scale_starts_at_zero_in_round_steps_and_the_bars_follow_it(
        values: tuple[float, ...], ticks: list[str], bars: list[tuple[str, str]]) -> None:
    assert scale(values) == (ticks, bars)
