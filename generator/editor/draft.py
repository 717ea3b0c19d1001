"""`draft`: everything one article says that the atlas lacks, proposed for an editor to review.

Each figure (digits or words, read by numbers.py) becomes a statement: its value with scale, unit and
qualifier, the shortest clause that holds it and its date words as the quote, the date (from the same
sentence, else the article's, as of it). Its metric: of the metrics of a compatible unit (a percentage only
a percent metric, an amount a money one, an area an area one), the one whose label's words best match the
noun it counts ('1,633 large-scale industrial enterprises'), then its clause, then its sentence; a new
metric, named from the counted noun, only when none shares a word. Its entity: the subject of its clause or
sentence (a name not after a preposition or 'said': not the setting, not the speaker), 'the park' read as
the last entity of that kind, 'it' or 'they' as the sentence before's subject; between two subjects, the
one whose type has the metric in the atlas. A past-tense or perfect event verb ('opened the X in July 2022',
'was selected as', 'became the first'), a nominalisation ('the launch of the X', 'since its establishment')
or the label of an event metric ('its first standalone client') becomes an event of what it made (its object),
of its subject when passive, or of what it is about; only when that entity is named, and not in the future,
a plan or a condition ('will open', 'plans to launch'). Dated by the nearest date in its sentence, else by
the article's, as `date_basis: reported`. A
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
_EVENT_VERBS = (  # (a regex of the past form or a noun, the event metric it writes, how it finds its entity)
    # 'object': active, what the verb made ('opened the X'); passive, its subject ('the X was opened').
    # 'subject': the subject is the one the event is about ('X was selected as', 'X became', 'X settled').
    # 'noun': a nominalisation, of what follows 'of' ('the launch of the X').
    (r"co-founded|founded|established|set up|created", "founded", "object"),
    (r"(?:establishment|founding|creation|setting[- ]up) of", "founded", "noun"),
    (r"opened|inaugurated|put into (?:operation|use|service)|commissioned", "opened", "object"),
    (r"(?:opening|inauguration|commissioning) of", "opened", "noun"),
    (r"launched|unveiled|introduced|rolled out|debuted|(?:placed|put|sent)(?=[^.;]*?\binto\s+(?:\w+\s+){0,3}orbits?\b)",
     "launched", "object"),
    (r"(?:launch|unveiling|debut|rollout) of", "launched", "noun"),
    (r"held|convened|took place|hosted|staged", "held", "object"),
    (r"(?:holding|convening) of", "held", "noun"),
    (r"incubated", "incubated", "object"),
    (r"designated|(?:selected|chosen|listed|included|named|recogni[sz]ed|rated|approved|accredited|certified|"
     r"identified|shortlisted|honou?red)(?=\s+(?:as|among|one\s+of|in(?:to)?\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}"
     r"(?:list|batch|group|ranking|catalogue|programme|program|category)s?\b))|became(?=\s+(?:the|a|an|one\s+of)\b)",
     "designated", "subject"),
    (r"(?:designation|selection|inclusion) (?:of|as)", "designated", "noun"),
    (r"issued|promulgated", "issued", "object"),
    (r"(?:issuance|promulgation) of", "issued", "noun"),
    (r"awarded|won", "awarded", "object"),
    (r"announced|signed", "announced", "object"),
    (r"(?:signing|announcement) of", "announced", "noun"),
    (r"settled|moved|relocated", "arrived", "subject"),
    (r"(?:arrival|relocation) of", "arrived", "noun"),
    (r"began construction|started construction|broke ground", "construction-began", "object"),
    (r"(?:construction|groundbreaking) of(?=[^.;]*?\b(?:began|started|commenced|kicked off)\b)",
     "construction-began", "noun"),
    (r"incorporated into|written into", "incorporated-into-plan", "subject"),
    # 'owner': a nominalisation after 'its' or 'their', of what owns it ('the X ..., since its establishment')
    (r"(?:(?<=\bits\s)|(?<=\btheir\s))(?:establishment|founding|creation|inception)", "founded", "owner"),
    (r"(?:(?<=\bits\s)|(?<=\btheir\s))(?:opening|inauguration)", "opened", "owner"),
    (r"(?:(?<=\bits\s)|(?<=\btheir\s))(?:launch|debut)", "launched", "owner"),
)
_EVENT = re.compile(r"\b(?:" + "|".join(f"(?P<v{i}>{v})" for i, (v, _, _) in enumerate(_EVENT_VERBS)) + r")\b", re.I)
_NEEDS_OBJECT = frozenset({"founded", "opened", "held", "incubated", "construction-began"})
"""Metrics whose event an active verb gives only to what it made: 'the fund established a library' is no
founding of the fund."""
_NOT_DONE = re.compile(r"\b(?:will|shall|would|could|might|may|should|must|can|going\s+to|(?:plan|aim|intend|hope|"
                       r"seek|expect|want|propose|prepare|strive|vow|pledge|promise)(?:s|ed)?\s+to|(?:is|are|be|was|were)"
                       r"\s+(?:set|due|scheduled|expected|planned|slated|poised|about)\s+to|is\s+to|are\s+to|upcoming|"
                       r"planned|proposed|future|next\s+(?:year|month|week)|if|unless|once)\b", re.I)
"""Words that make an event not (yet) done: the future, a plan, a condition."""
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
            for item in _event(context, sentence, start, match, dated):
                _add_event(result.statements, item)
        if not any(a <= start < b for a, b in quoted):
            for item in _label_events(context, sentence, start, dated):
                _add_event(result.statements, item)
        if re.match(r"[“\"]?(?:It|They)\b", sentence) and context.previous:
            continue  # 'It started in Songjiang ...': the subject is still the one before
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
    if abs(q.value) > 1e15:
        return False  # beyond any figure the fact file takes (the schema's limit): a misreading
    if q.kind == "ordinal" and q.value == 1 and not re.search(r"\brank|\bplace|\bplac|\btop\b", sentence, re.I):
        return False  # "the first satellite": a novelty, not a ranking
    if q.kind == "word" and q.value == 1 and not q.unit:
        return False  # "one", "a dozen" aside: one thing is rarely a figure
    if re.match(r"\s*(?:days?|weeks?|months?|years?|decades?)\s+(?:later|ago|earlier|after|before)\b",
                sentence[q.end:], re.I) and not q.unit:
        return False
    if (re.search(r"\b(?:over|in|within|during|for)\s+the\s+(?:next|past|coming|following|last)\s+$",
                  sentence[:q.start], re.I)
            and (re.match(r"\s*(?:days?|weeks?|months?|years?|decades?)\b", sentence[q.end:], re.I)
                 or re.search(r"(?:day|week|month|year|decade)s?$", sentence[q.start:q.end], re.I))):
        return False  # "over the next three years": how long, not a figure
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


def _nearest_date(dated: list, at: int, sentence: str = ""):
    """The date written nearest to a place in the sentence, one in the same clause first ('founded in 2019,
    opened its headquarters on March 3': the opening is March 3's), or None."""
    if not dated:
        return None
    if sentence:
        bounds = _clause_bounds(sentence)
        start = max(b for b in bounds if b <= at)
        end = min(b for b in bounds if b > at)
        inside = [d for d in dated if start <= d.start < end]
        if inside:
            return min(inside, key=lambda d: abs(d.start - at))
    return min(dated, key=lambda d: abs(d.start - at))


def _clause_bounds(sentence: str) -> list[int]:
    """Where the sentence's clauses start (after commas, semicolons, dashes), and a bound past its end."""
    return [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence) + 2]


