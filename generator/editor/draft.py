"""`draft`: everything one article says that the atlas lacks, proposed for an editor to review.

Each figure (digits or words, read by numbers.py) becomes a statement: its value with scale, unit and
qualifier, the shortest clause that holds it and its date words as the quote, the date (from the same
sentence, else the article's, as of it). Its metric: of the metrics of a compatible unit (a percentage only
a percent metric, an amount a money one, an area an area one), the one whose label's words best match the
noun it counts ('1,633 large-scale industrial enterprises'), then its clause, then its sentence; a new
metric, named from the counted noun, only when none shares a word. Its entity: the subject of its clause or
sentence (a name not after a preposition or 'said': not the setting, not the speaker), 'the park' read as
the last entity of that kind, 'it' or 'they' as the sentence before's subject; between two subjects, the
one whose type has the metric in the atlas. A past-tense event verb with a date in its sentence ('opened
the X in July 2022') becomes an event of what it made (its object), or of its subject when passive. A
statement the atlas already has (same entity, metric, and value, or an event's agreeing date) gets the
article as a further source instead. Every proposal is marked `review: draft`, which `check` refuses until
an editor deletes it.
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
_EVENT_VERBS = (  # a verb's past form (a regex) -> the event metric it writes
    ("founded|established|set up|establishment", "founded"), ("opened", "opened"),
    ("launched|unveiled|introduced|launch of", "launched"), ("held|convened|took place", "held"),
    ("incubated", "incubated"), ("designated|selected|named as|listed as", "designated"), ("issued", "issued"),
    ("awarded", "awarded"), ("announced|signed", "announced"), ("settled|moved", "arrived"),
    ("began construction|broke ground", "construction-began"),
)
_EVENT = re.compile(r"\b(?:" + "|".join(v for v, _ in _EVENT_VERBS) + r")\b", re.I)
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
class _Context:
    """What choosing an entity needs besides the sentence: the mentions, the subject of the sentence
    before, the article's main subject, each entity's type, and which types have each metric."""

    atlas: Atlas
    source: Source
    mentions: list[Mention]
    subject: str
    types: dict[str, str]
    prior: dict[str, dict[str, int]]
    previous: str = ""

    def candidates(self, sentence: str, offset: int, at: int) -> tuple[list[str], int]:
        return _candidates(self.mentions, self.source.text, offset, sentence, at, self.previous, self.subject)


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
    context = _Context(atlas, source, mentions, subject, types, metric_types(atlas))
    for start, end in sentences(text, named):
        sentence = text[start:end]
        dated = dates_in(sentence, source.date)
        figures = [q for q in quantities(sentence) if _is_figure(q, sentence, dated, text, start)
                   and not any(a <= start + q.start < b for a, b in quoted + named)]
        for q in figures:
            item = _figure(context, result, sentence, start, q, dated)
            if item:
                result.statements.append(item)
        for match in _EVENT.finditer(sentence):
            if any(a <= start + match.start() < b for a, b in quoted):
                continue
            item = _event(context, sentence, start, match, dated)
            if item and not any(d.entity == item.entity and d.metric == item.metric and _dates_agree(d.date, item.date)
                                for d in result.statements):
                result.statements.append(item)
        context.previous = (_sentence_subject(mentions, text, start, end)
                            or next((m.entity for m in mentions if start <= m.start < end), context.previous))
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


def _is_figure(q: Quantity, sentence: str, dated: list, text: str = "", offset: int = 0) -> bool:
    """Whether a number is a figure worth a statement: not a year, not a date's day, not one 'first'; not
    a span of time before or after ('three months later'); not 'the nine cities' when the article gave the number before."""
    if q.kind == "year" or any(d.start <= q.start < d.start + len(d.text) for d in dated):
        return False
    if q.kind == "ordinal" and q.value == 1 and not re.search(r"\brank|\bplace|\bplac|\btop\b", sentence, re.I):
        return False  # "the first satellite": a novelty, not a ranking
    if q.kind == "word" and q.value == 1 and not q.unit:
        return False  # "one", "a dozen" aside: one thing is rarely a figure
    if re.match(r"\s*(?:days?|weeks?|months?|years?|decades?)\s+(?:later|ago|earlier|after|before)\b",
                sentence[q.end:], re.I) and not q.unit:
        return False
    if re.search(r"\b(?:the|these|those|all|other)\s+$", sentence[:q.start], re.I) and q.kind != "ordinal":
        earlier = [p for p in quantities(text[:offset + q.start]) if p.value == q.value and p.unit == q.unit]
        if earlier:
            return False
    return True


def _figure(context: _Context, result: Draft, sentence: str, offset: int, q: Quantity,
            dated: list) -> Drafted | None:
    atlas, source = context.atlas, context.source
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
    order, within = context.candidates(sentence, offset, q.start)
    if not order:
        return None
    likely = context.types.get(_choose(order, context.types, {}), "")
    metric = _metric(atlas, result, sentence, q, unit, quote, likely, context.prior)
    entity = _choose(order, context.types, context.prior.get(metric, {}), within)
    metric_unit = (atlas.metrics.get(metric) or result.metrics.get(metric) or Metric("", "", "", unit)).unit
    return Drafted(entity=entity, metric=metric, date=date.date.text if date else source.date.text, quote=quote,
                   start=offset + q.start, value=_tidy(value), unit=unit if unit != (metric_unit or "count") else "",
                   qualifier=q.qualifier, date_basis="" if date else "as_of", derived=derived)


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


_PREPOSITION = re.compile(r"\b(?:in|of|at|from|across|to|with|among|like|as|along|on|into|onto|by|for|near|under|"
                          r"than|via|through|within|outside|inside|including|such as|said|says|told|named|called)"
                          r"\s+(?:the\s+|its\s+|their\s+|a\s+)?$", re.I)


def _free(m: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether a mention can be a clause's subject: not after a preposition or 'said' (a setting, a
    speaker: 'in Hefei', 'said Gu Jun'), unless it owns what follows ('of the city's industries'); not
    the owner of a following name ('Tencent's Yangtze River Delta ... Center')."""
    if re.match(r"-based\b", text[m.end:m.end + 7]):
        return False  # 'Songjiang-based Lepure Biotech': a modifier
    owner = re.match(r"[’']s\s(?!total\b)", text[m.end:m.end + 9])
    if owner and any(n.start == m.end + 3 or n.start == m.end + 2 for n in mentions):
        return False
    return bool(owner) or not _PREPOSITION.search(text[max(0, m.start - 40):m.start])


