"""`draft`: everything one article says that the atlas lacks, proposed for an editor to review.

Each figure (digits or words, read by numbers.py) becomes a statement: its value with scale, unit and
qualifier, the shortest clause that holds it and its date words as the quote, the date (from the same
sentence, else the article's, as of it), the entity named nearest before it (or the article's main
subject), and the metric whose label and description share most words with the clause around it (else a
new metric). An event verb with a date ('opened in July 2022') becomes an event statement. A statement the
atlas already has (same entity, metric, value or date) gets the article as a further source instead.
Every proposal is marked `review: draft`, which `check` refuses until an editor deletes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.build.model import Atlas, Metric, Source, Statement
from generator.build.numbers import Quantity, dates_in, quantities
from generator.build.provenance import _as_unit, value_problem
from generator.build.schema import slugify
from generator.editor.draftnames import (Mention, NewName, anaphor_mentions, known_mentions, main_subject,
                                         names_in, new_names)

_STOP = frozenset("""a an the and or of in on at to for by with from as is are was were be been has have had its
    their this that these those it which who than more over about nearly some up total number new first last year
    years since than into per also such other including include includes included has will would""".split())
_EVENT_VERBS = (  # verb stem -> words to look for in an event metric's key, label and description
    ("found", "founded"), ("establish", "founded"), ("set up", "founded"), ("open", "opened"),
    ("launch", "launched"), ("unveil", "launched"), ("held", "held"), ("hold", "held"), ("convene", "held"),
    ("incubat", "incubated"), ("designat", "designated"), ("select", "designated"), ("issu", "issued"),
    ("award", "awarded"), ("announc", "announced"), ("sign", "announced"), ("settle", "arrived"),
    ("move", "arrived"), ("began construction", "construction-began"), ("broke ground", "construction-began"),
)
_EVENT = re.compile(r"\b(?:" + "|".join(re.escape(v) for v, _ in _EVENT_VERBS) + r")\w*", re.I)
_CLAUSE_END = re.compile(r"[,;:—–]\s|\s[—–]\s|\s\(|\)\s")
_UNIT_OF = {"": "count", "fraction": "percent"}
REVIEW = "draft"


@dataclass
class Drafted:
    """One proposed statement (or, with `adds_to`, one more source for an existing statement)."""

    entity: str
    metric: str
    date: str
    quote: str
    start: int
    """Where the figure (or the event's verb) is written in the article."""
    value: float | None = None
    unit: str = ""
    qualifier: str = ""
    date_basis: str = ""
    derived: str = ""
    adds_to: Statement | None = None
    """The existing statement that says the same: the article is proposed as a further source of it."""


@dataclass
class Draft:
    """Everything `draft` proposes for one article."""

    source: Source
    statements: list[Drafted] = field(default_factory=list)
    entities: list[NewName] = field(default_factory=list)
    aliases: list[NewName] = field(default_factory=list)
    metrics: dict[str, Metric] = field(default_factory=dict)


def find_source(atlas: Atlas, article: str) -> Source | None:
    """The article given as an id or as a path in seeds/ ('seeds/x.txt', 'x.txt', 'x')."""
    stem = re.sub(r"\.txt$", "", article.replace("\\", "/").rsplit("/", 1)[-1])
    return atlas.sources.get(stem)


def draft(atlas: Atlas, source: Source) -> Draft:
    """Propose the statements, entities, aliases and metrics this article gives and the atlas lacks."""
    text = source.text
    known = known_mentions(atlas, text)
    names = new_names(atlas, text, known)
    mentions = sorted(known + names_in(names, text) + anaphor_mentions(atlas, text, known), key=lambda m: m.start)
    subject = main_subject(atlas, known)
    result = Draft(source=source, entities=[n for n in names if not n.alias_of],
                   aliases=[n for n in names if n.alias_of])
    types = {e.id: e.type for e in atlas.entities.values()} | {n.id: n.type for n in result.entities}
    quoted = _quoted_spans(atlas, source)
    named = [(m.start, m.end) for m in known if not m.anaphor]
    for start, end in sentences(text, named):
        sentence = text[start:end]
        dated = dates_in(sentence, source.date)
        figures = [q for q in quantities(sentence) if _is_figure(q, sentence, dated)
                   and not any(a <= start + q.start < b for a, b in quoted + named)]
        for q in figures:
            item = _figure(atlas, result, source, sentence, start, q, dated, mentions, subject)
            if item:
                result.statements.append(item)
        for match in _EVENT.finditer(sentence):
            if any(a <= start + match.start() < b for a, b in quoted):
                continue
            item = _event(atlas, source, sentence, start, match, dated, mentions, subject, types)
            if item and not any(d.entity == item.entity and d.metric == item.metric for d in result.statements):
                result.statements.append(item)
    for item in result.statements:
        item.adds_to = _same(atlas, item)
    result.statements = [d for d in result.statements
                         if not (d.adds_to and any(c.source == source.id for c in d.adds_to.sources))]
    return result


def _quoted_spans(atlas: Atlas, source: Source) -> list[tuple[int, int]]:
    """Where the article is quoted already by a statement: the figures there are in the atlas."""
    spans = []
    for st in atlas.statements():
        for c in st.sources:
            at = source.text.find(c.quote) if c.source == source.id else -1
            if at >= 0:
                spans.append((at, at + len(c.quote)))
    return spans


def sentences(text: str, names: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:  # type: ignore[assignment]
    """(start, end) of each sentence: split at . ! ? before a space and a capital or a line end, not after
    an abbreviation (Co., Mr., No.), inside a number or inside a known name ('1. First Fund')."""
    spans, start = [], 0
    for match in re.finditer(r"(?<!\b[A-Z])(?<!\bCo)(?<!\bMr)(?<!\bDr)(?<!\bNo)(?<!\bMs)(?<!\bSt)[.!?][\"”’]?(?=\s+[\"“‘]?[A-Z0-9])|\n+",
                             text):
        end = match.end()
        if any(a <= match.start() < b for a, b in names):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_figure(q: Quantity, sentence: str, dated: list) -> bool:
    """Whether a number is a figure worth a statement: not a year, not a date's day, not one 'first'."""
    if q.kind == "year" or any(d.start <= q.start < d.start + len(d.text) for d in dated):
        return False
    if q.kind == "ordinal" and q.value == 1 and not re.search(r"\brank|\bplace|\bplac|\btop\b", sentence, re.I):
        return False  # "the first satellite": a novelty, not a ranking
    if q.kind == "word" and q.value == 1 and not q.unit:
        return False  # "one", "a dozen" aside: one thing is rarely a figure
    return True


def _figure(atlas: Atlas, result: Draft, source: Source, sentence: str, offset: int, q: Quantity,
            dated: list, mentions: list[Mention], subject: str) -> Drafted | None:
    unit = _UNIT_OF.get(q.unit, q.unit)
    value = q.value * 100 if q.unit == "fraction" else q.value
    derived = f"'{q.text}' as a percentage" if q.unit == "fraction" else ""
    date = _nearest_date(dated, q.start)
    lo, hi = q.start, q.end
    if date:
        lo, hi = min(lo, date.start), max(hi, date.start + len(date.text))
    quote = _clause(sentence, lo, hi, q)
    if value_problem(value, unit, q.qualifier, quote):
        quote = sentence
        if value_problem(value, unit, q.qualifier, quote):
            return None
    entity = _entity_at(mentions, offset, sentence, q.start, subject)
    if not entity:
        return None
    metric = _metric(atlas, result, sentence, q, unit)
    return Drafted(entity=entity, metric=metric, date=date.date.text if date else source.date.text, quote=quote,
                   start=offset + q.start, value=_tidy(value), unit=unit if unit != atlas.metrics.get(
                       metric, Metric("", "", "", unit)).unit else "", qualifier=q.qualifier,
                   date_basis="" if date else "as_of", derived=derived)


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 10)


def _nearest_date(dated: list, at: int):
    """The date written nearest to a place in the sentence, or None."""
    usable = [d for d in dated if "/" not in d.date.text or True]
    return min(usable, key=lambda d: abs(d.start - at)) if usable else None


def _clause(sentence: str, lo: int, hi: int, q: Quantity | None = None) -> str:
    """The shortest run of whole clauses (between commas, semicolons, dashes) covering [lo, hi), stretched
    to take the words the figure counts ('1,633 companies')."""
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence) + 2]
    start = max(b for b in bounds if b <= lo)
    end = min(b for b in bounds if b > hi) - 2 if any(b > hi for b in bounds) else len(sentence)
    end = max(end, hi)
    text = sentence[start:end].strip(" ,;:—–(").rstrip(" ,;:—–(.")
    if q is not None and len(text.split()) < 4:  # a bare figure: take the clause before it too
        earlier = [b for b in bounds if b < start]
        if earlier:
            text = sentence[max(earlier):end].strip(" ,;:—–(").rstrip(" ,;:—–(.")
    return text


