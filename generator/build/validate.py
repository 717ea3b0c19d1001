"""Validation pass 2: checks across records (references, duplicates, quotes, dates)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Iterable

from generator.build.dates import FuzzyDate
from generator.errors import Problem
from generator.build.load import CONTROL, LineDict, RawSource
from generator.build.model import Atlas
from generator.build.neardupes import check_near_duplicates
from generator.build.provenance import check_provenance
from generator.build.paths import entity_page, figure_page, folder_of, reserved_names, sector_page, source_page
from generator.build.schema import SLUG, line_of, slugify

SEED_KEYS = {"title", "short_title", "date", "date_note", "publisher", "byline", "summary", "original_file", "url"}


def check_seeds(raw_sources: list[RawSource]) -> list[Problem]:
    """Each article needs a safe file name, and a title and a valid date in its front matter."""
    problems = []
    for raw in raw_sources:
        problems += _article_name(raw)
        if not raw.meta:
            problems.append(Problem(raw.path, 1, "no front matter",
                                    "start the file with '---', 'title: ...', 'date: \"YYYY-MM-DD\"', '---'"))
            continue
        problems += _front_matter(raw)
        if not raw.text.strip():
            problems.append(Problem(raw.path, raw.first_line, "the article has no text", "paste the article below the front matter"))
    return problems


def _article_name(raw: RawSource) -> list[Problem]:
    """An article's file name is its id, part of its page's URL: a safe slug, not one the site keeps."""
    stem = raw.id
    if not SLUG.fullmatch(stem) or len(stem) > 80:
        return [Problem(raw.path, 1, "the file name is not a safe URL slug (lowercase letters, digits, single hyphens)",
                        f"rename it to '{slugify(stem)[:80]}.txt'")]
    if stem in reserved_names(folder_of(source_page(stem))):
        return [Problem(raw.path, 1, f"the file name '{stem}' is kept for a page of the site's own",
                        f"rename it to '{stem}-article.txt'")]
    return []


def _front_matter(raw: RawSource) -> list[Problem]:
    meta = raw.meta
    where = getattr(meta, "key_lines", {})  # every front matter with keys has their lines
    problems = []
    for key in ("title", "date"):
        if not str(meta.get(key, "")).strip():
            problems.append(Problem(raw.path, 1, f"front matter has no {key}", f"add '{key}:' to it"))
    for key, value in meta.items():
        if key not in SEED_KEYS:
            problems.append(Problem(raw.path, where[key], f"unknown front matter key '{key}'",
                                    f"use only: {', '.join(sorted(SEED_KEYS))}"))
        elif not isinstance(value, str) and not (key == "date" and type(value) is int):
            problems.append(Problem(raw.path, where[key], f"front matter '{key}' is not text",
                                    f"write it as text in quotes: {key}: \"...\""))
        elif isinstance(value, str) and (found := CONTROL.search(value)):
            problems.append(Problem(raw.path, where[key], f"front matter '{key}' holds an invisible control "
                                    f"character U+{ord(found.group()):04X}", "delete it (it came from an escape)"))
    url = meta.get("url")
    if isinstance(url, str) and not re.fullmatch(r"https?://[^\s<>\"']+", url):
        problems.append(Problem(raw.path, where["url"], "front matter url is not a web address",
                                "write the article's address, starting https:// (or http://)"))
    date = meta.get("date")
    if (isinstance(date, str) or type(date) is int) and str(date).strip() and (why := FuzzyDate(str(date)).problem()):
        problems.append(Problem(raw.path, where["date"], f"front matter date {why}",
                                "write YYYY, YYYY-MM or YYYY-MM-DD in quotes"))
    return problems


def check_atlas(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """Every cross-record problem in the model."""
    checks: Iterable[list[Problem]] = (
        _duplicate_ids(atlas, facts), _reserved(atlas, facts), _former_ids(atlas), _aliases(atlas),
        _references(atlas), _quotes(atlas), _dates(atlas), _values(atlas), check_provenance(atlas),
        _at_a_glance(atlas, facts), _review_marks(atlas, facts), check_near_duplicates(atlas, facts),
    )
    return [problem for found in checks for problem in found]


def _reserved(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """No id, former id, sector or metric may take a name the site keeps for a page of its own."""
    named = [(e.id, entity_page(e.type, e.id), e.line_of("id"), "id", e.type) for e in atlas.entities.values()]
    named += [(old, entity_page(e.type, old), e.line_of("former_ids"), "former id", e.type)
              for e in atlas.entities.values() for old in e.former_ids]
    for key, page_of, what in (("sectors", sector_page, "sector"), ("metrics", figure_page, "metric")):
        lines = facts[key].key_lines  # the schema has made sectors and metrics mappings
        named += [(slug, page_of(slug), lines[slug], what, what) for slug in getattr(atlas, key)]
    problems = []
    for name, page, line, what, kind in named:
        folder = folder_of(page)
        if name in reserved_names(folder):
            problems.append(Problem(atlas.facts_path, line, f"{what} '{name}' is kept for a page of the site's own "
                                    f"in {folder}/", f"rename it to e.g. '{name}-{kind}'"))
    return problems


def _former_ids(atlas: Atlas) -> list[Problem]:
    """A former id redirects to one entity: not its own id, not another entity's page, not claimed twice."""
    problems = []
    claimed: dict[str, str] = {}
    for entity in sorted(atlas.entities.values(), key=lambda e: e.line):
        line = entity.line_of("former_ids")
        for old in entity.former_ids:
            page = entity_page(entity.type, old)
            if old == entity.id:
                problems.append(Problem(atlas.facts_path, line, f"'{entity.id}' lists its own id among its former ids",
                                        "remove it from former_ids"))
            elif old in atlas.entities:
                problems.append(Problem(atlas.facts_path, line,
                                        f"former id '{old}' of '{entity.id}' is the id of another entity",
                                        "remove it from former_ids or rename the other entity"))
            elif page in claimed:
                problems.append(Problem(atlas.facts_path, line,
                                        f"former id '{old}' of '{entity.id}' is also a former id of '{claimed[page]}'",
                                        "keep it on the entity its old page should lead to"))
            claimed.setdefault(page, entity.id)
    return problems


