"""Edges of the checks of single inputs (generator/build/validate.py), each message read whole, line included.

An article's file name may be a slug of up to 80 characters; a longer or unsafe one is offered a slug cut to
80. Front matter values must be text, but a date may be a bare number (checked as a date like text); a value holding a control character
(only a YAML escape can put one there) or an empty date is reported once, at its key's line. Ids, former ids,
sectors and metrics may not take a name the site keeps for its own pages; each is reported at the line of
the key that holds it, which is not always the entity's first line. So is a repeated id, and a statement
citing an article that does not exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.load import load_seeds, parse_yaml
from generator.build.model import build_atlas
from generator.build.validate import check_atlas, check_seeds

BODY = "The article's text.\n"


def seed_problems(folder: Path, name: str, front_matter: str) -> list[str]:
    """`check_seeds`' messages for one article file (the only one) written with this front matter into
    seeds/ in the working folder."""
    seeds = folder / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir()
    (seeds / f"{name}.txt").write_text(f"---\n{front_matter}---\n{BODY}", encoding="utf-8")
    raw_sources, problems = load_seeds(seeds)
    assert problems == []
    return [str(p) for p in check_seeds(raw_sources)]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named as an editor sees them, from the project's folder: seeds/<name>.txt."""
    monkeypatch.chdir(tmp_path)


def atlas_problems(facts: str) -> list[str]:
    """`check_atlas`' messages for a fact file (schema-valid) with no articles."""
    data = parse_yaml(facts, "facts.yml")
    return [str(p) for p in check_atlas(build_atlas(data, [], "facts.yml"), data)]


@pytest.mark.parametrize("length", [79, 80])
def test_an_article_name_of_up_to_80_characters_is_accepted(tmp_path: Path, length: int) -> None:
    assert seed_problems(tmp_path, "a" * length, 'title: T\ndate: "2024"\n') == []


def test_a_longer_or_unsafe_article_name_is_offered_a_slug_of_80_characters(tmp_path: Path) -> None:
    assert seed_problems(tmp_path, "a" * 81, 'title: T\ndate: "2024"\n') == [
        f"seeds/{'a' * 81}.txt:1: the file name is not a safe URL slug (lowercase letters, digits, single "
        f"hyphens); rename it to '{'a' * 80}.txt'"]
    assert seed_problems(tmp_path, "B" * 90, 'title: T\ndate: "2024"\n') == [
        f"seeds/{'B' * 90}.txt:1: the file name is not a safe URL slug (lowercase letters, digits, single "
        f"hyphens); rename it to '{'b' * 80}.txt'"]


@pytest.mark.parametrize("front_matter, expected", [
    ('title: T\ndate: 2024\n', []),
    ('title: T\ndate: 20245\n',
     ["3: front matter date '20245' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD in quotes"]),
    ('title: 2024\ndate: "2024"\n', ["2: front matter 'title' is not text; write it as text in quotes: title: \"...\""]),
    ('title: T\npublisher: 12\ndate: "2024"\n',
     ["3: front matter 'publisher' is not text; write it as text in quotes: publisher: \"...\""]),
    ('title: T\ndate: true\n', ["3: front matter 'date' is not text; write it as text in quotes: date: \"...\""]),
    ('title: T\ndate: 2024.5\n', ["3: front matter 'date' is not text; write it as text in quotes: date: \"...\""]),
    ('title: T\ndate: "2024"\nbyline: "A\\aB"\n',
     ["4: front matter 'byline' holds an invisible control character U+0007; delete it (it came from an escape)"]),
    ('title: T\ndate: ""\n', ["1: front matter has no date; add 'date:' to it"]),
    ('title: T\ndate: "2024"\nurl: javascript:alert(1)\n',
     ["4: front matter url is not a web address; write the article's address, starting https:// (or http://)"]),
    ('title: T\n\ndate: "2024-02-30"\n',
     ["4: front matter date '2024-02-30' has no day 30 in February 2024; write YYYY, YYYY-MM or YYYY-MM-DD in quotes"]),
    ('title: T\ndate: "2024"\nsource: X\n', ["4: unknown front matter key 'source'; use only: byline, date, date_note, "
                                             "original_file, publisher, short_title, summary, title, url"]),
])
def test_each_front_matter_problem_is_reported_once_at_its_key_s_line(tmp_path: Path, front_matter: str,
                                                                      expected: list[str]) -> None:
    assert seed_problems(tmp_path, "an-article", front_matter) == [
        f"seeds/an-article.txt:{message}" for message in expected]


KEPT = """\
format: 2
sectors:
  robotics: Robotics
  index: Index sector
metrics:
  opened:
    label: Opened
    kind: event
  index:
    label: Index
    kind: event
entities:
  - type: company
    name: Index Works
    id: index
    summary: S.
  - type: person
    name: Jane Roe
    summary: S.
    former_ids: [by-letter]
    id: jane-roe
"""


def test_a_name_the_site_keeps_is_reported_at_the_line_of_the_key_that_holds_it() -> None:
    kept = [p for p in atlas_problems(KEPT) if "kept for a page" in p]
    assert kept == [
        "facts.yml:15: id 'index' is kept for a page of the site's own in companies/; rename it to e.g. "
        "'index-company'",
        "facts.yml:20: former id 'by-letter' is kept for a page of the site's own in people/; rename it to e.g. "
        "'by-letter-person'",
        "facts.yml:4: sector 'index' is kept for a page of the site's own in tags/; rename it to e.g. 'index-sector'",
        "facts.yml:9: metric 'index' is kept for a page of the site's own in figures/; rename it to e.g. "
        "'index-metric'",
    ]


HEAD = """\
format: 2
sectors: {robotics: Robotics}
metrics:
  opened: {label: Opened, kind: event}
entities:
"""
"""A fact file's first five lines: a sector, a metric, and the entities' key."""

DUPLICATE = HEAD + """\
  - type: company
    name: First Works
    id: works
    summary: S.
  - type: company
    name: Second Works
    summary: S.
    id: works
"""


def test_a_repeated_id_is_reported_at_its_id_line_naming_the_first_id_line() -> None:
    assert [p for p in atlas_problems(DUPLICATE) if "duplicate" in p] == [
        "facts.yml:13: duplicate id 'works' (first at line 8); give this entity another id, or merge the two entries"]


UNKNOWN_SOURCE = HEAD + """\
  - id: works
    type: company
    name: Works
    summary: S.
    statements:
      - metric: opened
        date: "2021"
        sources:
          - source: no-such-article
            quote: opened in 2021
"""


def test_a_statement_citing_an_unknown_article_is_reported_at_the_citation_naming_its_entity() -> None:
    assert [p for p in atlas_problems(UNKNOWN_SOURCE) if "not an article" in p] == [
        "facts.yml:14: 'works': source 'no-such-article' is not an article in seeds/; add the article to seeds/"]
