"""Hostile input (issue 10): nothing a pull request puts in facts.yml or seeds/ runs code in a reader's
browser, replaces a page of the site's own, writes outside docs/, or crashes the generator.

Each numbered finding of the security review has a test here; `test_any_input_gives_a_site_or_located_errors`
is the property test over generated inputs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, ROOT, copy_site_skeleton, shared, snapshot
from generator.build import write
from generator.build.load import MAX_BYTES
from generator.build.model import TYPES
from generator.build.opendata import CSV_FILES
from generator.build.paths import (figure_page, fixed_pages, folder_of, reserved_names, sector_page, source_page,
                                   type_index)
from generator.cli import cli
from hostile import PAYLOADS, hostile_text, plain_text, scripts, structure, write_project
from sitecheck import mkdocs_build

LOCATED = re.compile(r"^\S.*?:\d+(:\d+)?: .+; .+$")
"""FILE:LINE: what is wrong; how to fix it."""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def assert_refused(project: Path, *needles: str) -> list[str]:
    """`check` and `build` both exit 1 with located one-line problems mentioning needles; nothing is written."""
    before = snapshot(project)
    for command in ("check", "build"):
        result = run(command)
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        lines = result.output.splitlines()
        assert lines[-1].startswith("check failed: ") and lines[-1].endswith("nothing was written"), result.output
        for line in lines[:-1]:
            assert LOCATED.match(line), line
        for needle in needles:
            assert needle in result.output, result.output
    assert snapshot(project) == before, "a refused input changed a file"
    return lines[:-1]


def add_entity(project: Path, yaml_text: str) -> None:
    """Append an entity (YAML, indented as an item of `entities:`) to the fixture's fact file."""
    facts = project / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n" + yaml_text, encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ARTICLE = '---\ntitle: "An article"\ndate: "2024-01-02"\n---\nSome text.\n'


# 1. Article file names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ['x"><img src=x onerror=alert(1)>', "Upper Case Ünï", ".", "a_b", "-lead", "a--b",
                                  "tab\there", "x" * 81])
