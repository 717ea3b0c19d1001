"""Numbers and dates in English news text, read as written: "1.06 trillion yuan", "US$149.06 billion",
"6.79 percent", "one-eighth", "nearly 3,000", "more than 100", "second", "nine", "seven years ago",
"last August", "by the end of 2023".

`quantities(text)` finds every number with its scale, unit and qualifier; `dates_in(text, published)`
finds every date, resolving relative ones against the article's date. The value check (validate.py),
`draft` and `coverage` read articles through this one module.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from generator.build.dates import FuzzyDate

_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20}
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
              "eighth": 8, "ninth": 9, "tenth": 10}
_ROUGH = re.compile(r"(tens|hundreds|dozens)\s+of\s+(thousands|millions|billions|trillions)\b(?:\s+of(?=\s+(?:yuan|rmb|us dollars|dollars)\b))?",
                    re.I)
"""'tens of billions (of yuan)': an approximate figure, read as its lower bound with qualifier 'about'."""
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_QUALIFIERS = (
    ("more_than", ("more than", "over", "above", "exceeding", "upwards of", "in excess of", "greater than")),
    ("at_least", ("at least", "no less than", "no fewer than", "a minimum of")),
    ("nearly", ("nearly", "almost", "close to", "just under", "approaching")),
    ("about", ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated")),
    ("up_to", ("up to", "as many as", "as much as", "top")),
    ("less_than", ("less than", "fewer than", "under", "below")),
)
_UNITS = (  # canonical unit: the words that follow a number (longest first within each)
    ("percent", ("percentage points", "percent", "per cent", "pct", "%")),
    ("km2", ("square kilometers", "square kilometres", "square kilometer", "square kilometre", "sq km", "km²", "km2")),
    ("m2", ("square meters", "square metres", "square meter", "square metre", "sq m", "m²", "m2")),
    ("CNY", ("yuan", "rmb")),
    ("USD", ("us dollars", "u.s. dollars", "dollars")),
    ("acres", ("acres", "acre")),
    ("mu", ("mu",)),
    ("years", ("years", "year")),
)
_CURRENCY_BEFORE = (("USD", ("us$", "u.s.$", "$")), ("CNY", ("rmb", "¥", "cny")))

_WORD = r"[a-z]+(?:-[a-z]+)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.,/-])(?:(?P<sign>(?<![^\s(\[])[-−])?(?P<digits>{_DIGITS})(?P<suffix>st|nd|rd|th)?|(?P<word>{_WORD}))"
    r"(?![\w])", re.I)
_SPACE = re.compile(r"[\s\u00a0]+")


@dataclass(frozen=True)
class Quantity:
    """One number in a text: its value (scale applied), unit, qualifier and where it is written."""

    value: float
    text: str
    """As written, qualifier, currency and unit included: 'more than 1.06 trillion yuan'."""
    start: int
    end: int
    unit: str = ""
    """Canonical unit ('percent', 'CNY', 'USD', 'km2', 'm2', 'acres', 'mu', 'years'), 'rank' for an ordinal,
    'fraction' for 'one-eighth' (value 0.125), or '' for a plain count."""
    qualifier: str = ""
    """'more_than', 'at_least', 'nearly', 'about', 'up_to' or 'less_than' when the text says so."""
    kind: str = "number"
    """'number', 'word' (spelt out), 'ordinal', 'fraction' or 'year' (a four-digit year, 1900-2099)."""
    high: float | None = None
    """The upper end of a range ('10 to 20', '2021-25'); None otherwise."""


def _word_value(words: list[str]) -> tuple[float, int] | None:
    """A spelt-out number at the start of words: (value, words used): 'twenty-five', 'nine', 'a hundred'."""
    if not words:
        return None
    first = words[0].lower()
    if first in _SMALL:
        return float(_SMALL[first]), 1
    tens, _, unit = first.partition("-")
    if tens in _TENS and (not unit or unit in _SMALL):
        return float(_TENS[tens] + _SMALL.get(unit, 0)), 1
    if first in ("a", "an") and len(words) > 1 and words[1].lower() in ("hundred", "thousand", "million", "billion",
                                                                          "dozen"):
        return (12.0 if words[1].lower() == "dozen" else 1.0), 1
    return None


def quantities(text: str) -> list[Quantity]:
    """Every number written in a text, in order."""
    return list(_quantities(text))


@lru_cache(maxsize=1 << 15)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """quantities(), remembered: a check reads the same quotes again, and `serve` reads them on every save."""
    found: list[Quantity] = []
    for match in _NUMBER.finditer(text):
        quantity = _read(text, match)
        if quantity and not (found and quantity.start < found[-1].end):
            found.append(quantity)
    return tuple(found)


def _read(text: str, match: re.Match[str]) -> Quantity | None:
    start, end = match.start(), match.end()
    kind = "number"
    if match.group("digits"):
        raw = match.group("digits")
        value = float(raw.replace(",", "")) * (-1 if match.group("sign") else 1)
        if match.group("suffix"):
            kind = "ordinal"
        elif re.fullmatch(r"(19|20)\d\d", raw) and not _followed(text, end, ("percent", "%", "million", "billion")):
            kind = "year"
    else:
        word = match.group("word").lower()
        rest = text[start:].split()
        if word in _ORDINAL_WORDS and not _preceded(text, start, ("one", "a", "an", "two", "three")):
            value, kind = float(_ORDINAL_WORDS[word]), "ordinal"
        elif rough := _ROUGH.match(text, start):
            value, kind, end = _rough_value(rough), "word", rough.end()
        elif (fraction := _fraction(word, text, end)) is not None:
            value, kind = fraction, "fraction"
            if "-" not in word and word != "half":  # "a quarter", "one third": the fraction's word too
                end = end + len(text[end:]) - len(text[end:].lstrip()) + len(text[end:].split()[0].rstrip(".,;:"))
        elif (spelt := _word_value([w.strip(".,;:") for w in rest[:2]])) is not None:
            if word == "one" and re.match(r"\s+of\b", text[end:]):
                return None  # "one of the top 100": an idiom, not a figure
            value, kind = spelt[0], "word"
            if word in ("a", "an"):
                end = start + len(rest[0])
        else:
            return None
    value, end = _scale(text, value, end)
    high, end = _range_after(text, end, value)
    unit, end = _unit_after(text, end)
    if kind == "ordinal":
        unit = "rank"
    elif kind == "fraction":
        unit = "fraction"
    start, currency = _currency_before(text, start)
    unit = unit or currency
    qualifier, start = _qualifier_before(text, start)
    if kind == "word" and _ROUGH.match(text, match.start()) and not qualifier:
        qualifier = "about"
    if kind == "word" and match.group("word").lower() in ("a", "an") and value == 1 and unit in ("", "years"):
        return None  # "a company", "a year": not a figure
    return Quantity(value=value, text=text[start:end], start=start, end=end, unit=unit, qualifier=qualifier,
                    kind=kind if kind != "year" or unit else "year", high=high)


def _rough_value(match: re.Match[str]) -> float:
    """'tens of billions' is 10 billion, 'hundreds of millions' 100 million, 'dozens of thousands' 12,000."""
    base = {"tens": 10, "hundreds": 100, "dozens": 12}[match.group(1).lower()]
    return float(base * _SCALES[match.group(2).lower().removesuffix("s")])


def _followed(text: str, at: int, words: tuple[str, ...]) -> bool:
    after = text[at:at + 20].lstrip().lower()
    return after.startswith(words)


def _preceded(text: str, at: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, at - 12):at].lower().split()
    return bool(before) and before[-1].rstrip("-") in words


def _fraction(word: str, text: str, end: int) -> float | None:
    """'one-eighth', 'a third', 'two-thirds', 'half' as a fraction (0.125...)."""
    numerator, _, denominator = word.partition("-")
    if denominator:
        count = _SMALL.get(numerator)
        base = _FRACTIONS.get(denominator.removesuffix("s"))
        return count / base if count and base else None
    if word in ("a", "an", "one", "two", "three"):
        following = text[end:end + 12].lstrip().lower().split()
        if following:
            base = _FRACTIONS.get(following[0].strip(".,;:").removesuffix("s"))
            if base and following[0].strip(".,;:") not in ("first", "second"):
                return (_SMALL.get(word, 1)) / base
    if word == "half":
        return 0.5
    return None


def _scale(text: str, value: float, end: int) -> tuple[float, int]:
    """Apply the scale words after a number: '1.06 trillion', '4 million', 'tens of billions'."""
    while True:
        match = re.match(r"[\s\u00a0]+(hundred|thousand|million|billion|trillion)\b", text[end:], re.I)
        if not match:
            return value, end
        value *= _SCALES[match.group(1).lower()]
        end += match.end()


def _unit_after(text: str, end: int) -> tuple[str, int]:
    rest = text[end:end + 30]
    lowered = rest.lower()
    for unit, words in _UNITS:
        for word in words:
            for gap in ("", " ", "\u00a0"):
                if word == "%" and gap:
                    continue
                candidate = gap + word
                after = len(candidate)
                if lowered.startswith(candidate) and (after >= len(lowered) or not lowered[after].isalnum()
                                                      or word in ("%", "km²", "m²")):
                    return unit, end + after
    return "", end


def _currency_before(text: str, start: int) -> tuple[int, str]:
    before = text[max(0, start - 6):start].lower()
    for unit, signs in _CURRENCY_BEFORE:
        for sign in signs:
            for gap in ("", " "):
                if before.endswith(sign + gap):
                    return start - len(sign + gap), unit
    return start, ""


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    before = text[max(0, start - 25):start]
    lowered = before.lower()
    for qualifier, phrases in _QUALIFIERS:
        for phrase in phrases:
            for tail in (" ", " of ", " the "):
                if lowered.endswith(phrase + tail) and (len(lowered) == len(phrase + tail)
                                                        or not lowered[-len(phrase + tail) - 1].isalnum()):
                    return qualifier, start - len(phrase + tail)
    return "", start


def _range_after(text: str, end: int, low: float) -> tuple[float | None, int]:
    match = re.match(r"(?:\s*(?:-|–|to)\s*)(\d+(?:\.\d+)?)(?!\w)", text[end:])
    if not match:
        return None, end
    high = float(match.group(1))
    if high < low and low >= 1000 and high < 100:  # "2021-25": a period written short
        high += low - low % 100
    return (high, end + match.end()) if high > low else (None, end)


# ---- Dates -------------------------------------------------------------------------------------------------

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\bend of (?P<endofyear>(?:19|20)\d\d)\b", re.I),                           # the end of 2023
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),        # 15 March 2021
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),  # March 15, 2021
    re.compile(rf"\b{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),                             # March 2021
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)(?:-(?P<day>\d\d))?\b"),              # 2021-03-15
    re.compile(r"(?<![\w.,$-])(?P<year>(?:19|20)\d\d)(?:\s*(?:-|–|to)\s*(?P<end>(?:19|20)?\d\d))?(?![\w%]|\s*(?:percent|million|billion|yuan))", re.I),
)
_RELATIVE = (
    re.compile(rf"\b{_MONTH}\s+(?P<monthday>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)", re.I),  # September 22
    re.compile(rf"\b(?P<monthday>\d{{1,2}})\s+{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.I),  # 22 September
    re.compile(r"\b(?:the )?end of (?P<endof>last|this) year\b", re.I),
    re.compile(r"\b(?P<count>\w+(?:-\w+)?)\s+years?\s+ago\b", re.I),
    re.compile(rf"\b(?P<which>last|this|next)\s+(?P<unit>year|month|{_MONTH[10:-4]})\b", re.I),
    re.compile(rf"\b(?:in|since|from|by|until|on|of)\s+{_MONTH}(?!\s*\d|\w)", re.I),
    re.compile(r"\b(?:on|last|this)\s+(?P<weekday>" + "|".join(_DAYS) + r")\b", re.I),
    re.compile(r"\b(?P<present>so far|to date|up to now|to the present|currently|now|at present|recently)\b", re.I),
)


@dataclass(frozen=True)
class DateFound:
    """A date written in a text, resolved to a FuzzyDate ('last August' against the article's date)."""

    date: FuzzyDate
    text: str
    start: int
    relative: bool = False


def dates_in(text: str, published: FuzzyDate | None = None) -> list[DateFound]:
    """Every date a text gives, absolute or (with the article's date) relative, in order of position."""
    return list(_dates_in(text, published))


@lru_cache(maxsize=1 << 15)
def _dates_in(text: str, published: FuzzyDate | None) -> tuple[DateFound, ...]:
    """dates_in(), remembered."""
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
                continue
            date = _absolute(match)
            if date:
                found.append(DateFound(date, match.group(0), match.start()))
                taken.append(match.span())
    if published and published.parts:
        for pattern in _RELATIVE:
            for match in pattern.finditer(text):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                for date in _relative(match, published):
                    found.append(DateFound(date, match.group(0), match.start(), relative=True))
                taken.append(match.span())
    return tuple(sorted(found, key=lambda d: (d.start, d.date.text)))


def _absolute(match: re.Match[str]) -> FuzzyDate | None:
    groups = match.groupdict()
    if groups.get("endofyear"):
        return FuzzyDate(f"{groups['endofyear']}-12-31")
    year = int(groups["year"])
    if groups.get("end"):
        end = groups["end"]
        last = int(end) if len(end) == 4 else year - year % 100 + int(end)
        return FuzzyDate(f"{year}/{last}") if last > year else None
    month = groups.get("month")
    if not month:
        return FuzzyDate(str(year))
    number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    if not 1 <= number <= 12:
        return None
    day = groups.get("day")
    if day and not 1 <= int(day) <= calendar.monthrange(year, number)[1]:
        return None
    return FuzzyDate(f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else ""))


