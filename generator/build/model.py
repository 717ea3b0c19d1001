"""Stage 3: immutable entities, statements and sources in one registry looked up by id."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Iterable, Iterator

from generator.build.dates import FuzzyDate
from generator.build.load import LineDict, RawSource
from generator.build.reads import TrackedDict, TrackedSet, note


@dataclass(frozen=True)
class EntityType:
    """How one type of entity is named and where its pages live."""

    id: str
    singular: str
    plural: str
    folder: str


TYPES: dict[str, EntityType] = {t.id: t for t in (
    EntityType("city", "City", "Cities", "cities"),
    EntityType("district", "District", "Districts", "districts"),
    EntityType("region", "Region", "Regions", "regions"),
    EntityType("company", "Company", "Companies", "companies"),
    EntityType("initiative", "Initiative", "Initiatives", "initiatives"),
    EntityType("institution", "Institution", "Institutions", "institutions"),
    EntityType("person", "Person", "People", "people"),
)}

PREDICATES: dict[str, tuple[str, str]] = {
    # predicate: (label on the subject's page, label on the object's page)
    "located_in": ("Located in", "located here"),
    "part_of": ("Part of", "part of it"),
    "member_of": ("Member of", "member"),
    "organised_by": ("Organised by", "organised by it"),
    "operated_by": ("Operated by", "operated by it"),
    "funded_by": ("Funded by", "funded by it"),
    "partner_of": ("Partner of", "partner"),
    "supplier_of": ("Supplier of", "supplier"),
    "works_for": ("Works for", "works here"),
    "founded_by": ("Founded by", "founded by it"),
    "listed_in": ("Listed in", "listed in it"),
    "headquartered_in": ("Headquartered in", "headquartered here"),
}

CORRIDOR_ID = "g60-corridor"
"""The entity of the corridor itself: its members (member_of) are the corridor's cities."""

_PLACE = ("located_in", "part_of", "headquartered_in")
_OWNER = ("operated_by", "organised_by", "founded_by")

QUALIFIERS = {"more_than": "more than", "at_least": "at least", "nearly": "nearly",
              "about": "about", "up_to": "up to", "less_than": "less than"}


@dataclass(frozen=True)
class Source:
    """One article in seeds/."""

    id: str
    path: str
    title: str
    date: FuzzyDate
    summary: str
    text: str
    """The article's body, verbatim."""
    first_line: int
    """Line of the file where the body starts."""
    date_note: str = ""
    publisher: str = ""
    byline: str = ""
    url: str = ""
    """Where it was first published, when known."""
    short: str = ""
    """A short title for citations (front matter `short_title`); empty: made from the title."""

    @cached_property
    def short_title(self) -> str:
        """The title a citation shows: `short_title`, else the title before its colon, cut to six words."""
        if self.short:
            return self.short
        head = self.title.split(": ", 1)[0]
        words = head.split()
        return head if len(words) <= 6 else " ".join(words[:6]) + "…"

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, str], ...]:
        """Non-empty lines of the body with their line numbers in the file."""
        return tuple((self.first_line + n, line.strip())
                     for n, line in enumerate(self.text.split("\n")) if line.strip())

    def line_of(self, fragment: str) -> int:
        """File line on which a verbatim fragment starts (0 when absent)."""
        at = self.text.find(fragment)
        return self.first_line + self.text.count("\n", 0, at) if at >= 0 else 0


@dataclass(frozen=True)
class Metric:
    """What a statement measures."""

    id: str
    label: str
    kind: str
    """'quantity' (a number with a unit) or 'event' (the date is the fact)."""
    unit: str = ""
    description: str = ""


@dataclass(frozen=True)
class Citation:
    """One article's word for a statement: the article and the passage, verbatim."""

    source: str
    quote: str
    line: int = field(compare=False)
    """Line of the fact file where the citation starts (not compared: moving a citation does not change it)."""