def _candidates(mentions: list[Mention], text: str, offset: int, sentence: str, at: int,
                previous: str, subject: str) -> tuple[list[str], int]:
    """Entities a figure (or event) at a place may be about, best first: the subject of its clause (the
    first free mention before it in the clause), of its sentence, of the sentence before (a clause led by
    'it', 'they' or nothing named), then any named before it, after it, and the article's main subject;
    and how many of the first are subjects in the sentence itself (1 or 2), among which a type prior may
    choose."""
    inside = [m for m in mentions if offset <= m.start < offset + len(sentence)]
    before = [m for m in inside if m.start < offset + at]
    free = [m for m in before if _free(m, mentions, text)]
    bounds = [0] + [x.end() for x in _CLAUSE_END.finditer(sentence[:at])]
    clause = max(bounds)
    order = [m.entity for m in free if m.start >= offset + clause][:1]
    order += [m.entity for m in free]
    if previous:
        order.append(previous)
    order += [m.entity for m in reversed(before)]
    order += [m.entity for m in inside if m.start >= offset + at and _free(m, mentions, text)]
    order += [m.entity for m in inside if m.start >= offset + at]
    order.append(subject)
    here = len({m.entity for m in free})
    return list(dict.fromkeys(e for e in order if e)), min(2, max(1, here))


def _choose(order: list[str], types: dict[str, str], fits: dict[str, int], within: int = 2) -> str:
    """Of the first candidates (the subjects of the clause and the sentence), the first whose type has
    figures of the metric in the atlas; else the first that is not a person (a speaker); else the first."""
    for eid in order[:within]:
        if fits.get(types.get(eid, ""), 0):
            return eid
    for eid in order:
        if types.get(eid) != "person":
            return eid
    return order[0] if order else ""


