"""Page chrome: the lines of a saved web page that are the website around an article, not the article.

`coverage` skips them: date lines ("date 2024-02-19", "Page B5, November 5, 2023"), print-page
references, photo credits ("Jiang Huihui / Ti Gong", "/ SHINE", "Photo by ..."), bylines (the
front matter's, or "By ..."), breadcrumbs ("Home » Business") and footers ("Copyright ©"). Headings
(short title-case lines without a final stop) are kept for their figures but not for their names.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{4}}-\d\d(?:-\d\d)?|\d{{4}}/\d\d?/\d\d?|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
         r"(?:\s+\d\d?:\d\d)?)")
_TIME = r"(?:\s+\d\d?:\d\d(?::\d\d)?)?"
DATE_PREFIX = re.compile(rf"^\s*(?:date|dated|published|updated|posted)\s*:?\s*{_DATE}{_TIME}(?=\s|$)", re.I)
"""The date a page prints before the headline, on the same line: "date 2024-02-19 Songjiang District..."."""
_DATE_LINE = re.compile(rf"\s*(?:(?:date|dated|published|updated|posted)\s*:?\s*)?{_DATE}{_TIME}\s*", re.I)
_PAGE = re.compile(rf"^\s*(?:page|p\.)\s*[A-Z]?\d+[A-Z]?\s*(?:,\s*{_DATE})?\s*$", re.I)
_CREDIT = re.compile(r"^\s*(?:photos?|photograph|images?|pictures?|video|graphics?)\s*(?:by\b|:|courtesy\b|credit\b)"
                     r"|^\s*(?:courtesy of|credit:|by\s+[A-Z])|(?:^|\s)/\s*[A-Z][\w.\- ]{0,30}\s*$|\bTi Gong\b", re.I)
_FOOTER = re.compile(r"[»›]|©|\bcopyright\b|all rights reserved", re.I)
_STOPS = tuple(".!?;:,”\"’)")
MAX_HEADING_WORDS = 12


def date_prefix(line: str) -> int:
    """Length of the page's date at the start of a line ("date 2024-02-19 Songjiang District..."), or 0."""
    match = DATE_PREFIX.match(line)
    return match.end() if match else 0


def is_chrome(line: str, byline: str = "") -> bool:
    """Whether a whole line is page chrome: nothing on it (names or figures) is the article's."""
    text = line.strip()
    if not text:
        return False
    if _DATE_LINE.fullmatch(text) or _PAGE.match(text) or _FOOTER.search(text):
        return True
    if len(text.split()) <= MAX_HEADING_WORDS and not text.endswith(_STOPS) and _CREDIT.search(text):
        return True
    return _is_byline(text, byline)


def _is_byline(text: str, byline: str) -> bool:
    """The front matter's byline (or one of its '/'-separated parts) standing alone, or 'By Name' on its own."""
    parts = {" ".join(part.split()).casefold() for part in re.split(r"[/(),;]", byline) if part.strip()}
    bare = re.sub(r"^by\s+", "", " ".join(text.split()), flags=re.I).casefold()
    return bool(parts) and (bare in parts or " ".join(text.split()).casefold() == " ".join(byline.split()).casefold())


def is_heading(line: str) -> bool:
    """A short title-case line without a final stop: a headline, section title or navigation link."""
    text = line.strip()
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", text)]
    if not words or len(text.split()) > MAX_HEADING_WORDS or text.endswith(_STOPS):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
    return capitalised == len(words) or (len(words) >= 4 and capitalised * 2 > len(words) + 1)


_SMALL_WORDS = frozenset("a an the and or of in on at to for with by from as vs".split())
"""Words a title-case heading leaves in lower case."""
