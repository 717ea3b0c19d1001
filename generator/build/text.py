"""Escaping and formatting of fact-file values for Markdown pages."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

from generator.build.model import QUALIFIERS

# Characters Python-Markdown (with tables, attr_list and footnotes) gives a meaning to mid-line.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|])")
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]()!|<>&#+\-]|^\s*\d+\.")
_LINE_START = re.compile(r"^(\s*)(#|[+\-*](?=\s|$)|\d+\.(?=\s|$))")


def md(value: object) -> Markup:
    """Text as inert Markdown: no HTML, no links, no emphasis, no attribute lists; one line."""
    if isinstance(value, Markup):
        return value
    return _inert(str(value))


@lru_cache(maxsize=1 << 16)
def _inert(text: str) -> Markup:
    """md() of a string; cached, as pages repeat the same names and labels."""
    text = " ".join(text.split())
    if not _ANY_SPECIAL.search(text):
        return Markup(text)
    text = html.escape(text, quote=False)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(_escape_line_start, text)
    return Markup(text)


def _escape_line_start(match: re.Match[str]) -> str:
    """'# x' -> '\\# x', '- x' -> '\\- x', '1. x' -> '1\\. x': no heading or list."""
    lead, mark = match.groups()
    if mark[0].isdigit():
        return lead + mark[:-1] + "\\."
    return lead + "\\" + mark


_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
_UNITS = {"percent": "{n}%", "CNY": "{n} yuan", "USD": "US${n}", "km2": "{n} km²", "m2": "{n} m²",
          "count": "{n}", "rank": "{n}", "acres": "{n} acres", "years": "{n} years"}


def number(value: float | int) -> str:
    """1633 -> '1,633'; 10000000000 -> '10 billion'; 6.79 -> '6.79'."""
    for size, word in _SCALES:
        if abs(value) >= size and (value / size) * 100 == int((value / size) * 100):
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _plain(value: float | int) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def ordinal(value: int) -> str:
    """2 -> '2nd'."""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def figure(value: float | int | None, unit: str, qualifier: str = "") -> str:
    """A value with its unit and qualifier, as a reader says it: 'more than 1,100', '6.79%'."""
    if value is None:
        return ""
    if unit == "rank":
        shown = ordinal(int(value))
    else:
        shown = _UNITS.get(unit, "{n} " + unit).format(n=number(value))
    prefix = QUALIFIERS.get(qualifier, "")
    return f"{prefix} {shown}" if prefix else shown


def theme_text(value: str) -> str:
    """Text for front-matter fields the theme prints as raw HTML (title, description, tags).

    Material writes page.title and page.meta.description into its HTML unescaped, and
    `striptags` in <title> undoes any escaping, so angle brackets are replaced by look-alike
    quotation marks rather than escaped; '&' and '"' are escaped for attribute values.
    """
    text = " ".join(value.split()).replace("<", "‹").replace(">", "›")
    return html.escape(text, quote=True).replace("&#x27;", "'")
