"""`coverage`: the editors' to-do list of names and figures in the articles that the fact file lacks.

A name is a run of two or more capitalised words, or a short quoted phrase that starts with a
capital; it is covered when it is the name or alias of an entity, or a sector's label, in any
letter case (known names are masked out of the text first, so "Party Secretary" in "Songjiang
District Party Secretary Wang Huajie" is what is left to explain), or when it is a word of the
name of an entity whose statement or relation quotes it (the satellite named “G60”). A figure is a number written in digits, with its percent sign, scale or
currency; it is covered when a statement's or relation's quote, or an entity's name, spans it in
that article. What is deliberately left out is listed, with a reason, in coverage-allow.yml.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.errors import InputError, Problem
from generator.build.load import display_path, parse_yaml, read_text
from generator.build.yamlfast import LineDict, LineList
from generator.build.dates import FuzzyDate
from generator.build.model import Atlas, Source
from generator.build.numbers import dates_in, quantities
from generator.editor.chrome import date_prefix, is_chrome, is_heading
from generator.editor.scaffold import PLACEHOLDER

_CAP = r"(?:[a-z]?[A-Z][\w’'&.\-]*\w|[A-Z]|\d+[A-Z][\w\-]*)"  # Songjiang, iFlytek, R&D, 6G
NAME_RUN = re.compile(rf"{_CAP}(?: (?:(?:of|and|for|the|on|&) )*{_CAP})+")
"""A run of capitalised words, joined by the small words names hold (shared with draft's name finder)."""
_QUOTED = re.compile(r"“([^”\n]{2,120})”|\"([^\"\n]{2,120})\"")
LEADING_WORDS = frozenset("""A An The In On At As By For From With Of To This That These Those It Its Our We They
    Today Meanwhile During Since After Before Last Next And But Or So Currently Located Covering Founded
    Driven Attracting Additionally One Many Some Each Every Both Among If When While Also According Under
    Over Through Within Here There Then Now Recently Previously However Moreover Furthermore""".split())
_MONTHS_AND_DAYS = frozenset([*calendar.month_name[1:], *calendar.day_name])
"""Never the last word of a name: "Songjiang on March" is a place and a date."""
CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&"})
PLACE_TYPES = ("city", "district", "region")
"""A name of one of these written just before a name is part of it: "Shanghai Austar Pharmaceutical"."""
TITLES = frozenset("""Professor Prof Dr Mr Mrs Ms Madam Mayor Vice Deputy CEO CFO CTO COO Chairman Chairwoman Chairperson
    Director President Secretary Academician Minister Governor Premier Founder Co-founder Dean Principal Manager
    Executive Chief Senior Assistant Associate Researcher Engineer Commissioner Ambassador Consul""".split())
"""Words of a title or job before a name: dropped from it ("Professor Sun Yuhan" is "Sun Yuhan")."""
TITLE_PAIRS = frozenset({"Party Secretary", "General Manager", "General Secretary", "Vice Mayor", "Deputy Mayor"})
ORGANISATION_WORDS = frozenset("""Company Co Corporation Corp Group Holdings Ltd Limited Inc Technology Technologies
    Pharmaceutical Pharmaceuticals Biotech Electronics Healthcare Bank Fund Institute University College Academy
    Laboratory Lab Hospital Center Centre Park Forum Association Alliance Committee Bureau Commission""".split())
"""Last words of an organisation's name: such a name is listed even from a heading line."""
MAX_QUOTED_WORDS = 8
"""Longer quoted passages are speech, not names."""


@dataclass(frozen=True)
class Allowed:
    """One entry of the allow-list: a name or figure deliberately left out of the fact file."""

    kind: str
    """'name' or 'figure'."""
    text: str
    reason: str
    line: int
    source: str = ""
    """Only in this article, when given."""
    context: str = ""
    """Only on article lines containing this fragment, when given."""

    def matches(self, gap: Gap) -> bool:
        """Whether this entry explains a gap."""
        return (self.kind == gap.kind and self.text == gap.text and self.source in ("", gap.source)
                and self.context in gap.line_text)


@dataclass(frozen=True)
class Gap:
    """A name or figure in an article that the fact file does not cover."""

    kind: str
    text: str
    source: str
    path: str
    line: int
    line_text: str

    def problem(self) -> Problem:
        """The gap as a located one-line to-do."""
        if self.kind == "name":
            return Problem(self.path, self.line, f"name \"{self.text}\" is not the name or alias of any entity",
                           "add an entity or alias to facts.yml, or allow it in coverage-allow.yml with a reason")
        return Problem(self.path, self.line, f"figure \"{self.text}\" is quoted by no statement or relation",
                       "add a statement quoting it to facts.yml, or allow it in coverage-allow.yml with a reason")


@dataclass(frozen=True)
class CoverageReport:
    """What `coverage` found: the to-dos, and how many gaps the allow-list explained."""

    todos: tuple[Problem, ...]
    allowed: int
    articles: int
    allow_path: str

    def summary(self) -> str:
        """One closing line."""
        if not self.todos:
            return (f"ok: every name and figure in {self.articles} articles is covered "
                    f"({self.allowed} deliberately left out, listed in {self.allow_path})")
        noun = "to-do" if len(self.todos) == 1 else "to-dos"
        return (f"coverage: {len(self.todos)} {noun}; {self.allowed} more names and figures "
                f"deliberately left out ({self.allow_path})")


def coverage(atlas: Atlas, allow_path: Path) -> CoverageReport:
    """Every gap between the articles and the fact file, less what the allow-list explains."""
    allowed = load_allow_list(allow_path)
    gaps = [gap for source in atlas.sources.values() for gap in find_gaps(atlas, source)]
    used: set[int] = set()
    todos: list[Problem] = []
    explained: set[tuple[str, str, str]] = set()
    reported: set[tuple[str, str, str]] = set()
    for gap in gaps:  # each occurrence is checked; each unexplained name or figure is listed once per article
        hits = [entry for entry in allowed if entry.matches(gap)]
        used.update(entry.line for entry in hits)
        key = (gap.source, gap.kind, gap.text)
        if hits:
            explained.add(key)
        elif key not in reported:
            reported.add(key)
            todos.append(gap.problem())
    shown = display_path(allow_path)
    todos += [Problem(shown, entry.line, f"allowed {entry.kind} \"{entry.text}\" no longer occurs in the articles",
                      "remove the entry") for entry in allowed if entry.line not in used]
    todos += placeholders(atlas)
    return CoverageReport(todos=tuple(sorted(todos)), allowed=len(explained), articles=len(atlas.sources),
                          allow_path=shown)


def placeholders(atlas: Atlas) -> list[Problem]:
    """Entities whose summary is still the placeholder `new` wrote."""
    return [Problem(atlas.facts_path, entity.line_of("summary"), f"'{entity.id}': summary is still the placeholder",
                    "write one or two sentences in your own words")
            for entity in atlas.entities.values() if entity.summary == PLACEHOLDER]


def find_gaps(atlas: Atlas, source: Source) -> list[Gap]:
    """Every occurrence of a name or figure in one article that no entity name, alias or quote covers."""
    names = _name_pattern(atlas)
    places = {n.casefold() for e in atlas.entities.values() if e.type in PLACE_TYPES for n in e.names}
    quoted = [(span, owners) for quote, owners in _quotes(atlas, source.id) for span in _spans(source.text, quote)]
    covered = [span for span, _ in quoted] + ([m.span() for m in names.finditer(source.text)] if names else [])
    stated = list(_stated(atlas, source.id))
    gaps = []
    offset = 0
    for number, line_text in enumerate(source.text.split("\n")):
        if not is_chrome(line_text, source.byline):
            for kind, text, start, end, value in _candidates(line_text, names, places, source.date):
                a, b = offset + start, offset + end
                if kind == "figure" and (any(s <= a and b <= e for s, e in covered)
                                         or _stated_here(value, line_text, stated)):
                    continue
                if kind == "name" and any(s <= a and b <= e and _part_of(text, owners) for (s, e), owners in quoted):
                    continue
                gaps.append(Gap(kind, text, source.id, source.path, source.first_line + number, line_text))
        offset += len(line_text) + 1
    return gaps


def _candidates(line: str, names: re.Pattern[str] | None, places: frozenset[str] | set[str] = frozenset(),
                published: FuzzyDate | None = None) -> Iterator[tuple[str, str, int, int, object]]:
    """(kind, text, start, end, value) of every name and figure on one line of an article (not its chrome).

    A figure's value is its number (scale applied) or, for a date, its YYYY[-MM[-DD]] text."""
    skip = date_prefix(line)
    line = " " * skip + line[skip:]  # the page's date before a headline: chrome, same length
    heading = is_heading(line)
    masked = names.sub(lambda m: "\0" * len(m.group(0)), line) if names else line
    known = [m for m in names.finditer(line)] if names else []
    quoted_spans = []
    for match in _QUOTED.finditer(masked):
        group = 1 if match.group(1) is not None else 2
        text = match.group(group).strip(" .,;:!?")
        if (re.match(r"[a-z]?[A-Z]", text) and len(text.split()) <= MAX_QUOTED_WORDS and "\0" not in text
                and not heading):
            quoted_spans.append(match.span())
            yield "name", text, match.start(group), match.end(group), None
    for match in NAME_RUN.finditer(masked):
        if any(a <= match.start() < b for a, b in quoted_spans):
            continue
        found = _name_in_run(line, match.start(), match.group(0), known, places)
        if found and (not heading or found[0].split()[-1] in ORGANISATION_WORDS):
            yield "name", *found, None
    yield from _figures(line, published)


def _name_in_run(line: str, at: int, run: str, known: list[re.Match[str]],
                 places: frozenset[str] | set[str]) -> tuple[str, int, int] | None:
    """The name a run of capitalised words holds, cut right: (text, start, end), or None.

    Sentence openers and connectors at its ends and titles before it are dropped ("Professor Sun
    Yuhan" is "Sun Yuhan"); a known place written just before it is kept ("Shanghai Austar
    Pharmaceutical" is one name, not "Austar Pharmaceutical")."""
    words = run.split(" ")
    dropped = 0
    while words and (words[0] in LEADING_WORDS or words[0] in CONNECTORS or _title_at(words)):
        dropped += len(words[0]) + 1
        words.pop(0)
    while words and (words[-1] in CONNECTORS or words[-1] in _MONTHS_AND_DAYS):
        words.pop()
    if len(words) < 2:
        return None
    start = at + dropped
    end = start + len(" ".join(words))
    before = next((m for m in known if m.end() + 1 == start and line[m.end()] == " "), None)
    if not dropped and before and before.group(0).casefold() in places:
        start = before.start()
    return line[start:end], start, end


def _title_at(words: list[str]) -> bool:
    """Whether the words start with a title or job ("Professor", "Party Secretary", "CEO")."""
    first = words[0].rstrip(".")
    if first in TITLES:
        return True
    pair = " ".join(w.rstrip(".") for w in words[:2])
    return pair in TITLE_PAIRS


def _figures(line: str, published: FuzzyDate | None = None) -> Iterator[tuple[str, str, int, int, object]]:
    """Every figure numbers.py reads on a line: dates whole ("March 2025"), then every other quantity
    with its qualifier, scale and unit ("more than 2 million square meters", "tens of billions of yuan",
    "three", "second")."""
    dates = [(d.start, d.start + len(d.text), d) for d in dates_in(line, published)
             if not d.relative or re.search(r"\d", d.text)]  # "March 3", not "now" or "last year"
    for start, end, date in dates:
        yield "figure", date.text, start, end, date.date.text
    for q in quantities(line):
        if not any(a < q.end and q.start < b for a, b, _ in dates):
            yield "figure", q.text, q.start, q.end, q.value


def _stated(atlas: Atlas, source_id: str) -> Iterator[tuple[object, tuple[str, ...]]]:
    """(value or date, names of its entity) of every statement that cites one article."""
    for statement in atlas.statements():
        if any(c.source == source_id for c in statement.sources):
            names = atlas.entities[statement.entity].names
            if statement.value is not None:
                yield float(statement.value), names
            yield statement.date.text, names


def _stated_here(value: object, line: str, stated: list[tuple[object, tuple[str, ...]]]) -> bool:
    """Whether a statement citing this article gives this value (or date) for an entity named on this line."""
    lowered = line.casefold()
    for said, names in stated:
        same = (isinstance(value, float) and isinstance(said, float) and math.isclose(value, said, rel_tol=1e-9)
                or isinstance(value, str) and value == said)
        if same and any(name.casefold() in lowered for name in names):
            return True
    return False


def _name_pattern(atlas: Atlas) -> re.Pattern[str] | None:
    """Any entity name or alias, or sector label, in any letter case, possessives allowed inside.

    Names differing only in case are one name to `check` (it refuses such an alias), and
    "Tencent’s Yangtze River Delta AI Supercomputing Center" names "Tencent Yangtze River Delta…".
    """
    known = {n for e in atlas.entities.values() for n in e.names} | set(atlas.sectors.values())
    names = sorted((n for n in known if len(n) >= 2), key=lambda n: (-len(n), n))
    if not names:
        return None
    alternatives = (re.escape(n).replace(r"\ ", r"(?:[’']s)?\ ") for n in names)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _quotes(atlas: Atlas, source_id: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every quote from one article, with the names of the entities it is about."""
    for statement in atlas.statements():
        for citation in statement.sources:
            if citation.source == source_id:
                yield citation.quote, atlas.entities[statement.entity].names
    for rel in atlas.relations():
        if rel.source == source_id and rel.quote:
            other = atlas.entities.get(rel.object)
            yield rel.quote, atlas.entities[rel.subject].names + (other.names if other else ())


def _part_of(text: str, names: tuple[str, ...]) -> bool:
    """Whether text is a whole word or words of one of the names: 'G60' of 'G60 satellite'."""
    pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(name) for name in names)


def _spans(text: str, fragment: str) -> Iterator[tuple[int, int]]:
    """Every occurrence of a fragment in the text, as (start, end)."""
    at = text.find(fragment)
    while at >= 0:
        yield at, at + len(fragment)
        at = text.find(fragment, at + 1)


ALLOW_SYNTAX_FIX = "put text holding ', ' or ': ' in quotes: text: \"Made in: Songjiang, China\""
_ALLOW_KEYS = ("text", "reason", "source", "context")


def load_allow_list(path: Path) -> list[Allowed]:
    """Read coverage-allow.yml (`names:` and `figures:` lists) with the fact file's loader, which keeps
    lines; a missing file allows nothing. Every problem names its line and the key at fault."""
    shown = display_path(path)
    if not path.exists():
        return []
    data = parse_yaml(read_text(path), shown, syntax_fix=ALLOW_SYNTAX_FIX)
    if data is None:
        return []
    if not isinstance(data, LineDict):
        raise InputError([Problem(shown, 1, "expected the lists 'names:' and 'figures:'", "keep only those two lists")])
    problems = [Problem(shown, data.key_lines[key], f"unknown key '{key}'", "keep only the lists 'names:' and 'figures:'")
                for key in data if key not in ("names", "figures")]
    entries: list[Allowed] = []
    for key, kind in (("names", "name"), ("figures", "figure")):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, LineList):
            problems.append(Problem(shown, data.key_lines[key], f"'{key}:' is not a list",
                                    "write each entry on its own line: '  - {text: ..., reason: ...}'"))
            continue
        for item, line in zip(items, items.item_lines):
            entry, problem = _allowed(item, line, kind, shown)
            entries += [entry] if entry else []
            problems += [problem] if problem else []
    if problems:
        raise InputError(problems)
    return entries


def _allowed(item: object, line: int, kind: str, shown: str) -> tuple[Allowed | None, Problem | None]:
    """One entry, or the one-line problem with it: the key that is missing or extra."""
    if not isinstance(item, LineDict):
        return None, Problem(shown, line, f"{kind} entry is not a mapping", "write e.g. '- {text: ..., reason: ...}'")
    extra = [key for key in item if key not in _ALLOW_KEYS]
    if extra:
        key = extra[0]
        if item[key] is None:  # `{text: Foo, Bar, reason: ...}`: the comma made 'Bar' a key of its own
            return None, Problem(shown, item.key_lines[key], f"{kind} entry has an extra key '{key}' with no value",
                                 f"put text holding ', ' or ': ' in quotes: text: \"{item.get('text', '')}, {key}\"")
        return None, Problem(shown, item.key_lines[key], f"{kind} entry has an unknown key '{key}'",
                             f"use {', '.join(repr(k) for k in _ALLOW_KEYS)}")
    for key in ("text", "reason"):
        if key not in item:
            return None, Problem(shown, line, f"{kind} entry has no '{key}'",
                                 f"add '{key}: ...' ({'what coverage printed' if key == 'text' else 'why it is left out'})")
    if not str(item["reason"] or "").strip():
        return None, Problem(shown, item.key_lines["reason"], f"{kind} \"{item['text']}\" has an empty reason",
                             "say why it is left out")
    return Allowed(kind=kind, text=str(item["text"]), reason=str(item["reason"]), line=line,
                   source=str(item.get("source") or ""), context=str(item.get("context") or "")), None