def _relative(match: re.Match[str], published: FuzzyDate) -> list[FuzzyDate]:
    """The date a relative expression means, read against the article's date: 'last August' is the previous
    calendar year's August, 'in October' the most recent October, 'seven years ago' a year."""
    year, month, day = published.parts[-1]
    groups = match.groupdict()
    if groups.get("monthday"):
        number, date = _MONTHS[groups["month"].lower().rstrip(".")], int(groups["monthday"])
        then = year - 1 if month and number > month else year
        if not 1 <= date <= calendar.monthrange(then, number)[1]:
            return []
        return [FuzzyDate(f"{then}-{number:02d}-{date:02d}")]
    if groups.get("endof"):
        return [FuzzyDate(f"{year - (groups['endof'].lower() == 'last')}-12-31")]
    if groups.get("count"):
        count = _count(groups["count"])
        return [FuzzyDate(str(year - count))] if count else []
    if groups.get("present"):
        return [published]
    if groups.get("weekday"):
        if not (month and day):
            return [published]  # an article dated to its year or month: the weekday is within it
        today = datetime.date(year, month, day)
        back = (today.weekday() - _DAYS[groups["weekday"].lower()]) % 7 or 7
        return [FuzzyDate((today - datetime.timedelta(days=back)).isoformat())]
    which = (groups.get("which") or "").lower()
    unit = (groups.get("unit") or "").lower()
    shift = {"last": -1, "this": 0, "next": 1, "": 0}[which]
    if unit == "year":
        return [FuzzyDate(str(year + shift))]
    if unit == "month":
        if not month:
            return []
        number = month + shift
        return [FuzzyDate(f"{year + (number - 1) // 12}-{(number - 1) % 12 + 1:02d}")]
    number = _MONTHS.get((groups.get("month") or unit).lower().rstrip("."), 0)
    if not number:
        return []
    if which in ("last", "next"):  # "last August": the previous calendar year's (the convention; a date note
        then = year + shift          # says when an article means this year's)
    else:  # "in October": this year's, or last year's if this year's is still to come
        then = year if not month or number <= month else year - 1
    return [FuzzyDate(f"{then}-{number:02d}")]


def _count(word: str) -> int:
    """A count written in digits or words: '7', 'seven', 'twenty-one'."""
    if word.isdigit():
        return int(word)
    word = word.lower()
    tens, _, unit = word.partition("-")
    return _SMALL.get(word) or (_TENS.get(tens, 0) + _SMALL.get(unit, 0) if tens in _TENS else 0)