def test_article_file_names_must_be_safe_slugs(project: Path, name: str) -> None:
    (project / "seeds" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    lines = assert_refused(project, "the file name is not a safe URL slug")
    assert any("rename it to '" in line for line in lines)


def test_an_article_file_name_in_capitals_is_not_silently_skipped(project: Path) -> None:
    (project / "seeds" / "2025-news.TXT").write_text(ARTICLE, encoding="utf-8")
    assert_refused(project, "must end in '.txt'")


# 2. Names the site keeps for its own pages ----------------------------------------------------------------

RESERVED_INPUTS = (
    [("entity", type_id, name) for type_id in TYPES
     for name in sorted(reserved_names(folder_of(type_index(type_id))))]
    + [("former-id", type_id, name) for type_id in ("company", "person")
       for name in sorted(reserved_names(folder_of(type_index(type_id))))]
    + [("article", "", name) for name in sorted(reserved_names(folder_of(source_page("x"))))]
    + [("sector", "", name) for name in sorted(reserved_names(folder_of(sector_page("x"))))]
    + [("metric", "", name) for name in sorted(reserved_names(folder_of(figure_page("x"))))]
)


@pytest.mark.parametrize(("kind", "type_id", "name"), RESERVED_INPUTS,
                         ids=[f"{k}-{t}-{n}" for k, t, n in RESERVED_INPUTS])
def test_no_input_may_take_a_name_the_site_keeps(project: Path, kind: str, type_id: str, name: str) -> None:
    facts = project / "facts.yml"
    if kind == "entity":
        add_entity(project, f"  - id: {name}\n    type: {type_id}\n    name: Reserved Test\n    summary: S.\n")
    elif kind == "former-id":
        add_entity(project, f"  - id: fresh-one\n    type: {type_id}\n    name: Reserved Test\n    summary: S.\n"
                            f"    former_ids: [{name}]\n")
    elif kind == "article":
        (project / "seeds" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    elif kind == "sector":
        replace_in(facts, "sectors:\n", f"sectors:\n  {name}: Reserved test\n")
    else:
        replace_in(facts, "metrics:\n", f"metrics:\n  {name}:\n    label: Reserved test\n    kind: event\n")
    assert_refused(project, f"'{name}'", "kept for a page of the site's own", "rename it to")


@pytest.mark.site
def test_the_kept_names_cover_every_page_the_real_atlas_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page is either one of paths.fixed_pages() or named by an input, even at the size where
    indexes split by letter and the timeline pages: so reserved_names, derived from fixed_pages, is complete."""
    from generator.build.pages import index, timeline
    from generator.build.pipeline import load_atlas
    from generator.build.render import render_site

    monkeypatch.setattr(index, "INDEX_ROWS", 1)
    monkeypatch.setattr(timeline, "TIMELINE_PAGE_SIZE", 1)
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")  # the real atlas: it has events enough for pages
    pages = set(render_site(atlas))
    named = ({e.url for e in atlas.entities.values()} | {source_page(s) for s in atlas.sources}
             | {sector_page(s) for s in atlas.sectors} | {figure_page(m) for m in atlas.metrics})
    fixed = set(fixed_pages())
    unexplained = {p for p in pages - named - fixed
                   if not p.startswith("data/") and not re.fullmatch(r"timeline/\d+\.md", p)}
    assert unexplained == set()
    assert any("/by-letter/" in p for p in pages) and "timeline/3.md" in pages


def test_two_entities_may_not_claim_one_former_id(project: Path) -> None:
    add_entity(project, "  - id: robot-works\n    type: company\n    name: Robot Works\n    summary: S.\n"
                        "    former_ids: [acme-robots]\n")
    assert_refused(project, "former id 'acme-robots' of 'robot-works' is also a former id of 'acme-robotics'")


# 3 and 4. Inputs that used to crash the generator, or slip through ---------------------------------------

FACT_FILE_CASES = {
    "complex key": ("sectors:\n", "sectors:\n  ? [a, b]\n  : c\n", "a key must be text, not a list"),
    "number key": ("sectors:\n", "sectors:\n  2024: Year\n", "a key must be text, not a number"),
    "infinite value": ("value: 1200", "value: .inf", "'.inf' is not a finite number"),
    "not a number": ("value: 1200", "value: .nan", "'.nan' is not a finite number"),
    "huge exponent": ("value: 1200", "value: 1.0e999", "is not a finite number"),
    "400 digits": ("value: 1200", "value: " + "9" * 400, "out of range"),
    "beyond a page": ("value: 1200", "value: 1.0e16", "out of range"),
    "binary": ("value: 1200", "value: !!binary aGVsbG8=", "expected a number"),
    "python tag": ("value: 1200", "value: !!python/object:os.system x", "YAML syntax error"),
    "control character": ("name: Jane Doe", "name: Jane\x07Doe", "invisible control character U+0007"),
    "direction override": ("name: Jane Doe", "name: Jane \u202eeoD", "invisible control character U+202E"),
    "deep brackets": ("sectors:\n", "sectors:\n  deep: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    "recursive alias": ("sectors:\n", "loop: &a [*a]\nsectors:\n", "YAML syntax error"),
    "alias bomb": ("sectors:\n", "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]\n"
                                          for i in range(1, 8)).replace("*b0", "x") + "sectors:\n",
                   "aliases (*name) repeat more than"),
    "key twice": ("  robotics: Robotics\n", "  robotics: Robotics\n  robotics: Robots\n", "appears twice"),
    # keys added since (issues 13, 14): every shape the schema refuses is reported, never a crash
    "entity null": ("entities:\n", "entities:\n  - null\n", "entities[0]"),
    "at_a_glance a list": ("at_a_glance:\n", "at_a_glance: [a]\nunused:\n", "at_a_glance"),
    "at_a_glance a number": ("  city: [province-share, investment]", "  city: 5", "at_a_glance.city"),
    "distinct_from a number": ("    distinct_from:\n", "    distinct_from: 5\n    unused:\n", "distinct_from"),
    "distinct_from entry null": ("    distinct_from:\n", "    distinct_from:\n      - null\n    unused:\n",
                                 "distinct_from[0]"),
    "review a list": ("    name: Jane Doe\n", "    name: Jane Doe\n    review: [draft]\n", "review"),
}


@pytest.mark.parametrize("case", list(FACT_FILE_CASES))
def test_hostile_fact_file_gives_located_errors(project: Path, case: str) -> None:
    old, new, needle = FACT_FILE_CASES[case]
    replace_in(project / "facts.yml", old, new)
    assert_refused(project, needle)


FRONT_MATTER_CASES = {
    "impossible date, unquoted": ("---\ntitle: T\ndate: 2024-02-30\n---\nText.\n", ":3: front matter date '2024-02-30' has no day 30"),
    "title a list": ("---\ntitle: [a, b]\ndate: \"2024\"\n---\nText.\n", ":2: front matter 'title' is not text"),
    "not key-value": ("---\n- a\n- b\n---\nText.\n", "is not a list of 'key: value' lines"),
    "never closed": ("---\ntitle: T\ndate: \"2024\"\nText.\n", "has no closing '---' line"),
    "complex key": ("---\n? [a, b]\n: c\ntitle: T\ndate: \"2024\"\n---\nText.\n", ":2: a key must be text"),
    "yaml error": ("---\ntitle: \"T\ndate: x\n---\nText.\n", "YAML syntax error"),
    "control character in text": ("---\ntitle: T\ndate: \"2024\"\n---\nText.\n\nBell\x07 here.\n", ":7: invisible control character"),
    "deep brackets": ("---\ntitle: " + "{" * 3000 + "\ndate: \"2024\"\n---\nText.\n", "nested more than"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER_CASES))
def test_hostile_front_matter_gives_located_errors(project: Path, case: str) -> None:
    text, needle = FRONT_MATTER_CASES[case]
    (project / "seeds" / "2025-hostile.txt").write_text(text, encoding="utf-8")
    assert_refused(project, "seeds/2025-hostile.txt", needle)


def test_files_over_the_size_limit_are_refused_unread(project: Path) -> None:
    big = project / "seeds" / "2025-big.txt"
    big.write_text(ARTICLE + "x" * MAX_BYTES, encoding="utf-8")
    assert_refused(project, "seeds/2025-big.txt:1: larger than 20 MB")


# 4 and 5. Open data that tools and spreadsheets can open safely --------------------------------------------


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site_skeleton(tmp_path_factory.mktemp("hostile"))
    write_project(project, hostile_text())
    result = CliRunner().invoke(cli, ["build", "--facts", str(project / "facts.yml"), "--seeds",
                                      str(project / "seeds"), "--docs", str(project / "docs")])
    assert result.exit_code == 0, result.output
    return project


def test_open_data_is_strict_json(hostile_project: Path) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    data = json.loads((hostile_project / "docs" / "data" / "atlas.json").read_text(encoding="utf-8"),
                      parse_constant=refuse)
    values = [s["value"] for e in data["entities"] for s in e["statements"] if s["value"] is not None]
    assert -5 in values and 3.5 in values


def test_no_csv_cell_starts_a_formula(hostile_project: Path) -> None:
    starts = tuple("=+-@\t\r＝＋－＠")
    neutralised = 0
    for name in CSV_FILES:
        text = (hostile_project / "docs" / "data" / name).read_text(encoding="utf-8")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if cell.lstrip(" ").startswith(starts):
                    assert re.fullmatch(r"-?\d+(\.\d+)?", cell), f"{name}: {cell!r} would run as a formula"
                neutralised += cell.startswith("'") and cell[1:].lstrip(" ").startswith(starts)
    assert neutralised >= len(CSV_FILES), "every table holds hostile names, and each was neutralised"
    statements = (hostile_project / "docs" / "data" / "statements.csv").read_text(encoding="utf-8")
    assert ",-5," in statements, "a negative number stays a number"


# Every template and override escapes what it prints ------------------------------------------------------


@pytest.fixture(scope="module")
def twin_sites(hostile_project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = copy_site_skeleton(tmp_path_factory.mktemp("plain"))
    write_project(plain, plain_text())
    result = CliRunner().invoke(cli, ["build", "--facts", str(plain / "facts.yml"), "--seeds", str(plain / "seeds"),
                                      "--docs", str(plain / "docs")])
    assert result.exit_code == 0, result.output
    return mkdocs_build(hostile_project), mkdocs_build(plain)


def test_hostile_text_adds_no_element_or_attribute_to_any_page(twin_sites: tuple[Path, Path]) -> None:
    hostile, plain = twin_sites
    pages = sorted(p.relative_to(hostile) for p in hostile.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain) for p in plain.rglob("*.html")) and len(pages) > 20
    # A map sets a long name on two lines (a <tspan x dy> each), so how many there are follows the names'
    # lengths, not their markup: those are left out of the count (names are escaped: tests/test_map.py).
    line = ("tspan", ("dy", "x"))
    for rel in pages:
        extra = Counter(structure((hostile / rel).read_text(encoding="utf-8"))) - Counter(
            structure((plain / rel).read_text(encoding="utf-8")))
        extra.pop(line, None)
        assert not extra, f"{rel}: markup from the input: {dict(extra)}"


def test_structured_data_stays_inside_its_script(twin_sites: tuple[Path, Path]) -> None:
    hostile, _ = twin_sites
    checked = 0
    for page in hostile.rglob("*.html"):
        for attrs, text in scripts(page.read_text(encoding="utf-8")):
            if attrs.get("type") == "application/ld+json":
                document = json.loads(text)
                assert "x-evil" in json.dumps(document), "the payloads are in it, as data"
                checked += 1
            else:
                assert "x-evil" not in text and (attrs.get("src") or "").find("x-evil") < 0
    assert checked >= 9


# 6 and the notes: one build at a time, nothing outside docs/, nothing half-written, usual modes -------------


def test_a_second_build_waits_then_names_the_one_writing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds docs/ (as a build would: the lock file, with its pid in it)."""
    docs = project / "docs"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import os, sys, time; from filelock import FileLock\n"
                               "with FileLock(sys.argv[1], on_acquired=lambda fd: os.write(fd, b'%d' % os.getpid())):\n"
                               "    print('held', flush=True); time.sleep(30)", str(docs / write.LOCK)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = snapshot(project)
        monkeypatch.setattr(write, "LOCK_WAIT", 0.5)
        started = time.monotonic()
        result = run("build")
        assert time.monotonic() - started >= 0.5, "it waited"
        assert result.exit_code == 1
        assert result.output == f"error: another build is writing docs/ (pid {holder.pid}); wait for it to finish, or stop it\n"
        assert snapshot(project) == before
    finally:
        holder.kill()
        holder.wait()
    assert run("build").exit_code == 0, "the lock is free once its holder is gone"


def test_two_builds_at_once_both_finish_and_agree(project: Path) -> None:
    """Two builds started together (as a build and `serve` would be): one waits for the other."""
    from concurrent.futures import ThreadPoolExecutor

    from generator.build.pipeline import build_pages

    facts, seeds, docs = project / "facts.yml", project / "seeds", project / "docs"
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: build_pages(facts, seeds, docs), range(2)))
    assert sorted(len(r.written) for r in reports)[0] == 0, "the second found the first's pages in place"
    together = snapshot(docs)
    shutil.rmtree(docs / "companies")
    assert run("build").exit_code == 0
    pages = {k: v[0] for k, v in snapshot(docs).items() if k != write.MANIFEST}
    assert pages == {k: v[0] for k, v in together.items() if k != write.MANIFEST}


