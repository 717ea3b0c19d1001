"""A project whose every free-text field holds a hostile payload, and its twin holding plain text.

Both have the same entities, relations, statements and articles, so their built sites must have
the same HTML structure page by page: any element or attribute the hostile one has more is markup
that came from the input.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Callable, Iterator

import yaml

PAYLOADS = (
    '<x-evil onmouseover="alert(1)">',
    '"><x-evil autofocus onfocus=alert(2)>',
    "'><x-evil>",
    "</script><x-evil>",
    "</title><x-evil>",
    '{: onclick="alert(6)" .x-evil }',
    "[x-evil link](javascript:alert(7))",
    "![x-evil image](javascript:alert(8))",
    "<!-- x-evil comment",
    "# x-evil heading",
    "- x-evil list",
    "1. x-evil ordered",
    "*x-evil* **bold** _under_",
    "&lt;x-evil&gt; &amp; entity",
    "`x-evil code`",
    "javascript:alert(16)",
    "x-evil | table | cell",
    "[^1] x-evil footnote",
    "<svg onload=alert(19)>",
    "]]> --> x-evil",
    "{{ x-evil }} {% raw %}",
    "\\ x-evil \\",
    "@x-evil =cmd|' /C calc'!A0",
    "+x-evil",
    "-x-evil",
    '<a href="javascript:alert(26)">x-evil</a>',
    "<style>*{display:none}</style>x-evil",
    "javascript&colon;alert(28)",
    "=HYPERLINK(\"http://x-evil\")",
    "\tx-evil",
)
"""Text that would be markup, a link, a script, a template or a spreadsheet formula if printed raw."""


def _word(number: int) -> str:
    """A made-up word for a counter: letters far apart from every other number's (a name a letter or two
    from another would be a near-duplicate, which `check` refuses)."""
    return "w" + "".join(chr(ord("a") + int(d, 16)) for d in hashlib.sha256(str(number).encode()).hexdigest()[:8])


def hostile_text() -> Callable[[], str]:
    """A new payload each call (cycling), made unique by a counter word."""
    counter = itertools.count(1)
    payloads = itertools.cycle(PAYLOADS)
    return lambda: f"{next(payloads)} {_word(next(counter))}"


def plain_text() -> Callable[[], str]:
    """Plain words each call, made unique like hostile_text."""
    counter = itertools.count(1)
    return lambda: f"Plain words {_word(next(counter))}"


def write_project(folder: Path, text: Callable[[], str]) -> Path:
    """facts.yml and seeds/ where every free-text field (and quote) comes from `text`; returns folder."""
    quotes: dict[str, list[str]] = {"2023-river-report": [], "2024-river-update": []}

    def quote(source: str, words: str = "") -> str:
        said = f"{text()} {words}".strip()
        quotes[source].append(said)
        return said

    facts = {
        "format": 2,
        "sectors": {"robotics": text(), "finance": text()},
        "metrics": {
            "high-tech-enterprises": {"label": text(), "kind": "quantity", "unit": "count",
                                      "description": text()},
            "growth": {"label": text(), "kind": "quantity", "unit": "percent", "description": text()},
            "output": {"label": text(), "kind": "quantity", "unit": text()},
            "opened": {"label": text(), "kind": "event", "description": text()},
        },
        "entities": [
            {"id": "g60-corridor", "type": "initiative", "kind": text(), "name": text(), "summary": text()},
            {"id": "river-city", "type": "city", "name": text(), "zh": text(), "aliases": [text(), text()],
             "kind": text(), "summary": text(), "note": text(), "coordinates": {"lat": 31.0, "lon": 121.2},
             "sectors": ["robotics"],
             "relations": [
                 {"predicate": "member_of", "object": "g60-corridor", "source": "2023-river-report", "quote": quote("2023-river-report"), "note": text()},
                 {"predicate": "located_in", "object": "lake-province", "source": "2023-river-report"}],
             "statements": [
                 {"metric": "high-tech-enterprises", "value": 1200, "date": "2022", "sources": [{"source": "2023-river-report", "quote": quote("2023-river-report", "1,200 in 2022")}], "note": text(), "date_note": text()},
                 {"metric": "high-tech-enterprises", "value": 1450, "date": "2022",
                  "sources": [{"source": "2024-river-update", "quote": quote("2024-river-update", "1,450 in 2022")}]},
                 {"metric": "high-tech-enterprises", "value": 1500, "qualifier": "more_than", "date": "2024-06",
                  "date_basis": "as_of",
                  "sources": [{"source": "2024-river-update", "quote": quote("2024-river-update", "more than 1,500")}]},
                 {"metric": "growth", "value": -5, "date": "2023", "sources": [{"source": "2024-river-update", "quote": quote("2024-river-update", "a change of -5 percent in 2023")}]},
                 {"metric": "output", "value": 7, "date": "2023", "sources": [{"source": "2024-river-update", "quote": quote("2024-river-update", "7 units in 2023")}]},
                 {"metric": "opened", "date": "2021-03", "sources": [{"source": "2023-river-report", "quote": quote("2023-river-report", "opened in March 2021")}]},
                 {"metric": "opened", "date": "2021", "sources": [{"source": "2024-river-update", "quote": quote("2024-river-update", "opened in 2021")}]},
             ]},
            {"id": "old-town", "type": "district", "name": text(), "summary": text(),
             "coordinates": {"lat": 31.1, "lon": 121.0},
             "relations": [{"predicate": "part_of", "object": "river-city", "source": "2023-river-report", "quote": quote("2023-river-report")}]},
            {"id": "hill-city", "type": "city", "name": text(), "summary": text(),
             "coordinates": {"lat": 30.5, "lon": 120.4},
             "relations": [{"predicate": "member_of", "object": "g60-corridor", "source": "2024-river-update"}],
             "statements": [{"metric": "growth", "value": 3.5, "date": "2023",
                             "sources": [{"source": "2024-river-update",
                                          "quote": quote("2024-river-update", "3.5 percent in 2023")}]}]},
            {"id": "lake-province", "type": "region", "kind": text(), "name": text(), "summary": text()},
            {"id": "acme-robotics", "type": "company", "name": text(), "zh": text(), "aliases": [text()],
             "former_ids": ["acme-robots"], "kind": text(), "summary": text(), "sectors": ["robotics", "finance"],
             "relations": [{"predicate": "located_in", "object": "old-town", "source": "2023-river-report", "quote": quote("2023-river-report"), "role": text()}],
             "statements": [{"metric": "opened", "date": "2020-05-04", "note": text(),
                             "sources": [{"source": "2023-river-report",
                                          "quote": quote("2023-river-report", "on 4 May 2020")}]}]},
            {"id": "river-fund", "type": "initiative", "name": text(), "summary": text(),
             "relations": [{"predicate": "operated_by", "object": "acme-robotics", "source": "2024-river-update"}]},
            {"id": "institute-of-testing", "type": "institution", "name": text(), "summary": text(),
             "relations": [{"predicate": "located_in", "object": "river-city", "source": "2023-river-report"}]},
            {"id": "jane-doe", "type": "person", "name": text(), "summary": text(),
             "relations": [{"predicate": "works_for", "object": "acme-robotics", "role": text(),
                            "source": "2023-river-report", "quote": quote("2023-river-report")}]},
        ],
    }
    (folder / "facts.yml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    seeds = folder / "seeds"
    seeds.mkdir(exist_ok=True)
    for number, (source, said) in enumerate(sorted(quotes.items())):
        names = [entity["name"] for entity in facts["entities"]]  # type: ignore[index]
        meta = {"title": text(), "date": f"202{3 + number}-06-01", "date_note": text(), "publisher": text(),
                "byline": text(), "summary": text()}
        body = "\n\n".join([*said, *names, text()])
        (seeds / f"{source}.txt").write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}\n",
                                             encoding="utf-8")
    return folder


def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """The elements of a page in order, each as (tag, its attribute names): its markup without its text."""
    from html.parser import HTMLParser

    found: list[tuple[str, tuple[str, ...]]] = []

    class Walker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, tuple(sorted(name for name, _ in attrs))))

    Walker(convert_charrefs=True).feed(html)
    return found


def scripts(html: str) -> Iterator[tuple[dict[str, str | None], str]]:
    """Every <script> of a page: its attributes and its text."""
    from html.parser import HTMLParser

    out: list[tuple[dict[str, str | None], str]] = []
    inside = False

    class Walker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            nonlocal inside
            if tag == "script":
                out.append((dict(attrs), ""))
                inside = True

        def handle_endtag(self, tag: str) -> None:
            nonlocal inside
            inside = inside and tag != "script"

        def handle_data(self, data: str) -> None:
            if inside:
                attrs, text = out[-1]
                out[-1] = (attrs, text + data)

    Walker(convert_charrefs=True).feed(html)
    return iter(out)