def _clause(sentence: str, lo: int, hi: int, q: Quantity | None = None) -> str:
    """The shortest run of whole clauses (between commas, semicolons, dashes) covering [lo, hi), stretched
    to take the words the figure counts ('1,633 companies')."""
    bounds = _clause_bounds(sentence)
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


def _add_event(statements: list[Drafted], item: Drafted) -> None:
    """Add an event unless the draft has it: one of the same entity and metric with an agreeing date, or any
    date when either is only reported (undated: a dated one replaces it)."""
    for i, d in enumerate(statements):
        if d.value is not None or d.entity != item.entity or d.metric != item.metric:
            continue
        if _dates_agree(d.date, item.date) or item.date_basis == "reported":
            return
        if d.date_basis == "reported":
            statements[i] = item
            return
    statements.append(item)


def _event_verb(match: re.Match[str]) -> tuple[str, str]:
    _, metric, role = _EVENT_VERBS[int((match.lastgroup or "v0")[1:])]
    return metric, role


def _event(context: _Context, sentence: str, offset: int, match: re.Match[str], dated: list) -> list[Drafted]:
    """The events a past-tense event verb (or a nominalisation: 'the launch of the X') reports: of what the
    verb makes (its object, 'opened the X Center in July') or, passive ('the forum was held'), of its
    subject; of the subject for a verb about it ('X was selected as', 'X became the first'). Only when that
    entity is named in the sentence (known or proposed; 'it' for the sentence before's), not the article's
    subject by default; not in the future, a plan or a condition ('will open', 'plans to launch'). With a
    date in the sentence, the nearest; without, the article's, as `date_basis: reported`."""
    wanted, role = _event_verb(match)
    metric = context.atlas.metrics.get(wanted)
    if metric is None or metric.kind != "event":
        return []
    text = context.source.text
    before = sentence[:match.start()]
    clause_start = max([0] + [m.end() for m in _CLAUSE_END.finditer(before)])
    if role in ("object", "subject") and re.search(r"\b(?:the|an?|its|their|this|these|those|newly|well|-)\s*$",
                                                   before, re.I):
        return []  # 'the designated scale', 'an awarded firm', 'well-established': an adjective, not an event
    if re.search(r"\b(?:to|will|would|shall|can|could|may|might|must|should)\s+(?:\w+ly\s+)?$", before, re.I):
        return []  # 'to launch', 'will set up': not done
    if _NOT_DONE.search(before[clause_start:]) or (role != "noun" and _NOT_DONE.search(before)
                                                    and not re.search(r"\b(?:was|were|has|have|had)\b", before)):
        return []
    if role in ("noun", "owner") and _NOT_DONE.search(sentence):
        return []
    present = re.search(r"\b(?:is|are)\s+(?:\w+ly\s+)?$", before, re.I)
    passive = role == "object" and re.search(r"\b(?:was|were|been|be|is|are)\s+(?:\w+ly\s+)?$", before, re.I)
    leading = not before.strip(" “\"")  # 'Founded in 2011, Lepure Biotech ...': the subject follows
    date = _nearest_date(dated, match.start(), sentence) if dated else None
    if not date and present:
        return []  # 'is held every year': a habit, not an event the article reports as done
    entities: list[Mention] = []
    if role == "noun" or (role == "object" and not passive):
        entities = _objects(context, sentence, offset, match, leading, role == "noun")
    pronoun = ""
    if not entities and role != "noun" and not (role == "object" and not passive and wanted in _NEEDS_OBJECT
                                                 and not date):
        free = [m for m in context.mentions if offset <= m.start < offset + match.start()
                and _free(m, context.mentions, text)]
        order = list(dict.fromkeys(m.entity for m in [m for m in free if m.start >= offset + clause_start][:1] + free))
        if order:
            eid = _choose(order[:2], context.types, context.prior.get(metric.id, {}))
            entities = [next(m for m in free if m.entity == eid)]
        elif context.previous and re.search(r"(?:^|[,;]\s*|\b(?:and|but|today|now)\s+)(?:it|they)\b", before[clause_start:],
                                            re.I) or (context.previous and re.match(r"\s*(?:\w+,\s+)?(?:it|they)\b",
                                                                                    before, re.I)):
            pronoun = context.previous
    if not entities and not pronoun:
        return []
    lo, hi = match.start(), match.end()
    if date:
        lo, hi = min(lo, date.start), max(hi, date.start + len(date.text))
    out = []
    for m in entities or [None]:
        a, b = lo, hi
        if m is not None and offset <= m.start < offset + len(sentence):
            a, b = min(a, m.start - offset), max(b, min(m.end - offset, len(sentence)))
        quote = _clause(sentence, a, b, None)
        if len(quote.split()) < 4:
            quote = sentence.rstrip(".")
        out.append(Drafted(entity=m.entity if m is not None else pronoun, metric=metric.id,
                           date=date.date.text if date else context.source.date.text, quote=quote,
                           start=offset + match.start(), date_basis="" if date else "reported"))
    return out