def test_nothing_is_written_through_a_link_out_of_docs(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.rmtree(project / "docs" / "companies", ignore_errors=True)
    (project / "docs" / "companies").symlink_to(elsewhere, target_is_directory=True)
    result = run("build")
    assert result.exit_code == 1
    assert result.output == ("error: docs/companies is a symbolic link that leads out of docs/; replace it with a "
                             "real folder (the generator writes nothing outside docs/)\n")
    assert list(elsewhere.iterdir()) == []
    assert not (project / "docs" / "index.md").exists(), "nothing was written at all"


def test_a_killed_build_leaves_nothing_behind_after_the_next(project: Path) -> None:
    assert run("build").exit_code == 0
    leftovers = [project / "docs" / "people" / ".atlas-k1ll3d.tmp", project / "docs" / ".atlas-x.tmp"]
    for path in leftovers:
        path.write_text("", encoding="utf-8")
    replace_in(project / "facts.yml", "A fixture robot maker", "A changed robot maker")
    assert run("build").exit_code == 0
    assert [p for p in leftovers if p.exists()] == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_generated_files_get_the_mode_the_umask_gives(project: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        assert run("build").exit_code == 0
    finally:
        os.umask(previous)
    modes = {oct(p.stat().st_mode & 0o777) for p in (project / "docs").rglob("*")
             if p.is_file() and p.name != write.LOCK and p.parent.name != "assets"}
    assert modes == {oct(mode)}


# Never a traceback: the property ---------------------------------------------------------------------------

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FIXTURE_FACTS = yaml.safe_load((FIXTURE / "facts.yml").read_text(encoding="utf-8"))
RAW_FRAGMENTS = (
    "? [a, b]\n: c\n", "x: &a [1, 2]\ny: *a\n", "z: *nowhere\n", "<<: {format: 1}\n", "v: !!binary aGk=\n",
    "w: !!python/name:os.system\n", "t: !!timestamp 2024-01-01\n", "s: !!set {a, b}\n", "o: !!omap [a: 1]\n",
    "deep: " + "[" * 200 + "]" * 200 + "\n", "k: [" * 3 + "\n", "\ttab: indented\n", "n: .nan\n", "i: -.inf\n",
    "big: " + "7" * 500 + "\n", "%YAML 1.1\n---\n", "--- !!str\n", "...\n", "dup: 1\ndup: 2\n", "'\\u0000': x\n",
    "key with spaces: [\n", "yes: no\n", "~: null\n", "1.5: float key\n", "\ufeffbom: x\n",
)
_scalars = st.one_of(
    st.text(max_size=30), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.booleans(), st.none(), st.sampled_from(["2024-02-30", "2016/2023", "index", "by-letter", "x-evil", "<x>",
                                               "=1+1", "2023-13", "0000", "g60-corridor", "river-city"]),
)
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=6)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in nested data a mutation can hit."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, prefix + (index,))
    return found


@st.composite
def fact_files(draw: st.DrawFn) -> str:
    """The fixture's fact file, mutated: values replaced or removed, then raw YAML features spliced in."""
    data = json.loads(json.dumps(FIXTURE_FACTS))
    if draw(st.integers(0, 11)) == 0:  # a valid variation: any printable text in every summary
        for entity in data["entities"]:
            entity["summary"] = draw(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
                                             max_size=40).filter(str.strip))
        return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()):
            parent[path[-1]] = draw(_values)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines)))
        indent = " " * draw(st.sampled_from([0, 2, 4]))
        fragment = "".join(indent + line for line in draw(st.sampled_from(RAW_FRAGMENTS)).splitlines(keepends=True))
        text = "".join(lines[:at]) + fragment + "".join(lines[at:])
    if draw(st.integers(0, 9)) == 9:
        text = draw(st.text(max_size=200))
    return text


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """An article: front matter with random keys, values and YAML features, then a text."""
    meta = {"title": "A generated article", "date": "2025-01-02"} if draw(st.booleans()) else {}
    meta.update(draw(st.dictionaries(st.sampled_from(["title", "date", "publisher", "summary", "date_note", "url",
                                                      "other"]), _values, max_size=3)))
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True) if meta else ""
    if draw(st.booleans()):
        front += draw(st.sampled_from(RAW_FRAGMENTS))
    body = draw(st.text(max_size=80))
    return draw(st.sampled_from([f"---\n{front}---\n{body}\n", f"---\n{front}{body}\n", f"{front}\n{body}"]))


