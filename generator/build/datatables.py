"""The open data's tables, field by field: one description for the CSV headers, the data package
(datapackage.json) and the data page, so the three cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.build.model import DATE_BASES, PREDICATES, QUALIFIERS, TYPES

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
"""A date as precise as its article (2023, 2023-11, 2023-11-05) or a period (2016/2023)."""
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, meaning and constraints."""

    name: str
    type: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)

    def schema(self) -> dict[str, Any]:
        """The field as Table Schema writes it (a list is text joined by LIST_SEPARATOR)."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "list":
            out.update(delimiter=LIST_SEPARATOR, itemType="string")
        if self.constraints:
            out["constraints"] = self.constraints
        return out


@dataclass(frozen=True)
class Table:
    """One CSV file of the open data."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    """(field, table, field) pairs: each value of the field is a key of the other table."""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [f.name for f in self.fields]


def _text(name: str, description: str, **constraints: Any) -> Field:
    return Field(name, "string", description, constraints)


def _id(name: str, description: str, *, required: bool = True) -> Field:
    return Field(name, "string", description, {"pattern": SLUG, **({"required": True} if required else {})})


def tables(units: list[str]) -> tuple[Table, ...]:
    """The tables of the open data; `units` is the vocabulary of units the atlas uses."""
    return (
        Table("entities", "Entities", "Every city, district, region, company, initiative, institution and person.", (
            _id("id", "The entity's id (its page's URL)."),
            _text("type", "What it is.", required=True, enum=list(TYPES)),
            _text("kind", "A finer description of what it is (municipality, biotech company...)."),
            _text("name", "Its English name.", required=True),
            _text("zh", "Its Chinese name."),
            Field("aliases", "list", "Other names it goes by."),
            _id("city", "The id of the corridor city it lies in.", required=False),
            Field("sectors", "list", "The ids of its sectors."),
            _text("summary", "One or two sentences on it, in the atlas's words."),
            _text("page", "Its page on the site, relative to the site's address."),
        ), ("id",), (("city", "entities", "id"),)),
        Table("relations", "Relations", "How entities are linked, each link with the article that says so.", (
            _id("subject", "The id of the entity the relation starts from."),
            _text("predicate", "The kind of link.", required=True, enum=list(PREDICATES)),
            _id("object", "The id of the entity it leads to."),
            _text("role", "The subject's role, when the article gives one."),
            _id("source", "The id of the article that says so."),
            _text("quote", "The article's words, verbatim."),
            _text("note", "An editor's note."),
        ), (), (("subject", "entities", "id"), ("object", "entities", "id"), ("source", "sources", "id"))),
        Table("statements", "Statements", "Every figure and dated event, with its date and how it is known.", (
            _text("id", "The statement's id: its entity's id and its place there.", required=True),
            _id("entity", "The id of the entity it is about."),
            _id("metric", "What it measures (see metrics)."),
            Field("value", "number", "The figure, in the unit of the next column; empty for an event, whose "
                                     "date is the fact."),
            _text("unit", "The unit of the value.", enum=units),
            _text("qualifier", "How exact the value is: 'more than 420' is 420 with more_than.",
                  enum=list(QUALIFIERS)),
            _text("derived", "How the value follows from its quotes when they do not write it."),
            _text("date", "When it was true or happened, as precise as the article: YYYY, YYYY-MM, YYYY-MM-DD "
                          "or a period start/end.", required=True, pattern=PARTIAL_DATE),
            _text("date_basis", "Where the date comes from: quote, as_of (true on the article's date), reported "
                                "(happened by the article's date) or other (see date_note).",
                  required=True, enum=list(DATE_BASES)),
            _text("date_note", "How the date was read."),
            Field("disputed", "boolean", "Another article gives a different value for the same entity, metric "
                                         "and an overlapping date.", {"required": True}),
            Field("sources", "list", "The ids of the articles that give it (their quotes are in citations)."),
            _text("note", "An editor's note."),
        ), ("id",), (("entity", "entities", "id"), ("metric", "metrics", "id"))),
        Table("citations", "Citations", "Each statement's quotes: one row per article and passage.", (
            _text("statement", "The id of the statement.", required=True),
            _id("source", "The id of the article."),
            _text("quote", "The article's words, verbatim; they hold the value as the article writes it.",
                  required=True),
        ), (), (("statement", "statements", "id"), ("source", "sources", "id"))),
        Table("sources", "Sources", "The articles every figure is quoted from.", (
            _id("id", "The article's id."),
            _text("title", "Its title.", required=True),
            _text("date", "When it was published, as precisely as known.", required=True, pattern=PARTIAL_DATE),
            _text("date_note", "How its date was established."),
            _text("publisher", "Who published it, when known."),
            _text("byline", "Its author or photo credit, when known."),
            _text("summary", "What it is about, in the atlas's words."),
            _text("page", "Its page on the site (its text, line by line), relative to the site's address."),
            _text("url", "Where it was first published, when known.", pattern=r"https?://\S+"),
            _text("short_title", "The few words a figure's citation shows."),
        ), ("id",)),
        Table("metrics", "Metrics", "What the statements measure.", (
            _id("id", "The metric's id."),
            _text("label", "Its name, as pages show it.", required=True),
            _text("kind", "quantity (a number with a unit) or event (the date is the fact).", required=True,
                  enum=["quantity", "event"]),
            _text("unit", "The unit of its values, unless a statement gives another."),
            _text("description", "What exactly it measures."),
        ), ("id",)),
    )
