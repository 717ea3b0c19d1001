"""Edges of the bar charts (generator/build/charts.py): the gridlines chosen and labelled for small, equal,
zero, negative, mixed and large values, where the labels and each bar start and how long the bars are, and
how a label is broken into lines."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import examples
from generator.build import charts
from generator.build.charts import (CHART_WIDTH, _MIN_PLOT, _PAD, _SPACE, Bar, _margins, _text_width, _ticks, _wrap,
                                    bar_chart)
from generator.build.pages.common import tick_label
from generator.build.text import figure


def layout(values: tuple[float, ...], unit: str) -> tuple[list[tuple[str, str]], str, list[tuple[str, str]]]:
    """A chart's labelled gridlines (x, text), where its first label starts, and each bar's start and width."""
    bars = [Bar(f"Year {i}", value, figure(value, unit), f"#L{i}", "An article") for i, value in enumerate(values)]
    svg = bar_chart(bars, "edge", "An edge case", unit, tick_label(unit))
    return (re.findall(r'class="atlas-chart__tick" x="([^"]*)"[^>]*>([^<]*)<', svg),
            re.findall(r'class="atlas-chart__label" x="([^"]*)"', svg)[0],
            re.findall(r'<rect class="atlas-chart__bar" x="([^"]*)" y="[^"]*" width="([^"]*)"', svg))


@pytest.mark.parametrize("values, unit, ticks, start, bars", [
    ((0.2, 0.6), "percent", [("21.2", "0%"), ("119.3", "0.2%"), ("217.5", "0.4%"), ("315.6", "0.6%")], "21.2",
     [("21.2", "98.1"), ("21.2", "294.4")]),
    ((1.2, 1.8), "percent", [("13.9", "0%"), ("164.8", "1%"), ("315.6", "2%")], "13.9",
     [("13.9", "181"), ("13.9", "271.5")]),
    ((0, 0), "percent", [("13.9", "0%"), ("330.1", "1%")], "13.9", [("13.9", "0"), ("13.9", "0")]),
    ((10, 40), "percent", [("18.6", "0%"), ("94.2", "10%"), ("169.7", "20%"), ("245.2", "30%"), ("320.8", "40%")],
     "18.6", [("18.6", "75.6"), ("18.6", "302.2")]),
    ((-5, -3), "percent", [("35.1", "-6%"), ("137.9", "-4%"), ("240.7", "-2%"), ("343.4", "0%")], "2",
     [("86.5", "256.9"), ("189.3", "154.1")]),
    ((-3, 5), "percent", [("35.1", "-4%"), ("94.1", "-2%"), ("153.1", "0%"), ("212.1", "2%"), ("271.1", "4%"),
                          ("330.1", "6%")], "2", [("64.6", "88.5"), ("153.1", "147.5")]),
    ((2e9, 5e9), "CNY", [("53.2", "0 yuan"), ("185.4", "4 billion yuan")], "53.2", [("53.2", "66.1"), ("53.2", "165.3")]),
    ((-2e9, 7e9), "CNY", [("148.2", "0 yuan")], "2", [("120.6", "27.6"), ("148.2", "96.4")]),
    ((-7e9, 2e9), "CNY", [("217.1", "0 yuan")], "2", [("120.6", "96.5"), ("217.1", "27.5")]),
])
def test_the_scale_starts_at_zero_in_round_steps_and_the_bars_and_labels_follow_it(
        values: tuple[float, ...], unit: str, ticks: list[tuple[str, str]], start: str, bars: list[tuple[str, str]]) -> None:
    """Labels line up with the bars' start at zero, or with the chart's edge when bars hang left of zero;
    gridline labels too wide to sit side by side are given every other (or fewer) gridline, from zero."""
    assert layout(values, unit) == (ticks, start, bars)


def test_a_label_is_broken_between_words_and_a_word_too_long_for_a_line_inside_it() -> None:
    assert _wrap("G60 Science and Innovation Corridor Joint Conference Office", 150) == \
        ["G60 Science and ", "Innovation ", "Corridor Joint ", "Conference Office"]
    assert _wrap("Supercalifragilisticexpialidocious", 100) == ["Supercalifra", "gilisticexpia", "lidocious"]
    assert _wrap("", 100) == [""]


def test_text_exactly_as_wide_as_a_line_fits_it_and_a_character_too_wide_for_any_line_stands_alone() -> None:
    def room(text: str) -> float:  # a line's width that leaves exactly the width of text (each line keeps a space)
        return _text_width(text) + _text_width(" ")

    assert _wrap("ab cd", room("ab cd")) == ["ab cd"]
    assert _wrap("Year", room("Year")) == ["Year"]
    assert _wrap("abX", room("ab")) == ["ab", "X"]
    assert _wrap("WWW", 10) == ["W", "W", "W"] and _wrap("W", 10) == ["W"]


LONG = "G60 Science and Innovation Corridor Joint Conference Office X"
WIDE = "W" * 43


def parts(values: tuple[float, ...], unit: str, labels: tuple[str, ...]) -> tuple[list[str], str, list[str]]:
    """A chart's gridline labels, its unit's lines and each bar's label lines ('|' where a tag was); the second
    bar disputed."""
    bars = [Bar(label, value, figure(value, unit), f"#L{i}", "An article", i == 1)
            for i, (value, label) in enumerate(zip(values, labels))]
    svg = bar_chart(bars, "parts", "Parts", unit, tick_label(unit))
    return (re.findall(r'class="atlas-chart__tick"[^>]*>([^<]*)<', svg),
            re.sub(r"<[^>]+>", "|", re.findall(r'<text class="atlas-chart__unit".*?</text>', svg)[0]),
            [re.sub(r"<[^>]+>", "|", text) for text in re.findall(r'<text class="atlas-chart__label".*?</text>', svg)])


SQM = "square metres of floor space in the new science park"


@pytest.mark.parametrize("values, unit, labels, expected", [
    ((591.0, 546.3, 139.4, 986.83), "years", (WIDE, "as of 15 March 2024", "2023", "2023"),
     (["0 years", "750 years"], "|years|", ["||" + "W" * 21 + "||" + "W" * 21 + "||W||", "||as of 15 March 2024||",
                                            "||2023||", "||2023||"])),
    ((0.009, 0.0), "years", (WIDE, LONG),
     (["0 years", "0.0075 years"], "|years|", ["||" + "W" * 20 + "||" + "W" * 20 + "||WWW||",
                                              "||G60 Science and Innovation Corridor| |Joint Conference Office X||"])),
    ((0.009, 0.0, 0.006), "count", ("as of 15 March 2024", "Company X", LONG),
     (["0", "0.005", "0.01"], "|count|", ["||as of 15 March 2024||", "||Company X||",
                                          "||G60 Science and Innovation Corridor Joint| |Conference Office X||"])),
    ((29.122, 10.0, 40.66), "km2", ("as of 15 March 2024", "as of 15 March 2024", "2023"),
     (["0 km²", "20 km²", "40 km²", "60 km²"], "|km2|", ["||as of 15 March 2024||", "||as of 15 March 2024||", "||2023||"])),
    ((96.0, 30.24, 87.2), SQM, ("2023", LONG, WIDE),
     ([f"{n} {SQM}" for n in (0, 25, 50, 75, 100)], "||square metres of| |floor space in| |the new science| |park||",
      ["||2023: 96 square| |metres of floor| |space in the new| |science park||",
       "||G60 Science and| |Innovation| |Corridor Joint| |Conference| |Office X: 30.24| |square metres of| |floor space in| "
       "|the new science| |park (disputed)||",
       "||" + "||".join(["W" * 9] * 4) + "||WWWWWWW:| |87.2 square| |metres of floor| |space in the new| |science park||"])),
])
def test_labels_units_and_gridline_labels_are_broken_and_spaced_to_fit(
        values: tuple[float, ...], unit: str, labels: tuple[str, ...], expected: tuple[list[str], str, list[str]]) -> None:
    """Each line of a label, a value joined to its label, the unit and the gridline labels kept apart, exactly."""
    assert parts(values, unit, labels) == expected


def test_values_stay_beside_the_bars_while_the_least_plot_width_is_left_and_join_the_labels_below_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Text 8 units a character wide, so that the room left for the bars comes out exactly at _MIN_PLOT."""
    monkeypatch.setattr(charts, "_text_width", lambda text: 8.0 * len(text))
    ticks = ["0%"]
    half_tick = 8.0 * len(ticks[0]) / 2 + _PAD
    room = CHART_WIDTH - _MIN_PLOT - half_tick - _SPACE - _PAD
    assert room % 8 == 0
    fits = Bar("A", 1.0, "x" * int(room // 8), "#L1", "An article")
    assert _margins([fits], ticks) == (half_tick, CHART_WIDTH - _MIN_PLOT - half_tick, True)
    too_long = Bar("A", 1.0, fits.shown + "x", "#L1", "An article")
    assert _margins([too_long], ticks) == (half_tick, half_tick, False)


@settings(max_examples=examples(300), deadline=None, derandomize=True, database=None)
@given(low=st.floats(-1e12, 0, allow_subnormal=False), high=st.floats(0, 1e12, allow_subnormal=False),
       scale=st.sampled_from([1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3]))
def test_gridlines_are_distinct_round_steps_from_zero_that_span_any_range(low: float, high: float,
                                                                        scale: float) -> None:
    """Three or four equal steps across, through 0, covering low to high, however small or large the values."""
    low, high = low * scale, high * scale
    assume(high - low == 0 or high - low > 1e-300)  # figures, not subnormal floats
    ticks = _ticks(low, high)
    if high - low <= 0:
        assert ticks == [0.0, 1.0]
        return
    assert 0.0 in ticks and ticks[0] <= low and ticks[-1] >= high
    steps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert all(step > 0 for step in steps)
    assert max(steps) - min(steps) <= 1e-9 * max(steps)
    assert 1 <= len(steps) <= 6
    step = steps[0]
    power = 10 ** math.floor(math.log10(step) + 1e-9)
    mantissa = round(step / power, 6)
    assert mantissa in (1, 2, 2.5)
    assert (high - low) / step <= 4 * (1 + 1e-9)
    if mantissa != 1:  # the fewest steps: the rounder step below it would take more than four
        assert (high - low) / ({2: 1, 2.5: 2}[mantissa] * power) > 4
