"""A synthetic corpus of N entities in the real atlas's proportions, with quotes that occur in its articles."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.build.model import Atlas, Entity
from generator.build.schema import slugify
from generator.build.text import ordinal

_SYLLABLES = ("ka", "lo", "mi", "ren", "sha", "tu", "vo", "xi", "zan", "bei", "chu", "dao", "fen", "gu",
              "hai", "jin", "kun", "lan", "ming", "nan", "ping", "qiao", "rui", "song", "tai", "wei",
              "yang", "zhou", "an", "er", "ou", "yi")
_SUFFIX = {"city": "City", "district": "District", "region": "Province", "company": "Technology",
           "initiative": "Programme", "institution": "Institute", "person": ""}
_FILLER = ("The corridor's officials said the figures reflect steady growth across the member cities.",
           "Analysts expect the region's industrial clusters to keep attracting investment in coming years.",
           "Local governments have streamlined approvals to shorten the time new projects need to start.")


@dataclass(frozen=True)
class Proportions:
    """Shares and rates measured on the real fact file and articles."""

    types: dict[str, float]
    """Share of entities of each type."""
    statements: float
    relations: float
    """Per entity."""
    metrics: dict[str, float]
    predicates: dict[str, float]
    object_types: dict[str, dict[str, float]]
    """Per subject type: share of each object type."""
    entities_per_source: float
    article_chars: float
    aliases: float
    zh: float
    kind: float
    sectors: float
    note: float
    coordinates: float
    relation_quotes: float
    multi_source: float
    """Share of statements given by more than one article."""


def _shares(counter: Counter[str]) -> dict[str, float]:
    total = sum(counter.values()) or 1
    return {key: count / total for key, count in sorted(counter.items())}


def measure(atlas: Atlas) -> Proportions:
    """The proportions of a real atlas."""
    entities = list(atlas.entities.values())
    statements = list(atlas.statements())
    relations = list(atlas.relations())
    n = len(entities)
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for rel in relations:
        pairs[atlas.entities[rel.subject].type][atlas.entities[rel.object].type] += 1
    return Proportions(
        types=_shares(Counter(e.type for e in entities)), statements=len(statements) / n,
        relations=len(relations) / n, metrics=_shares(Counter(s.metric for s in statements)),
        predicates=_shares(Counter(r.predicate for r in relations)),
        object_types={t: _shares(c) for t, c in sorted(pairs.items())},
        entities_per_source=n / max(len(atlas.sources), 1),
        article_chars=sum(len(s.text) for s in atlas.sources.values()) / max(len(atlas.sources), 1),
        aliases=sum(len(e.aliases) for e in entities) / n, zh=sum(bool(e.zh) for e in entities) / n,
        kind=sum(bool(e.kind) for e in entities) / n, sectors=sum(len(e.sectors) for e in entities) / n,
        note=sum(bool(e.note) for e in entities) / n,
        coordinates=sum(e.coordinates is not None for e in entities) / n,
        relation_quotes=sum(bool(r.quote) for r in relations) / max(len(relations), 1),
        multi_source=sum(len({c.source for c in s.sources}) > 1 for s in statements) / max(len(statements), 1))


def _count(rng: random.Random, mean: float) -> int:
    """A whole number with the given mean."""
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


class _Names:
    """Unique, pronounceable names; the first letters spread over the alphabet. No two made-up words are
    within two letters of each other (no deletion of up to two letters of one is one of the other's), so
    no name is a near-duplicate of another, which `check` would refuse."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def _word(self) -> str:
        while True:
            word = "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            variants = _deletions(word, 2)
            if self.taken.isdisjoint(variants):
                self.taken |= variants
                return word.capitalize()

    def new(self, type_id: str) -> str:
        words = [self._word() for _ in range(2 if type_id == "person" else 1)]
        return " ".join(words + ([_SUFFIX[type_id]] if _SUFFIX[type_id] else []))


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every string made by deleting up to `depth` of its letters."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


_WRITTEN = {"percent": "{n} percent", "CNY": "{n} yuan", "USD": "US${n}", "km2": "{n} square kilometers",
            "m2": "{n} square meters", "acres": "{n} acres", "years": "{n} years", "mu": "{n} mu"}


def _written(value: int, unit: str) -> str:
    """A value as an article writes it in a unit, so that the value check finds it: '1,234 yuan', '12th'."""
    if unit == "rank":
        return ordinal(value)
    return _WRITTEN.get(unit, "{n}").format(n=f"{value:,}")


def write_corpus(real: Atlas, n: int, folder: Path, seed: int = 60) -> Path:
    """Write facts.yml and seeds/ for n entities into folder; returns the fact file's path."""
    rng = random.Random(seed)
    p = measure(real)
    names = _Names(rng)
    types = [_pick(rng, p.types) for _ in range(n)]
    entities = [(slugify(name), t, name) for t in types for name in [names.new(t)]]
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, (_, t, _) in enumerate(entities):
        by_type[t].append(i)
    n_sources = max(1, round(n / p.entities_per_source))
    sources = [f"2024-{i:05d}-synthetic-article" for i in range(n_sources)]
    paragraphs: dict[str, list[str]] = defaultdict(list)
    records = []
    for i, (eid, t, name) in enumerate(entities):
        source = sources[i % n_sources]
        sentences = [f"{name} is one of the corridor's {t} entries, described here for the benchmark."]
        rels = []
        for _ in range(_count(rng, p.relations)):
            object_type = _pick(rng, p.object_types.get(t) or p.types)
            j = rng.choice(by_type.get(object_type) or range(n))
            if j == i:
                continue
            quote = f"{name} works with {entities[j][2]}"
            sentences.append(quote + ".")
            rels.append({"predicate": _pick(rng, p.predicates), "object": entities[j][0], "source": source,
                         **({"quote": quote} if rng.random() < p.relation_quotes else {})})
        stmts = []
        for _ in range(_count(rng, p.statements)):
            metric = _pick(rng, p.metrics)
            kind = real.metrics[metric].kind
            year = rng.randint(2005, 2024)
            value = rng.randint(2, 5000)
            unit = real.metrics[metric].unit or "count"
            quote = (f"In {year}, {name} reached {_written(value, unit)} for {real.metrics[metric].label.lower()}"
                     if kind == "quantity" else f"{name} {real.metrics[metric].label.lower()} in {year}")
            sentences.append(quote + ".")
            citations = [{"source": source, "quote": quote}]
            if rng.random() < p.multi_source and n_sources > 1:  # a second article repeats it
                other = sources[(i + 1) % n_sources]
                paragraphs[other].append(quote + ".")
                citations.append({"source": other, "quote": quote})
            stmts.append({"metric": metric, "date": str(year), "sources": citations,
                          **({"value": value} if kind == "quantity" else {}),
                          **({"unit": "count"} if kind == "quantity" and not real.metrics[metric].unit else {})})
        paragraphs[source].append(" ".join(sentences))
        records.append(_entity(rng, p, real, eid, t, name, rels, stmts))
    folder.mkdir(parents=True, exist_ok=True)
    _write_seeds(rng, p, folder / "seeds", sources, paragraphs)
    facts = folder / "facts.yml"
    facts.write_text(_facts_yaml(real, records), encoding="utf-8")
    return facts


def _entity(rng: random.Random, p: Proportions, real: Atlas, eid: str, t: str, name: str,
            rels: list[dict[str, object]], stmts: list[dict[str, object]]) -> dict[str, object]:
    record: dict[str, object] = {"id": eid, "type": t, "name": name}
    if rng.random() < p.kind:
        record["kind"] = rng.choice(("science park", "manufacturer", "fund", "research centre", "platform"))
    if rng.random() < p.zh:
        record["zh"] = "".join(rng.choice("松江嘉兴杭州金华苏州湖州宣城芜湖合肥科创走廊") for _ in range(4))
    if rng.random() < p.aliases:
        record["aliases"] = [f"{name} Group"]
    if rng.random() < p.coordinates:
        record["coordinates"] = {"lat": round(rng.uniform(29, 32), 2), "lon": round(rng.uniform(117, 122), 2)}
    record["summary"] = (f"{name} is a {t} in the G60 corridor, with links to its neighbours and figures "
                         "quoted from the corridor's articles.")
    sectors = rng.sample(sorted(real.sectors), k=min(_count(rng, p.sectors), len(real.sectors)))
    if sectors:
        record["sectors"] = sectors
    if rng.random() < p.note:
        record["note"] = "Synthetic entity written by the benchmark; its figures are invented."
    if rels:
        record["relations"] = rels
    if stmts:
        record["statements"] = stmts
    return record


def _write_seeds(rng: random.Random, p: Proportions, folder: Path, sources: list[str],
                 paragraphs: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, sid in enumerate(sources):
        body = list(paragraphs[sid])
        while sum(len(x) + 2 for x in body) < p.article_chars:
            body.append(rng.choice(_FILLER))
        front = (f'---\ntitle: "Synthetic article {i}"\ndate: "2024-{1 + i // 2 % 12:02d}-{1 + i // 2 % 28:02d}"\n'
                 f'publisher: "Benchmark Daily"\nsummary: "A synthetic article for the benchmark."\n---\n')
        (folder / f"{sid}.txt").write_text(front + "\n\n".join(body) + "\n", encoding="utf-8")


def _facts_yaml(real: Atlas, records: list[dict[str, object]]) -> str:
    """Block-style YAML whose scalars are JSON strings and numbers (JSON is valid flow YAML)."""
    out = ["# Synthetic fact file written by the benchmark.", "format: 2", "", "sectors:"]
    out += [f"  {key}: {json.dumps(label, ensure_ascii=False)}" for key, label in real.sectors.items()]
    out.append("metrics:")
    for m in real.metrics.values():
        out.append(f"  {m.id}:")
        out.append(f"    label: {json.dumps(m.label, ensure_ascii=False)}")
        out.append(f"    kind: {m.kind}")
        if m.unit:
            out.append(f"    unit: {m.unit}")
    if real.at_a_glance:
        out.append("at_a_glance:")
        out += [f"  {key}: {json.dumps(list(metrics))}" for key, metrics in real.at_a_glance.items()]
    out.append("entities:")
    for record in records:
        first = True
        for key, value in record.items():
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list) and value and isinstance(value[0], dict):
                out.append(f"{lead}{key}:")
                for item in value:
                    pairs = list(item.items())
                    out.append(f"      - {pairs[0][0]}: {json.dumps(pairs[0][1], ensure_ascii=False)}")
                    out += [f"        {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in pairs[1:]]
            else:
                out.append(f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(out) + "\n"


def edit_one(facts: Path, entity: Entity, summary: str = "Edited by the benchmark.") -> None:
    """Change one entity's summary in place, as an editor would, on as many lines as it had (so that no
    line below moves: the profiles' edit links name their lines)."""
    lines = facts.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if re.fullmatch(rf' *- id: "?{re.escape(entity.id)}"?', line))
    key = next(n for n in range(at, len(lines)) if lines[n].lstrip().startswith("summary:"))
    indent = len(lines[key]) - len(lines[key].lstrip())
    end = key + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > key + 1 and not lines[end - 1].strip():
        end -= 1  # keep the blank lines that follow
    taken = end - key  # the summary's lines: the new one is a double-quoted scalar on as many
    words = json.dumps(summary)[1:-1].split(" ")  # escaped for double quotes (an escape holds no space)
    words += ["(edited)"] * max(0, taken - len(words))
    head, tail = " ".join(words[: len(words) - taken + 1]), words[len(words) - taken + 1:]
    lines[key:end] = [" " * indent + f'summary: "{head}' + ("" if tail else '"')] + [
        " " * (indent + 2) + word + ('"' if n == len(tail) - 1 else "") for n, word in enumerate(tail)]
    facts.write_text("\n".join(lines), encoding="utf-8")