def _suggest(wrong: str, known: Iterable[str], otherwise: str) -> str:
    """'did you mean 'x'? otherwise <fix>' when a near match exists, else just the fix."""
    guess = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"did you mean '{guess[0]}'? otherwise {otherwise}" if guess else otherwise


def _duplicate_ids(atlas: Atlas, facts: LineDict) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(facts["entities"]):
        eid, line = raw["id"], line_of(facts, ["entities", index, "id"])
        if eid in seen:
            problems.append(Problem(atlas.facts_path, line, f"duplicate id '{eid}' (first at line {seen[eid]})",
                                    "give this entity another id, or merge the two entries"))
        else:
            seen[eid] = line
    return problems


def _aliases(atlas: Atlas) -> list[Problem]:
    owners: dict[str, list[tuple[str, int]]] = defaultdict(list)
    problems = []
    for entity in sorted(atlas.entities.values(), key=lambda e: e.line):
        for alias in entity.aliases:
            if alias.casefold() == entity.name.casefold():
                problems.append(Problem(atlas.facts_path, entity.line_of("aliases"),
                                        f"'{entity.id}': alias '{alias}' repeats its name", "remove the alias"))
        for name in {n.casefold(): n for n in entity.names}.values():
            key = "name" if name == entity.name else "aliases"
            owners[name.casefold()].append((entity.id, entity.line_of(key), name))
    for claims in owners.values():
        if len(claims) > 1:
            first = claims[0][0]
            for eid, line, name in claims[1:]:
                problems.append(Problem(atlas.facts_path, line,
                                        f"'{eid}': name or alias '{name}' is also claimed by '{first}'",
                                        "keep it on one entity only, or make it more specific"))
    return problems


def _references(atlas: Atlas) -> list[Problem]:
    problems = []
    path = atlas.facts_path
    for entity in atlas.entities.values():
        for sector in entity.sectors:
            if sector not in atlas.sectors:
                problems.append(Problem(path, entity.line_of("sectors"), f"'{entity.id}': unknown sector '{sector}'",
                                        _suggest(sector, atlas.sectors, "add it under 'sectors:'")))
        for rel in entity.relations:
            if rel.object not in atlas.entities:
                problems.append(Problem(path, rel.line, f"'{entity.id}': {rel.predicate} unknown id '{rel.object}'",
                                        _suggest(rel.object, atlas.entities, "add an entity with that id")))
            if rel.object == entity.id:
                problems.append(Problem(path, rel.line, f"'{entity.id}': relation points at itself", "name another entity"))
            problems.extend(_source_ref(atlas, entity.id, rel.source, rel.line))
        for st in entity.statements:
            if st.metric not in atlas.metrics:
                problems.append(Problem(path, st.line, f"'{entity.id}': unknown metric '{st.metric}'",
                                        _suggest(st.metric, atlas.metrics, "define it under 'metrics:'")))
            for citation in st.sources:
                problems.extend(_source_ref(atlas, entity.id, citation.source, citation.line))
            if len({(c.source, c.quote) for c in st.sources}) < len(st.sources):
                problems.append(Problem(path, st.line, f"'{entity.id}': a source is listed twice with one quote",
                                        "keep one of them"))
    return problems