def _sentence_subject(mentions: list[Mention], text: str, start: int, end: int) -> str:
    """The first free mention of a sentence: what the next sentence's 'it' or 'they' most likely means."""
    for m in mentions:
        if start <= m.start < end and _free(m, mentions, text):
            return m.entity
    return ""


def _words(text: str, initials: bool = False) -> set[str]:
    """Content words, crudely stemmed ('enterprises', 'enterprise' -> 'enterpris'; 'R&D' -> 'rd'); with
    `initials`, also those of each run of two to four ('gross domestic product' -> 'gdp'), to meet a
    label's abbreviation."""
    plain = [w for w in re.findall(r"[a-z]+", re.sub(r"(\w)&(\w)", r"\1\2", text.lower())) if w not in _STOP]
    words = {_stem(w) for w in plain if len(w) > 1}
    if initials:
        for n in (2, 3, 4):
            words |= {"".join(w[0] for w in plain[i:i + n]) for i in range(len(plain) - n + 1)}
    return words


_SAME = {"increas": "growth", "grew": "growth", "grow": "growth", "ris": "growth", "rose": "growth",
         "proportion": "shar", "account": "shar", "percentag": "shar"}
"""Stems that mean the same in a metric's label: an increase is growth, a proportion a share."""


def _stem(word: str) -> str:
    stem = _suffixless(word)
    return _SAME.get(stem, stem)


