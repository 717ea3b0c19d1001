"""Reading the fact file and the articles into records that remember their lines (generator/build/load.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import load
from generator.build.load import LineDict, LineList, NonFinite, load_facts, load_seeds, load_site_url, parse_yaml
from generator.errors import InputError


def problems(text: str, offset: int = 0) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "f.yml", offset)
    return [str(p) for p in caught.value.problems]


def test_mappings_and_lists_remember_their_lines() -> None:
    data = parse_yaml("a: 1\nb:\n  - x\n  -\n    c: 2\n    d: [3, 4]\ne: {f: 5}\n", "f.yml")
    assert isinstance(data, LineDict) and data.line == 1
    assert data.key_lines == {"a": 1, "b": 2, "e": 7}
    items = data["b"]
    assert isinstance(items, LineList) and items.line == 3 and items.item_lines == [3, 5]
    assert items[1].line == 5 and items[1].key_lines == {"c": 5, "d": 6}
    assert items[1]["d"].item_lines == [6, 6]
    assert data["e"].line == 7


def test_lines_count_from_an_offset_for_front_matter() -> None:
    data = parse_yaml("title: T\ndate: x\n", "a.txt", 1)
    assert data.line == 2 and data.key_lines == {"title": 2, "date": 3}
    assert problems("title: [\n", 1) == ["f.yml:3:1: YAML syntax error: did not find expected node content; fix "
                                         "the indentation or quoting at this point (a value holding ': ' or '#' "
                                         "needs quotes)"]


def test_dates_stay_text_and_numbers_follow_yaml_1_2() -> None:
    data = parse_yaml("d: 2023-11-05\nm: 2023-11\ny: 2023\ne: 1e12\nf: 1.5E-3\ng: 1_000\nh: 0.5\ns: 1e\n", "f.yml")
    assert data == {"d": "2023-11-05", "m": "2023-11", "y": 2023, "e": 1e12, "f": 0.0015, "g": 1000, "h": 0.5,
                    "s": "1e"}
    assert type(data["e"]) is float and type(data["y"]) is int


@pytest.mark.parametrize("text", [".nan", ".inf", "-.inf", ".NaN", "1.0e999", "-1e400"])
def test_numbers_that_are_not_finite_become_text_the_schema_refuses(text: str) -> None:
    value = parse_yaml(f"v: {text}\n", "f.yml")["v"]
    assert isinstance(value, NonFinite) and value == text


def test_merge_keys_are_read_and_may_be_overridden() -> None:
    data = parse_yaml("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "f.yml")
    assert data["c"] == {"x": 1, "y": 3}
    assert problems("base: &b {x: 1}\nc:\n  <<: *b\n  y: 3\n  y: 4\n") == [
        "f.yml:5: key 'y' appears twice in one mapping; keep one; the second would silently replace the first"]


@pytest.mark.parametrize(("text", "message"), [
    ("? [a, b]\n: c\n", "f.yml:1: a key must be text, not a list"),
    ("? {a: 1}\n: c\n", "f.yml:1: a key must be text, not a mapping"),
    ("x: 1\n2024: y\n", "f.yml:2: a key must be text, not a number"),
    ("1.5: y\n", "f.yml:1: a key must be text, not a number"),
    ("yes: y\n", "f.yml:1: a key must be text, not true or false"),
    ("~: y\n", "f.yml:1: a key must be text, not empty"),
    ("2024-01-01: y\n", None),
])
def test_keys_must_be_text(text: str, message: str | None) -> None:
    if message is None:
        assert parse_yaml(text, "f.yml") == {"2024-01-01": "y"}
        return
    assert problems(text) == [f"{message}; write the key as a plain name (put numbers, dates and yes/no in quotes)"]


def test_a_key_twice_is_reported_at_its_second_line() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == ["f.yml:3: key 'a' appears twice in one mapping; keep one; the second "
                                             "would silently replace the first"]


def test_control_characters_are_located_by_line() -> None:
    found = problems("a: 1\nb: x\x07y\nc: \u202e\n")
    assert found == ["f.yml:2: invisible control character U+0007; delete it: it cannot be seen, quoted or shown",
                     "f.yml:3: invisible control character U+202E; delete it: it cannot be seen, quoted or shown"]
    assert len(problems("".join(f"a{i}: \x01\n" for i in range(50)))) == 20, "at most 20 reported"
    assert parse_yaml("a: tab\there\r\nb: 2\n", "f.yml") == {"a": "tab\there", "b": 2}


def test_brackets_nested_too_deep_are_refused_before_parsing() -> None:
    limit = load.MAX_DEPTH
    assert parse_yaml("a: " + "[" * limit + "]" * limit + "\n", "f.yml")["a"]
    assert problems("x: 1\na: " + "[" * (limit + 1) + "]" * (limit + 1) + "\n") == [
        f"f.yml:2: brackets nested more than {limit} levels deep; write the values as plain YAML lists and mappings"]


def test_aliases_may_not_multiply_the_values() -> None:
    small = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    assert parse_yaml(small, "f.yml")["b"] == [[1, 2, 3]] * 3
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n" for i in range(1, 8))
    bomb = "l0: &l0 [x]\n" + bomb
    assert problems(bomb) == [f"f.yml:1: aliases (*name) repeat more than {load.MAX_EXPANSION:,} values; "
                              "write the values out, or use fewer aliases"]


def test_yaml_errors_are_located() -> None:
    assert problems("a: b: c\n") == ["f.yml:1:5: YAML syntax error: mapping values are not allowed in this context; "
                                     "fix the indentation or quoting at this point (a value holding ': ' or '#' needs quotes)"]
    assert problems("a: &x [*x]\n")[0].startswith("f.yml:1:")
    assert problems("x: !!python/name:os.system\n")[0].startswith("f.yml:1:4: YAML syntax error: could not determine")


def test_the_fact_file_must_be_a_mapping(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yml"
    facts.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_facts(facts)
    assert [p.message for p in caught.value.problems] == ["the fact file is not a mapping"]
    facts.write_text("format: 1\n", encoding="utf-8")
    assert load_facts(facts) == {"format": 1}


def read_problem(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load.read_text(path)
    (problem,) = caught.value.problems
    return str(problem).replace(os.path.relpath(path), "PATH")


def test_files_that_cannot_be_read_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_problem(tmp_path / "none.yml") == "PATH: file not found; create it or pass the right path"
    assert read_problem(tmp_path) == "PATH: is a folder, not a file; pass the path of the file"
    (tmp_path / "bad.txt").write_bytes(b"ok\nok\n\xff\n")
    assert read_problem(tmp_path / "bad.txt") == "PATH:3: not valid UTF-8 text; save the file as UTF-8"
    (tmp_path / "link.txt").symlink_to(tmp_path / "bad.txt")
    assert read_problem(tmp_path / "link.txt").startswith("PATH:1: is a link or a device, not a plain file")
    monkeypatch.setattr(load, "MAX_BYTES", 5)
    (tmp_path / "big.txt").write_text("123456", encoding="utf-8")
    assert read_problem(tmp_path / "big.txt") == ("PATH:1: larger than 0 MB; keep the fact file and each article "
                                                  "under that size")
    (tmp_path / "fits.txt").write_text("12345", encoding="utf-8")
    assert load.read_text(tmp_path / "fits.txt") == "12345"


def test_an_unreadable_file_names_its_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.yml"
    locked.write_text("a: 1\n", encoding="utf-8")

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", denied)  # as a file without read permission does for a normal user
    assert read_problem(locked) == "PATH: cannot read: Permission denied; check its permissions"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_articles_are_read_in_name_order_with_where_their_text_starts(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "---\ntitle: B\ndate: \"2024\"\n---\n\nFirst line.\n\nSecond.\n")
    write(tmp_path, "a.txt", "\n\n---\ntitle: A\n---\nText.\n")
    write(tmp_path, "c.txt", "No front matter.\n")
    write(tmp_path, "notes.md", "ignored")
    sources, found = load_seeds(tmp_path)
    assert found == []
    assert [(s.id, s.first_line, s.text) for s in sources] == [
        ("a", 6, "Text."), ("b", 6, "First line.\n\nSecond."), ("c", 1, "No front matter.")]
    assert sources[1].meta == {"title": "B", "date": "2024"} and sources[1].meta.key_lines == {"title": 2, "date": 3}
    assert sources[0].meta.key_lines == {"title": 4}
    assert sources[2].meta == {}


def test_article_front_matter_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "---\ntitle: A\nText without an end.\n")
    write(tmp_path, "b.txt", "---\n- x\n---\nText.\n")
    write(tmp_path, "c.txt", "---\n---\nText.\n")
    write(tmp_path, "d.TXT", "---\ntitle: D\n---\nText.\n")
    write(tmp_path, "e.txt", "Bell \x07.\n")
    sources, found = load_seeds(tmp_path)
    assert [s.id for s in sources] == ["c"] and sources[0].meta == {} and sources[0].first_line == 3
    shown = [str(p).split("/")[-1] for p in found]
    assert shown == [
        "a.txt:1: the front matter has no closing '---' line; end the front matter with a line '---' above the "
        "article's text",
        "b.txt:2: the front matter is not a list of 'key: value' lines; write 'title: ...' and 'date: \"YYYY-MM-DD\"' "
        "between the '---' lines",
        "d.TXT:1: an article's file name must end in '.txt'; rename it to 'd.txt'",
        "e.txt:1: invisible control character U+0007; delete it: it cannot be seen, quoted or shown",
    ]


def test_a_missing_seeds_folder_is_a_problem(tmp_path: Path) -> None:
    sources, found = load_seeds(tmp_path / "nowhere")
    assert sources == [] and [p.message for p in found] == ["seeds folder not found"]


def test_site_url_is_read_as_text(tmp_path: Path) -> None:
    config = write(tmp_path, "mkdocs.yml", "INHERIT: x.yml\nsite_name: A\nsite_url: 'https://a.example/x/'\n!!tag: y\n")
    assert load_site_url(config) == "https://a.example/x/"
    write(tmp_path, "mkdocs.yml", "site_name: A\n")
    assert load_site_url(config) == ""
    assert load_site_url(tmp_path / "missing.yml") == ""


def _same(fast: object, slow: object) -> bool:
    """Equal data, types and line marks."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return (fast.line, fast.key_lines, list(fast)) == (slow.line, slow.key_lines, list(slow)) and all(  # type: ignore[attr-defined]
            _same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list):
        return (fast.line, fast.item_lines, len(fast)) == (slow.line, slow.item_lines, len(slow)) and all(  # type: ignore[attr-defined]
            _same(a, b) for a, b in zip(fast, slow))
    return fast == slow or (fast != fast and slow != slow)