def _entity_at(mentions: list[Mention], offset: int, sentence: str, at: int, subject: str) -> str:
    """The entity a figure is about: the nearest one named before it in its sentence that is not a place
    after 'in' or 'of' (the subject, not the setting), else the nearest named before it, else after it,
    else the article's main subject."""
    inside = [m for m in mentions if offset <= m.start < offset + len(sentence)]
    before = [m for m in inside if m.start < offset + at]
    subjects = [m for m in before if not re.search(r"\b(?:in|of|at|from|across|to|with|among|like|as)\s+(?:the\s+)?$",
                                                   sentence[:m.start - offset], re.I)]
    for group in (subjects, before):
        if group:
            return group[-1].entity
    after = [m for m in inside if m.start >= offset + at]
    return after[0].entity if after else subject


def _words(text: str) -> set[str]:
    """Content words, crudely stemmed: 'enterprises' -> 'enterpris'."""
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ed", "ing", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _counted(sentence: str, q: Quantity) -> str:
    """The words right after a figure, up to a clause end or a preposition: what it counts."""
    rest = re.split(r"[,;:.()]|\b(?:in|by|at|from|to|since|with|and|which|that|over|across|of the)\b",
                    sentence[q.end:])[0]
    return " ".join(rest.split()[:5])


def _metric(atlas: Atlas, result: Draft, sentence: str, q: Quantity, unit: str) -> str:
    """The existing quantity metric of the figure's unit that shares most words with what the figure counts
    and the clause around it; else a new metric, proposed for review."""
    counted = _words(_counted(sentence, q))
    near = _words(sentence[max(0, q.start - 80):q.end + 80])
    best, score = "", 0.0
    for metric in atlas.metrics.values():
        if metric.kind != "quantity" or (metric.unit or "count") != unit:
            continue
        words = _words(f"{metric.id.replace('-', ' ')} {metric.label}")
        both = 2 * len(words & counted) + len(words & near) + 0.5 * len(_words(metric.description) & near)
        both -= 0.5 * len(words - near - counted)
        if both > score:
            best, score = metric.id, both
    if best and (score >= 1.5 or score > 0 and not counted):  # a bare amount: the clause must do
        return best
    label = _counted(sentence, q) or unit
    slug = slugify(label)[:50].strip("-") or "figure"
    if unit == "percent":
        slug, label = slug + "-share", label + ", share"
    if slug not in atlas.metrics and slug not in result.metrics:
        result.metrics[slug] = Metric(id=slug, label=label[:1].upper() + label[1:], kind="quantity", unit=unit)
    return slug