def _suffixless(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "e", "y", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _counted(sentence: str, q: Quantity) -> str:
    """The words right after a figure (or after 'are', '700 are invention patents'), up to a clause end or
    a preposition: what it counts."""
    after = sentence[q.end:]
    copula = re.match(r"\s+(?:are|is|were|was)\s+", after)
    rest = re.split(r"[,;:.()]|\b(?:in|by|at|from|to|since|with|which|that|over|across|of the|"
                    r"who|were|was|are|is|have|has)\b", after[copula.end():] if copula else after)[0]
    return " ".join(rest.split()[:5])


_FAMILIES = ({"km2", "m2", "acres", "acre", "hectares", "hectare", "mu"},
             {"CNY", "USD", "EUR", "HKD", "JPY", "GBP"})


def _compatible(metric_unit: str, unit: str) -> bool:
    """Whether a figure of a unit may be a value of a metric: the same unit, or one of the same dimension
    (an area in acres for a metric in km2, an amount in USD for one in CNY)."""
    metric_unit = metric_unit or "count"
    return metric_unit == unit or any(metric_unit in f and unit in f for f in _FAMILIES)


def metric_types(atlas: Atlas) -> dict[str, dict[str, int]]:
    """For each metric, how many of its statements each type of entity has: a prior for who has it."""
    out: dict[str, dict[str, int]] = {}
    for entity in atlas.entities.values():
        for st in entity.statements:
            by = out.setdefault(st.metric, {})
            by[entity.type] = by.get(entity.type, 0) + 1
    return out


def _metric(atlas: Atlas, result: Draft, sentence: str, q: Quantity, unit: str, clause: str,
            likely_type: str = "", prior: dict[str, dict[str, int]] | None = None) -> str:
    """The existing quantity metric of a compatible unit whose label best matches what the figure counts
    (the words after it), then its clause, then its sentence, per word of the label; entities of the
    likely type having the metric breaks ties. When no compatible metric shares a word with the counted
    noun or the clause (or, for a bare amount, the sentence), a new metric named from the counted noun."""
    phrase = _counted(sentence, q)
    counted, near, wide = _words(phrase, True), _words(clause, True), _words(sentence, True)
    best, score = "", 0.0
    for metric in atlas.metrics.values():
        if metric.kind != "quantity" or not _compatible(metric.unit, unit):
            continue
        words = _words(f"{metric.id.replace('-', ' ')} {metric.label}")
        hits = sum(3 if w in counted else 1.5 if w in near else 0.5 if w in wide else 0 for w in words)
        if not (words & (counted | near) or (not counted and words & wide)):
            continue
        value = hits / (len(words) + 1) + 0.1 * len(_words(metric.description) & near) / (len(words) + 1)
        if metric.unit == unit or (not metric.unit and unit == "count"):
            value += 0.05
        if likely_type and prior and prior.get(metric.id, {}).get(likely_type):
            value += 0.05
        value += 0.5 * bool(words & counted)  # the counted noun decides first, the clause then
        if value > score:
            best, score = metric.id, value
    if best:
        return best
    label = phrase or unit
    slug = slugify(label)[:50].strip("-") or "figure"
    if unit == "percent":
        slug, label = slug + "-share", label + ", share"
    if slug not in atlas.metrics and slug not in result.metrics:
        result.metrics[slug] = Metric(id=slug, label=label[:1].upper() + label[1:], kind="quantity", unit=unit)
    return slug


def _event(context: _Context, sentence: str, offset: int, match: re.Match[str], dated: list) -> Drafted | None:
    """An event statement for a past-tense event verb with a date in its sentence: of what the verb makes
    (its object, 'opened the X Center in July') or, passive ('the forum was held'), of its subject; only
    when that entity is named (known or proposed), not the article's subject by default."""
    verb = match.group(0).lower()
    wanted = next(m for v, m in _EVENT_VERBS if re.fullmatch(v, verb))
    metric = context.atlas.metrics.get(wanted)
    if metric is None or metric.kind != "event" or not dated:
        return None
    before = sentence[:match.start()]
    if verb not in ("launch of", "establishment") and re.search(r"\b(?:the|an?|its|their)\s+$", before, re.I):
        return None  # 'the designated scale', 'an awarded firm': an adjective, not an event
    date = _nearest_date(dated, match.start())
    text = context.source.text
    passive = verb == "establishment" or re.search(r"\b(?:was|were|been|be|is|are)\s+(?:\w+ly\s+)?$", before, re.I)
    leading = not before.strip(" “\"")  # 'Founded in 2011, Lepure Biotech ...': the subject follows
    entity = ""
    if not passive:
        clause_end = _CLAUSE_END.search(sentence, match.end())
        stop = offset + (clause_end.start() if clause_end else len(sentence))
        if leading:
            stop = offset + len(sentence)
        for m in context.mentions:
            if not offset + match.end() <= m.start < stop:
                continue
            between = text[offset + match.end():m.start]
            if re.match(r"[’']s\s", text[m.end:m.end + 3]) or re.match(r"-based\b", text[m.end:m.end + 7]):
                continue  # "China's first centre", "Songjiang-based Lepure": an owner, not what was made
            if leading or (len(between.split()) <= 6
                           and not re.search(r"\b(?:in|at|on|from|to|into|with|for|by|near|that|which)\b", between)):
                entity = m.entity
            break
    if not entity:
        order = [e for e in context.candidates(sentence, offset, match.start())[0][:2]
                 if any(offset <= m.start < offset + match.start() and m.entity == e for m in context.mentions)]
        entity = _choose(order, context.types, context.prior.get(metric.id, {})) if order else ""
    if not entity:
        return None
    lo, hi = min(match.start(), date.start), max(match.end(), date.start + len(date.text))
    quote = _clause(sentence, lo, hi, None)
    if len(quote.split()) < 4:
        quote = sentence.rstrip(".")
    return Drafted(entity=entity, metric=metric.id, date=date.date.text, quote=quote, start=offset + match.start())


def _same(atlas: Atlas, item: Drafted) -> Statement | None:
    """The existing statement of the same entity and metric with the same value (a figure) or date (an event)."""
    entity = atlas.entities.get(item.entity)
    if entity is None:
        return None
    for st in entity.statements:
        if st.metric != item.metric:
            continue
        if item.value is None and st.value is None:  # an event happens once: the same one if the dates agree
            if _dates_agree(st.date.text, item.date):
                return st
            continue
        if item.value is not None and st.value is not None and abs(float(st.value) - item.value) < 1e-9:
            return st
    return None


def _dates_agree(a: str, b: str) -> bool:
    """Whether two dates (2022, 2022-07, 2022-07-15) can be the same day: one is a prefix of the other."""
    a, b = str(a), str(b)
    return a.startswith(b) or b.startswith(a)


def drafted_statements(result: Draft) -> list[Drafted]:
    """The new statements, without those the atlas already has (which get a source instead)."""
    return [replace(d) for d in result.statements if d.adds_to is None]