DATE_BASES = ("quote", "as_of", "reported", "other")
"""Where a statement's date comes from: its quotes, the article's date (a figure as of it, or an event
reported by it), or elsewhere (said in its date note)."""


@dataclass(frozen=True)
class Statement:
    """One dated figure or event about one entity, with every article that gives it."""

    entity: str
    metric: str
    date: FuzzyDate
    sources: tuple[Citation, ...]
    line: int = field(compare=False)
    value: float | int | None = None
    unit: str = ""
    qualifier: str = ""
    date_basis: str = "quote"
    date_note: str = ""
    note: str = ""
    derived: str = ""
    """How the value follows from the quotes when they do not write it ('one-eighth', as a percentage)."""

    @property
    def source(self) -> str:
        """The first article that gives it."""
        return self.sources[0].source

    @property
    def quote(self) -> str:
        """The passage of the first article."""
        return self.sources[0].quote

    def when(self) -> str:
        """The date as a reader should take it: '5 November 2023', 'as of 5 November 2023', 'by February 2024'."""
        shown = self.date.display()
        return {"as_of": f"as of {shown}", "reported": f"by {shown}"}.get(self.date_basis, shown)


@dataclass(frozen=True)
class Relation:
    """A sourced link from one entity (subject) to another (object)."""

    subject: str
    predicate: str
    object: str
    source: str
    line: int = field(compare=False)
    role: str = ""
    quote: str = ""
    note: str = ""