def _event(atlas: Atlas, source: Source, sentence: str, offset: int, match: re.Match[str], dated: list,
           mentions: list[Mention], subject: str, types: dict[str, str]) -> Drafted | None:
    """An event statement for an event verb: its metric, the date in its sentence (else reported)."""
    verb = match.group(0).lower()
    if verb.endswith(("ing", "s")) and not verb.endswith("ss") and verb != "held":
        return None  # 'opening', 'launches': not a past event
    wanted = next(m for v, m in _EVENT_VERBS if verb.startswith(v.split()[0]))
    metric = atlas.metrics.get(wanted)
    if metric is None or metric.kind != "event":
        return None
    date = _nearest_date(dated, match.start())
    lo, hi = match.start(), match.end()
    if date:
        lo, hi = min(lo, date.start), max(hi, date.start + len(date.text))
    entity = _entity_at(mentions, offset, sentence, match.start(), subject)
    if not entity:
        return None
    quote = _clause(sentence, lo, hi, None)
    if len(quote.split()) < 4:
        quote = sentence.rstrip(".")
    return Drafted(entity=entity, metric=metric.id, date=date.date.text if date else source.date.text,
                   quote=quote, start=offset + match.start(), date_basis="" if date else "reported")


def _same(atlas: Atlas, item: Drafted) -> Statement | None:
    """The existing statement of the same entity and metric with the same value (a figure) or date (an event)."""
    entity = atlas.entities.get(item.entity)
    if entity is None:
        return None
    for st in entity.statements:
        if st.metric != item.metric:
            continue
        if item.value is None and st.value is None:  # an event happens once
            return st
        if item.value is not None and st.value is not None and abs(float(st.value) - item.value) < 1e-9:
            return st
    return None


def drafted_statements(result: Draft) -> list[Drafted]:
    """The new statements, without those the atlas already has (which get a source instead)."""
    return [replace(d) for d in result.statements if d.adds_to is None]
