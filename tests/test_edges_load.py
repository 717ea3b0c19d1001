"""Edges of reading YAML (generator/build/load.py) that the fast event reader hands over to PyYAML: a text the
YAML reader refuses is located at the line of the bad character, a YAML error names its exact line, column and
wording, every key that is not text is reported, numbers that are not finite stay text the schema refuses,
recursive sets are refused where they start, and nesting too deep to read is a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build import load
from generator.build.load import NonFinite, parse_yaml, read_text
from generator.errors import InputError, Problem

SYNTAX = "fix the indentation or quoting at this point (a value holding ': ' or '#' needs quotes)"
ANCHOR = "x: &a 1\n"
"""An anchor: the fast reader leaves such a text to PyYAML."""


def problems(text: str, offset: int = 0) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "f.yml", offset)
    return [str(p) for p in caught.value.problems]


def test_a_character_yaml_cannot_read_is_located_at_its_line() -> None:
    # U+FFFF is no control character (so it passes that check) but the YAML reader refuses it; the text starts
    # with an empty line and goes on after the bad one, so the line is counted from the start to the character.
    text = "\na: 1\nb: x\uffffy\nc: 2\nd: 3\n"
    assert problems(text, 3) == ["f.yml:6: not readable as YAML text; save the file as plain UTF-8 text"]


def test_control_characters_and_deep_brackets_are_located_below_a_leading_empty_line() -> None:
    assert problems("\na: 1\nb: x\x07\nc: 2\n") == [
        "f.yml:3: invisible control character U+0007; delete it: it cannot be seen, quoted or shown"]
    deep = "[" * 101 + "]" * 101
    assert problems(f"\na: 1\nb: {deep}\nc: 2\nd: 3\n", 2) == [
        "f.yml:5: brackets nested more than 100 levels deep; write the values as plain YAML lists and mappings"]


def test_brackets_closed_on_the_way_do_not_count_towards_the_depth() -> None:
    # Five lists opened and closed, then 100 more inside the first: 101 deep at the most.
    assert problems("a: [" + "[], " * 5 + "[" * 100 + "]" * 101 + "\n") == [
        "f.yml:1: brackets nested more than 100 levels deep; write the values as plain YAML lists and mappings"]


def test_every_key_that_is_not_text_is_reported() -> None:
    assert problems(ANCHOR + "1: a\nb: 2\n2: b\n") == [
        f"f.yml:{line}: a key must be text, not a number; write the key as a plain name (put numbers, dates and "
        "yes/no in quotes)" for line in (2, 4)]


def test_numbers_that_are_not_finite_stay_text_when_pyyaml_reads_them() -> None:
    data = parse_yaml(ANCHOR + "v: .inf\nw: -.Inf\nn: .nan\n", "f.yml")
    assert {key: (type(data[key]), data[key]) for key in "vwn"} == {
        "v": (NonFinite, ".inf"), "w": (NonFinite, "-.Inf"), "n": (NonFinite, ".nan")}


@pytest.mark.parametrize(("text", "column"), [
    ("a: &x !!set {? *x}\n", 4),      # a mapping's value
    ("- &x !!set {? *x}\n", 3),        # a list's item
    ("? &x !!set {? *x}\n: v\n", 3),  # a mapping's key
])
def test_a_set_that_holds_itself_is_refused_where_it_starts(text: str, column: int) -> None:
    assert problems(text, 2) == [f"f.yml:3:{column}: YAML syntax error: found unconstructable recursive node; {SYNTAX}"]


def test_values_nested_too_deep_for_pyyaml_are_a_located_problem() -> None:
    text = ANCHOR + "b:\n" + "- " * 1200 + "v\n"
    assert problems(text, 2) == ["f.yml:3: values nested too deeply to read; write the values as plain YAML lists "
                                 "and mappings"]


def test_a_character_yaml_cannot_read_is_located_after_text_in_other_scripts() -> None:
    # libyaml counts its position in UTF-8 bytes: thirty 'é' are sixty bytes, which must not push the line down.
    text = "a: " + "é" * 30 + "\nb: x\uffff\nc: 1\nd: 2\ne: 3\n"
    assert problems(text) == ["f.yml:2: not readable as YAML text; save the file as plain UTF-8 text"]


@pytest.mark.parametrize(("value", "message"), [
    ("!!int abc", "'abc' is not a valid !!int"),
    ("!!float abc", "'abc' is not a valid !!float"),
    ("!!bool maybe", "'maybe' is not a valid !!bool"),
    ("!!timestamp abc", "'abc' is not a valid !!timestamp"),
    ("!!seq {a: 1}", "a mapping is not a valid !!seq"),
    ("!!map [a]", "a list is not a valid !!map"),
])
def test_a_value_its_tag_cannot_be_made_from_is_a_located_error(value: str, message: str) -> None:
    assert problems(f"a: 1\nb: {value}\n", 2) == [f"f.yml:4:4: YAML syntax error: {message}; {SYNTAX}"]


def test_values_nested_too_deep_for_the_fast_reader_are_a_located_problem() -> None:
    text = "a: 1\nb:\n" + "- " * 1200 + "v\n"
    assert problems(text, 2) == ["f.yml:3: values nested too deeply to read; write the values as plain YAML lists "
                                 "and mappings"]


def test_aliases_may_add_exactly_a_million_values_and_not_one_more() -> None:
    # c repeats b's 100 lists of a's 100 values 98 times: 999,796 values more than written (each alias written
    # stands for its list); e repeats d's values once, one more for each of them.
    def text(extra: int) -> str:
        return ("a: &a [" + "x," * 100 + "]\nb: &b [" + "*a," * 100 + "]\nc: [" + "*b," * 98 + "]\n"
                "d: &d [" + "y," * extra + "]\ne: *d\n")

    assert len(parse_yaml(text(204), "f.yml")["e"]) == 204
    assert problems(text(205)) == ["f.yml:1: aliases (*name) repeat more than 1,000,000 values; write the values "
                                   "out, or use fewer aliases"]


def test_a_control_character_in_front_matter_counts_the_lines_above_it() -> None:
    assert problems("title: T\ndate: x\x07\n", 1) == [
        "f.yml:3: invisible control character U+0007; delete it: it cannot be seen, quoted or shown"]


def test_a_file_that_cannot_be_read_is_at_fault_as_a_whole_and_a_link_says_why_it_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "link.yml").symlink_to(tmp_path / "facts.yml")
    (tmp_path / "folder.yml").mkdir()

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    def refused(name: str) -> list[Problem]:
        with pytest.raises(InputError) as caught:
            read_text(tmp_path / name)
        return caught.value.problems

    assert refused("none.yml") == [Problem("none.yml", 0, "file not found", "create it or pass the right path")]
    assert refused("folder.yml") == [Problem("folder.yml", 0, "is a folder, not a file", "pass the path of the file")]
    assert refused("link.yml") == [Problem("link.yml", 1, "is a link or a device, not a plain file",
                                           "commit the file itself: what a link points to would be published")]
    monkeypatch.setattr(Path, "read_text", denied)
    assert refused("facts.yml") == [Problem("facts.yml", 0, "cannot read: Permission denied", "check its permissions")]


def test_a_fact_file_that_is_no_mapping_and_a_missing_seeds_folder_say_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.load import load_facts, load_seeds
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        load_facts(Path("facts.yml"), "- a\n")
    assert caught.value.problems == [Problem("facts.yml", 1, "the fact file is not a mapping",
                                             "start it with 'format: 2', 'sectors:', 'metrics:' and 'entities:'")]
    assert load_seeds(tmp_path / "seeds") == ([], [Problem("seeds", 0, "seeds folder not found",
                                                           "pass --seeds with the folder that holds the articles")])


def test_a_second_front_matter_block_is_found_with_more_rules_below_it_and_blank_lines_are_counted(
        tmp_path: Path) -> None:
    from generator.build.load import load_seeds
    (tmp_path / "a.txt").write_text("---\ntitle: A\n---\n---\nSummary: S\n---\nText.\n\n---\n\nMore.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\ntitle: B\n---\n---\nsummary: S\n---\nText.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("\n\nNo front matter.\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("\n---\ntitle: D\nText.\n", encoding="utf-8")
    sources, found = load_seeds(tmp_path)
    assert [(s.id, s.first_line, s.text) for s in sources] == [("c", 3, "No front matter.")]
    second = ("the text starts with a second front matter block; move its keys into the first block between the "
              "'---' lines, then delete it")
    assert [str(p).rsplit("/", 1)[-1] for p in found] == [
        f"a.txt:4: {second}", f"b.txt:4: {second}",
        "d.txt:2: the front matter has no closing '---' line; end the front matter with a line '---' above the "
        "article's text"]


def test_a_site_url_that_is_empty_or_not_yaml_is_no_site_url(tmp_path: Path) -> None:
    from generator.build.load import load_site_url
    config = tmp_path / "mkdocs.yml"
    found = []
    for line in ("site_url:", "site_url: ''", "site_url: [unclosed"):
        config.write_text(f"site_name: A\n{line}\n", encoding="utf-8")
        found.append(load_site_url(config))
    assert found == ["", "", ""]


def test_the_site_address_is_read_from_a_chinese_mkdocs_yml_whatever_the_machines_locale(tmp_path: Path) -> None:
    """mkdocs.yml is UTF-8 (the site's name and description are Chinese); a machine whose locale says ASCII
    (an unconfigured container: LC_ALL=C, no UTF-8 mode) still reads its site_url."""
    import os
    import subprocess
    import sys

    (tmp_path / "mkdocs.yml").write_text("site_name: G60 科创走廊\nsite_url: https://atlas.example.org/\n",
                                         encoding="utf-8")
    from generator.build.load import load_site_url

    assert load_site_url(tmp_path / "mkdocs.yml") == "https://atlas.example.org/"  # here, under this locale
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    read = subprocess.run([sys.executable, "-c", "import sys; from generator.build.load import load_site_url; "
                           "from pathlib import Path; print(load_site_url(Path(sys.argv[1])))",
                           str(tmp_path / "mkdocs.yml")], capture_output=True, text=True, env=env, timeout=60)
    assert (read.returncode, read.stdout, read.stderr) == (0, "https://atlas.example.org/\n", "")


@pytest.mark.parametrize("error, expected", [
    (yaml.MarkedYAMLError(), "f.yml:4: YAML syntax error: syntax error; " + SYNTAX),
    (yaml.YAMLError(), "f.yml:4: not readable as YAML text; save the file as plain UTF-8 text"),
])
def test_a_yaml_error_without_a_place_or_a_problem_still_names_the_file_and_its_first_line(
        monkeypatch: pytest.MonkeyPatch, error: yaml.YAMLError, expected: str) -> None:
    """PyYAML's loaders always give a mark (or a reader's position) and a problem, but other versions of it may
    not: the error then stands at the text's first line, never a traceback. The text starts with an empty line,
    so that a position taken for 1 instead of 0 would move the error a line down."""
    def refuse(self: object) -> None:
        raise error
    monkeypatch.setattr(load._FactLoader, "get_single_data", refuse)
    assert problems("\n" + ANCHOR, 3) == [expected]


def test_an_article_in_chinese_is_read_as_utf_8_whatever_the_machines_locale(tmp_path: Path) -> None:
    """Articles and the fact file are UTF-8; under an ASCII locale (LC_ALL=C, no UTF-8 mode) they read the same."""
    import os
    import subprocess
    import sys

    article = tmp_path / "article.txt"
    article.write_text("---\ntitle: 嘉兴\n---\n嘉兴市 Jiaxing\n", encoding="utf-8")
    assert read_text(article) == "---\ntitle: 嘉兴\n---\n嘉兴市 Jiaxing\n"  # here, under this locale
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    read = subprocess.run([sys.executable, "-c", "import sys; from generator.build.load import read_text; "
                           "from pathlib import Path; sys.stdout.buffer.write(read_text(Path(sys.argv[1])).encode())",
                           str(article)], capture_output=True, env=env, timeout=60)
    assert (read.returncode, read.stdout.decode("utf-8"), read.stderr) == (0, article.read_text(encoding="utf-8"), b"")
