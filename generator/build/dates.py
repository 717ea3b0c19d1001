"""Dates of varying precision (2023, 2023-11, 2023-11-05) and periods (2016/2023)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source: a year, a month, a day, or a period of two of them."""

    text: str

    @property
    def parts(self) -> tuple[tuple[int, int, int], ...]:
        """(year, month, day) per end; month and day are 0 where not given."""
        return _parts(self.text)

    def problem(self) -> str | None:
        """Why this date is impossible or malformed, or None when it is fine."""
        parts = self.parts
        if not parts or len(parts) > 2:
            return f"'{self.text}' is not a date"
        if "-00" in self.text:
            return f"'{self.text}' has a month or day 00"
        for year, month, day in parts:
            if month and not 1 <= month <= 12:
                return f"'{self.text}' has month {month}"
            if day and month and day > calendar.monthrange(year, month)[1]:
                return f"'{self.text}' has no day {day} in {_MONTHS[month - 1]} {year}"
        if len(parts) == 2 and _key(parts[1], end=True) < _key(parts[0], end=False):
            return f"'{self.text}' ends before it starts"
        return None

    @property
    def year(self) -> int:
        """The year the date ends in."""
        parts = self.parts
        return parts[-1][0] if parts else 0

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates by when they end; a bare year sorts at its end."""
        parts = self.parts
        return _key(parts[-1], end=True) if parts else (0, 0, 0)

    @property
    def first_day(self) -> tuple[int, int, int]:
        """The first day the date covers: 2023 -> (2023, 1, 1); a period, its start's."""
        parts = self.parts
        return _key(parts[0], end=False) if parts else (0, 0, 0)

    def display(self) -> str:
        """'5 November 2023', 'November 2023', '2023' or '2016–2023'."""
        return "–".join(_display(part) for part in self.parts) or self.text

    def short(self) -> str:
        """The first part's month and year, as a citation names it: 'Nov 2023', '2023'."""
        if not self.parts:
            return self.text
        year, month, _ = self.parts[0]
        return f"{_MONTHS[month - 1][:3]} {year}" if 1 <= month <= 12 else str(year)

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=1 << 12)
def _parts(text: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    for piece in text.split("/"):
        match = _PART.match(piece)
        if not match:
            return ()
        year, month, day = (int(g) if g else 0 for g in match.groups())
        out.append((year, month, day))
    return tuple(out)


def _key(part: tuple[int, int, int], *, end: bool) -> tuple[int, int, int]:
    year, month, day = part
    if end:
        month = month or 12
        day = day or (calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31)
    return (year, month or 1, day or 1)


def _display(part: tuple[int, int, int]) -> str:
    year, month, day = part
    if not 1 <= month <= 12:
        return str(year)
    if not day:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{day} {_MONTHS[month - 1]} {year}"
