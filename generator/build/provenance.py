"""Pass 2 for statements: every value and every date checked against the quotes that give them.

A value must be written in each of its quotes, with its scale, unit and qualifier ('more than 1,100',
'1.06 trillion yuan'); a percentage may be written as a fraction ('one-eighth' for 12.5), which
`derived` then tells the reader.
A date must be in a quote (also as 'last August' or 'seven years ago', read against the article's date),
unless its basis says otherwise: `as_of` and `reported` take the article's date, `other` says where in
its date note.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.build.dates import FuzzyDate
from generator.build.model import Atlas, Statement
from generator.build.numbers import Quantity, dates_in, quantities
from generator.errors import Problem

_CURRENCY = {"CNY", "USD"}
_SAME_AS = {"count": ""}
"""Statement units whose quotes carry no unit word: a count is a bare number."""


def check_provenance(atlas: Atlas) -> list[Problem]:
    """Every statement whose value or date its quotes do not support, one located problem each."""
    problems = []
    for st in atlas.statements():
        metric = atlas.metrics.get(st.metric)
        if metric is None or any(c.source not in atlas.sources for c in st.sources):
            continue  # reported by the reference checks
        for citation in st.sources:
            if citation.quote not in atlas.sources[citation.source].text:
                continue  # reported by the quote check
            if metric.kind == "quantity" and st.value is not None:
                why = value_problem(st.value, st.unit or metric.unit, st.qualifier, citation.quote)
                if why:
                    problems.append(Problem(atlas.facts_path, citation.line, f"'{st.entity}': {why}",
                                            "write the value its quote gives, with its scale, unit and qualifier"))
        why = date_problem(atlas, st)
        if why:
            problems.append(Problem(atlas.facts_path, st.line, f"'{st.entity}': {why[0]}", why[1]))
    return problems


def shown(value: float) -> str:
    """A number short and exact: 420, 3.55, 12345678, 1.06e12, 5e8."""
    if float(value).is_integer() and abs(value) < 1e7:
        return str(int(value))
    precision = next(p for p in range(1, 18) if float(f"{value:.{p}g}") == value)
    return re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", f"{value:.{precision}g}")


def _close(found: float, value: float) -> bool:
    """Equal, or equal once the found number is rounded as the value is written (one-ninth: 11.1)."""
    if math.isclose(found, value, rel_tol=1e-14, abs_tol=1e-12):
        return True
    decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if not float(value).is_integer() else 0
    return 0 < decimals and round(found, decimals) == value


def _as_unit(quantity: Quantity, unit: str) -> float | None:
    """The quantity's value in the statement's unit, or None when its unit does not fit."""
    if unit == "percent" and quantity.unit == "fraction":
        return quantity.value * 100
    if unit == "rank":
        return quantity.value if quantity.unit == "rank" or quantity.text.lower().startswith("top ") else None
    if quantity.unit in ("rank", "fraction") or quantity.kind == "year" and unit not in ("", "count"):
        return None
    wanted = _SAME_AS.get(unit, unit)
    if quantity.unit == wanted or (wanted not in _CURRENCY and wanted not in ("percent", "km2", "m2", "acres", "mu",
                                                                               "years") and not quantity.unit):
        return quantity.value
    return None


def value_problem(value: float, unit: str, qualifier: str, quote: str) -> str | None:
    """Why a quote does not give this value (with its unit and qualifier), or None when it does."""
    found = quantities(quote)
    fitting = [q for q in found if (v := _as_unit(q, unit)) is not None
               and (_close(v, value) or q.high is not None and _close(q.high * v / q.value if q.value else q.high, value))]
    if any(q.qualifier == qualifier or (qualifier == "up_to" and q.text.lower().startswith("top "))
           or (qualifier == "about" and not math.isclose(_as_unit(q, unit) or 0, value, rel_tol=1e-14))
           for q in fitting):
        return None  # a value rounded from what the quote says (one-ninth: 11.1) may say 'about'

    if fitting:
        said = fitting[0]
        wanted = f"qualifier: {said.qualifier}" if said.qualifier else "no qualifier"
        return f"value {shown(value)}{_qualified(qualifier)} but the quote says \"{said.text}\" ({wanted})"
    if not found:
        return f"value {shown(value)} but the quote holds no number"
    nearest = min(found, key=lambda q: (_as_unit(q, unit) is None, abs(math.log10(abs(q.value) + 1e-9)
                                                                      - math.log10(abs(value) + 1e-9))))
    in_unit = _as_unit(nearest, unit)
    return (f"value {shown(value)} but the quote says \"{nearest.text}\" "
            f"({shown(in_unit if in_unit is not None else nearest.value)}{'' if in_unit is not None else ', another unit'})")


def _qualified(qualifier: str) -> str:
    return f" ({qualifier})" if qualifier else ""


def _covers(stated: FuzzyDate, found: FuzzyDate) -> bool:
    """Whether a date written in a quote gives the stated date: the same, or more precise within it."""
    if "/" in stated.text or "/" in found.text:
        return stated.text == found.text
    return found.text == stated.text or found.text.startswith(stated.text + "-")


def date_problem(atlas: Atlas, st: Statement) -> tuple[str, str] | None:
    """Why a statement's date is not supported by its basis: (what is wrong, how to fix it), or None."""
    if st.date.problem():
        return None  # reported by the date check
    if st.date_basis == "other":
        if not st.date_note:
            return (f"date {st.date} has basis 'other' but no date_note",
                    "say in 'date_note:' where the date comes from")
        if st.date.text not in st.date_note and st.date.display() not in st.date_note:
            return (f"date {st.date} is not the date its date_note arrives at",
                    f"end the date_note with the date it gives, e.g. '...: {st.date.display()}.'")
        return None
    if st.date_basis in ("as_of", "reported"):
        published = [atlas.sources[c.source].date for c in st.sources]
        if any(d.text == st.date.text or d.text.startswith(st.date.text + "-") for d in published):
            return None
        return (f"date {st.date} with basis '{st.date_basis}' is not the article's date "
                f"({', '.join(sorted({d.text for d in published}))})",
                "a figure as of an article, or an event it reports, carries the article's date (or its month or "
                "year)")
    found = [(d, c) for c in st.sources for d in dates_in(c.quote, atlas.sources[c.source].date)]
    if any(_covers(st.date, d.date) for d, _ in found) or _period_from_quote(st, found):
        return None
    fix = ("quote the words that date it; or set 'date_basis:' as_of (true on the article's date), reported "
           "(happened by then) or other (say where in 'date_note:')")
    if found:
        said = ", ".join(dict.fromkeys(f"\"{d.text}\" ({d.date})" for d, _ in found))
        return f"date {st.date} but the quote says {said}", fix
    return f"date {st.date} is not in the quote", fix