@dataclass(frozen=True)
class Entity:
    """A city, district, region, company, initiative, institution or person."""

    id: str
    type: str
    name: str
    summary: str
    line: int = field(compare=False)
    """Line of the fact file where it starts. Lines are not compared: an entity moved is the same entity."""
    kind: str = ""
    zh: str = ""
    aliases: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    note: str = ""
    coordinates: tuple[float, float] | None = None
    former_ids: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    statements: tuple[Statement, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    """Line of each of its keys in the fact file."""

    def line_of(self, key: str) -> int:
        """Line of one of its keys, or of the entity itself."""
        return self.key_lines.get(key, self.line)

    @property
    def names(self) -> tuple[str, ...]:
        """Its name, then every alias."""
        return (self.name, *self.aliases)

    @property
    def url(self) -> str:
        """Path of its page below docs/."""
        return f"{TYPES[self.type].folder}/{self.id}.md"


@dataclass(frozen=True)
class Atlas:
    """Every entity, source, metric and sector, by id, with links computed in both directions."""

    entities: dict[str, Entity]
    sources: dict[str, Source]
    metrics: dict[str, Metric]
    sectors: dict[str, str]
    facts_path: str
    at_a_glance: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per entity type, the metrics its profiles show first (facts.yml `at_a_glance`)."""

    def __post_init__(self) -> None:
        """Its tables are TrackedDicts (reads.py), whatever mapping they were given as."""
        for table in ("entities", "sources", "metrics", "sectors", "at_a_glance"):
            value = getattr(self, table)
            if not isinstance(value, TrackedDict) or value.table != table:
                object.__setattr__(self, table, TrackedDict(table, dict.items(value) if isinstance(value, dict)
                                                            else value))

    def of_type(self, type_id: str) -> list[Entity]:
        """Entities of one type, sorted by name."""
        return list(self.by_type.get(type_id, ()))

    @cached_property
    def by_type(self) -> TrackedDict:
        """Entities of each type, sorted by name: {type id: (Entity, ...)}."""
        found: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.entities.values():
            found[entity.type].append(entity)
        return TrackedDict("by_type", {key: tuple(sorted(value, key=_name_key)) for key, value in found.items()})

    def statements(self) -> Iterator[Statement]:
        """Every statement, entity by entity."""
        for statements in self.statements_of.values():
            yield from statements

    def relations(self) -> Iterator[Relation]:
        """Every relation, entity by entity."""
        for relations in self.relations_of.values():
            yield from relations

    @cached_property
    def statements_of(self) -> TrackedDict:
        """Each entity's statements, by id: a table of its own, so that a page listing every figure is
        not rendered again when a summary changes."""
        return TrackedDict("statements", {key: e.statements for key, e in self.entities.raw_items()})

    @cached_property
    def relations_of(self) -> TrackedDict:
        """Each entity's relations, by id."""
        return TrackedDict("relations", {key: e.relations for key, e in self.entities.raw_items()})

    @cached_property
    def incoming(self) -> TrackedDict:
        """What links here: relations by the id of their object."""
        found: dict[str, list[Relation]] = defaultdict(list)
        for relation in self.relations():
            found[relation.object].append(relation)
        return TrackedDict("incoming", {key: tuple(value) for key, value in found.items()})

    @property
    def corridor_members(self) -> frozenset[str]:
        """Ids of the entities that are members of the corridor: its cities."""
        return self.corridor["members"]  # type: ignore[no-any-return]

    @property
    def corridor_places(self) -> tuple[Entity, ...]:
        """Member cities of the corridor and the districts directly in them, that have coordinates."""
        return self.corridor["places"]  # type: ignore[no-any-return]

    @cached_property
    def corridor(self) -> TrackedDict:
        """{'members': corridor_members, 'places': corridor_places}."""
        members = frozenset(r.subject for r in self.incoming.get(CORRIDOR_ID, ()) if r.predicate == "member_of")
        places = []
        for entity in self.entities.values():
            parents = {r.object for r in entity.relations if r.predicate in ("located_in", "part_of")}
            if entity.coordinates and (entity.id in members or (entity.type == "district" and parents & members)):
                places.append(entity)
        return TrackedDict("corridor", {"members": members, "places": tuple(places)})

    def city_of(self, entity: Entity) -> Entity | None:
        """The city an entity lies in: follow where it is, else who runs it (a product, a programme)."""
        if entity.id not in self.cities:
            return self._find_city(entity)
        city = self.cities[entity.id]
        return self.entities[city] if city else None

    @cached_property
    def cities(self) -> TrackedDict:
        """city_of each entity, by id: {id: city's id, or ''}."""
        return TrackedDict("cities", {key: getattr(self._find_city(e), "id", "") for key, e in self.entities.items()})

    def _find_city(self, entity: Entity) -> Entity | None:
        """Breadth first along where things are (located in, then part of, then headquartered in), then who
        runs them: the nearest city. A company headquartered abroad but located in Songjiang is in Shanghai."""
        seen = {entity.id}
        frontier = [entity]
        while frontier:
            for current in frontier:
                if current.type == "city":
                    return current
            following: list[Entity] = []
            for predicates in (*((p,) for p in _PLACE), _OWNER):
                for current in frontier:
                    for rel in current.relations:
                        if rel.predicate in predicates and rel.object not in seen and rel.object in self.entities:
                            seen.add(rel.object)
                            following.append(self.entities[rel.object])
            frontier = following
        return None

    @cached_property
    def lines(self) -> TrackedDict:
        """The line each entity starts on, by id: a table of its own, as only a profile's edit link shows it."""
        return TrackedDict("lines", {key: e.line for key, e in self.entities.raw_items()})

    def tables(self) -> dict[str, TrackedDict]:
        """Everything a page can look up, by table name (reads.py): computed here, before any page renders."""
        return {table.table: table for table in (
            self.entities, self.sources, self.metrics, self.sectors, self.at_a_glance, self.by_type, self.incoming, self.corridor,
            self.cities, self.mentions, self.by_source, self.disputed.table_by_key(), self.lines,
            self.statements_of, self.relations_of)}

    @cached_property
    def mentions(self) -> TrackedDict:
        """Per entity id: (source id, line, paragraph) of every passage naming it or an alias."""
        names = tuple((key, e.names) for key, e in self.entities.raw_items())
        return TrackedDict("mentions", _mentions(names, tuple(self.sources.raw_items())))

    @cached_property
    def disputed(self) -> TrackedSet:
        """Statements that disagree with another: same entity and metric, no article in common, dates that
        overlap (2022 and 2022-12-31 do; 2022 and 2023 do not) and different values. Values at different
        dates are a time series, not a dispute."""
        series: dict[tuple[str, str], list[Statement]] = defaultdict(list)
        for st in self.statements():
            if st.value is not None:
                series[(st.entity, st.metric)].append(st)
        found: set[Statement] = set()
        for statements in series.values():
            for index, one in enumerate(statements):
                for other in statements[index + 1:]:
                    if (one.value, one.unit) != (other.value, other.unit) and _overlap(one.date, other.date) \
                            and not {c.source for c in one.sources} & {c.source for c in other.sources}:
                        found.update((one, other))
        return TrackedSet("disputed", found, key=lambda st: st.entity)

    @cached_property
    def by_source(self) -> TrackedDict:
        """Per source id: its statements, the entities citing it in a relation, the entities it mentions."""
        index: dict[str, tuple[list[Statement], set[str], set[str]]] = {
            sid: ([], set(), set()) for sid in self.sources}
        for st in self.statements():
            for source in dict.fromkeys(c.source for c in st.sources):
                if source in index:
                    index[source][0].append(st)
        for rel in self.relations():
            if rel.source in index:
                index[rel.source][1].add(rel.subject)
        for eid, hits in self.mentions.items():
            for sid, _, _ in hits:
                index[sid][2].add(eid)
        return TrackedDict("by_source", index)


_WORD = re.compile(r"\w")
_STARTS = re.compile(r"(?<!\w)")


class _NameFinder:
    """Finds names (3+ characters) standing as whole words, longest first, without overlaps.

    Equivalent to one regex alternation of every name, sorted longest first, but each word of the text
    is looked up among the names that begin with that very word, so the work grows with the text, not
    with text x names.
    """

    def __init__(self, names: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """`names`: (entity id, its names) for every entity."""
        self.owners: dict[str, set[str]] = defaultdict(set)
        for entity_id, entity_names in names:
            for name in entity_names:
                if len(name) >= 3:
                    self.owners[name].add(entity_id)
        by_first: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self.owners, key=lambda n: (-len(n), n)):
            by_first[_first_word(name, 0)].append(name)
        self.by_first = dict(by_first)

    def ids_in(self, text: str) -> set[str]:
        """Ids of the entities named in a text."""
        hits: set[str] = set()
        end = 0
        for start in _STARTS.finditer(text):
            at = start.start()
            if at < end:
                continue
            for name in self.by_first.get(_first_word(text, at), ()):
                stop = at + len(name)
                if text.startswith(name, at) and not (stop < len(text) and _WORD.match(text, stop)):
                    hits |= self.owners[name]
                    end = stop
                    break
        return hits


@lru_cache(maxsize=2)
def _mentions(names: tuple[tuple[str, tuple[str, ...]], ...],
              sources: tuple[tuple[str, Source], ...]) -> dict[str, tuple[tuple[str, int, str], ...]]:
    """Atlas.mentions, remembered while no name and no article changes (`serve`: most saves)."""
    finder = _NameFinder(names)
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for source_id, source in sources:
        for line, paragraph in source.paragraphs:
            for eid in sorted(finder.ids_in(paragraph)):
                found[eid].append((source_id, line, paragraph))
    return {key: tuple(value) for key, value in found.items()}


def _first_word(text: str, at: int) -> str:
    """The word that starts at a position (its run of word characters), or the one character there."""
    word = _WORDS.match(text, at)
    return word.group() if word else text[at:at + 1]


_WORDS = re.compile(r"\w+")


def _overlap(one: FuzzyDate, other: FuzzyDate) -> bool:
    """Whether two dates share a day: each covers from its first day to its last."""
    return bool(one.parts and other.parts) and one.first_day <= other.sort_key and other.first_day <= one.sort_key


def _name_key(entity: Entity) -> tuple[str, str]:
    return (entity.name.casefold(), entity.id)


def build_atlas(facts: LineDict, raw_sources: list[RawSource], facts_path: str) -> Atlas:
    """Turn schema-valid raw records into the immutable model."""
    metrics = {key: Metric(id=key, label=m["label"], kind=m["kind"], unit=m.get("unit", ""),
                           description=m.get("description", ""))
               for key, m in sorted(facts["metrics"].items())}
    global _built
    built, _built = _built, {}
    entities: dict[str, Entity] = {}
    for raw in facts["entities"]:
        known = built.get(id(raw))
        entity = known[1] if known and known[0] is raw else _entity(raw)
        _built[id(raw)] = (raw, entity)
        entities.setdefault(entity.id, entity)  # duplicates are reported by validate
    sources = {raw.id: _source(raw) for raw in raw_sources}
    return Atlas(entities=dict(sorted(entities.items())), sources=sources, metrics=metrics,
                 sectors=dict(sorted(facts["sectors"].items())), facts_path=facts_path,
                 at_a_glance={key: tuple(value) for key, value in facts.get("at_a_glance", {}).items()})


_built: dict[int, tuple[LineDict, Entity]] = {}
"""The last build's entities by id() of their record, each with the record (so that its id is not reused):
the fact file's reader hands an unchanged entity's record over as the very same object (factchunks.py),
and `serve` builds it once."""


def _entity(raw: LineDict) -> Entity:
    coords = raw.get("coordinates")
    return Entity(
        id=raw["id"], type=raw["type"], name=raw["name"], summary=raw["summary"].strip(),
        line=raw.line, key_lines=dict(raw.key_lines), kind=raw.get("kind", ""), zh=raw.get("zh", ""),
        aliases=tuple(raw.get("aliases", ())), sectors=tuple(raw.get("sectors", ())),
        note=raw.get("note", ""), former_ids=tuple(raw.get("former_ids", ())),
        coordinates=(coords["lat"], coords["lon"]) if coords else None,
        relations=tuple(_relation(raw["id"], r) for r in raw.get("relations", ())),
        statements=tuple(_statement(raw["id"], s) for s in raw.get("statements", ())),
    )


def _relation(subject: str, raw: LineDict) -> Relation:
    return Relation(subject=subject, predicate=raw["predicate"], object=raw["object"],
                    source=raw["source"], line=raw.line, role=raw.get("role", ""),
                    quote=raw.get("quote", ""), note=raw.get("note", ""))


def _statement(entity: str, raw: LineDict) -> Statement:
    sources = raw["sources"]
    citations = tuple(Citation(source=c["source"], quote=c["quote"], line=line)
                      for c, line in zip(sources, getattr(sources, "item_lines", [raw.line] * len(sources))))
    return Statement(entity=entity, metric=raw["metric"], date=FuzzyDate(str(raw["date"])), sources=citations,
                     line=raw.line, value=raw.get("value"), unit=raw.get("unit", ""),
                     qualifier=raw.get("qualifier", ""), date_basis=raw.get("date_basis", "quote"),
                     date_note=raw.get("date_note", ""), note=raw.get("note", ""), derived=raw.get("derived", ""))


def _source(raw: RawSource) -> Source:
    meta: dict[str, Any] = raw.meta
    return Source(id=raw.id, path=raw.path, title=str(meta.get("title", raw.id)),
                  date=FuzzyDate(str(meta.get("date", ""))), summary=str(meta.get("summary", "")),
                  text=raw.text, first_line=raw.first_line, date_note=str(meta.get("date_note", "")),
                  publisher=str(meta.get("publisher", "")), byline=str(meta.get("byline", "")),
                  url=str(meta.get("url", "")), short=str(meta.get("short_title", "")))