def test_the_fast_reader_reads_as_pyyaml_does_or_hands_over() -> None:
    """On the fixture, the real fact file and 150 generated fact files: the event reader gives PyYAML's
    data, line marks and key problems exactly, or says Unsupported (and PyYAML reads it)."""
    from hypothesis import HealthCheck, given, settings

    from generator.build import yamlfast
    from generator.build.load import _FactLoader, _read_with_pyyaml
    from test_hostile import fact_files

    def agree(text: str) -> None:
        try:
            fast = yamlfast.read(text, _FactLoader.yaml_implicit_resolvers, 3)
        except yamlfast.Unsupported:
            return
        slow = _read_with_pyyaml(text, "f.yml", 3)
        assert _same(fast[0], slow[0]) and fast[1:] == slow[1:], text

    from conftest import FIXTURE, ROOT, examples
    agree((FIXTURE / "facts.yml").read_text(encoding="utf-8"))
    agree((ROOT / "facts.yml").read_text(encoding="utf-8"))

    @settings(max_examples=examples(150), deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(fact_files())
    def generated(text: str) -> None:
        agree(text)

    generated()


def test_the_fact_file_read_in_pieces_is_the_fact_file_read_whole() -> None:
    """Read entity by entity (factchunks.py) or whole: the same data and line marks, on the fixture, the
    real fact file and 150 generated ones; or the pieces give way to the whole file."""
    from hypothesis import HealthCheck, given, settings

    from generator.build.factchunks import read_in_pieces
    from generator.build.load import parse_yaml
    from test_hostile import fact_files

    def agree(text: str) -> bool:
        pieces = read_in_pieces(text, lambda piece, offset: parse_yaml(piece, "f.yml", offset))
        if pieces is None:
            return False
        assert _same(pieces, parse_yaml(text, "f.yml")), text
        return True

    from conftest import FIXTURE, ROOT, examples
    assert agree((FIXTURE / "facts.yml").read_text(encoding="utf-8")), "the usual shape is read in pieces"
    assert agree((ROOT / "facts.yml").read_text(encoding="utf-8"))

    @settings(max_examples=examples(150), deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(fact_files())
    def generated(text: str) -> None:
        agree(text)

    generated()


def test_a_piece_read_before_is_not_read_again() -> None:
    from generator.build.factchunks import read_in_pieces
    from generator.build.load import parse_yaml
    from conftest import FIXTURE

    reads: list[int] = []

    def read(piece: str, offset: int) -> object:
        reads.append(offset)
        return parse_yaml(piece, "f.yml", offset)

    text = (FIXTURE / "facts.yml").read_text(encoding="utf-8")
    first = read_in_pieces(text, read)
    assert first is not None
    reads.clear()
    edited = text.replace("A fixture robot maker", "A robot maker")
    second = read_in_pieces(edited, read)
    assert second is not None and len(reads) == 2, "the head and the one entity edited"
    changed = [e["id"] for e, f in zip(second["entities"], first["entities"]) if e is not f]
    assert changed == ["acme-robotics"]
    assert _same(second, parse_yaml(edited, "f.yml"))