def _label_events(context: _Context, sentence: str, offset: int, dated: list) -> list[Drafted]:
    """Events of an event metric no verb above writes, when the sentence says its label in a few words
    ('welcomed its first standalone client' for 'First standalone client'): of the sentence's subject (a free
    mention before it, or 'it' for the sentence before's), in the past, not planned."""
    verbs = {m for _, m, _ in _EVENT_VERBS}
    tokens = [(m.start(), m.end(), _stem(m.group(0).lower())) for m in re.finditer(r"[A-Za-z]+", sentence)]
    if not re.search(r"\b(?:was|were|had|has|have|\w+ed)\b", sentence, re.I) or _NOT_DONE.search(sentence):
        return []
    out = []
    for metric in context.atlas.metrics.values():
        words = _words(metric.label)
        if metric.kind != "event" or metric.id in verbs or len(words) < 2:
            continue
        width = len(re.findall(r"[A-Za-z]+", metric.label)) + 2
        span = next(((tokens[i][0], tokens[j - 1][1]) for i in range(len(tokens))
                     for j in range(i + len(words), min(len(tokens), i + width) + 1)
                     if tokens[i][2] in words and words <= {t[2] for t in tokens[i:j]}), None)
        if span is None:
            continue
        free = [m for m in context.mentions if offset <= m.start < offset + span[0]
                and _free(m, context.mentions, context.source.text)]
        entity = (_choose(list(dict.fromkeys(m.entity for m in free))[:2], context.types,
                          context.prior.get(metric.id, {})) if free else "")
        if not entity and re.search(r"\b(?:it|they)\b", sentence[:span[0]], re.I):
            entity = context.previous
        if not entity:
            continue
        date = _nearest_date(dated, span[0]) if dated else None
        lo, hi = span
        if date:
            lo, hi = min(lo, date.start), max(hi, date.start + len(date.text))
        if free:
            lo = min(lo, next(m.start for m in free if m.entity == entity) - offset)
        out.append(Drafted(entity=entity, metric=metric.id, quote=_clause(sentence, lo, hi, None),
                           date=date.date.text if date else context.source.date.text, start=offset + span[0],
                           date_basis="" if date else "reported"))
    return out