@pytest.fixture(scope=shared)
def scratch() -> Iterator[Path]:
    """One project folder for every example: the fixture's articles, and the generated input written over."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-property-"))
    shutil.copytree(FIXTURE / "seeds", folder / "seeds")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _build_outcome(scratch: Path, facts: str, article: str | None) -> int:
    """Build one generated input; assert the property; return the exit code."""
    docs, generated = scratch / "docs", scratch / "seeds" / "2025-generated.txt"
    shutil.rmtree(docs, ignore_errors=True)
    generated.unlink(missing_ok=True)
    (scratch / "facts.yml").write_text(facts, encoding="utf-8", errors="surrogatepass")
    if article is not None:
        generated.write_text(article, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(cli, ["build", "--facts", str(scratch / "facts.yml"), "--seeds",
                                      str(scratch / "seeds"), "--docs", str(docs)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert (docs / "index.md").is_file()
        return 0
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1].startswith("check failed: "), result.output
    for line in lines[:-1]:
        assert LOCATED.match(line), line
    assert [p.name for p in docs.rglob("*")] in ([], [write.LOCK]), "a failed run wrote something"
    return 1


@pytest.mark.slow
def test_any_input_gives_a_site_or_located_errors(scratch: Path) -> None:
    """2,000 generated fact files and articles: each builds a site, or gives located errors and writes nothing."""
    outcomes: Counter[int] = Counter()

    @settings(max_examples=2000, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(facts=fact_files(), article=st.one_of(st.none(), st.none(), front_matters()))
    def examples(facts: str, article: str | None) -> None:
        outcomes[_build_outcome(scratch, facts, article)] += 1

    examples()
    assert sum(outcomes.values()) >= 2000
    print(f"property test: {outcomes[0]} sites built, {outcomes[1]} inputs refused")
    assert outcomes[0] >= 100 and outcomes[1] >= 1000, outcomes


def test_no_dialog_fires_and_no_injected_element_in_chromium(page, twin_sites: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    """Every page of the hostile site, and its search for the payloads, in a real browser."""
    from sitecheck import serve
    from test_browser import search_and_open

    hostile, _ = twin_sites
    url, server = serve(hostile)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        paths = sorted(p.parent.relative_to(hostile).as_posix() for p in hostile.rglob("index.html"))
        for path in paths:
            page.goto(url + ("" if path == "." else path + "/"))
            injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(el =>
                el.localName.startsWith('x-evil') || [...el.classList].some(c => c.includes('x-evil'))
                || [...el.attributes].some(a => a.name.startsWith('on'))).map(el => el.outerHTML.slice(0, 80))""")
            assert injected == [], path
        search_and_open(page, url, "x-evil")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.console_errors == []  # type: ignore[attr-defined]
    finally:
        server.shutdown()


@pytest.mark.parametrize("target", ["/etc/hostname", "/dev/zero"])
def test_an_article_that_is_a_link_is_refused_unread(project: Path, target: str) -> None:
    """A link in seeds/ would publish what it points to (a secret of the machine building the site)."""
    (project / "seeds" / "2025-leak.txt").symlink_to(target)
    assert_refused(project, "seeds/2025-leak.txt:1: is a link or a device, not a plain file")


def test_a_link_in_docs_out_of_it_is_refused(project: Path) -> None:
    (project / "docs" / "leak.txt").symlink_to("/etc/hostname")
    result = run("build")
    assert result.exit_code == 1 and "docs/leak.txt is a symbolic link that leads out of docs/" in result.output
    assert not (project / "docs" / "index.md").exists()