def _source_ref(atlas: Atlas, eid: str, source: str, line: int) -> list[Problem]:
    if source in atlas.sources:
        return []
    return [Problem(atlas.facts_path, line, f"'{eid}': source '{source}' is not an article in seeds/",
                    _suggest(source, atlas.sources, "add the article to seeds/"))]


def _quotes(atlas: Atlas) -> list[Problem]:
    problems = []
    quoted = [(st.entity, c.source, c.quote, c.line) for st in atlas.statements() for c in st.sources]
    quoted += [(r.subject, r.source, r.quote, r.line) for r in atlas.relations() if r.quote]
    for eid, source_id, quote, line in quoted:
        source = atlas.sources.get(source_id)
        if source is None or quote in source.text:
            continue
        problems.append(Problem(atlas.facts_path, line,
                                f"'{eid}': quote not found verbatim in {source.path}: \"{_short(quote)}\"",
                                _closest(quote, source.text)))
    return problems


def _closest(quote: str, text: str) -> str:
    """Suggest the article's passage nearest to a quote that is not in it."""
    words, size = text.split(), max(len(quote.split()), 1)
    windows = [" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 1))]
    best = max(windows, key=lambda w: difflib.SequenceMatcher(None, quote, w, autojunk=False).ratio())
    if difflib.SequenceMatcher(None, quote, best, autojunk=False).ratio() < 0.5:
        return "copy the fragment from the article exactly, character for character"
    return f"did you mean \"{_short(best)}\"? copy it exactly, curly quotes and typos included"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dates(atlas: Atlas) -> list[Problem]:
    problems = []
    for st in atlas.statements():
        why = st.date.problem()
        if why:
            problems.append(Problem(atlas.facts_path, st.line, f"'{st.entity}': date {why}",
                                    "write a real date: YYYY, YYYY-MM or YYYY-MM-DD, or a period start/end"))
    return problems


def _at_a_glance(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """Each metric named in `at_a_glance` exists and is a quantity (the box shows figures, not events)."""
    problems = []
    for type_id, metrics in atlas.at_a_glance.items():
        for index, metric in enumerate(metrics):
            line = line_of(facts, ["at_a_glance", type_id, index])
            known = atlas.metrics.get(metric)
            if known is None:
                problems.append(Problem(atlas.facts_path, line, f"at_a_glance.{type_id}: unknown metric '{metric}'",
                                        _suggest(metric, atlas.metrics, "use a key of metrics")))
            elif known.kind != "quantity":
                problems.append(Problem(atlas.facts_path, line, f"at_a_glance.{type_id}: '{metric}' is an event, "
                                        "and the box shows figures", "list quantity metrics only"))
    return problems


def _values(atlas: Atlas) -> list[Problem]:
    problems = []
    for st in atlas.statements():
        metric = atlas.metrics.get(st.metric)
        if metric is None:
            continue
        if metric.kind == "quantity" and st.value is None:
            problems.append(Problem(atlas.facts_path, st.line,
                                    f"'{st.entity}': figure '{st.metric}' has no value",
                                    "add 'value:' with the number the quote gives"))
        if metric.kind == "event" and (st.value is not None or st.derived):
            problems.append(Problem(atlas.facts_path, st.line,
                                    f"'{st.entity}': '{st.metric}' is an event and takes no value",
                                    "remove 'value:' (the date is the fact) or use a quantity metric"))
        if metric.kind == "quantity" and not (st.unit or metric.unit):
            problems.append(Problem(atlas.facts_path, st.line, f"'{st.entity}': figure '{st.metric}' has no unit",
                                    f"add 'unit:' to the statement or to metric '{st.metric}'"))
    return problems


def _review_marks(atlas: Atlas, facts: LineDict) -> list[Problem]:
    """Every item `draft` proposed that no editor has reviewed yet: one problem per 'review: draft' mark."""
    marked: list[tuple[int, str]] = []

    def mark(raw: object, what: str) -> None:
        if isinstance(raw, LineDict) and raw.get("review") is not None:
            marked.append((raw.key_lines["review"], what))

    for key, raw in facts["metrics"].items():  # the schema has checked the file's shape
        mark(raw, f"metric '{key}'")
    for raw in facts["entities"]:
        mark(raw, f"'{raw['id']}': entity")
        for kind in ("statements", "relations"):
            for item in raw.get(kind, []):
                mark(item, f"'{raw['id']}': {kind[:-1]}")
    return [Problem(atlas.facts_path, line, f"{what} drafted by 'draft' is not reviewed yet",
                    "check it against the article and delete 'review: draft'") for line, what in sorted(marked)]