def _period_from_quote(st: Statement, found: list) -> bool:
    """A period whose start a quote gives and whose end is the article's date ('since 2016', 'so far')."""
    if "/" not in st.date.text:
        return False
    start, end = st.date.text.split("/")
    starts = any(_covers(FuzzyDate(start), d.date) for d, _ in found)
    ends = any(_covers(FuzzyDate(end), d.date) for d, _ in found)
    return starts and ends


@dataclass(frozen=True)
class Report:
    """The reviewers' line of `check --report`: how each value and date is supported."""

    statements: int
    figures: int
    values_in_quote: int
    derived: int
    bases: dict[str, int]
    multi_source: int
    disputed: int

    def __str__(self) -> str:
        b = self.bases
        return (f"statements {self.statements}; value found in quote {self.values_in_quote} of {self.figures} "
                f"figures ({self.derived} derived); date from quote {b.get('quote', 0)} / as of article "
                f"{b.get('as_of', 0)} / reported by {b.get('reported', 0)} / other source {b.get('other', 0)}; "
                f"multi-source {self.multi_source}; disputed {self.disputed}")


def report(atlas: Atlas) -> Report:
    """Count, over a valid atlas, how values and dates are supported."""
    statements = list(atlas.statements())
    figures = [st for st in statements if atlas.metrics[st.metric].kind == "quantity"]
    bases: dict[str, int] = {}
    for st in statements:
        bases[st.date_basis] = bases.get(st.date_basis, 0) + 1
    return Report(statements=len(statements), figures=len(figures), values_in_quote=len(figures),
                  derived=sum(1 for st in figures if st.derived),
                  bases=bases, multi_source=sum(1 for st in statements if len({c.source for c in st.sources}) > 1),
                  disputed=len(atlas.disputed))