_NAMED = re.compile(r"^[^.;]{0,80}?\b([A-Za-z]+)\s*,?\s+(?:named|called|dubbed)\s+"
                    r"((?:[“\"][^”\"]{1,40}[”\"][,\s]*(?:and\s+|or\s+)?)+)")


def _named_things(context: _Context, sentence: str, offset: int, at: int) -> list[Mention]:
    """Things a verb made that the article names by a word and a quoted name ('two satellites named “Songjiang”
    and “G60”'): the entities named 'Songjiang satellite' and 'G60 satellite', when the atlas has them."""
    found = _NAMED.search(sentence[at:])
    if not found:
        return []
    head = found.group(1).lower()
    heads = {head, head[:-1] if head.endswith("s") else head, head[:-2] if head.endswith("es") else head}
    by_name = {n.casefold(): e.id for e in context.atlas.entities.values() for n in e.names}
    out = []
    for quoted in re.finditer(r"[“\"]([^”\"]+?)[,.]?[”\"]", found.group(2)):
        name = quoted.group(1).strip()
        eid = next((by_name[k] for h in sorted(heads) for k in (f"{name} {h}".casefold(),) if k in by_name), "")
        if eid:
            start = offset + at + found.start(2) + quoted.start(1)
            out.append(Mention(eid, start, start + len(name)))
    return out


def _objects(context: _Context, sentence: str, offset: int, match: re.Match[str], leading: bool,
             noun: bool) -> list[Mention]:
    """What an active verb made, or a nominalisation names: the mention just after it in its clause (not an
    owner, 'China's first'; not behind a preposition, 'in Songjiang'), with those joined to it by 'and'."""
    text = context.source.text
    named = _named_things(context, sentence, offset, match.end())
    if named:
        return named
    clause_end = _CLAUSE_END.search(sentence, match.end())
    stop = offset + (clause_end.start() if clause_end and not leading else len(sentence))
    found: list[Mention] = []
    cursor = offset + match.end()
    for m in context.mentions:
        if not cursor <= m.start < stop or (noun and m.anaphor):
            continue
        between = text[cursor:m.start]
        if re.match(r"[’']s\s", text[m.end:m.end + 3]) or re.match(r"-based\b", text[m.end:m.end + 7]):
            if found:
                break
            continue  # "China's first centre", "Songjiang-based Lepure": an owner, not what was made
        if found:
            if not re.fullmatch(r"[\s,”\"]*(?:and|as well as)\s+(?:the\s+)?[“\"]?", between):
                break
        elif not (leading or (len(between.split()) <= (3 if noun else 6)
                              and not re.search(r"\b(?:in|at|on|from|to|into|with|for|by|near|that|which)\b",
                                                between))):
            break
        found.append(m)
        cursor = m.end
    return list({m.entity: m for m in found}.values())


def _same(atlas: Atlas, item: Drafted) -> Statement | None:
    """The existing statement of the same entity and metric with the same value (a figure) or date (an event)."""
    entity = atlas.entities.get(item.entity)
    if entity is None:
        return None
    for st in entity.statements:
        if st.metric != item.metric:
            continue
        if item.value is None and st.value is None:  # an event happens once: the same one if the dates agree
            if _dates_agree(st.date.text, item.date) or (item.date_basis == "reported"
                                                         and str(st.date.text)[:len(item.date)] <= item.date):
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
